"""make bench's own time per request (tests/bench/own_time.py): the requests it times
succeed, and what it counts as the portal's own is what is left outside the AWS calls."""
import botocore.client

from tests.bench import own_time


def test_the_portals_own_time_is_a_request_less_its_aws_calls(client, outbox, monkeypatch):
    original = botocore.client.BaseClient._make_api_call
    monkeypatch.setattr(own_time, "RUNS", 1)
    measured = own_time.measure(client, outbox)
    assert set(measured) == {"sign-in: password", "sign-in: emailed code", "GET /summary",
                             "POST /payments"}
    assert all(0 < mine < total for total, mine in measured.values())
    assert botocore.client.BaseClient._make_api_call is original  # put back
