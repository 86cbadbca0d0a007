"""Parallel duplicate registrations create exactly one logon."""
from concurrent.futures import ThreadPoolExecutor

from chalicelib.dal import users
from tests.people import registration


def test_parallel_registrations_of_one_email_create_one_logon(client, outbox, atomic_dynamodb):
    with ThreadPoolExecutor(max_workers=4) as pool:
        statuses = list(pool.map(
            lambda i: client.post("/auth/register", registration(
                "twin@example.com", first_name=f"Twin{'abcd'[i]}")).status_code, range(4)))
    assert statuses == [202] * 4
    owner = users.find_by_email("twin@example.com")
    assert owner is not None and owner.status == "pending"
    subjects = [m.subject for m in outbox.messages("twin@example.com")]
    assert all(s.startswith("Verify your email") for s in subjects)
