"""No password, code, token, SSN, account or card number or security answer in any log
line, over the whole flow: registration, sign-in, reset, two-step methods, association,
bank accounts, direct deposit, a card payment, the caseworker's reads and codes, access
for another person."""
import io
import logging
import re

import pyotp

from chalicelib.observability import SERVICE, logger
from tests.cases import JANE, JANE_PIN, JOHN, load_demo, parent, staff_token
from tests.people import PASSWORD, registration, sign_in

EMAIL = "secret.keeper@example.com"
NEW_PASSWORD = "Another-Long-Passphrase-42"
ANSWERS = ("Rex the Dog", "Juneau")


def test_the_whole_flow_logs_no_secret(client, outbox, capsys, caplog):
    """Every line the app's logger writes, formatted as in Lambda, at DEBUG, plus stdout
    (metrics) and every record the app's logger passes to logging."""
    caplog.set_level(logging.DEBUG, logger=SERVICE)
    lines = io.StringIO()
    handler = logging.StreamHandler(lines)
    handler.setFormatter(logger.registered_formatter)
    logger.addHandler(handler)
    logger.setLevel("DEBUG")
    try:
        run_the_whole_flow(client, outbox)
    finally:
        logger.removeHandler(handler)
        logger.setLevel("INFO")

    captured = capsys.readouterr()
    logged = lines.getvalue() + captured.out + captured.err + "\n".join(
        r.getMessage() + str(r.__dict__) for r in caplog.records)
    assert '"message":"request"' in logged  # the logs were captured at all
    assert '"user_id":"' in logged and '"request_id":' in logged
    for secret in SECRETS:
        if secret.isdigit():
            # a code is a secret where it stands alone, not inside a record's timestamp
            # (relativeCreated 317015.069... once matched the code 317015)
            assert re.search(rf"(?<![\d.]){secret}(?!\d)", logged) is None, secret
        else:
            assert secret.lower() not in logged.lower(), secret


SECRETS: list[str] = []


def run_the_whole_flow(client, outbox):
    SECRETS[:] = [PASSWORD, NEW_PASSWORD, *ANSWERS]
    client.post("/auth/register", registration(EMAIL))
    verify_token = outbox.token(EMAIL)
    client.post("/auth/verify-email", {"token": verify_token})
    client.post("/auth/verify-email", {"token": verify_token})  # reused: an error path
    client.post("/auth/login", {"email": EMAIL, "password": "Wrong-Horse-Battery-9"})
    challenge = client.post("/auth/login", {"email": EMAIL, "password": PASSWORD}).data
    code = outbox.code(EMAIL)
    client.post("/auth/login/verify", {"challenge_id": challenge["challenge_id"], "code": "000000"
                                       if code != "000000" else "111111"})
    session = client.post("/auth/login/verify",
                          {"challenge_id": challenge["challenge_id"], "code": code}).data["token"]
    client.get("/me", token=session)
    client.post("/auth/password/forgot", {"email": EMAIL})
    reset_token = outbox.token(EMAIL)
    client.post("/auth/password/reset", {"token": reset_token, "question_id": "first_pet",
                                         "answer": "wrong answer", "new_password": NEW_PASSWORD})
    client.post("/auth/password/reset", {"token": reset_token, "question_id": "first_pet",
                                         "answer": ANSWERS[0], "new_password": NEW_PASSWORD})
    client.post("/auth/register", registration(EMAIL, password="weak " + PASSWORD))
    SECRETS.extend([verify_token, challenge["challenge_id"], code, session, reset_token,
                    "weak " + PASSWORD])

    # two-step methods: an authenticator app secret and recovery codes must not leak either
    challenge = client.post("/auth/login", {"email": EMAIL, "password": NEW_PASSWORD}).data
    session = client.post("/auth/login/verify", {"challenge_id": challenge["challenge_id"],
                                                 "code": outbox.code(EMAIL)}).data["token"]
    secret = client.post("/me/mfa/totp", token=session).data["secret"]
    app_code = pyotp.TOTP(secret).now()
    codes = client.post("/me/mfa/totp/confirm", {"code": app_code},
                        token=session).data["recovery_codes"]
    challenge = client.post("/auth/login", {"email": EMAIL, "password": NEW_PASSWORD}).data
    client.post("/auth/login/verify", {"challenge_id": challenge["challenge_id"],
                                       "method": "recovery_code", "code": codes[0]})
    client.post("/me/password", {"current_password": NEW_PASSWORD,
                                 "new_password": "Third-Long-Passphrase-77"}, token=session)
    SECRETS.extend([secret, app_code, *codes, session, "Third-Long-Passphrase-77"])

    # case association: SSNs and PINs must not leak
    load_demo()
    client.post("/association", {**JANE, "last_name": "Wrong"}, token=session)
    pin = client.post("/association/pin", JANE_PIN,
                      token=session).data
    sent_pin = re.search(r"PIN is (?:<b>)?(\d{6})", outbox.last("janedoe@test.com").body).group(1)
    client.post("/association/pin/verify", {"challenge_id": pin["challenge_id"],
                                            "pin": sent_pin}, token=session)
    SECRETS.extend(["123453333", "123-45-3333", pin["challenge_id"], sent_pin])

    client.post("/bank-accounts", {"routing_number": "125000105",
                                   "account_number": "000987654321", "account_type": "checking",
                                   "holder_name": "Secret Keeper", "authorize": True},
                token=session)
    SECRETS.append("000987654321")

    # money: a card number and its security code, the card token, a direct deposit
    # account (the parent's and the caseworker's read of it), a payment by card
    ok(client.call("PUT", "/direct-deposit", {
        "routing_number": "125000105", "account_number": "000444555666",
        "account_number_confirmation": "000444555666", "account_type": "checking",
        "holder_name": "Secret Keeper", "authorize": True}, token=session))
    SECRETS.append("000444555666")
    john = parent("john.logs@example.com", JOHN)
    card = ok(client.post("/sandbox/card-tokens", {"number": "4111111111111111",
                                                   "exp_month": 12, "exp_year": 2031,
                                                   "cvc": "987"})).data
    ok(client.post("/payments", {"case_id": "000020108", "card_token": card["token"],
                                 "amount_cents": 2500}, token=john,
                   headers={"Idempotency-Key": "logs-key-0001"}))
    SECRETS.extend(["4111111111111111", "4111 1111 1111 1111", card["token"]])

    # the agency: disbursement staff read the direct deposit, a caseworker makes a redeem
    # code for a member
    payer = staff_token(client, outbox, "disbursement", "payer@agency.example.gov")
    ok(client.get("/agency/members/04024333/direct-deposit", token=payer))
    desk = staff_token(client, outbox)
    code = ok(client.post("/agency/members/04025286/redeem-codes", token=desk)).data["code"]
    SECRETS.extend([payer, desk, code])

    # access for another person: the invitation link's token, the helper's session
    ok(client.post("/access/grants", {"email": "helper.logs@example.com",
                                      "permissions": ["view"]}, token=john))
    invitation = outbox.token("helper.logs@example.com")
    helper = linked_helper(client, outbox)
    ok(client.post("/access/invitations/accept", {"token": invitation}, token=helper))
    SECRETS.extend([invitation, helper, john])


def linked_helper(client, outbox) -> str:
    client.post("/auth/register", registration("helper.logs@example.com"))
    client.post("/auth/verify-email", {"token": outbox.token("helper.logs@example.com")})
    return sign_in(client, outbox, "helper.logs@example.com")


def ok(response):
    assert response.status_code < 300, response.body
    return response
