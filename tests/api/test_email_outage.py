"""When SES refuses, nobody's request depends on it: the answer is the same as when SES
is up, and the email goes out once SES is back (the outbox, services/delivery.py)."""
from datetime import timedelta

import pytest

from chalicelib.dal import outbox as mail
from chalicelib.integrations import email
from tests.cases import JANE_PIN, load_demo
from tests.local_aws import SENDER
from tests.people import PASSWORD, register, registration, sign_in

EMAIL = "pat.parent@example.com"
BACKOFF = timedelta(seconds=11)  # past the first retry's wait (10 s)


@pytest.fixture
def ses_down(aws):
    """SES refuses to send: the sender identity is no longer verified."""
    ses = email._ses("us-east-1")

    def stop():
        ses.delete_email_identity(EmailIdentity=SENDER)

    def restore():
        ses.create_email_identity(EmailIdentity=SENDER)

    return stop, restore


def answer(response) -> tuple:
    return response.status_code, response.data


def test_register_resend_and_forgot_answer_the_same_while_ses_is_down(
        client, outbox, ses_down, clock):
    stop, restore = ses_down
    up = [answer(client.post("/auth/register", registration("up@example.com"))),
          answer(client.post("/auth/verify-email/resend", {"email": "up@example.com"})),
          answer(client.post("/auth/password/forgot", {"email": "up@example.com"}))]
    outbox.drain()
    stop()
    down = [answer(client.post("/auth/register", registration(EMAIL))),
            answer(client.post("/auth/verify-email/resend", {"email": EMAIL})),
            answer(client.post("/auth/password/forgot", {"email": EMAIL}))]
    assert down == up and up[0][0] == 202
    outbox.drain()
    assert outbox.messages(EMAIL) == []  # not sent yet: queued for its next try
    restore()
    clock.shift(BACKOFF)
    assert client.post("/auth/verify-email", {"token": outbox.token(EMAIL)}).status_code == 200


def test_the_association_pin_answers_the_same_while_ses_is_down(
        client, outbox, ses_down, clock):
    stop, restore = ses_down
    load_demo()
    register(client, outbox)
    token = sign_in(client, outbox)
    ask = JANE_PIN
    up = client.post("/association/pin", ask, token=token)
    outbox.drain()
    stop()
    down = client.post("/association/pin", ask, token=token)
    assert down.status_code == up.status_code == 202
    assert set(down.data) == set(up.data) and down.data["challenge_id"] != up.data[
        "challenge_id"]
    before = len(outbox.messages("janedoe@test.com"))
    restore()
    clock.shift(BACKOFF)
    assert len(outbox.messages("janedoe@test.com")) == before + 1


def test_a_sign_in_code_arrives_once_ses_is_back(client, outbox, ses_down, clock):
    stop, restore = ses_down
    register(client, outbox)
    stop()
    challenge = client.post("/auth/login", {"email": EMAIL, "password": PASSWORD})
    assert challenge.status_code == 200
    outbox.drain()
    restore()
    clock.shift(BACKOFF)
    session = client.post("/auth/login/verify", {
        "challenge_id": challenge.data["challenge_id"], "code": outbox.code(EMAIL)})
    assert session.status_code == 200


def test_a_message_is_sent_once_though_delivered_twice(client, outbox, aws):
    register(client, outbox)
    client.post("/auth/password/forgot", {"email": EMAIL})
    outbox.drain()
    sent = len(outbox.messages(EMAIL))
    queued = [m for m in mail.Mail.scan() if m.to == EMAIL]
    assert {m.status for m in queued} == {"sent"} and all(m.context is None for m in queued)
    outbox.worker.sqs.send_message(QueueUrl=outbox.worker.queue_url(),
                                   MessageBody=queued[-1].mail_id)
    assert len(outbox.messages(EMAIL)) == sent


def test_a_password_reset_stands_when_its_confirmation_cannot_be_sent(client, outbox, ses_down):
    stop, _ = ses_down
    register(client, outbox)
    client.post("/auth/password/forgot", {"email": EMAIL})
    token = outbox.token(EMAIL)
    stop()
    response = client.post("/auth/password/reset", {
        "token": token, "question_id": "first_pet", "answer": "Rex the Dog",
        "new_password": "Another-Long-Passphrase-42"})
    assert response.status_code == 204
