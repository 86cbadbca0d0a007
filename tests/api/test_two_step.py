"""Two-step verification: authenticator app, passkeys, emailed codes, recovery codes."""
from datetime import datetime, timedelta

import pyotp
import pytest

from tests.authenticator import Authenticator
from tests.cases import staff_token
from tests.people import PASSWORD, register, sign_in

EMAIL = "pat.parent@example.com"


@pytest.fixture
def token(client, outbox, clock):
    register(client, outbox)
    return sign_in(client, outbox)


def now() -> datetime:
    from chalicelib.clock import utc_now

    return utc_now()


def enrol_totp(client, token) -> tuple[str, list[str]]:
    started = client.post("/me/mfa/totp", token=token)
    assert started.status_code == 201, started.data
    secret = started.data["secret"]
    confirmed = client.post("/me/mfa/totp/confirm",
                            {"code": pyotp.TOTP(secret).at(now())}, token=token)
    assert confirmed.status_code == 200, confirmed.data
    return secret, confirmed.data["recovery_codes"]


def enrol_passkey(client, token, device: Authenticator) -> dict:
    options = client.post("/me/mfa/passkeys/options", token=token)
    assert options.status_code == 200, options.data
    added = client.post("/me/mfa/passkeys", {"credential": device.create(options.data),
                                             "label": "My phone"}, token=token)
    assert added.status_code == 201, added.data
    return added.data


def emailed_codes_on(client, token):
    """Emailed codes stop once an app or a passkey is added; turned back on here."""
    assert client.post("/me/mfa/email", {"password": PASSWORD}, token=token).status_code == 204


def password_step(client, email=EMAIL):
    response = client.post("/auth/login", {"email": email, "password": PASSWORD})
    assert response.status_code == 200, response.data
    return response.data


# --- the choice offered after registration (Alaska) ---------------------------------

def test_a_new_logon_is_offered_a_stronger_method_until_it_keeps_emailed_codes(client, token):
    assert client.get("/me", token=token).data["two_step_offer"] is True
    assert client.post("/me/mfa/keep-email", token=token).status_code == 204
    assert client.get("/me", token=token).data["two_step_offer"] is False
    # kept means kept: the methods are as they were, and asking again changes nothing
    assert [m["type"] for m in client.get("/me/mfa", token=token).data["methods"]] == ["email"]
    assert client.post("/me/mfa/keep-email", token=token).status_code == 204


@pytest.mark.parametrize("method", ["totp", "passkey"])
def test_setting_up_an_app_or_a_passkey_answers_the_offer(client, token, method):
    if method == "totp":
        enrol_totp(client, token)
    else:
        enrol_passkey(client, token, Authenticator())
    assert client.get("/me", token=token).data["two_step_offer"] is False


def test_an_agency_logon_is_not_offered_emailed_codes(client, outbox):
    # staff sign in with an app or a passkey only: their first sign-in sets one up
    assert client.get("/me", token=staff_token(client, outbox)).data["two_step_offer"] is False


def test_keeping_emailed_codes_needs_a_session(client):
    assert client.post("/me/mfa/keep-email").status_code == 401


# --- authenticator app -------------------------------------------------------------

def test_enrolment_gives_secret_uri_and_qr_and_is_pending_until_confirmed(client, token):
    started = client.post("/me/mfa/totp", token=token)
    assert started.data["otpauth_uri"].startswith("otpauth://totp/")
    assert "secret=" + started.data["secret"] in started.data["otpauth_uri"]
    assert started.data["qr_svg"].startswith("<svg")
    assert [m["type"] for m in client.get("/me/mfa", token=token).data["methods"]] == ["email"]
    wrong = client.post("/me/mfa/totp/confirm", {"code": "000000"}, token=token)
    assert wrong.status_code == 422


def test_confirming_the_app_gives_ten_recovery_codes_once(client, token):
    _, codes = enrol_totp(client, token)
    assert len(codes) == 10 and len(set(codes)) == 10
    methods = client.get("/me/mfa", token=token).data
    # with an app, emailed codes stop being offered (login.gov), until turned back on
    assert [m["type"] for m in methods["methods"]] == ["totp"]
    assert methods["recovery_codes_left"] == 10


def test_the_app_signs_in_and_the_challenge_lists_it_first(client, outbox, token, clock):
    secret, _ = enrol_totp(client, token)
    sent = len(outbox.messages(EMAIL))
    challenge = password_step(client)
    assert challenge["methods"] == ["totp", "recovery_code"]
    assert challenge["sent_to"] is None and len(outbox.messages(EMAIL)) == sent  # no email yet
    clock.shift(timedelta(seconds=30))
    session = client.post("/auth/login/verify", {"challenge_id": challenge["challenge_id"],
                                                 "method": "totp",
                                                 "code": pyotp.TOTP(secret).at(now())})
    assert session.status_code == 200, session.data


def test_a_code_one_step_old_is_accepted_two_steps_old_is_not(client, token, clock):
    secret, _ = enrol_totp(client, token)
    clock.shift(timedelta(seconds=60))
    previous = pyotp.TOTP(secret).at(now() - timedelta(seconds=30))
    older = pyotp.TOTP(secret).at(now() - timedelta(seconds=60))
    challenge = password_step(client)["challenge_id"]
    body = {"challenge_id": challenge, "method": "totp"}
    if older != previous:
        assert client.post("/auth/login/verify", {**body, "code": older}).status_code == 401
    assert client.post("/auth/login/verify", {**body, "code": previous}).status_code == 200


def test_an_app_code_is_never_accepted_twice(client, token, clock):
    secret, _ = enrol_totp(client, token)
    clock.shift(timedelta(seconds=30))
    code = pyotp.TOTP(secret).at(now())
    first = password_step(client)["challenge_id"]
    assert client.post("/auth/login/verify", {"challenge_id": first, "method": "totp",
                                              "code": code}).status_code == 200
    second = password_step(client)["challenge_id"]
    replay = client.post("/auth/login/verify", {"challenge_id": second, "method": "totp",
                                                "code": code})
    assert replay.status_code == 401
    assert replay.data["error"]["code"] == "invalid_code"


def test_the_email_fallback_sends_a_code_on_request(client, outbox, token):
    enrol_totp(client, token)
    emailed_codes_on(client, token)
    challenge = password_step(client)["challenge_id"]
    sent = client.post("/auth/login/email-code", {"challenge_id": challenge})
    assert sent.status_code == 200 and sent.data["sent_to"] == "p*********@example.com"
    session = client.post("/auth/login/verify", {"challenge_id": challenge, "method": "email",
                                                 "code": outbox.code(EMAIL)})
    assert session.status_code == 200


def test_only_three_codes_are_emailed_for_one_challenge(client, token):
    enrol_totp(client, token)
    emailed_codes_on(client, token)
    challenge = password_step(client)["challenge_id"]
    statuses = [client.post("/auth/login/email-code", {"challenge_id": challenge}).status_code
                for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_adding_a_method_needs_a_recent_sign_in(client, token, clock):
    clock.shift(timedelta(minutes=16))
    client.get("/me", token=token)  # keeps the session alive
    response = client.post("/me/mfa/totp", token=token)
    assert response.status_code == 403
    assert response.data["error"]["code"] == "recent_sign_in_required"


def test_setting_up_a_second_app_is_refused(client, token):
    enrol_totp(client, token)
    assert client.post("/me/mfa/totp", token=token).status_code == 409


# --- recovery codes ----------------------------------------------------------------

def test_a_recovery_code_signs_in_once_and_emails_the_user(client, outbox, token):
    _, codes = enrol_totp(client, token)
    challenge = password_step(client)["challenge_id"]
    typed = codes[0].lower().replace("-", " ")
    used = client.post("/auth/login/verify", {"challenge_id": challenge,
                                              "method": "recovery_code", "code": typed})
    assert used.status_code == 200
    assert outbox.last(EMAIL).subject == "A recovery code was used to sign in"
    assert "9 recovery codes left" in outbox.last(EMAIL).body
    again = password_step(client)["challenge_id"]
    assert client.post("/auth/login/verify", {"challenge_id": again, "method": "recovery_code",
                                              "code": codes[0]}).status_code == 401


def test_new_recovery_codes_replace_the_old_and_need_the_password(client, outbox, token):
    _, old = enrol_totp(client, token)
    assert client.post("/me/mfa/recovery-codes", {"password": "wrong"},
                       token=token).status_code == 403
    new = client.post("/me/mfa/recovery-codes", {"password": PASSWORD}, token=token)
    assert new.status_code == 200 and len(new.data["recovery_codes"]) == 10
    told = outbox.last("pat.parent@example.com")  # the person is told (issue #22)
    assert "New recovery codes were made" in told.body and "call" in told.body
    challenge = password_step(client)["challenge_id"]
    assert client.post("/auth/login/verify", {"challenge_id": challenge,
                                              "method": "recovery_code",
                                              "code": old[0]}).status_code == 401


# --- removing methods --------------------------------------------------------------

def test_the_last_method_cannot_be_removed(client, token):
    response = client.post("/me/mfa/remove", {"method_id": "email", "password": PASSWORD},
                           token=token)
    assert response.status_code == 409
    assert response.data["error"]["code"] == "last_method"


def test_an_app_turns_emailed_codes_off_and_they_come_back_only_when_asked(client, outbox,
                                                                         token):
    """login.gov: once something stronger exists, no email code is offered at sign-in
    unless the person turns it back on (password, recent sign-in, a warning)."""
    enrol_totp(client, token)
    added = outbox.last(EMAIL).body
    assert "An authenticator app was added" in added and "Emailed sign-in codes are now off" in added
    challenge = password_step(client)
    assert challenge["methods"] == ["totp", "recovery_code"]
    assert client.post("/auth/login/email-code",
                       {"challenge_id": challenge["challenge_id"]}).status_code == 403
    assert client.post("/me/mfa/remove", {"method_id": "totp", "password": PASSWORD},
                       token=token).status_code == 409  # the last one
    assert client.post("/me/mfa/email", token=token).status_code == 422  # the password
    assert client.post("/me/mfa/email", {"password": "nope"}, token=token).status_code == 403
    assert client.post("/me/mfa/email", {"password": PASSWORD}, token=token).status_code == 204
    assert "Emailed sign-in codes were turned back on" in outbox.last(EMAIL).body
    assert password_step(client)["methods"] == ["totp", "email", "recovery_code"]
    assert client.post("/me/mfa/remove", {"method_id": "email", "password": PASSWORD},
                       token=token).status_code == 204
    assert "Emailed sign-in codes were turned off" in outbox.last(EMAIL).body


def test_turning_emailed_codes_back_on_needs_a_recent_sign_in(client, token, clock):
    enrol_totp(client, token)
    clock.shift(timedelta(minutes=16))
    client.get("/me", token=token)  # (the session stays alive with requests)
    stale = client.post("/me/mfa/email", {"password": PASSWORD}, token=token)
    assert stale.status_code == 403 and stale.data["error"]["code"] == "recent_sign_in_required"


def test_removing_an_unknown_method_is_a_404(client, token):
    enrol_totp(client, token)
    emailed_codes_on(client, token)
    response = client.post("/me/mfa/remove", {"method_id": "passkey#nope", "password": PASSWORD},
                           token=token)
    assert response.status_code == 404


# --- passkeys ----------------------------------------------------------------------

def test_a_passkey_enrols_and_passes_the_second_step(client, token):
    device = Authenticator()
    added = enrol_passkey(client, token, device)
    assert added["method"]["label"] == "My phone" and len(added["recovery_codes"]) == 10
    challenge = password_step(client)
    assert challenge["methods"][0] == "passkey"
    options = client.post("/auth/login/passkey-options",
                          {"challenge_id": challenge["challenge_id"]}).data
    assert [c["id"] for c in options["allowCredentials"]] == [
        added["method"]["method_id"].removeprefix("passkey#")]
    session = client.post("/auth/login/verify", {"challenge_id": challenge["challenge_id"],
                                                 "method": "passkey",
                                                 "credential": device.get(options)})
    assert session.status_code == 200, session.data


def test_a_passkey_signs_in_without_a_password(client, token):
    device = Authenticator()
    enrol_passkey(client, token, device)
    options = client.post("/auth/passkey/options").data
    assert options["allowCredentials"] == [] and options["userVerification"] == "required"
    session = client.post("/auth/passkey/verify", {"credential": device.get(options)})
    assert session.status_code == 200, session.data
    me = client.get("/me", token=session.data["token"])
    assert me.data["email"] == EMAIL


def test_a_passkey_from_another_origin_is_refused(client, token):
    device = Authenticator()
    enrol_passkey(client, token, device)
    options = client.post("/auth/passkey/options").data
    response = client.post("/auth/passkey/verify", {
        "credential": device.get(options, origin="https://evil.example.com")})
    assert response.status_code == 401
    assert response.data["error"]["code"] == "passkey_rejected"


def test_a_passkey_registered_from_another_origin_is_refused(client, token):
    options = client.post("/me/mfa/passkeys/options", token=token).data
    response = client.post("/me/mfa/passkeys", {"credential": Authenticator().create(
        options, origin="https://evil.example.com")}, token=token)
    assert response.status_code == 400
    assert response.data["error"]["code"] == "passkey_rejected"


def test_a_replayed_challenge_is_refused(client, token):
    device = Authenticator()
    enrol_passkey(client, token, device)
    options = client.post("/auth/passkey/options").data
    assertion = device.get(options)
    assert client.post("/auth/passkey/verify", {"credential": assertion}).status_code == 200
    replay = client.post("/auth/passkey/verify", {"credential": assertion})
    assert replay.status_code == 410
    assert replay.data["error"]["code"] == "passkey_challenge_used"


def test_a_decreasing_sign_counter_is_refused(client, token):
    device = Authenticator()
    enrol_passkey(client, token, device)
    first = client.post("/auth/passkey/options").data
    assert client.post("/auth/passkey/verify",
                       {"credential": device.get(first, counter=10)}).status_code == 200
    second = client.post("/auth/passkey/options").data
    response = client.post("/auth/passkey/verify", {"credential": device.get(second, counter=9)})
    assert response.status_code == 401
    assert response.data["error"]["code"] == "passkey_rejected"


def test_a_passkey_challenge_expires_in_5_minutes(client, token, clock):
    device = Authenticator()
    enrol_passkey(client, token, device)
    options = client.post("/auth/passkey/options").data
    clock.shift(timedelta(minutes=5, seconds=1))
    assert client.post("/auth/passkey/verify",
                       {"credential": device.get(options)}).status_code == 410


def test_another_users_passkey_cannot_pass_my_second_step(client, outbox, token):
    mine, theirs = Authenticator(), Authenticator()
    enrol_passkey(client, token, mine)
    register(client, outbox, "other@example.com")
    other_token = sign_in(client, outbox, "other@example.com")
    enrol_passkey(client, other_token, theirs)
    challenge = password_step(client)["challenge_id"]
    options = client.post("/auth/login/passkey-options", {"challenge_id": challenge}).data
    response = client.post("/auth/login/verify", {"challenge_id": challenge, "method": "passkey",
                                                  "credential": theirs.get(
                                                      options, credential_id=next(iter(theirs.keys)))})
    assert response.status_code == 401


def test_garbage_passkey_responses_are_a_400(client):
    for credential in ({}, {"id": "x"}, {"id": "x", "rawId": "x", "type": "public-key",
                                         "response": {"clientDataJSON": "!!"}}):
        response = client.post("/auth/passkey/verify", {"credential": credential})
        assert response.status_code == 400, (credential, response.data)


def test_a_credential_id_is_registered_once_across_all_users(client, outbox, token):
    """WebAuthn 7.1 step 22: another logon registering my passkey's credential id (its own
    key under my id) is refused, and so is the same id twice for me."""
    from tests.authenticator import unb64url

    mine = Authenticator()
    added = enrol_passkey(client, token, mine)
    emailed_codes_on(client, token)  # so that the passkey is not the last method
    credential_id = unb64url(added["method"]["method_id"].removeprefix("passkey#"))
    register(client, outbox, "other@example.com")
    other = sign_in(client, outbox, "other@example.com")
    for who in (other, token):
        options = client.post("/me/mfa/passkeys/options", token=who).data
        copied = Authenticator().create(options, credential_id=credential_id)
        refused = client.post("/me/mfa/passkeys", {"credential": copied}, token=who)
        assert refused.status_code == 409 and refused.data["error"]["code"] == "passkey_in_use"
    # removed, the id is free again: the device can be added back
    assert client.post("/me/mfa/remove", {"method_id": added["method"]["method_id"],
                                          "password": PASSWORD}, token=token).status_code == 204
    options = client.post("/me/mfa/passkeys/options", token=other).data
    again = client.post("/me/mfa/passkeys",
                        {"credential": Authenticator().create(options, credential_id=credential_id)},
                        token=other)
    assert again.status_code == 201


def test_passkeys_can_be_removed(client, token):
    device = Authenticator()
    added = enrol_passkey(client, token, device)
    emailed_codes_on(client, token)
    assert client.post("/me/mfa/remove", {"method_id": added["method"]["method_id"],
                                          "password": PASSWORD}, token=token).status_code == 204
    options = client.post("/auth/passkey/options").data
    assert client.post("/auth/passkey/verify",
                       {"credential": device.get(options)}).status_code == 401


def test_the_password_step_offers_passkeys_while_one_is_left(client, token):
    """The password step reads the logon's passkey count with the logon (one BatchGet,
    dal/credentials.sign_in_keys), not its factors: kept as each is added and removed,
    once each (a second removal of the same one changes nothing)."""
    first, second = (enrol_passkey(client, token, Authenticator()) for _ in range(2))
    emailed_codes_on(client, token)
    assert password_step(client)["methods"] == ["passkey", "email", "recovery_code"]

    def remove(added):
        return client.post("/me/mfa/remove", {"method_id": added["method"]["method_id"],
                                              "password": PASSWORD}, token=token).status_code
    assert remove(first) == 204
    assert remove(first) == 404
    assert password_step(client)["methods"][0] == "passkey"  # the second is left
    assert remove(second) == 204
    assert password_step(client)["methods"] == ["email", "recovery_code"]


def test_a_passkey_added_before_the_count_was_kept_is_offered_once_recounted(client, token):
    """A logon whose passkey was added before its count was kept: with emailed codes
    off, the step reads its factors (never a challenge with no way to answer it); with
    them on, the passkey waits for infra/recount_passkeys.py, which counts it."""
    import importlib.util
    from pathlib import Path

    from chalicelib.dal.credentials import PASSKEYS, Credential

    enrol_passkey(client, token, Authenticator())
    user_id = client.get("/me", token=token).data["user_id"]
    Credential(user_id, PASSKEYS).delete()  # as before the count was kept
    challenge = password_step(client)
    assert challenge["methods"] == ["passkey", "recovery_code"]  # read whole: emailed off
    emailed_codes_on(client, token)
    assert password_step(client)["methods"] == ["email", "recovery_code"]
    spec = importlib.util.spec_from_file_location(
        "recount_passkeys", Path(__file__).resolve().parents[2] / "infra" / "recount_passkeys.py")
    recount = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(recount)
    assert recount.main([]) == 0
    assert recount.main([]) == 0  # again: the same count
    assert password_step(client)["methods"] == ["passkey", "email", "recovery_code"]
