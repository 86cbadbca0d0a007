"""The local stage's mailbox and pages, and their absence in every other stage."""
import os
import subprocess
import sys

from tests.people import registration


def test_the_mailbox_lists_sent_email_newest_first(client, outbox):
    client.post("/auth/register", registration("a@example.com"))
    client.post("/auth/register", registration("b@example.com"))
    outbox.drain()  # the mail worker delivers what the requests queued
    response = client.get("/dev/mailbox")
    assert response.status_code == 200
    messages = response.data["messages"]
    assert [m["to"] for m in messages] == [["b@example.com"], ["a@example.com"]]
    assert "/verify-email?token=" in messages[0]["body"]


def test_the_mailbox_page_and_the_verify_page_are_html(client, outbox):
    client.post("/auth/register", registration("a@example.com"))
    outbox.drain()
    page = client.raw.http.get("/dev/mailbox/view")
    assert page.status_code == 200 and b"Verify your email" in page.body
    assert b"To: a@example.com" in page.body
    verify = client.raw.http.get("/dev/verify-email?token=abc")
    assert verify.headers["Content-Type"].startswith("text/html")


def test_other_stages_have_no_dev_routes():
    env = {**os.environ, "STAGE": "prod", "SSN_HMAC_SECRET": "csp-prod/ssn-hmac-key"}
    out = subprocess.run([sys.executable, "-c", "import app; print(sorted(app.app.routes))"],
                         env=env, capture_output=True, text=True, check=True).stdout
    assert "/auth/login" in out and "/dev/" not in out


def test_chalice_errors_use_the_portal_error_shape(client):
    response = client.call("DELETE", "/me")
    assert response.status_code == 405
    assert response.data["error"]["code"] == "method_not_allowed"


def test_a_stage_with_a_bad_setting_does_not_start_and_says_why():
    env = {**os.environ, "STAGE": "prod", "AGENCY_TIMEZONE": "Alaska", "PAYMENT_LIMIT_CENTS": "1e6"}
    out = subprocess.run([sys.executable, "-c", "import app"], env=env, capture_output=True,
                         text=True)
    assert out.returncode != 0
    assert "AGENCY_TIMEZONE must be an IANA time zone" in out.stderr
    assert "PAYMENT_LIMIT_CENTS must be a whole number, not '1e6'" in out.stderr
