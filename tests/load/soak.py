"""A soak run against make run's stack on this machine (loopback only, bounded in time and
in requests): mixed traffic (sign-in, the Summary, payments that post, are returned or are
lost on the way, requests filed, messages with documents) from a few client threads while
every job runs on a fast schedule (LOCAL_JOBS=all) and payments settle in seconds. When
the traffic stops and the jobs have caught up, every invariant must hold:

- each case's per-period totals are what its ledger entries add up to, and each portal
  payment has the ledger entries its status says (posted: one; returned: two; else none);
- every email queued was sent, once (the outbox's items, all sent, are as many as SES was
  asked to send);
- no payment is pending past its window (settle time, or the no-charge window), and each
  payer's pending totals are what their pending payments add up to;
- no orphan: every logon's user, every completed idempotency key's payment, every
  attached document's record, and no idempotency key left claimed.

    python -m tests.load.soak [--minutes M] [--threads T] [--write]     (make soak)"""
from __future__ import annotations

import argparse
import itertools
import json
import platform
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import boto3
from boto3.dynamodb.conditions import Key

from chalicelib.domain import ledger
from tests.load.run import JOHN, PASSWORD, people, percentile
from tests.stack import ROOT, Api, Stack, local_stack

SETTLE, NO_CHARGE, JOB_SECONDS = 8, 6, 2  # seconds: payments settle, lost ones fail, fast
SETTINGS = {"SANDBOX_SETTLE_SECONDS": str(SETTLE), "SANDBOX_NO_CHARGE_SECONDS": str(NO_CHARGE),
            "LOCAL_JOB_SECONDS": str(JOB_SECONDS), "LOCAL_JOBS": "all"}
MAX_MINUTES = 10
CASE = "000020108"
PREFIX = "csp-local-"
# per address and hour, what the routes allow (handlers' rate=): the run stays within them
BUDGET = {"message with a document": 25}
RULES = ledger.rules_from(json.loads(
    (ROOT / "chalicelib/data/AK/distribution.json").read_text()))
ACCOUNTS = {"posts": "000123456789", "returned": "000111110003", "lost": "000111110005"}


class Traffic:
    """What the client threads do, each action a few requests as the web client makes
    them; each counts its latency and whether it answered as it should."""

    def __init__(self, stack: Stack, threads: int) -> None:
        self.stack = stack
        self.john = [Api(stack, *JOHN) for _ in range(threads)]
        self.accounts = {kind: self.john[0].call("POST", "/bank-accounts", {
            "routing_number": "125000105", "account_number": number,
            "account_type": "checking", "holder_name": "John Doe", "authorize": True}
        )["account_id"] for kind, number in ACCOUNTS.items()}
        self.logons = itertools.cycle(people(stack, threads))
        self.kinds = itertools.cycle(ACCOUNTS)
        self.lock = threading.Lock()
        self.used: Counter[str] = Counter()
        self.samples: dict[str, list[tuple[float, bool]]] = {}

    def actions(self):
        return (("sign-in (password and emailed code)", self.sign_in, 1),
                ("GET /summary and /payments", self.reads, 4),
                ("POST /payments", self.payment, 2),
                ("a request drafted, filled and submitted", self.request, 1),
                ("message with a document", self.message, 1))

    def sign_in(self, api: Api) -> bool:
        with self.lock:
            email = next(self.logons)
            before = self.stack.count(email)
            guest = Api(self.stack)
            status, challenge = guest.request("POST", "/auth/login",
                                              {"email": email, "password": PASSWORD})
            if status != 200:
                return False
            code = self.stack.code(email, since=before)
        status, _ = guest.request("POST", "/auth/login/verify", {
            "challenge_id": challenge["challenge_id"], "code": code})
        return status == 200

    def reads(self, api: Api) -> bool:
        return (api.request("GET", "/summary")[0] == 200
                and api.request("GET", "/payments")[0] == 200)

    def payment(self, api: Api) -> bool:
        with self.lock:
            kind = next(self.kinds)
        status, _ = api.request("POST", "/payments", {
            "case_id": CASE, "bank_account_id": self.accounts[kind], "amount_cents": 100},
            headers={"Idempotency-Key": f"soak-{uuid.uuid4().hex}"})
        return status == 201

    def request(self, api: Api) -> bool:
        made = api.call("POST", "/submissions", {"type": "request_statement", "case_id": CASE})
        sid = made["submission_id"]
        suggested = next(s["suggested"] for s in made["steps"] if s["id"] == "your_information")
        for step, answers in (("about", {"understood": True}), ("your_information", suggested),
                              ("statement", {"kind": "summary", "delivery": "electronic",
                                             "period": {"start": "2026-01-01",
                                                        "end": "2026-02-28"}})):
            if api.request("PUT", f"/submissions/{sid}/steps/{step}",
                           {"answers": answers})[0] != 200:
                return False
        return api.request("POST", f"/submissions/{sid}/submit")[0] == 200

    def message(self, api: Api) -> bool:
        document = api.upload("proof.pdf")
        if document is None:
            return False
        status, _ = api.request("POST", "/messages", {
            "subject": "Soak", "body": "A document for my case.", "case_id": CASE,
            "document_ids": [document]})
        return status == 201 and api.request("GET", f"/documents/{document}")[0] == 200

    def run(self, seconds: float, rounds: int) -> None:
        """Each thread goes round the actions (by their weights) until the time or the
        rounds are up; an action over its budget is left out."""
        deadline = time.monotonic() + seconds
        plan = [(name, act) for name, act, weight in self.actions() for _ in range(weight)]

        def client(i: int) -> None:
            api = self.john[i]
            for _ in range(rounds):
                for name, act in plan:
                    if time.monotonic() > deadline:
                        return
                    with self.lock:
                        if self.used[name] >= BUDGET.get(name, 10 ** 9):
                            continue
                        self.used[name] += 1
                    start = time.perf_counter()
                    try:
                        ok = act(api)
                    except Exception:  # noqa: BLE001  (counted, not fatal)
                        ok = False
                    with self.lock:
                        self.samples.setdefault(name, []).append(
                            (time.perf_counter() - start, ok))

        with ThreadPoolExecutor(max_workers=len(self.john)) as pool:
            list(pool.map(client, range(len(self.john))))


# -- the invariants, read straight from the local AWS ------------------------------------

class Tables:
    def __init__(self, stack: Stack) -> None:
        self.dynamodb = boto3.resource("dynamodb", endpoint_url=stack.aws,
                                       region_name="us-east-1", aws_access_key_id="local",
                                       aws_secret_access_key="local")

    def items(self, name: str) -> list[dict]:
        """Every item of a table (a maintenance read: the soak's own check, not the app)."""
        table, found, start = self.dynamodb.Table(PREFIX + name), [], None
        while True:
            page = table.scan(**({"ExclusiveStartKey": start} if start else {}))
            found += page["Items"]
            start = page.get("LastEvaluatedKey")
            if not start:
                return found

    def case(self, case_id: str) -> list[dict]:
        return self.dynamodb.Table(PREFIX + "cases").query(
            KeyConditionExpression=Key("case_id").eq(case_id))["Items"]


def ledger_problems(tables: Tables) -> list[str]:
    problems = []
    case_ids = {i["case_id"] for i in tables.items("cases") if i["item"] == "CASE"}
    entries: dict[str, dict[str, int]] = {}
    for case_id in sorted(case_ids):
        items = tables.case(case_id)
        case = next(i for i in items if i["item"] == "CASE")
        rows = [i for i in items if i["item"].startswith("LEDGER#")]
        entries[case_id] = {r["item"]: int(r["amount_cents"]) for r in rows}
        spells = tuple(ledger.Assistance(date.fromisoformat(a["start"]),
                                         date.fromisoformat(a["end"]) if a.get("end") else None)
                       for a in case.get("assistance") or [])
        book, _ = ledger.replay(
            [ledger.Entry(r["item"], date.fromisoformat(r["on"]), r["kind"],
                          int(r["amount_cents"]), r.get("source"), r.get("owner"),
                          r.get("reverses")) for r in rows],
            ledger.Case(ledger.LABELS.get(case.get("case_type", ""), "never"), spells),
            *RULES)
        if book != ledger.Book.from_json(case.get("book")):
            problems.append(f"case {case_id}: its book is not its ledger's")
    for p in tables.items("payments"):
        if not p.get("case_id"):
            continue
        mine = entries.get(p["case_id"], {})
        base = f"LEDGER#portal-{p['payment_id']}"
        want = {"posted": [base], "returned": [base, f"{base}-returned"]}.get(p["status"], [])
        have = sorted(k for k in mine if k == base or k == f"{base}-returned")
        if have != sorted(want):
            problems.append(f"payment {p['payment_id']} ({p['status']}): ledger has {have}")
    return problems


def mail_problems(tables: Tables, stack: Stack) -> list[str]:
    items = tables.items("outbox")
    work = [m for m in items if m["mail_id"].startswith("work-")]  # services/public_work.py
    mail = [m for m in items if not m["mail_id"].startswith("work-")]
    statuses = Counter(m["status"] for m in mail)
    problems = [f"{n} email(s) {status}" for status, n in statuses.items() if status != "sent"]
    problems += [f"{n} public request(s) whose work is {status}" for status, n in
                 Counter(m["status"] for m in work).items() if status != "sent"]
    sent = len(stack.mailbox())
    if sent != len(mail):
        problems.append(f"{len(mail)} emails queued, {sent} sent")
    return problems


def payment_problems(tables: Tables, now: datetime) -> list[str]:
    """A payment whose status is behind the processor's (the sandbox's own records) for
    longer than the settlement job takes to notice: pending past its settle time, posted
    past its return, or pending with no charge past the no-charge window."""
    slack = timedelta(seconds=4 * JOB_SECONDS + 5)
    charges = {c["key"].removeprefix("CHARGE#"): c for c in tables.items("sandbox-processor")
               if c["key"].startswith("CHARGE#")}
    problems = []
    for p in tables.items("payments"):
        age = now - _time(p["created_at"])
        charge = charges.get(p["processor_key"])
        if charge is None:
            expected, due = "failed", timedelta(seconds=NO_CHARGE)
        elif charge["outcome"].startswith("return:"):
            expected, due = "returned", timedelta(seconds=2 * SETTLE)
        else:
            expected, due = "posted", timedelta(seconds=SETTLE)
        if age > due + slack and p["status"] != expected:
            problems.append(f"payment {p['payment_id']} is {p['status']} after {age}, "
                            f"not {expected}")
    return problems + pending_total_problems(tables)


def pending_total_problems(tables: Tables) -> list[str]:
    """Each payer's pending totals (dal/payments.py) are the sum of their pending
    payments, on each case, on all their cases and on each fee account."""
    expected: Counter = Counter()
    for p in tables.items("payments"):
        if p["status"] == "pending" and p.get("counted"):
            what = (f"fee#{p['fee_account']}" if p.get("fee_account") else "cases"
                    if p.get("case_ids") else f"case#{p['case_id']}")
            expected[f"pending#{p['user_id']}#{what}"] += int(p["amount_cents"])
    kept = {c["name"]: int(c["value"]) for c in tables.items("counters")
            if c["name"].startswith("pending#")}
    return [f"{name}: {kept.get(name, 0)} kept, {expected[name]} pending"
            for name in sorted(set(kept) | set(expected)) if kept.get(name, 0) != expected[name]]


def orphan_problems(tables: Tables, now: datetime) -> list[str]:
    problems = []
    users = {u["user_id"] for u in tables.items("users")}
    problems += [f"logon {login['email']} has no user" for login in tables.items("logins")
                 if login["user_id"] not in users]
    payments = {p["payment_id"] for p in tables.items("payments")}
    for key in tables.items("idempotency"):
        if key["status"] == "done" and key.get("result_id") not in payments:
            problems.append("a completed idempotency key names no payment")
        if key["status"] == "in_progress" and now - _time(key["created_at"]) > timedelta(
                minutes=1):
            problems.append("an idempotency key left claimed")
    threads = {(m["user_id"], m["item"]) for m in tables.items("messages")}
    submissions = {(s["user_id"], s["submission_id"]) for s in tables.items("submissions")}
    for d in tables.items("documents"):
        kind, _, rest = (d.get("attached_to") or "").partition(":")
        who, _, record = rest.partition(":")
        if (kind == "message" and (who, f"T#{record}") not in threads) or (
                kind == "submission" and (who, record) not in submissions):
            problems.append(f"document {d['document_id']} is attached to nothing")
    return problems


def _time(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%f%z")


def settled(stack: Stack, limit: float) -> list[str]:
    """Waits (at most `limit` seconds) for the jobs and the mail worker to catch up; the
    problems left then."""
    tables = Tables(stack)
    deadline = time.monotonic() + limit
    while True:
        now = datetime.now(timezone.utc)
        problems = (ledger_problems(tables) + mail_problems(tables, stack)
                    + payment_problems(tables, now) + orphan_problems(tables, now))
        # until every payment has had the time to reach its end
        youngest = max((_time(p["created_at"]) for p in tables.items("payments")),
                       default=now - timedelta(days=1))
        waiting = now - youngest < timedelta(seconds=2 * SETTLE + 4 * JOB_SECONDS + 6)
        if (not problems and not waiting) or time.monotonic() > deadline:
            return problems
        time.sleep(JOB_SECONDS)


def soak(stack: Stack, seconds: float, threads: int, rounds: int = 10 ** 6) -> dict:
    traffic = Traffic(stack, threads)
    start = time.perf_counter()
    traffic.run(seconds, rounds)
    elapsed = time.perf_counter() - start
    problems = settled(stack, limit=2 * SETTLE + NO_CHARGE + 10 * JOB_SECONDS + 20)
    statuses = Counter(p["status"] for p in Tables(stack).items("payments"))
    rows = []
    for name, _, _ in traffic.actions():
        samples = traffic.samples.get(name, [])
        latencies = sorted(s for s, _ in samples) or [0.0]
        rows.append({"name": name, "count": len(samples),
                     "errors": sum(not ok for _, ok in samples),
                     "p50": percentile(latencies, 50), "p99": percentile(latencies, 99),
                     "max": latencies[-1]})
    return {"seconds": elapsed, "threads": threads, "rows": rows, "problems": problems,
            "payments": dict(statuses), "emails": len(stack.mailbox())}


def report(result: dict) -> str:
    lines = [f"Measured {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC on {platform.machine()}, "
             f"Python {platform.python_version()}: {result['seconds']:.0f} s of traffic from "
             f"{result['threads']} client threads, every job every {JOB_SECONDS} s, payments "
             f"settling after {SETTLE} s (returns after {2 * SETTLE} s, lost requests failed "
             f"after {NO_CHARGE} s).", "",
             "| traffic | done | errors | p50 ms | p99 ms | max ms |", "| --- | --- | --- | --- | --- | --- |"]
    for r in result["rows"]:
        lines.append(f"| {r['name']} | {r['count']} | {r['errors']} | {r['p50'] * 1000:.0f} | "
                     f"{r['p99'] * 1000:.0f} | {r['max'] * 1000:.0f} |")
    lines += ["", f"Afterwards: payments {dict(sorted(result['payments'].items()))}; "
                  f"{result['emails']} emails, each sent once; invariants: "
                  + ("all held." if not result["problems"] else
                     "BROKEN: " + "; ".join(result["problems"][:10]))]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=5)
    parser.add_argument("--threads", type=int, default=3)
    parser.add_argument("--write", action="store_true", help="keep the figures in docs/load.md")
    args = parser.parse_args()
    minutes = min(args.minutes, MAX_MINUTES)
    with tempfile.TemporaryDirectory() as logs, local_stack(Path(logs), SETTINGS) as stack:
        result = soak(stack, minutes * 60, args.threads)
    text = report(result)
    print(text)
    if args.write:
        path = ROOT / "docs" / "load.md"
        kept = path.read_text().split("\n## Soak\n")[0].rstrip("\n")
        path.write_text(f"{kept}\n\n## Soak\n\nWritten by `make soak` (tests/load/soak.py).\n\n"
                        f"{text}\n")
    failed = result["problems"] or any(r["errors"] for r in result["rows"])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
