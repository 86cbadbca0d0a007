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


@pytest.mark.parametrize("number,ok", [("4111111111111111", True), ("5555555555554444", True),
                                       ("378282246310005", True), ("4111111111111112", False),
                                       ("411111111111", False), ("4111-1111-1111-1111", False),
                                       ("79927398713", False), ("6011111111111117", True)])
def test_card_numbers_pass_the_luhn_check(number, ok):
    assert bank.valid_card_number(number) is ok


def test_card_brands_and_expiry():
    from datetime import date

    assert bank.card_brand("4111111111111111") == "visa"
    assert bank.card_brand("378282246310005") == "amex"
    assert bank.card_brand("6011111111111117") == "discover"
    assert bank.brand_name("amex") == "American Express"
    assert not bank.card_expired(3, 2026, date(2026, 3, 31))
    assert bank.card_expired(2, 2026, date(2026, 3, 1))
