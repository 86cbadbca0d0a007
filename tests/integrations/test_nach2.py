"""Every kind of file the ACH rail writes, held to an independent implementation: nach2
(npm, run with Node; a dev dependency of web/package.json) writes the same file from
the same header, batches and entries, computing on its own the records' widths and
padding, the batch and file controls (counts, entry hash, totals), the block count and
the nines that fill the last block, and checking routing numbers' check digits and
fields' types as it goes. The two must agree byte for byte."""
from __future__ import annotations

import json
import shutil

# Node runs a fixed script of the repository's (bandit B404)
import subprocess  # nosec B404
from datetime import date
from pathlib import Path

from chalicelib.domain import nacha
from chalicelib.services import autopay, bank_accounts, paper_debits
from tests.services.conftest import (  # noqa: F401  (fixtures)
    CASE,
    NOW,
    OBLIGOR,
    obligor,
    roe_case,
)
from tests.services.test_ach_rail import (  # noqa: F401  (fixtures)
    Answer,
    at,
    bank_answers,
    no_prenote,
    pay,
    rail_with,
    send,
)

SCRIPT = Path(__file__).with_name("nach2_file.js")
NODE = shutil.which("node") or "node"


def nach2_writes(text: str) -> str:
    """The file nach2 writes from what `text` says (its header's fields, each batch's
    and each entry's), not from its controls."""
    records = nacha.records(text)
    header, first = records[0], next(r for r in records if r[0] == "5")
    spec: dict = {
        "destination": header[4:13], "origin": header[13:23].strip(),
        "created_date": header[23:29], "created_time": header[29:33], "modifier": header[33],
        "destination_name": header[40:63].strip(), "origin_name": header[63:86].strip(),
        "reference": header[86:94].strip(), "company_name": first[4:20].strip(),
        "company_id": first[40:50].strip(), "odfi": first[79:87], "batches": []}
    for record in records[1:]:
        if record[0] == "5":
            effective = f"20{record[69:71]}-{record[71:73]}-{record[73:75]}"
            spec["batches"].append({"sec": record[50:53], "description": record[53:63].strip(),
                                    "effective": effective, "entries": []})
        elif record[0] == "6":
            spec["batches"][-1]["entries"].append({
                "code": record[1:3], "routing": record[3:12], "account": record[12:29].strip(),
                "amount_cents": int(record[29:39]), "id": record[39:54].strip(),
                "name": record[54:76].strip(), "discretionary": record[76:78].strip(),
                "trace": record[79:94]})
    done = subprocess.run([NODE, str(SCRIPT)], input=json.dumps(spec), capture_output=True,
                          text=True, timeout=60, check=False)  # nosec B603
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_rails_files_are_the_files_nach2_writes(rail_with, obligor):  # noqa: F811
    """A day of prenotes (a checking and a savings account), a day of single, recurring
    and paper-authorized (PPD) debits, and a day with a re-presentment in its own batch."""
    rules = rail_with()
    checking = bank_accounts.add(obligor, "091000019", "000123456789", "checking",
                                 "Rae Roe", None, NOW)
    savings = bank_accounts.add(obligor, "011000015", "99887766", "savings", "Rae Roe", None,
                                NOW)
    pay(obligor, checking)
    schedule = autopay.create(obligor, CASE, savings.account_id, 15000, 6, date(2026, 3, 6),
                              None, NOW)
    _, prenotes = send(rules, date(2026, 3, 2))
    assert len([r for r in nacha.records(prenotes) if r[0] == "6"]) == 2
    assert nach2_writes(prenotes) == prenotes
    monthly = autopay.run(schedule, date(2026, 3, 6), at(date(2026, 3, 6)))
    paper_debits.take(OBLIGOR["member_id"], paper_debits.Form(
        CASE, "091000019", "44556677", "checking", "Rae Roe", 7500, date(2026, 3, 5),
        "FORM-7"), "staff-1", at(date(2026, 3, 6)))
    _, debits = send(rules, date(2026, 3, 6))
    assert sorted(r[50:53] for r in nacha.records(debits) if r[0] == "5") == ["PPD", "WEB"]
    assert nach2_writes(debits) == debits
    bank_answers(date(2026, 3, 6), {monthly.reference: Answer("R01")}, at(date(2026, 3, 10)))
    pay(obligor, checking, now=at(date(2026, 3, 10)), key="key-tuesday")
    _, mixed = send(rules, date(2026, 3, 10))
    assert [r[53:63] for r in nacha.records(mixed) if r[0] == "5"] == [
        "CHILD SUPP", "RETRY PYMT"]
    assert nach2_writes(mixed) == mixed
