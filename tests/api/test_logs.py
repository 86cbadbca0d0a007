"""No password, code, token or security answer in any log line, over the whole flow."""
import io
import logging
import re

import pyotp

from chalicelib.observability import SERVICE, logger
from tests.cases import JANE, load_demo
from tests.people import PASSWORD, registration

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
        assert secret not in logged
        assert secret.lower() not in logged.lower()


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
    pin = client.post("/association/pin", {"member_id": "04024333", "last_name": "DOE"},
                      token=session).data
    sent_pin = re.search(r"PIN is (?:<b>)?(\d{6})", outbox.last("janedoe@test.com").body).group(1)
    client.post("/association/pin/verify", {"challenge_id": pin["challenge_id"],
                                            "pin": sent_pin}, token=session)
    SECRETS.extend(["123453333", "123-45-3333", pin["challenge_id"], sent_pin])

    client.post("/bank-accounts", {"routing_number": "125000105",
                                   "account_number": "000987654321", "account_type": "checking",
                                   "holder_name": "Secret Keeper"}, token=session)
    SECRETS.append("000987654321")
