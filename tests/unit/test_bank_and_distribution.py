import pytest
from hypothesis import example, given
from hypothesis import strategies as st

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


@given(st.from_regex(r"\A[0-9]{9}\Z"))
@example("021000021")
@example("322271627")
@example("991000021")  # a right checksum, no routing symbol
@example("000000000")
def test_the_routing_checksum_is_python_stdnums(routing):
    """domain/bank.py's ABA checksum agrees with python-stdnum's (stdnum.us.rtn), which
    does not check the Federal Reserve routing symbol of the first two digits."""
    from stdnum.us import rtn

    prefix = int(routing[:2])
    symbol = prefix <= 12 or 21 <= prefix <= 32 or 61 <= prefix <= 72 or prefix == 80
    expected = rtn.is_valid(routing) and symbol and routing != "000000000"
    assert bank.valid_routing_number(routing) == expected


def test_only_ascii_digits_are_digits():
    """Found by the check against python-stdnum: Python's \\d matches every script's
    digits, so "00000000\u09e6" (a Bengali zero last) passed as a routing number and
    would have gone into a NACHA file."""
    from chalicelib.domain import contact, identity

    assert not bank.valid_routing_number("00000000\u09e6")
    assert not bank.valid_account_number("\u0661\u0662\u0663\u0664")
    assert not contact.valid_zip("\u0669\u0669\u0665\u0660\u0661")
    assert identity.ssn_digits("\u0661\u0662\u0663-45-6789") is None
