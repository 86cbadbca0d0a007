"""Demo data for `make run`: the Alaska screenshots. John Doe (obligor, signed up and
linked), Jane Doe (obligee, not signed up: register and link as her), Baby Doe, case
000020108 with $800 arrears, a fee account, a court date, a caseworker, and John's
Action Center: an unread message, an unread letter, a request not yet submitted; and
Sam Rivera (obligor, not signed up) on case 000030005, $350 a month, to try it all as
a newcomer."""
from __future__ import annotations

import json
import uuid
from datetime import timedelta
from pathlib import Path

from chalicelib.clock import utc_now
from chalicelib.dal import agency, users
from chalicelib.dal.users import Phone, PostalAddress, SecurityAnswer, User
from chalicelib.domain.contact import email_key
from chalicelib.domain.secrets import hash_secret
from chalicelib.domain.security_questions import normalize_answer
from chalicelib.services import attention, case_data, staff, terms

DEMO_EMAIL = "johndoe@test.com"
# the local demo's logons, given in the README (bandit B105)
DEMO_PASSWORD = "Demo-Portal-Pass-2026!"  # nosec B105
DEMO_ANSWER = ("first_pet", "Rex")
DEMO_MEMBER = "04025286"
STAFF_EMAIL = "caseworker@agency.example.gov"
STAFF_PASSWORD = "Agency-Desk-Lantern-2026!"  # nosec B105
# Agency routes answer only a sign-in with an app or a passkey: the demo caseworker's
# authenticator app, to add to any app by hand (or `make staff-code` prints its code)
STAFF_APP_SECRET = "CASEWORKERDEMOAPPSECRETONLYLOCAL"  # nosec B105
# the other demo staff, one a role (the same password; each its own app)
SUPERVISOR_EMAIL = "supervisor@agency.example.gov"
DISBURSEMENT_EMAIL = "disbursement@agency.example.gov"
APP_SECRETS = {STAFF_EMAIL: STAFF_APP_SECRET,
               SUPERVISOR_EMAIL: "SUPERVISORDEMOAPPSECRETONLYLOCAL",
               DISBURSEMENT_EMAIL: "DISBURSEMENTDEMOAPPSECRETSLOCAL2"}
DEMO_STAFF = ((STAFF_EMAIL, "caseworker", "Casey", "Worker"),
              (SUPERVISOR_EMAIL, "supervisor", "Sandra", "Lead"),
              (DISBURSEMENT_EMAIL, "disbursement", "Dale", "Payer"))
RECORDS = Path(__file__).with_name("demo-cases.json")


def _parent(now) -> None:
    if users.find_by_email(email_key(DEMO_EMAIL)) is not None:
        return
    password_hash = hash_secret(DEMO_PASSWORD)
    user = User(uuid.uuid4().hex, email=DEMO_EMAIL, first_name="John", last_name="Doe",
                phones=[Phone(number="+19075555555", type="mobile")], language="en",
                status="active", password_hash=password_hash, password_history=[password_hash],
                password_changed_at=now, terms_accepted_at=now, terms_version=terms.version(),
                created_at=now, verified_at=now,
                mailing_address=PostalAddress(line1="550 W 7TH AVE", city="ANCHORAGE",
                                              state="AK", zip="99501-3571"),
                security_answers=[SecurityAnswer(
                    question_id=DEMO_ANSWER[0],
                    answer_hash=hash_secret(normalize_answer(DEMO_ANSWER[1])))])
    users.create(user, email_key(DEMO_EMAIL))
    agency.link_logon(DEMO_MEMBER, user, [])
    attention.recount(user, now)  # what his member has waiting: the Action Center's number


def _staff(now, email: str, role: str, first: str, last: str) -> None:
    """A demo staff logon, with an authenticator app already set up (as a real one sets
    it up at the first sign-in): emailed codes are off, as for every staff logon."""
    from chalicelib.dal import credentials
    from chalicelib.dal.credentials import TOTP, Credential
    from chalicelib.integrations import kms
    from chalicelib.services import mfa

    user = users.get(staff.create_staff(email, first, last, STAFF_PASSWORD, role, now))
    if user is None:
        raise RuntimeError("the demo staff logon was not saved")
    credentials.save(Credential(user.user_id, TOTP, kind="totp", status="active",
                                created_at=now, label="Authenticator app", secret=kms.encrypt(
                                    APP_SECRETS[email].encode(),
                                    mfa.secret_context(user.user_id))))
    users.set_email_codes(user, False)


def _action_center(now) -> None:
    """What the Alaska Action Center screenshot shows: an unread message, an unread letter
    and a request started but not submitted (the balance due comes from the case)."""
    from chalicelib.dal import documents as document_store
    from chalicelib.dal import messages as threads
    from chalicelib.dal.documents import Document
    from chalicelib.integrations import documents as s3
    from chalicelib.services import letters, messages, submissions
    from chalicelib.services.scope import Caller

    john = users.find_by_email(email_key(DEMO_EMAIL))
    desk = users.find_by_email(email_key(STAFF_EMAIL))
    if john is None or desk is None or threads.threads(john.user_id):
        return
    worker = Caller(desk.user_id, "demo", role="caseworker")
    messages.staff_write(worker, DEMO_MEMBER, "Your annual review",
                         "We are reviewing your case this year. Please send us a recent pay "
                         "stub through the portal.", "000020108", [], now)
    letter = Document(uuid.uuid4().hex[:24], owner=desk.user_id, status="ready",
                      filename="Notice of Arrears.pdf", content_type="application/pdf",
                      size=0, created_at=now)
    content = _letter_pdf()
    letter.size = len(content)
    s3.put(letter.key, content, "application/pdf")
    document_store.create(letter)
    letters.post(worker, DEMO_MEMBER, "Notice of Arrears", letter.document_id, "000020108",
                 now)
    parent = Caller(john.user_id, "demo")
    draft = submissions.start(parent, "order_modification", "000020108", now)
    submissions.save_step(parent, draft.submission_id, "about", {"understood": True}, now)


LETTER = ["Child Support Services Division", "Notice of Arrears", "",
          f"Member: {DEMO_MEMBER}    Case ID: 000020108", "Balance: $800.00",
          "What to do: pay in the portal or call us."]


def _letter_pdf(lines: list[str] = LETTER) -> bytes:
    """The demo's letter: a one-page PDF of a few lines of Helvetica (the agency's own
    letters are its documents; this only stands for one)."""
    text = "".join(f"({line}) Tj 0 -18 Td " for line in lines)
    stream = f"BT /F1 12 Tf 72 720 Td {text}ET".encode("latin-1")
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
               b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
               b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def load() -> list[str]:
    """Loads the demo records (idempotent) and logons; returns notes for a person."""
    now = utc_now()
    records = json.loads(RECORDS.read_text())["records"]
    court = (now + timedelta(days=10)).replace(hour=17, minute=30, second=0, microsecond=0)
    records.append({"type": "event", "case_id": "000020108", "event_id": "court-demo",
                    "at": court.isoformat(), "kind": "court_date",
                    "description": "Hearing on motion to modify support",
                    "location": "Boney Courthouse, 303 K St, Anchorage, courtroom 401"})
    case_data.load(records, now)
    _parent(now)
    for email, role, first, last in DEMO_STAFF:
        if users.find_by_email(email_key(email)) is None:
            _staff(now, email, role, first, last)
    _action_center(now)
    return [f"demo parent (obligor, linked to case 000020108): {DEMO_EMAIL} / {DEMO_PASSWORD}",
            "to link a new logon as the obligee: member 04024333, last name DOE, "
            "SSN 123-45-3333, born 1990-07-04",
            "to sign up and link as a paying parent (case 000030005, $350 a month): "
            "member 04030001, last name RIVERA, SSN 123-45-5555, born 1985-03-12",
            *(f"{role}: {email} / {STAFF_PASSWORD}, then the code of an authenticator "
              f"app with the secret {APP_SECRETS[email]} (`make staff-code EMAIL={email}`)"
              for email, role, _, _ in DEMO_STAFF)]
