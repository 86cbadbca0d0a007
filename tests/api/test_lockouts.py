"""Account-level lockouts (services/lockouts.py), as login.gov counts them: failed second
steps per account across challenges, passwords asked inside a session counted with
sign-in's, and a ceiling on the password lock that only a reset by email ends."""
from datetime import timedelta

from tests.api.test_login import EMAIL, login
from tests.api.test_password_reset import reset
from tests.people import register, sign_in

WRONG = "Wrong-Horse-Battery-9"


def wrong_code(outbox) -> str:
    right = outbox.code(EMAIL)
    return "000000" if right != "000000" else "111111"


def verify(client, challenge, code):
    return client.post("/auth/login/verify", {"challenge_id": challenge, "code": code})


def test_ten_wrong_codes_across_challenges_lock_the_second_step_and_email(client, outbox,
                                                                          clock):
    """Before: each new password sign-in opened a challenge with 5 fresh tries, so the
    guessing never stopped. Now the 10th failure in a row locks the account's second step
    for 10 minutes, whichever challenge it came through."""
    register(client, outbox)
    answers = []
    for _ in range(3):  # three sign-ins, 4 wrong codes each at most
        challenge = login(client).data["challenge_id"]
        code = wrong_code(outbox)
        for _ in range(4):
            answers.append(verify(client, challenge, code))
            if answers[-1].status_code == 429:
                break
    codes = [a.status_code for a in answers]
    assert codes == [401] * 9 + [429], codes
    assert answers[-1].data["error"]["code"] == "second_step_locked"
    assert answers[-1].headers["Retry-After"] == "600"
    mail = outbox.last(EMAIL)
    assert mail.subject == "Sign-in to your account was locked"
    assert "10 wrong sign-in codes in a row" in mail.body and "10 minutes" in mail.body
    # even the right code waits for the lock to end
    challenge = login(client).data["challenge_id"]
    assert verify(client, challenge, outbox.code(EMAIL)).status_code == 429
    clock.shift(timedelta(minutes=10, seconds=1))
    challenge = login(client).data["challenge_id"]
    assert verify(client, challenge, outbox.code(EMAIL)).status_code == 200
    token = sign_in(client, outbox, EMAIL)
    events = [e["event"] for e in client.get("/me/activity", token=token).data["items"]]
    assert "sign_in_locked" in events


def test_a_right_code_clears_the_second_step_count(client, outbox):
    register(client, outbox)
    for _ in range(2):
        challenge = login(client).data["challenge_id"]
        code = wrong_code(outbox)
        for _ in range(4):
            assert verify(client, challenge, code).status_code == 401
        assert verify(client, challenge, outbox.code(EMAIL)).status_code == 200  # 8, cleared
    challenge = login(client).data["challenge_id"]
    code = wrong_code(outbox)
    assert [verify(client, challenge, code).status_code for _ in range(4)] == [401] * 4


def test_passwords_asked_in_a_session_count_with_sign_in(client, outbox):
    """Before: 12 wrong passwords on /me/mfa/recovery-codes locked nothing."""
    register(client, outbox)
    token = sign_in(client, outbox, EMAIL)
    answers = [client.post("/me/mfa/recovery-codes", {"password": WRONG}, token=token)
               for _ in range(6)]
    assert [a.status_code for a in answers] == [403] * 4 + [429, 429]
    assert answers[4].data["error"]["code"] == "sign_in_locked"
    assert login(client).status_code == 429  # the sign-in page is locked too


def test_a_hundred_failures_in_a_row_need_a_password_reset(client, outbox, clock):
    """Before: the 15-minute lock re-armed for ever (about 480 guesses a day)."""
    register(client, outbox)
    for _ in range(20):  # 20 windows of 5 failures, each lock waited out
        for _ in range(5):
            login(client, password=WRONG)
        clock.shift(timedelta(minutes=16))
    refused = login(client)  # the right password
    assert refused.status_code == 403
    assert refused.data["error"]["code"] == "password_reset_required"
    mail = outbox.last(EMAIL)
    assert mail.subject == "Sign-in to your account was locked"
    assert "100 wrong passwords in a row" in mail.body and "Forgot password" in mail.body
    clock.shift(timedelta(days=30))
    assert login(client).status_code == 403  # time does not end it
    # a reset by emailed link does
    assert client.post("/auth/password/forgot", {"email": EMAIL}).status_code == 202
    done = reset(client, outbox.token(EMAIL), password="Another-Lantern-Quill-2027!")
    assert done.status_code == 204, done.data
    assert login(client, password="Another-Lantern-Quill-2027!").status_code == 200


def test_an_unknown_address_reaches_the_ceiling_alike(client, outbox, clock):
    register(client, outbox)
    for email in (EMAIL, "nobody@example.com"):
        for _ in range(20):
            for _ in range(5):
                login(client, email=email, password=WRONG)
            clock.shift(timedelta(minutes=16))
    known = login(client, email=EMAIL, password=WRONG)
    unknown = login(client, email="nobody@example.com", password=WRONG)
    assert known.status_code == unknown.status_code == 403
    assert known.data == unknown.data
