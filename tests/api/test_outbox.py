"""The email outbox (services/delivery.py): a message is written with what it is about or
not at all, is never sent inside a request, is tried 5 times with a backoff and then
parked on the dead-letter queue."""
from datetime import timedelta

from chalicelib.dal.outbox import Mail
from chalicelib.dal.tokens import Token
from chalicelib.integrations import email, queue
from tests.faults import FAULTS
from tests.local_aws import SENDER
from tests.people import register

EMAIL = "pat.parent@example.com"


def mail_to(address: str) -> list[Mail]:
    return [m for m in Mail.scan() if m.to == address]


def test_a_link_and_its_email_are_written_together_or_not_at_all(client, outbox, clock):
    """Forgot's work (services/public_work.py) writes the link and its email in one
    transaction: when it fails, neither is there, and the work is done again later."""
    register(client, outbox)
    outbox.drain()
    client.work_at_once = False  # the work, by hand
    links, mails = Token.count(), len(mail_to(EMAIL))
    assert client.post("/auth/password/forgot", {"email": EMAIL}).status_code == 202
    with FAULTS.recording() as calls:
        outbox.worker.drain_work()
    write = next(i for i, c in enumerate(calls, start=1) if c.operation == "TransactWriteItems")
    assert (Token.count(), len(mail_to(EMAIL))) == (links + 1, mails + 1)
    assert client.post("/auth/password/forgot", {"email": EMAIL}).status_code == 202
    with FAULTS.failing(write, "ProvisionedThroughputExceededException"):
        outbox.worker.drain_work()
    assert (Token.count(), len(mail_to(EMAIL))) == (links + 1, mails + 1)  # neither
    clock.shift(timedelta(seconds=61))  # past the work's backoff
    outbox.worker.drain_work()
    assert (Token.count(), len(mail_to(EMAIL))) == (links + 2, mails + 2)  # both, once


def test_no_request_waits_for_ses_whether_or_not_the_address_is_known(client, outbox):
    """The time SES took told whether an address was registered (forgot: 72-96 ms for a
    known address, 12-15 ms for an unknown one): no request calls SES now."""
    register(client, outbox)
    outbox.drain()
    answers = []
    for address in (EMAIL, "nobody@example.com"):
        for path in ("/auth/password/forgot", "/auth/verify-email/resend"):
            with FAULTS.recording() as calls:
                response = client.post(path, {"email": address})
            answers.append((path, response.status_code, response.data))
            assert "sesv2" not in {c.service for c in calls}, (path, address)
    assert answers[:2] == answers[2:]


def test_a_message_ses_refuses_is_tried_5_times_then_parked(client, outbox, clock):
    ses = email._ses("us-east-1")
    register(client, outbox)
    ses.delete_email_identity(EmailIdentity=SENDER)
    client.post("/auth/password/forgot", {"email": EMAIL})
    outbox.drain()
    [item] = [m for m in mail_to(EMAIL) if m.template == "password_reset"]
    assert Mail.get(item.mail_id).attempts == 1
    for tries, waited in enumerate((10, 30, 90, 270), start=2):  # the backoff before each
        clock.shift(timedelta(seconds=waited - 1))
        outbox.drain()
        assert Mail.get(item.mail_id).attempts == tries - 1  # not yet
        clock.shift(timedelta(seconds=2))
        outbox.drain()
        assert Mail.get(item.mail_id).attempts == tries
    parked = Mail.get(item.mail_id)
    assert (parked.status, parked.attempts, parked.error) == ("failed", 5, "MessageRejected")
    clock.shift(timedelta(seconds=61))  # the 5th receive's visibility over: redriven
    outbox.drain()
    dead = outbox.worker.sqs.receive_message(QueueUrl=queue.url(queue.MAIL_DEAD),
                                            MaxNumberOfMessages=10)["Messages"]
    assert [m["Body"] for m in dead] == [item.mail_id]
    ses.create_email_identity(EmailIdentity=SENDER)
    outbox.drain()
    assert not [m for m in outbox.messages(EMAIL) if "reset" in m.subject.lower()]
