"""Two-step verification methods: what a user has, enrolling and removing them, and
checking a second factor. Methods: emailed codes (on by default, the fallback), an
authenticator app, passkeys; recovery codes stand in for any of them."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Callable, Sequence

from chalicelib.dal import credentials, users
from chalicelib.dal.base import Together
from chalicelib.dal.credentials import PASSKEY_PREFIX, RECOVERY, TOTP, Credential
from chalicelib.dal.outbox import Mail
from chalicelib.dal.users import User
from chalicelib.domain import recovery_codes, staff_roles, totp
from chalicelib.domain.secrets import verify_secret
from chalicelib.errors import Conflict, Forbidden, Gone, InvalidInput, NotFound, Unauthorized
from chalicelib.integrations import kms
from chalicelib.services import activity, lockouts, notices, passkeys
from chalicelib.settings import get_settings

STRONG = ("totp", "passkey")


@dataclass(frozen=True)
class Methods:
    email: bool
    totp: Credential | None
    passkeys: list[Credential]
    recovery_codes_left: int

    @property
    def names(self) -> list[str]:
        """What a sign-in challenge offers, strongest first."""
        return _offered(bool(self.passkeys), self.totp is not None, self.email,
                        self.recovery_codes_left > 0)

    @property
    def count(self) -> int:
        return int(self.email) + int(self.totp is not None) + len(self.passkeys)


def methods_of(user: User) -> Methods:
    items = credentials.of_user(user.user_id)
    active_totp = next((c for c in items if c.kind == "totp" and c.status == "active"), None)
    codes = next((c for c in items if c.kind == "recovery"), None)
    return Methods(email=bool(user.email_codes), totp=active_totp,
                   passkeys=[c for c in items if c.kind == "passkey"],
                   recovery_codes_left=len(codes.code_hashes or ()) if codes else 0)


def sign_in_methods(user: User, steps: Sequence[object]) -> tuple[str, ...]:
    """What a sign-in challenge offers, from the items credentials.sign_in_keys read with
    the logon (its app, its recovery codes, its passkeys' count); the logon's factors
    read whole when those name no method to answer with but recovery codes (a passkey
    added before its count was kept: infra/recount_passkeys.py counts it)."""
    app, codes, passkeys = (item if isinstance(item, Credential) else None for item in steps)
    passkey = bool(passkeys and int(passkeys.passkey_count or 0) > 0)
    active_app = bool(app and app.status == "active")
    if not (passkey or active_app or user.email_codes):
        return tuple(methods_of(user).names)
    return tuple(_offered(passkey, active_app, bool(user.email_codes),
                          bool(codes and codes.code_hashes)))


def _offered(passkey: bool, app: bool, email: bool, recovery_codes: bool) -> list[str]:
    """The methods a challenge offers, strongest first."""
    return ((["passkey"] if passkey else []) + (["totp"] if app else [])
            + (["email"] if email else []) + (["recovery_code"] if recovery_codes else []))


def secret_context(user_id: str) -> dict[str, str]:
    return {"user_id": user_id, "purpose": "totp"}


# --- enrolment ------------------------------------------------------------------------

def start_totp(user: User, now: datetime) -> tuple[str, str, str]:
    """A new authenticator-app secret, pending until a code confirms it: returns the
    secret, the otpauth:// URI and an SVG QR code of it."""
    if methods_of(user).totp is not None:
        raise Conflict("An authenticator app is already set up. Remove it first.",
                       code="totp_exists")
    secret = totp.new_secret()
    credentials.save(Credential(user.user_id, TOTP, kind="totp", status="pending",
                                created_at=now, label="Authenticator app",
                                secret=kms.encrypt(secret.encode(), secret_context(user.user_id))))
    uri = totp.provisioning_uri(secret, user.email, get_settings().agency_name)
    return secret, uri, totp.qr_svg(uri)


def _secret(item: Credential) -> str:
    return kms.decrypt(item.secret, secret_context(item.user_id)).decode()


def confirm_totp(user: User, code: str, now: datetime, client: str | None) -> list[str] | None:
    """Activates the pending app with one valid code; returns new recovery codes when this
    is the user's first strong method."""
    item = credentials.get(user.user_id, TOTP)
    if item is None or item.status != "pending":
        raise NotFound("Start setting up the authenticator app first.", code="totp_not_started")
    step = totp.matching_step(_secret(item), code, now, int(item.last_step or 0))
    if step is None or not credentials.activate_totp(user.user_id, now, step):
        raise InvalidInput("The code is not correct. Check the time on your phone.",
                           code="invalid_code", fields={"code": "The code is not correct."})
    return _strong_method_added(user, "totp", now, client)


def passkey_options(user: User, now: datetime) -> dict[str, Any]:
    return passkeys.registration_options(user.user_id, user.email,
                                         f"{user.first_name} {user.last_name}", now)


def add_passkey(user: User, credential: dict[str, Any], label: str | None, now: datetime,
                client: str | None) -> tuple[Credential, list[str] | None]:
    item = passkeys.register(user.user_id, credential, label, now)
    return item, _strong_method_added(user, "passkey", now, client)


def _strong_method_added(user: User, method: str, now: datetime,
                         client: str | None) -> list[str] | None:
    """With the first app or passkey come recovery codes (returned, shown once), and
    emailed codes stop being offered at sign-in (login.gov: no email code once something
    stronger exists); the person may turn them back on, warned they are weaker."""
    first = credentials.get(user.user_id, RECOVERY) is None
    if first and user.email_codes:
        users.set_email_codes(user, False)
    if user.two_step_offer:
        users.two_step_chosen(user)
    _method_changed(user, "method_added", method, now, client,
                    email_codes_off=first and not user.email_codes)
    return issue_recovery_codes(user, now) if first else None


def issue_recovery_codes(user: User, now: datetime) -> list[str]:
    """Ten new codes, replacing any earlier ones; shown once, stored hashed."""
    codes = recovery_codes.generate()
    credentials.save(Credential(user.user_id, RECOVERY, kind="recovery", created_at=now,
                                code_hashes={recovery_codes.code_hash(c) for c in codes}))
    return codes


def regenerate_recovery_codes(user: User, password: str, now: datetime,
                              client: str | None) -> list[str]:
    require_password(user, password, now)
    if not any(n in STRONG for n in methods_of(user).names):
        raise Conflict("Set up an authenticator app or a passkey first.", code="no_strong_method")
    codes = issue_recovery_codes(user, now)
    activity.record(user.user_id, "recovery_codes_issued", now, client=client,
                    mail=notices.notice(user, "account_changed", now, change="recovery_codes",
                                        changed_at=now))
    return codes


def remove(user: User, method: str, password: str, now: datetime, client: str | None) -> None:
    """Removes a method ("email", "totp" or "passkey#<id>"); never the last one."""
    require_password(user, password, now)
    have = methods_of(user)
    if have.count <= 1:
        raise Conflict("You need at least one way to verify your sign-in. Add another "
                       "method before removing this one.", code="last_method")
    if method == "email":
        if not have.email:
            raise NotFound("Emailed codes are already off.", code="method_not_found")
        users.set_email_codes(user, False)
    elif method == "totp" or method.startswith(PASSKEY_PREFIX):
        if credentials.get(user.user_id, method) is None:
            raise NotFound("That method was not found.", code="method_not_found")
        credentials.remove(user.user_id, method)
    else:
        raise NotFound("That method was not found.", code="method_not_found")
    _method_changed(user, "method_removed", method.split("#")[0], now, client)


def enable_email_codes(user: User, password: str, now: datetime, client: str | None) -> None:
    """Emailed codes back on: asked as adding any method is (the caller checks the recent
    sign-in), since whoever holds the session could otherwise fall back to the weakest.
    Never for staff: their logons read bank account numbers."""
    if staff_roles.is_staff(user.role):
        raise Forbidden("Agency logons sign in with an authenticator app or a passkey only.",
                        code="staff_strong_only")
    require_password(user, password, now)
    if not user.email_codes:
        users.set_email_codes(user, True)
        _method_changed(user, "method_added", "email", now, client)


def keep_email_codes(user: User) -> None:
    """The new logon's answer to the offer of an app or a passkey: emailed codes, as
    they are. Asked once; the Security page adds a stronger method any time later."""
    if user.two_step_offer:
        users.two_step_chosen(user)


def _method_changed(user: User, event: str, method: str, now: datetime,
                    client: str | None, email_codes_off: bool = False) -> None:
    """The activity entry and the person's notice of a change to how they sign in."""
    activity.record(user.user_id, event, now, client=client, method=method,
                    mail=notices.notice(user, "account_changed", now, change=event,
                                        method=method, changed_at=now,
                                        email_codes_off=email_codes_off))


def require_password(user: User, password: str, now: datetime) -> None:
    """A signed-in person's password, asked again: counted with sign-in's (lockouts), so
    a stolen session cannot guess it where sign-in would have locked."""
    counted = lockouts.password_open(user.email, now)
    if not verify_secret(user.password_hash, password):
        lockouts.password_failed(user.email, user, now)
        raise Forbidden("The password is not correct.", code="wrong_password")
    lockouts.password_passed(user.email, counted)


# --- sign-in --------------------------------------------------------------------------

def check_totp(user: User, code: str, now: datetime) -> bool:
    step = totp_step(credentials.get(user.user_id, TOTP), code, now)
    return step is not None and credentials.use_totp_step(user.user_id, step, now)


def totp_step(item: Credential | None, code: str, now: datetime) -> int | None:
    """The time step an authenticator-app code matches, of the app read (`item`), if it
    is active and the step was not used; None otherwise (its use is written apart)."""
    if item is None or item.status != "active" or not (code.isascii() and code.isdigit()):
        return None
    return totp.matching_step(_secret(item), code, now, int(item.last_step or 0))


def proof_writes(user: User, method: str, code: str, item: Credential | None,
                 now: datetime) -> Together | None:
    """For sign-in's transaction: the write that uses an authenticator-app code or a
    recovery code, checked against the credential read with the challenge (`item`);
    None when the code is not right."""
    if method == "totp":
        step = totp_step(item, code, now)
        return None if step is None else credentials.using_totp_step(user.user_id, step, now)
    if method != "recovery_code" or not recovery_codes.looks_like(code):
        return None
    using = credentials.using_recovery_code(item, recovery_codes.code_hash(code), now,
                                            _recovery_code_notice(user, now))
    return using[0] if using else None


def _recovery_code_notice(user: User, now: datetime) -> Callable[[int], list[Mail]]:
    return lambda left: notices.notice(user, "recovery_code_used", now, used_at=now, left=left)


def check_recovery_code(user: User, code: str, now: datetime) -> bool:
    if not recovery_codes.looks_like(code):
        return False
    left = credentials.use_recovery_code(user.user_id, recovery_codes.code_hash(code), now,
                                         mail=_recovery_code_notice(user, now))
    return left is not None


def code_is_right(user: User, method: str, code: str, now: datetime) -> bool:
    """An authenticator-app code or a recovery code of the user's (each works once)."""
    if method == "totp":
        return check_totp(user, code, now)
    return method == "recovery_code" and check_recovery_code(user, code, now)


def counted_code(user: User, method: str, code: str, now: datetime,
                 client: str | None = None) -> bool:
    """code_is_right, counted with sign-in's second steps (lockouts: refused while they
    are locked; a wrong one counts, the tenth in a row locks)."""
    lockouts.second_step_open(user, now)
    if code_is_right(user, method, code, now):
        lockouts.second_step_passed(user)
        return True
    lockouts.second_step_failed(user, now, client)
    return False


def require_second_factor(user: User, method: str, now: datetime, *, code: str | None = None,
                          credential: dict[str, Any] | None = None) -> None:
    """For actions that need a second factor again (deleting the profile): counted with
    sign-in's second steps (lockouts)."""
    if method == "passkey" and credential:
        lockouts.second_step_open(user, now)
        try:
            passkeys.verify_assertion(credential, now, user_id=user.user_id)
        except (Unauthorized, Gone):
            lockouts.second_step_failed(user, now)
            raise
        lockouts.second_step_passed(user)
        return
    if not counted_code(user, method, code or "", now):
        raise Unauthorized("The second step was not correct.", code="invalid_second_factor")
