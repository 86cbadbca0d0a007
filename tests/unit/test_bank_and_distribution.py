import pytest

from chalicelib.domain import bank


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
