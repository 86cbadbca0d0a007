"""NACHA files (NACHA Operating Rules, Appendix One: record formats), held to an
independent implementation: moov-io/ach's sample files (tests/unit/data/nacha/) are
written again byte for byte from their contents, and their returns and notifications of
change are read."""
from datetime import date, datetime
from pathlib import Path

import pytest

from chalicelib.domain import nacha

DATA = Path(__file__).with_name("data") / "nacha"
MOOV_ORIGIN = nacha.Origin(destination="031300012", destination_name="Federal Reserve Bank",
                           origin="0231380104", origin_name="My Bank Name",
                           company_name="Name on Account", company_id="231380104",
                           odfi="12104288")


def test_a_file_moov_io_wrote_is_written_again_byte_for_byte():
    """examples/testdata/ppd-debit.ach: one PPD batch of one checking debit."""
    entry = nacha.Entry(transaction_code="27", routing="231380104", account="123456789",
                        amount_cents=200000000, individual_id="", name="Debit Account",
                        trace="121042880000001")
    batch = nacha.Batch(sec="PPD", effective=date(2019, 8, 16), description="REG.SALARY",
                        entries=(entry,), number=1)
    made = nacha.write(MOOV_ORIGIN, [batch], datetime(2019, 8, 16, 10, 55),
                       reference="12345678")
    assert made.rstrip("\n") == (DATA / "ppd-debit.ach").read_text().rstrip("\n")


def test_every_record_is_94_characters_and_the_file_is_blocked_by_ten():
    entries = tuple(nacha.Entry(
        transaction_code="27" if i % 2 else "37", routing=routing, account=f"{i:09d}",
        amount_cents=1000 + i, individual_id=f"PAY{i:012d}", name="ROE PAT",
        trace=f"12104288{i:07d}", discretionary="S") for i, routing in enumerate(
            ["231380104", "021000021", "011000015"] * 4, 1))
    batches = [nacha.Batch("WEB", date(2026, 12, 8), "CHILD SUPP", entries[:7], 1),
               nacha.Batch("WEB", date(2026, 12, 9), "CHILD SUPP", entries[7:], 2)]
    text = nacha.write(MOOV_ORIGIN, batches, datetime(2026, 12, 7, 18, 0))
    lines = text.rstrip("\n").split("\n")
    assert all(len(line) == 94 for line in lines) and len(lines) % 10 == 0
    control = next(line for line in lines if line.startswith("9") and line != "9" * 94)
    # batch count, block count, entry count, entry hash, total debits, total credits
    assert control[1:7] == "000002" and control[7:13] == f"{len(lines) // 10:06d}"
    assert int(control[13:21]) == 12
    assert int(control[21:31]) == nacha.entry_hash([e.routing for e in entries])
    assert int(control[31:43]) == sum(e.amount_cents for e in entries)
    assert int(control[43:55]) == 0
    batch_controls = [line for line in lines if line.startswith("8")]
    assert [int(b[20:32]) for b in batch_controls] == [
        sum(e.amount_cents for e in entries[:7]), sum(e.amount_cents for e in entries[7:])]
    assert nacha.records(text)[0].startswith("101")  # and it reads back


def test_the_entry_hash_keeps_its_rightmost_ten_digits():
    assert nacha.entry_hash(["231380104", "021000021"]) == 23138010 + 2100002
    assert nacha.entry_hash(["999999999"] * 200) == (99999999 * 200) % 10**10


def test_returns_are_read_from_the_banks_file():
    """test/testdata/return-WEB.ach: an R01 and an R03, each with its original trace."""
    found = nacha.returns((DATA / "return-WEB.ach").read_text())
    assert [(r.code, r.trace, r.amount_cents) for r in found] == [
        ("R01", "091400600000001", 12354), ("R03", "091400600000003", 4565)]
    assert found[0].individual_id == "MjMxNDAwMjAtOGQ"


def test_a_notice_of_change_carries_the_corrected_data():
    """examples/testdata/cor-read.ach: a C01 (the account number) and its new number."""
    (change,) = nacha.returns((DATA / "cor-read.ach").read_text())
    assert (change.code, change.trace, change.corrected) == (
        "C01", "121042880000001", "1918171614")


def test_a_record_of_the_wrong_length_is_refused():
    with pytest.raises(ValueError, match="record 2"):
        nacha.records("1" * 94 + "\n" + "5" * 93 + "\n")
