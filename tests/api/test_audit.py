"""The audit trail of what staff read and do (issue #24): every staff request is an event
(who, what record, when, from where) appended to an Object Lock bucket no one can change,
found by member and by staff member; a request whose event cannot be queued is refused."""
import json
from datetime import timedelta

import boto3
import pytest

from chalicelib.settings import get_settings
from tests.cases import load_demo, staff_token

MEMBER = "04024333"  # the demo's receiving parent


@pytest.fixture
def desk(client, outbox, clock):
    load_demo()
    tokens = {role: staff_token(client, outbox, role, f"{role}@agency.example.gov")
              for role in ("caseworker", "disbursement", "supervisor")}
    ids = {i["role"]: i["user_id"] for i in client.get(
        "/agency/staff", token=tokens["supervisor"]).data["items"]}
    clock.shift(timedelta(seconds=1))  # what the tests do comes after the sign-ins
    return tokens, ids


def trail(client, outbox, token, **query):
    outbox.drain()  # the audit writer, as Lambda would run it on the queue's messages
    found = client.get("/agency/audit", token=token, query=query)
    assert found.status_code == 200, found.data
    return found.data


def test_staff_reads_are_in_the_trail_by_member_and_by_staff(client, outbox, desk, clock):
    tokens, ids = desk
    assert client.get(f"/agency/members/{MEMBER}", token=tokens["caseworker"]).status_code == 200
    clock.shift(timedelta(seconds=1))
    client.get(f"/agency/members/{MEMBER}/direct-deposit", token=tokens["disbursement"])
    by_member = trail(client, outbox, tokens["supervisor"], member_id=MEMBER)["events"]
    assert [(e["action"], e["staff_id"], e["role"]) for e in by_member] == [
        ("GET /agency/members/{member_id}/direct-deposit", ids["disbursement"], "disbursement"),
        ("GET /agency/members/{member_id}", ids["caseworker"], "caseworker")]
    assert all(e["record"] == {"member_id": MEMBER} and e["address"] and e["session_id"]
               for e in by_member)
    by_staff = trail(client, outbox, tokens["supervisor"], staff_id=ids["caseworker"])["events"]
    assert by_staff[0]["action"] == "GET /agency/members/{member_id}"  # the latest
    # and the caseworker's first sign-in's own steps (setting up the app) before it
    assert "POST /me/mfa/totp" in {e["action"] for e in by_staff}
    # the supervisor's own searches are events too, under the supervisor
    mine = trail(client, outbox, tokens["supervisor"], staff_id=ids["supervisor"])["events"]
    assert {e["action"] for e in mine} >= {"GET /agency/audit", "GET /agency/staff"}
    # the trail of record: the bucket's object holds each event as the search shows it
    s3 = boto3.client("s3", region_name="us-east-1")
    held = s3.get_object(Bucket=get_settings().audit_bucket, Key=by_member[0]["trail_key"])
    lines = {e["event_id"]: e for e in map(json.loads, held["Body"].read().decode().splitlines())}
    kept = lines[by_member[0]["event_id"]]
    assert {k: v for k, v in by_member[0].items() if k not in ("trail_key", "at")} == {
        k: v for k, v in kept.items() if k != "at"}


def test_no_one_can_delete_or_shorten_an_event(client, outbox, desk):
    tokens, _ = desk
    client.get(f"/agency/members/{MEMBER}", token=tokens["caseworker"])
    (event, *_) = trail(client, outbox, tokens["supervisor"], member_id=MEMBER)["events"]
    s3 = boto3.client("s3", region_name="us-east-1")
    bucket = get_settings().audit_bucket
    held = s3.head_object(Bucket=bucket, Key=event["trail_key"])
    assert held["ObjectLockMode"] == "COMPLIANCE"
    version = held["VersionId"]
    with pytest.raises(s3.exceptions.ClientError, match="AccessDenied"):
        s3.delete_object(Bucket=bucket, Key=event["trail_key"], VersionId=version)


def test_a_staff_request_whose_event_cannot_be_recorded_is_refused(client, outbox, desk,
                                                                     monkeypatch):
    from chalicelib.integrations import queue

    tokens, _ = desk
    monkeypatch.setattr(queue, "send", lambda name, bodies: list(range(len(bodies))))
    refused = client.get(f"/agency/members/{MEMBER}/direct-deposit",
                         token=tokens["disbursement"])
    assert (refused.status_code, refused.data["error"]["code"]) == (503, "unavailable")
    assert "account_number" not in json.dumps(refused.data)


def test_parents_requests_are_not_staff_events_and_only_supervisors_search(
        client, outbox, desk):
    from tests.cases import JOHN, parent

    tokens, ids = desk
    john = parent("john@example.com", JOHN)
    assert client.get("/me", token=john).status_code == 200
    outbox.drain()
    assert trail(client, outbox, tokens["supervisor"], member_id="04025286")["events"] == []
    refused = client.get("/agency/audit", token=tokens["caseworker"],
                         query={"member_id": MEMBER})
    assert (refused.status_code, refused.data["error"]["code"]) == (403, "staff_role_refused")
    for query in ({}, {"member_id": MEMBER, "staff_id": ids["caseworker"]}):
        bad = client.get("/agency/audit", token=tokens["supervisor"], query=query)
        assert bad.status_code == 422, query


def test_the_trail_pages_newest_first(client, outbox, desk, clock):
    tokens, ids = desk
    for _ in range(3):
        client.get(f"/agency/members/{MEMBER}", token=tokens["caseworker"])
        clock.shift(timedelta(seconds=1))
    first = trail(client, outbox, tokens["supervisor"], member_id=MEMBER, limit=2)
    assert len(first["events"]) == 2 and first["next_cursor"]
    rest = trail(client, outbox, tokens["supervisor"], member_id=MEMBER, limit=2,
                 cursor=first["next_cursor"])
    events = first["events"] + rest["events"]
    assert len(events) == 3 and [e["at"] for e in events] == sorted(
        (e["at"] for e in events), reverse=True)
