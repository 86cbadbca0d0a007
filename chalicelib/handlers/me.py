"""Manage My Profile: the signed-in user's record, addresses, password, questions,
settings, and deleting the profile."""
from __future__ import annotations

from typing import TYPE_CHECKING

from chalice import Response

from chalicelib.clock import utc_now
from chalicelib.domain import staff_roles
from chalicelib.handlers import cookies
from chalicelib.handlers.routing import Routes, route
from chalicelib.models import lazy
from chalicelib.services import profile, terms
from chalicelib.services.scope import Caller, current_user

if TYPE_CHECKING:  # handlers read the dal's records only through services
    from chalicelib.dal.users import User

if TYPE_CHECKING:  # the checker reads the models; a request builds them (models/__init__.py)
    from chalicelib.models import common
    from chalicelib.models import me as m
else:
    m = lazy("me")
    common = lazy("common")

bp = Routes(__name__)
TAG = "Profile"


def _address(value):
    return common.AddressOut(**value.as_dict()) if value else None


def _me(user: User):
    emails = [m.EmailOut(email=user.email, sign_in=True, verified=user.verified_at is not None)]
    emails += [m.EmailOut(email=e.address, sign_in=False, verified=e.verified_at is not None)
               for e in user.other_emails]
    return m.MeOut(
        user_id=user.user_id, email=user.email, first_name=user.first_name,
        middle_name=user.middle_name, last_name=user.last_name,
        date_of_birth=user.date_of_birth, language=user.language,
        phones=[common.PhoneOut(number=p.number, type=p.type) for p in user.phones],
        emails=emails, mailing_address=_address(user.mailing_address),
        residential_address=_address(user.residential_address),
        email_verified_at=user.verified_at, created_at=user.created_at,
        previous_login_at=user.previous_login_at, last_login_at=user.last_login_at,
        role=user.role, duties=staff_roles.duties_of(user.role), version=user.version,
        phone_pin_set_at=user.phone_pin_set_at, two_step_offer=bool(user.two_step_offer),
        terms_version=user.terms_version,
        terms_outdated=not staff_roles.is_staff(user.role) and terms.outdated(user),
        preferred_contact=_contact(user))


def _contact(user: User):
    if not user.contact_method:
        return None
    return m.ContactPreferenceOut(method=user.contact_method, number=user.contact_number)


@route(bp, "/me", summary="The signed-in user, with the previous sign-in time", tag=TAG,
       response=m.MeOut)
def me(caller: Caller):
    return _me(current_user(caller))


@route(bp, "/me", "PATCH", summary="Change names, language, phones or addresses", tag=TAG,
       body=m.ProfilePatch, response=m.MeOut, errors_=(409,))
def update_me(caller: Caller, body):
    changes = profile.Changes(
        version=body.version, first_name=body.first_name, middle_name=body.middle_name,
        last_name=body.last_name, language=body.language,
        phones=[(p.number, p.type) for p in body.phones] if body.phones is not None else None,
        mailing_address=body.mailing_address.model_dump() if body.mailing_address else None,
        residential_address=(body.residential_address.model_dump()
                             if body.residential_address else None),
        preferred_contact=((body.preferred_contact.method, body.preferred_contact.number)
                           if body.preferred_contact else None))
    return _me(profile.update(caller, changes, utc_now()))


@route(bp, "/me/terms", "POST", summary="Accept the terms in force (asked again when they "
       "change)", tag=TAG, body=m.TermsAcceptance, status=204, errors_=(409,))
def accept_terms(caller: Caller, body, client: str) -> None:
    terms.accept(current_user(caller), body.version, utc_now(), client)


@route(bp, "/me/emails", "POST", summary="Add an email address (confirmed by a link)",
       tag=TAG, body=m.EmailRequest, status=202, errors_=(409,))
def add_email(caller: Caller, body) -> dict:
    profile.add_email(caller, body.email, utc_now())
    return {"status": "accepted", "message": "Open the link we sent to that address."}


@route(bp, "/me/emails/remove", "POST", summary="Remove an address (not the sign-in one)",
       tag=TAG, body=m.EmailRequest, status=204, errors_=(404, 409))
def remove_email(caller: Caller, body) -> None:
    profile.remove_email(caller, body.email, utc_now())


@route(bp, "/me/emails/sign-in", "POST", summary="Sign in with another confirmed address",
       tag=TAG, body=m.SwitchEmailRequest, status=204, errors_=(403, 409, 429))
def switch_sign_in_email(caller: Caller, body) -> None:
    profile.switch_sign_in_email(caller, body.email, body.password, utc_now())


@route(bp, "/me/password", "POST", summary="Change my password (signs out other sessions)",
       tag=TAG, body=m.ChangePasswordRequest, status=204, errors_=(403, 429))
def change_password(caller: Caller, body) -> None:
    profile.change_password(caller, body.current_password, body.new_password, utc_now())


@route(bp, "/me/security-questions", "PUT",
       summary="Replace my security questions (signs out other sessions)", tag=TAG,
       body=m.SecurityQuestionsRequest, status=204, errors_=(403, 429))
def change_security_questions(caller: Caller, body) -> None:
    profile.change_security_questions(
        caller, body.password, [(q.question_id, q.answer) for q in body.security_questions],
        utc_now())


@route(bp, "/me/phone-pin", "PUT",
       summary="Set or change my PIN for the agency's phone line (never shown)", tag=TAG,
       body=m.PhonePinRequest, status=204, errors_=(403, 429))
def change_phone_pin(caller: Caller, body) -> None:
    profile.change_phone_pin(caller, body.password, body.pin, utc_now())


def _settings(user: User):
    return m.SettingsIO(mail_delivery=user.mail_delivery, notify_new_mail=user.notify_new_mail,
                        notify_new_device=user.notify_new_device,
                        subscriptions=list(user.subscriptions),
                        fee_accounts=[m.FeeAccountSetting(
                            account=f.account, mail_delivery=f.mail_delivery,
                            notify_new_mail=f.notify_new_mail)
                            for f in profile.fee_accounts_of(user)])


@route(bp, "/me/settings", summary="Mail delivery, notifications and email subscriptions",
       tag=TAG, response=m.SettingsIO)
def get_settings(caller: Caller):
    return _settings(current_user(caller))


@route(bp, "/me/settings", "PUT", summary="Change my settings", tag=TAG, body=m.SettingsIO,
       response=m.SettingsIO)
def put_settings(caller: Caller, body):
    return _settings(profile.update_settings(caller, body.mail_delivery, body.notify_new_mail,
                                             list(body.subscriptions), utc_now(),
                                             notify_new_device=body.notify_new_device,
                                             fee_accounts=None if body.fee_accounts is None else [
                                                 (f.account, f.mail_delivery, f.notify_new_mail)
                                                 for f in body.fee_accounts]))


@route(bp, "/me/delete/email-code", "POST",
       summary="Email a code to confirm deleting my profile", tag=TAG, status=201)
def delete_code(caller: Caller) -> dict:
    return {"challenge_id": profile.send_delete_code(caller, utc_now())}


@route(bp, "/me/delete", "POST",
       summary="Delete my profile (password and a second factor)", tag=TAG,
       body=m.DeleteProfileRequest, status=204, errors_=(401, 403, 429))
def delete_profile(caller: Caller, body) -> Response:
    profile.delete_profile(caller, body.password, body.method, utc_now(), code=body.code,
                           credential=body.credential, challenge_id=body.challenge_id)
    return Response("", status_code=204, headers={"Set-Cookie": cookies.clear_session()})
