"""The main operations, run once each through the test client, with their DynamoDB requests."""
from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta, timezone

import pyotp
import time_machine

from tests.authenticator import Authenticator
from tests.bench.requests import UNITS, measure, units_since
from tests.people import PASSWORD, registration

EMAIL = "bench.parent@example.com"
NEW = "Another-Long-Passphrase-42"


def run(client, outbox, units: dict | None = None) -> dict[str, Counter]:
    """Returns {operation: Counter of DynamoDB operations}; asserts each step succeeded.
    The work a public request leaves to the work queue's function is not the request's
    (it is done by the drain before the next step). With `units`, fills it with each
    operation's capacity units by table (tests/bench/requests.UnitCounter)."""
    out: dict[str, Counter] = {}
    client.work_at_once = False

    def step(name, status, action):
        outbox.drain()  # the mail worker's own requests are not the operation's
        before = UNITS.snapshot()
        response, calls = measure(action)
        assert response.status_code == status, (name, response.status_code, response.data)
        if name:
            out[name] = calls
            if units is not None:
                units[name] = units_since(before)
        return response

    def password_step(name=None):
        return step(name, 200, lambda: client.post(
            "/auth/login", {"email": EMAIL, "password": PASSWORD})).data["challenge_id"]

    start = datetime(2026, 3, 2, 16, 0, tzinfo=timezone.utc)
    with time_machine.travel(start, tick=False) as clock:
        step("register", 202, lambda: client.post("/auth/register", registration(EMAIL)))
        step("register (address taken)", 202,
             lambda: client.post("/auth/register", registration(EMAIL)))
        step("verify email", 200,
             lambda: client.post("/auth/verify-email", {"token": outbox.token(EMAIL)}))
        step("login, wrong password", 401, lambda: client.post(
            "/auth/login", {"email": EMAIL, "password": "Wrong-Horse-Battery-9"}))
        challenge = password_step("login (password step)")
        token = step("login verify, emailed code", 200, lambda: client.post(
            "/auth/login/verify", {"challenge_id": challenge,
                                   "code": outbox.code(EMAIL)})).data["token"]
        step("GET /me", 200, lambda: client.get("/me", token=token))

        secret = client.post("/me/mfa/totp", token=token).data["secret"]
        codes = client.post("/me/mfa/totp/confirm", {"code": pyotp.TOTP(secret).now()},
                            token=token).data["recovery_codes"]
        clock.shift(timedelta(seconds=30))
        challenge = password_step()
        step("login verify, authenticator app", 200, lambda: client.post(
            "/auth/login/verify", {"challenge_id": challenge, "method": "totp",
                                   "code": pyotp.TOTP(secret).now()}))
        challenge = password_step()
        step("login verify, recovery code", 200, lambda: client.post(
            "/auth/login/verify", {"challenge_id": challenge, "method": "recovery_code",
                                   "code": codes[0]}))

        device = Authenticator()
        options = client.post("/me/mfa/passkeys/options", token=token).data
        client.post("/me/mfa/passkeys", {"credential": device.create(options)}, token=token)
        challenge = password_step()
        options = step("passkey options (second step)", 200, lambda: client.post(
            "/auth/login/passkey-options", {"challenge_id": challenge})).data
        step("login verify, passkey", 200, lambda: client.post(
            "/auth/login/verify", {"challenge_id": challenge, "method": "passkey",
                                   "credential": device.get(options)}))
        options = step("passkey options (no password)", 200,
                       lambda: client.post("/auth/passkey/options")).data
        step("passkey sign-in (no password)", 200, lambda: client.post(
            "/auth/passkey/verify", {"credential": device.get(options)}))

        from chalicelib.clock import utc_now
        from chalicelib.services import case_data
        from tests.cases import case, member

        case_data.load([member("12121212", "BENCH", "123-45-1212", "1980-01-01")]
                       + [case(f"1212120{i}", [("12121212", "obligor")]) for i in range(5)]
                       + [{"type": "ledger", "case_id": "12121200", "entry_id": "chg-1",
                           "on": "2026-01-01", "kind": "charge", "amount_cents": 50000,
                           "description": "Monthly support"}],
                       utc_now())
        step("associate (identity)", 201, lambda: client.post("/association", {
            "member_id": "12121212", "last_name": "BENCH", "ssn": "123-45-1212",
            "date_of_birth": "1980-01-01"}, token=token))
        step("GET /summary (5 cases)", 200, lambda: client.get("/summary", token=token))
        step("GET /cases/{id}", 200, lambda: client.get("/cases/12121200", token=token))
        step("GET /cases/{id}/actions", 200,
             lambda: client.get("/cases/12121200/actions", token=token))
        account = client.post("/bank-accounts", {
            "routing_number": "125000105", "account_number": "000123456789",
            "account_type": "checking", "holder_name": "Bench", "authorize": True},
            token=token).data["account_id"]
        payment = step("payment (one-time)", 201, lambda: client.post(
            "/payments", {"case_id": "12121200", "bank_account_id": account,
                          "amount_cents": 10000}, token=token,
            headers={"Idempotency-Key": "bench-payment-1"})).data["payment_id"]
        clock.shift(timedelta(days=2))
        token = client.post("/auth/login/verify", {
            "challenge_id": password_step(), "method": "totp",
            "code": pyotp.TOTP(secret).now()}).data["token"]
        step("GET /payments/{id} (past its settle time: no processor call)", 200,
             lambda: client.get(f"/payments/{payment}", token=token))
        step("GET /payments (history page)", 200, lambda: client.get("/payments", token=token))
        from chalicelib import jobs
        from chalicelib.clock import utc_now

        settled, calls = measure(lambda: jobs.run("settlement", utc_now()))
        assert settled.read == 1 and settled.failed == 0, settled
        idle, pages = measure(lambda: jobs.run("settlement", utc_now()))
        assert idle.read == 0, idle
        # the payment's own: beyond the day pages each run reads, whatever is due
        out["settlement job: settle one payment"] = calls - pages
        card = client.post("/sandbox/card-tokens", {"number": "4111111111111111", "exp_month": 12,
                                                    "exp_year": 2030, "cvc": "123"}).data
        step("payment (card)", 201, lambda: client.post(
            "/payments", {"case_id": "12121200", "card_token": card["token"],
                          "amount_cents": 10000}, token=token,
            headers={"Idempotency-Key": "bench-payment-2"}))
        case_data.load([{"type": "fee_account", "member_id": "12121212", "account": "012121212-001",
                         "description": "Fees", "balance_cents": 5000},
                        case("12121209", [("12121212", "obligee")])], utc_now())
        step("payment (fee account)", 201, lambda: client.post(
            "/payments", {"fee_account": "012121212-001", "bank_account_id": account,
                          "amount_cents": 5000}, token=token,
            headers={"Idempotency-Key": "bench-payment-3"}))
        step("direct deposit (set up)", 200, lambda: client.call("PUT", "/direct-deposit", {
            "routing_number": "125000105", "account_number": "000987654321",
            "account_number_confirmation": "000987654321", "account_type": "checking",
            "holder_name": "Bench", "authorize": True}, token=token))
        schedule = step("autopay (set up)", 201, lambda: client.post("/autopay", {
            "case_id": "12121201", "bank_account_id": account, "day_of_month": 5,
            "start": "2026-03-05"}, token=token)).data["schedule_id"]
        from chalicelib.dal import autopay as schedules
        from chalicelib.services import autopay

        due, calls = measure(lambda: schedules.due_on_day(5))
        out["autopay job: read one day's schedules (1 due)"] = calls
        assert [s.schedule_id for s in due[0]] == [schedule]
        before = UNITS.snapshot()
        paid, calls = measure(lambda: autopay.run(due[0][0], date(2026, 4, 5), utc_now()))
        out["autopay job: run one schedule"] = calls
        if units is not None:
            units["autopay job: run one schedule"] = units_since(before)
        assert paid.status == "pending"
        sid = step("web request: start a draft", 201, lambda: client.post(
            "/submissions", {"type": "close_case", "case_id": "12121200"},
            token=token)).data["submission_id"]
        step("web request: save a step", 200, lambda: client.call(
            "PUT", f"/submissions/{sid}/steps/about", {"answers": {"understood": True}},
            token=token))
        client.call("PUT", f"/submissions/{sid}/steps/your_information", {"answers": {
            "first_name": "Bench", "last_name": "Parent", "email": EMAIL,
            "mailing_address": {"line1": "1 Main St", "city": "Juneau", "state": "AK",
                                "zip": "99801"}}}, token=token)
        client.call("PUT", f"/submissions/{sid}/steps/reason", {"answers": {
            "reason": "other", "explanation": "Bench"}}, token=token)
        number = step("web request: submit", 200, lambda: client.post(
            f"/submissions/{sid}/submit", token=token)).data["confirmation_number"]
        step("GET /submissions (search page)", 200,
             lambda: client.get("/submissions", token=token))
        step("GET /action-center", 200, lambda: client.get("/action-center", token=token))
        from tests.cases import staff_token

        staff = staff_token(client, outbox)
        step("agency: worklist page", 200,
             lambda: client.get("/agency/submissions", token=staff))
        step("agency: decide a request", 200, lambda: client.post(
            f"/agency/submissions/{number}/decision", {"status": "in_review"}, token=staff))
        import requests

        pdf = b"%PDF-1.4\n%%EOF\n"
        made = step("document: start an upload", 201, lambda: client.post(
            "/documents", {"filename": "stub.pdf", "content_type": "application/pdf",
                           "size": len(pdf)}, token=token)).data
        requests.post(made["upload"]["url"], data=made["upload"]["fields"],
                      files={"file": ("stub.pdf", pdf, "application/pdf")})
        step("document: complete (checked in S3)", 200, lambda: client.post(
            f"/documents/{made['document_id']}/complete", token=token))
        step("message: send with a document", 201, lambda: client.post("/messages", {
            "subject": "Pay stub", "body": "Attached.", "document_ids": [made["document_id"]]},
            token=token))
        step("GET /messages (inbox)", 200, lambda: client.get("/messages", token=token))
        step("agency: threads awaiting reply", 200,
             lambda: client.get("/agency/messages", token=staff))
        helper_email = "bench.helper@example.com"
        step("grant access (invitation)", 201, lambda: client.post("/access/grants", {
            "email": helper_email, "permissions": ["view"]}, token=token))
        invitation = outbox.token(helper_email)
        from tests.people import register, sign_in

        register(client, outbox, helper_email)
        helper = sign_in(client, outbox, helper_email)
        grant = step("accept an invitation", 200, lambda: client.post(
            "/access/invitations/accept", {"token": invitation}, token=helper)).data["grant_id"]
        client.post("/access/act-as", {"grant_id": grant}, token=helper)
        step("GET /summary (as a delegate)", 200, lambda: client.get("/summary", token=helper))
        step("agency-recorded payment (withholding)", 201, lambda: client.post(
            "/agency/cases/12121202/payments", {
                "amount_cents": 25000, "received_on": "2026-03-03",
                "source": "income_withholding", "reference": "IW-2026-03-0001"}, token=staff))
        step("logout", 204, lambda: client.post("/auth/logout", token=token))
        step("forgot password", 202, lambda: client.post("/auth/password/forgot",
                                                         {"email": EMAIL}))
        reset = outbox.token(EMAIL)
        step("reset password", 204, lambda: client.post("/auth/password/reset", {
            "token": reset, "question_id": "first_pet", "answer": "Rex the Dog",
            "new_password": NEW}))
    return out
