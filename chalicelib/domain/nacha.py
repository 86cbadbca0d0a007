"""NACHA files (the ACH network's format, NACHA Operating Rules, Appendix One): what the
agency sends its bank (the ODFI) to debit parents' accounts, and what the bank sends
back (returns, notices of change). Pure: text in, records out, and the reverse.

A file is lines of 94 characters: a file header (1), batches (a header 5, entries 6,
each perhaps with an addenda 7, a control 8), a file control (9), then lines of nines
up to a multiple of ten ("blocking factor 10"). Amounts are whole cents. The entry hash
is the sum of the entries' receiving banks' 8-digit routing numbers, its rightmost ten
digits."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

RECORD = 94
BLOCK = 10
DEBITS_ONLY = "225"  # service class code: the agency only collects
# transaction codes (Appendix One, 6 record, field 2)
CHECKING_DEBIT, CHECKING_PRENOTE = "27", "28"
SAVINGS_DEBIT, SAVINGS_PRENOTE = "37", "38"
DEBIT_CODES = {"checking": CHECKING_DEBIT, "savings": SAVINGS_DEBIT}
PRENOTE_CODES = {"checking": CHECKING_PRENOTE, "savings": SAVINGS_PRENOTE}


@dataclass(frozen=True)
class Origin:
    """Who sends the file and to whom: the agency's bank's settings (the state's data)."""
    destination: str  # the ODFI's (or its operator's) routing number, 9 digits
    destination_name: str
    origin: str  # the agency's company identification as its bank assigned, 10 at most
    origin_name: str
    company_name: str  # in each batch header (16)
    company_id: str  # 10
    odfi: str  # the ODFI's routing number's first 8 digits, in batch headers and traces


@dataclass(frozen=True)
class Entry:
    transaction_code: str  # 27, 28, 37, 38
    routing: str  # the receiving bank's routing number, 9 digits (the 9th its check digit)
    account: str  # 17 at most
    amount_cents: int
    individual_id: str  # the agency's reference: the payment's (15 at most)
    name: str  # the account holder (22 at most)
    trace: str  # the ODFI's 8 digits then a sequence of 7
    discretionary: str = ""  # WEB: "S" single or "R" recurring


@dataclass(frozen=True)
class Batch:
    sec: str  # WEB, PPD
    effective: date
    description: str  # the company entry description the parent's statement shows (10)
    entries: tuple[Entry, ...]
    number: int


@dataclass(frozen=True)
class Return:
    """A returned entry or a notification of change, from the bank's file (an entry
    with its 99 or 98 addenda)."""
    trace: str  # the original entry's trace number
    code: str  # R01... or C01...
    amount_cents: int
    corrected: str = ""  # a notice of change's corrected data
    individual_id: str = ""


@dataclass
class _Totals:
    count: int = 0
    hash: int = 0
    debits: int = 0
    credits: int = 0
    batches: int = 0


def entry_hash(routings: list[str]) -> int:
    """The sum of the receiving banks' 8-digit routing numbers, its rightmost ten digits."""
    return sum(int(r[:8]) for r in routings) % 10**10


def _a(value: str, width: int) -> str:
    """An alphanumeric field: left-justified, space-filled, cut to width (the rail puts
    names in upper case before they get here: some banks take nothing else)."""
    return str(value)[:width].ljust(width)


def _n(value: int, width: int) -> str:
    """A numeric field: right-justified, zero-filled."""
    text = str(int(value))
    if len(text) > width:
        raise ValueError(f"{value} does not fit {width} digits")
    return text.rjust(width, "0")


def _routing_field(routing: str) -> str:
    return " " + routing  # b + 9 digits, as the header's immediate destination and origin


def write(origin: Origin, batches: list[Batch], created: datetime, modifier: str = "A",
          reference: str = "") -> str:
    """The file, each line 94 characters, blocked to ten lines with nines."""
    lines = [_file_header(origin, created, modifier, reference)]
    totals = _Totals()
    for batch in batches:
        lines += _batch(origin, batch, totals)
    blocks = -(-(len(lines) + 1) // BLOCK)
    lines.append("9" + _n(totals.batches, 6) + _n(blocks, 6) + _n(totals.count, 8)
                 + _n(totals.hash, 10) + _n(totals.debits, 12) + _n(totals.credits, 12)
                 + " " * 39)
    lines += ["9" * RECORD] * (blocks * BLOCK - len(lines))
    if any(len(line) != RECORD for line in lines):  # a field wider than its place
        raise ValueError("a record is not 94 characters")
    return "\n".join(lines) + "\n"


def _file_header(origin: Origin, created: datetime, modifier: str, reference: str) -> str:
    return ("1" + "01" + _routing_field(origin.destination) + _origin_field(origin.origin)
            + created.strftime("%y%m%d%H%M") + _a(modifier, 1) + "094" + "10" + "1"
            + _a(origin.destination_name, 23) + _a(origin.origin_name, 23)
            + _a(reference, 8))


def _origin_field(value: str) -> str:
    """The immediate origin: a routing number as b+9 digits, or a 10-character id."""
    return (_routing_field(value) if len(value) == 9 and value.isascii() and value.isdigit()
            else _a(value, 10))


def _batch(origin: Origin, batch: Batch, totals: _Totals) -> list[str]:
    number = _n(batch.number, 7)
    header = ("5" + DEBITS_ONLY + _a(origin.company_name, 16) + " " * 20
              + _a(origin.company_id, 10) + _a(batch.sec, 3) + _a(batch.description, 10)
              + " " * 6 + batch.effective.strftime("%y%m%d") + " " * 3 + "1"
              + _n(int(origin.odfi), 8) + number)
    lines = [header]
    debits = 0
    for entry in batch.entries:
        lines.append("6" + entry.transaction_code + entry.routing[:8] + entry.routing[8]
                     + _a(entry.account, 17) + _n(entry.amount_cents, 10)
                     + _a(entry.individual_id, 15) + _a(entry.name, 22)
                     + _a(entry.discretionary, 2) + "0" + _n(int(entry.trace), 15))
        debits += entry.amount_cents
    hashed = entry_hash([e.routing for e in batch.entries])
    lines.append("8" + DEBITS_ONLY + _n(len(batch.entries), 6) + _n(hashed, 10)
                 + _n(debits, 12) + _n(0, 12) + _a(origin.company_id, 10) + " " * 19
                 + " " * 6 + _n(int(origin.odfi), 8) + number)
    totals.batches += 1
    totals.count += len(batch.entries)
    totals.hash = (totals.hash + hashed) % 10**10
    totals.debits += debits
    return lines


def records(text: str) -> list[str]:
    """The file's records, checked for length; the blocking nines left out."""
    lines = [line.rstrip("\r") for line in text.split("\n") if line.strip("\r")]
    for number, line in enumerate(lines, 1):
        if len(line) != RECORD:
            raise ValueError(f"record {number} is {len(line)} characters, not {RECORD}")
    return [line for line in lines if line != "9" * RECORD]


def returns(text: str) -> list[Return]:
    """The returns and notifications of change in a file the bank sent: each entry (6)
    followed by its addenda (7, type 99 a return, 98 a notice of change)."""
    found: list[Return] = []
    lines = records(text)
    for at, line in enumerate(lines):
        if line[0] != "7" or line[1:3] not in ("99", "98"):
            continue
        entry = lines[at - 1]
        if entry[0] != "6":
            raise ValueError(f"record {at + 1}: an addenda without its entry")
        code = line[3:6]
        original_trace = line[6:21]
        corrected = line[35:64].strip() if line[1:3] == "98" else ""
        found.append(Return(trace=original_trace, code=code,
                            amount_cents=int(entry[29:39]), corrected=corrected,
                            individual_id=entry[39:54].strip()))
    return found
