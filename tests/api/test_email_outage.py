"""When SES refuses, the caller gets a clean 503 and can simply try again."""
import pytest

from chalicelib.integrations import email
from tests.local_aws import SENDER
from tests.people import PASSWORD, register, registration

EMAIL = "pat.parent@example.com"


@pytest.fixture
def ses_down(aws):
    """SES refuses to send: the sender identity is no longer verified."""
    ses = email._ses("us-east-1")

    def stop():
        ses.delete_email_identity(EmailIdentity=SENDER)

    def restore():
        ses.create_email_identity(EmailIdentity=SENDER)

    return stop, restore


def test_a_registration_during_an_outage_can_be_retried(client, outbox, ses_down):
    stop, restore = ses_down
    stop()
    failed = client.post("/auth/register", registration(EMAIL))
    assert failed.status_code == 503
    assert failed.data["error"]["code"] == "email_unavailable"
    restore()
    assert client.post("/auth/register", registration(EMAIL)).status_code == 202
    assert client.post("/auth/verify-email", {"token": outbox.token(EMAIL)}).status_code == 200


def test_no_code_no_sign_in_during_an_outage(client, outbox, ses_down):
    stop, restore = ses_down
    register(client, outbox)
    stop()
    response = client.post("/auth/login", {"email": EMAIL, "password": PASSWORD})
    assert response.status_code == 503
    restore()
    assert client.post("/auth/login", {"email": EMAIL, "password": PASSWORD}).status_code == 200


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
