"""A large state's case data as JSON Lines, made up and deterministic, for the first
load's figures (make bench loads a sample of it) and for trying `load_cases` at a state's
size, out of the repository:

    python -m tests.bench.state_file /tmp/state.jsonl               # 1.5 M participants
    python -m chalicelib.tools.load_cases /tmp/state.jsonl --check  # or load it

Each case has two participants with member records (the obligor and the obligee) and one
or two children named on it; its records, grouped as an agency's extract groups them: the
two members, the case, a year of ledger (a charge and a payment each month for a third
of the cases, three months for the rest) and, for one case in four, a case action."""
from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path
from typing import Iterator

PARTICIPANTS = 1_500_000
FIRST = ["JAMIE", "ALEX", "JORDAN", "TAYLOR", "MORGAN", "CASEY", "RILEY", "AVERY"]
LAST = ["SMITH", "JOHNSON", "WILLIAMS", "BROWN", "JONES", "GARCIA", "MILLER", "DAVIS"]


def _ssn(n: int) -> str:
    """A valid, unique SSN for member n (area 100 and up, never 000/666/9xx)."""
    serial, rest = n % 9999 + 1, n // 9999
    return f"{100 + rest // 99:03d}-{rest % 99 + 1:02d}-{serial:04d}"


def _member(n: int) -> dict:
    return {"type": "member", "member_id": f"{10_000_000 + n}", "first_name": FIRST[n % 8],
            "last_name": LAST[n // 8 % 8], "date_of_birth": f"{1970 + n % 30}-{n % 12 + 1:02d}-"
            f"{n % 28 + 1:02d}", "ssn": _ssn(n), "email": f"parent{n}@example.com",
            "mailing_address": {"line1": f"{n % 9000 + 100} Main St", "city": "Juneau",
                                "state": "AK", "zip": f"{99801 + n % 50}"}}


def case_records(k: int) -> Iterator[dict]:
    """Case k's records: its members, the case, its ledger, perhaps an action."""
    obligor, obligee = 2 * k, 2 * k + 1
    case_id = f"{100_000_000 + k}"
    yield _member(obligor)
    yield _member(obligee)
    children = [{"member_id": f"{50_000_000 + 2 * k + i}", "role": "child",
                 "name": f"CHILD {LAST[k % 8]}"} for i in range(1 + k % 2)]
    monthly = 20_000 + (k % 40) * 2_500
    yield {"type": "case", "case_id": case_id, "case_type": "Never Assistance IV-D",
           "status": "active", "payment_method": "self_paid" if k % 3 else "income_withholding",
           "participants": [{"member_id": f"{10_000_000 + obligor}", "role": "obligor",
                             "name": f"{FIRST[obligor % 8]} {LAST[obligor // 8 % 8]}"},
                            {"member_id": f"{10_000_000 + obligee}", "role": "obligee",
                             "name": f"{FIRST[obligee % 8]} {LAST[obligee // 8 % 8]}"},
                            *children],
           "obligation": {"monthly_support_cents": monthly, "due_day": 1 + k % 28,
                          "start": "2025-01-01"},
           "order_history": [{"effective": "2025-01-01", "description": "Support order"}]}
    for month in range(1, 13 if k % 3 == 0 else 4):
        day = f"2025-{month:02d}-01"
        yield {"type": "ledger", "case_id": case_id, "entry_id": f"chg-{month}", "on": day,
               "kind": "charge", "amount_cents": monthly, "description": "Monthly support"}
        yield {"type": "ledger", "case_id": case_id, "entry_id": f"pay-{month}", "on": day,
               "kind": "payment", "amount_cents": monthly - (k % 5) * 1_000,
               "description": "Payment received", "source": "check"}
    if k % 4 == 0:
        yield {"type": "action", "case_id": case_id, "action_id": "review",
               "on": "2025-06-01", "description": "Review of the order started"}


def total(participants: int = PARTICIPANTS) -> int:
    """How many records the whole file holds (without making them)."""
    return sum(3 + 2 * (12 if k % 3 == 0 else 3) + (k % 4 == 0)
               for k in range(participants // 2))


def records(participants: int = PARTICIPANTS) -> Iterator[dict]:
    for k in range(participants // 2):
        yield from case_records(k)


def write(path: Path, participants: int = PARTICIPANTS, limit: int | None = None) -> int:
    """Writes the file (the first `limit` records of it); how many records it holds."""
    count = 0
    with path.open("w") as f:
        for record in itertools.islice(records(participants), limit):
            f.write(json.dumps(record, separators=(",", ":")) + "\n")
            count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--participants", type=int, default=PARTICIPANTS)
    parser.add_argument("--records", type=int, help="only the first this many records")
    args = parser.parse_args(argv)
    count = write(args.path, args.participants, args.records)
    print(f"{count:,} records, {args.path.stat().st_size / 1e6:,.0f} MB: {args.path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
