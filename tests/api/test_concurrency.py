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


def test_parallel_confirmation_numbers_are_all_different(aws, atomic_dynamodb):
    """One sequence for association and submission confirmations: never given twice."""
    from chalicelib.dal import counters

    with ThreadPoolExecutor(max_workers=8) as pool:
        values = list(pool.map(lambda _: counters.next_value("confirmation"), range(40)))
    assert len(set(values)) == 40
    assert sorted(values) == list(range(min(values), min(values) + 40))


def test_one_draft_submitted_from_two_windows_at_once_is_submitted_once(
        client, outbox, clock, atomic_dynamodb):
    from tests.api.test_faults import linked_parent_with_draft

    token, submission_id = linked_parent_with_draft(client, outbox)
    with ThreadPoolExecutor(max_workers=3) as pool:
        answers = list(pool.map(
            lambda _: client.post(f"/submissions/{submission_id}/submit", token=token),
            range(3)))
    statuses = sorted(a.status_code for a in answers)
    assert statuses.count(200) == 1 and set(statuses[1:]) <= {409}, statuses
    numbers = {a.data["confirmation_number"] for a in answers if a.status_code == 200}
    assert client.get(f"/submissions/{submission_id}", token=token).data[
        "confirmation_number"] in numbers
    received = [m for m in outbox.messages("john@example.com") if "received" in m.subject.lower()]
    assert len(received) == 1
