"""Return and change codes (NACHA Operating Rules, Appendix Four and Five; 2.12.4 on
reinitiation), with the sample notice of change of moov-io/ach (cor-read.ach: C01)."""
from pathlib import Path

import pytest

from chalicelib.domain import ach_codes, nacha

DATA = Path(__file__).with_name("data") / "nacha"


@pytest.mark.parametrize("code", ["R02", "R03", "R04", "R12", "R14", "R15", "R16", "R20"])
def test_a_return_that_says_the_account_is_not_usable_blocks_it(code):
    found = ach_codes.return_code(code)
    assert found.blocks_account and not found.reinitiate and not found.unauthorized


@pytest.mark.parametrize("code", ["R05", "R07", "R10", "R29", "R51"])
def test_an_unauthorized_return_stops_the_authorization_and_blocks_the_account(code):
    found = ach_codes.return_code(code)
    assert found.unauthorized and found.blocks_account and not found.reinitiate


def test_r11_stops_the_authorization_but_keeps_the_account():
    """R11: the debit broke its authorization's terms; a corrected one may be sent on a
    new authorization, from the same account."""
    found = ach_codes.return_code("R11")
    assert found.unauthorized and not found.blocks_account


@pytest.mark.parametrize("code", ["R01", "R09"])
def test_insufficient_or_uncollected_funds_may_be_presented_twice_more_within_180_days(code):
    """2.12.4: at most two reinitiations, within 180 days of the original settlement."""
    assert ach_codes.may_reinitiate(code, presented=1, days_since_settlement=3)
    assert ach_codes.may_reinitiate(code, presented=2, days_since_settlement=40)
    assert not ach_codes.may_reinitiate(code, presented=3, days_since_settlement=40)
    assert not ach_codes.may_reinitiate(code, presented=1, days_since_settlement=181)


def test_no_other_return_is_presented_again_and_an_unknown_one_is_kept_as_received():
    assert not ach_codes.may_reinitiate("R02", presented=1, days_since_settlement=1)
    unknown = ach_codes.return_code("R85")
    assert unknown.code == "R85" and not unknown.blocks_account and not unknown.reinitiate


def test_the_change_moov_io_sent_corrects_the_account_number():
    (notice,) = nacha.returns((DATA / "cor-read.ach").read_text())
    assert ach_codes.change(notice.code, notice.corrected) == ach_codes.Change(
        account="1918171614")


@pytest.mark.parametrize(("code", "data", "expected"), [
    ("C02", "021000021", {"routing": "021000021"}),
    ("C03", "021000021 987654321", {"routing": "021000021", "account": "987654321"}),
    ("C05", "37", {"account_type": "savings"}),
    ("C06", "987654321        27", {"account": "987654321", "account_type": "checking"}),
    ("C07", "021000021987654321        32",
     {"routing": "021000021", "account": "987654321", "account_type": "savings"}),
])
def test_each_change_of_the_saved_account_is_read_from_its_layout(code, data, expected):
    assert ach_codes.change(code, data) == ach_codes.Change(**expected)


@pytest.mark.parametrize(("code", "data"), [("C02", "02100002"), ("C05", "99"),
                                            ("C09", "NEW ID"), ("C02", "\u0660" * 9)])
def test_a_change_that_does_not_fit_is_refused(code, data):
    with pytest.raises(ValueError):
        ach_codes.change(code, data)
