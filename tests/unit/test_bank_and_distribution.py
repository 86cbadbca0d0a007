import pytest

from chalicelib.domain import bank
from chalicelib.domain.ledger import PeriodTotal, allocate_payment


@pytest.mark.parametrize("routing", ["125000105", "021000021", "011000015", "322271627"])
def test_real_routing_numbers_pass(routing):
    assert bank.valid_routing_number(routing)


@pytest.mark.parametrize("routing", ["125000106", "12500010", "1250001055", "abcdefghi",
                                     "000000000", "991000021"])
def test_bad_routing_numbers_fail(routing):
    assert not bank.valid_routing_number(routing)


def test_account_numbers_have_4_to_17_digits():
    assert bank.valid_account_number("1234") and bank.valid_account_number("1" * 17)
    assert not bank.valid_account_number("123") and not bank.valid_account_number("1" * 18)
    assert not bank.valid_account_number("12-34")


def test_a_payment_goes_to_this_month_then_the_oldest_arrears():
    periods = {"2026-01": PeriodTotal(40000, 0), "2026-02": PeriodTotal(40000, 10000),
               "2026-03": PeriodTotal(40000, 0)}
    applied, credit = allocate_payment(periods, "2026-03", 100000)
    assert applied == [("2026-03", 40000), ("2026-01", 40000), ("2026-02", 20000)]
    assert credit == 0


def test_more_than_is_owed_leaves_a_credit():
    applied, credit = allocate_payment({"2026-03": PeriodTotal(500, 0)}, "2026-03", 800)
    assert applied == [("2026-03", 500)] and credit == 300


def test_the_alaska_example_100_on_800_arrears():
    applied, credit = allocate_payment({"2025-04": PeriodTotal(40000, 0),
                                        "2025-05": PeriodTotal(40000, 0)}, "2026-11", 10000)
    assert applied == [("2025-04", 10000)] and credit == 0
