"""The sandbox processor: outcomes by test account number, settlement, idempotency."""
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

import pytest

from chalicelib.integrations.payments import ProcessorTimeout
from chalicelib.services.processors import processor

NOW = datetime(2026, 3, 2, 16, 0, tzinfo=timezone.utc)
ROUTING = "125000105"


def token_for(account: str) -> str:
    return processor().tokenize_bank_account(ROUTING, account, "checking", "Pat", NOW).token


def test_a_good_account_is_pending_then_posts_after_two_days(aws):
    token = token_for("123456789")
    charge = processor().debit(token, 10000, "key-1", NOW)
    assert charge.status == "pending" and charge.amount_cents == 10000
    assert processor().status("key-1", NOW + timedelta(days=1)).status == "pending"
    assert processor().status("key-1", NOW + timedelta(days=2)).status == "posted"


def test_tokens_keep_only_the_last_four(aws):
    result = processor().tokenize_bank_account(ROUTING, "123456789", "checking", "Pat", NOW)
    assert result.last4 == "6789" and "123456789" not in result.token


@pytest.mark.parametrize("account, reason", [("55550001", "insufficient_funds"),
                                             ("55550002", "invalid_account")])
def test_test_accounts_decline_with_a_reason(aws, account, reason):
    charge = processor().debit(token_for(account), 10000, "key-d", NOW)
    assert (charge.status, charge.reason) == ("declined", reason)


def test_a_returned_payment_posts_first(aws):
    processor().debit(token_for("55550003"), 10000, "key-r", NOW)
    assert processor().status("key-r", NOW + timedelta(days=3)).status == "posted"
    later = processor().status("key-r", NOW + timedelta(days=4))
    assert (later.status, later.reason) == ("returned", "R01")


def test_a_timeout_leaves_a_charge_that_status_finds_and_a_retry_does_not_repeat(aws):
    token = token_for("55550004")
    with pytest.raises(ProcessorTimeout):
        processor().debit(token, 10000, "key-t", NOW)
    found = processor().status("key-t", NOW)
    assert found.status == "pending"
    again = processor().debit(token, 10000, "key-t", NOW)
    assert again.reference == found.reference


def test_the_same_key_charges_once_even_concurrently(atomic_dynamodb):
    token = token_for("123456789")
    with ThreadPoolExecutor(max_workers=4) as pool:
        refs = set(pool.map(lambda _: processor().debit(token, 10000, "key-c", NOW).reference,
                            range(4)))
    assert len(refs) == 1


def test_an_unknown_token_is_declined(aws):
    assert processor().debit("sbx_ba_nope", 100, "key-u", NOW).status == "declined"
