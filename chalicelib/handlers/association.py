"""Find my existing case: link the logon to the agency's record (Alaska "Customer
Association", Kentucky PIN, redeem code) and forgot case number (Arizona)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from chalicelib.clock import utc_now
from chalicelib.domain.identity import mask_ssn
from chalicelib.handlers.routing import Routes, route
from chalicelib.models import lazy
from chalicelib.services import association
from chalicelib.services.scope import Caller, current_user

if TYPE_CHECKING:  # the checker reads the models; a request builds them (models/__init__.py)
    from chalicelib.models import cases as m
else:
    m = lazy("cases")

bp = Routes(__name__)
TAG = "Case association"
ABOUT = ("Link your web logon to your existing child support case(s). You will need your "
         "member number or case number, your legal last name, your Social Security number "
         "and your date of birth. Once your request is verified you will see your case(s).")


def _identity(body) -> association.Identity:
    return association.Identity(last_name=body.last_name, ssn=body.ssn,
                                date_of_birth=body.date_of_birth.isoformat(),
                                member_id=body.member_id, case_id=body.case_id)


def confirmation_out(c: association.Confirmation):
    return m.ConfirmationOut(confirmation_number=c.confirmation_number, date_received=c.received_at,
                             submitted_by_logon=c.logon, member_id=c.member_id,
                             cases=[m.LinkedCase(case_id=i, role=r) for i, r in c.cases])


@route(bp, "/association", summary="The About step: what linking needs", tag=TAG)
def about(caller: Caller) -> dict:
    return {"steps": ["About", "Your Information", "Review"], "about": ABOUT}


@route(bp, "/association/review", "POST", summary="The Review step: what will be sent, masked",
       tag=TAG, body=m.IdentityIn, response=m.Review)
def review(caller: Caller, body):
    return m.Review(last_name=body.last_name.upper(), ssn=mask_ssn(body.ssn[-4:]),
                    date_of_birth=body.date_of_birth, member_id=body.member_id,
                    case_id=body.case_id,
                    message="Once you submit your request and it has been verified and "
                            "approved, you will receive access to your child support case(s).")


@route(bp, "/association", "POST", summary="Submit: link my logon to my cases", tag=TAG,
       body=m.IdentityIn, response=m.ConfirmationOut, status=201, errors_=(409, 429))
def associate(caller: Caller, body, client: str):
    user = current_user(caller)
    return confirmation_out(association.associate(user, _identity(body), utc_now(), client))


@route(bp, "/association/pin", "POST",
       summary="Email a PIN to the address the agency has on file", tag=TAG,
       body=m.PinRequest, response=m.PinSent, status=202, errors_=(409, 429), limit="pin", target="member_id")
def request_pin(caller: Caller, body):
    challenge_id = association.request_pin(
        current_user(caller), association.PinAsk(body.member_id, body.case_id, body.last_name,
                                                 body.date_of_birth.isoformat(), body.email),
        utc_now())
    return m.PinSent(challenge_id=challenge_id, message=(
        "If we have an email address on file for that record, we sent a PIN to it. "
        "It is valid for 15 minutes."))


@route(bp, "/association/pin/verify", "POST", summary="Link my logon with the emailed PIN",
       tag=TAG, body=m.PinVerify, response=m.ConfirmationOut, status=201, errors_=(409, 429))
def verify_pin(caller: Caller, body, client: str):
    user = current_user(caller)
    return confirmation_out(association.verify_pin(user, body.challenge_id, body.pin, utc_now(),
                                                client))


@route(bp, "/association/redeem", "POST", summary="Link my logon with a mailed redeem code",
       tag=TAG, body=m.RedeemRequest, response=m.ConfirmationOut, status=201,
       errors_=(409, 429))
def redeem(caller: Caller, body, client: str):
    user = current_user(caller)
    return confirmation_out(association.redeem(user, body.code, utc_now(), client))


@route(bp, "/cases/forgot-number", "POST",
       summary="Email my case numbers to me (SSN, date of birth and ZIP must match)", tag=TAG,
       body=m.ForgotCaseNumber, status=202, errors_=(429,))
def forgot_case_number(caller: Caller, body, client: str) -> dict:
    association.forgot_case_number(current_user(caller), body.ssn,
                                   body.date_of_birth.isoformat(), body.zip, utc_now(), client)
    return {"status": "accepted",
            "message": "If the details match your record, we emailed your case numbers."}
