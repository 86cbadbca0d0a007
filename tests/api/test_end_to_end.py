"""Registration → verification → sign-in → code → GET /me, reading the emails SES sent."""
from tests.people import PASSWORD, registration


def test_a_new_parent_registers_verifies_signs_in_and_sees_their_profile(client, outbox):
    email = "jane.doe@example.com"
    registered = client.post("/auth/register", registration(email, first_name="Jane",
                                                             last_name="Doe"))
    assert registered.status_code == 202

    link_email = outbox.last(email)
    assert "Verify your email" in link_email.subject
    verified = client.post("/auth/verify-email", {"token": outbox.token(email)})
    assert verified.status_code == 200
    assert verified.data == {"status": "verified", "email": email}

    challenge = client.post("/auth/login", {"email": email, "password": PASSWORD})
    assert challenge.status_code == 200
    assert challenge.data["methods"] == ["email"]
    assert challenge.data["sent_to"] == "j*******@example.com"
    assert "will expire in 5 minutes" in outbox.last(email).body

    session = client.post("/auth/login/verify", {
        "challenge_id": challenge.data["challenge_id"], "code": outbox.code(email)})
    assert session.status_code == 200
    assert session.data["token_type"] == "Bearer"

    me = client.get("/me", token=session.data["token"])
    assert me.status_code == 200
    assert me.data["email"] == email
    assert me.data["first_name"] == "Jane"
    assert me.data["phones"] == [{"number": "+19075550142", "type": "mobile"}]
    assert me.data["previous_login_at"] is None
    assert me.data["email_verified_at"] is not None
    assert "password" not in str(me.data).lower()
