"""WebAuthn ceremonies (py_webauthn). Challenges are kept server-side as single-use
tokens that expire in 5 minutes; the relying party id and origins come from settings."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Callable, TypeVar

from chalicelib.dal import credentials, tokens
from chalicelib.dal.base import Together, Wanted, write_parts
from chalicelib.dal.credentials import PASSKEY_PREFIX, Credential
from chalicelib.dal.tokens import Token
from chalicelib.domain.secrets import token_hash
from chalicelib.errors import BadRequest, Conflict, Gone, Unauthorized
from chalicelib.settings import get_settings

CHALLENGE_LIFETIME = timedelta(minutes=5)
T = TypeVar("T")
REGISTER, SIGN_IN = "passkey_register", "passkey_sign_in"
ANYONE = "-"  # the user of a discoverable sign-in challenge is not known in advance


@dataclass(frozen=True)
class Assertion:
    credential: Credential
    sign_count: int


def _json(text: str) -> dict[str, Any]:
    found: dict[str, Any] = json.loads(text)
    return found


def _parse(parser: Callable[[Any], T], credential: dict[str, Any] | bytes) -> T:
    """A browser's credential JSON parsed by py_webauthn; anything malformed is a 400."""
    try:
        return parser(credential)
    except Exception:
        raise BadRequest("The passkey response is not valid.",
                         code="invalid_passkey_response") from None


def _remember(challenge: bytes, purpose: str, user_id: str, now: datetime) -> None:
    # cold start: 55 ms (webauthn and pyOpenSSL), at the first passkey
    from webauthn.helpers import bytes_to_base64url

    tokens.issue(token_hash(bytes_to_base64url(challenge)), purpose=purpose, user_id=user_id,
                 now=now, expires_at=now + CHALLENGE_LIFETIME)


def _challenge_used() -> Gone:
    return Gone("This passkey request was used or has expired. Start again.",
                code="passkey_challenge_used")


def _challenge_key(challenge: bytes) -> str:
    # cold start: 55 ms (webauthn and pyOpenSSL), at the first passkey
    from webauthn.helpers import bytes_to_base64url

    return token_hash(bytes_to_base64url(challenge))


def _take_challenge(client_data_json: bytes, purpose: str, now: datetime) -> tuple[bytes, str]:
    """Consumes the challenge the browser signed; returns it and the user it was for."""
    # cold start: 55 ms (webauthn and pyOpenSSL), at the first passkey
    from webauthn.helpers import parse_client_data_json

    challenge = _parse(parse_client_data_json, client_data_json).challenge
    key = _challenge_key(challenge)
    record = tokens.find(key, purpose)
    if record is None:
        raise Unauthorized("This passkey request is not known. Start again.",
                           code="passkey_challenge_unknown")
    if record.state(now, 1) != "valid" or not tokens.consume(key, now, 1):
        raise _challenge_used()
    return challenge, record.user_id


def registration_options(user_id: str, email: str, display_name: str, now: datetime) -> dict[str, Any]:
    # cold start: 55 ms (webauthn and pyOpenSSL), at the first passkey
    from webauthn import generate_registration_options, options_to_json
    from webauthn.helpers.structs import (
        AuthenticatorSelectionCriteria,
        PublicKeyCredentialDescriptor,
        ResidentKeyRequirement,
        UserVerificationRequirement,
    )

    settings = get_settings()
    existing = [c for c in credentials.of_user(user_id) if c.kind == "passkey"]
    options = generate_registration_options(
        rp_id=settings.rp_id, rp_name=settings.rp_name, user_id=user_id.encode(),
        user_name=email, user_display_name=display_name,
        timeout=int(CHALLENGE_LIFETIME.total_seconds() * 1000),
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.REQUIRED,
            user_verification=UserVerificationRequirement.REQUIRED),
        exclude_credentials=[PublicKeyCredentialDescriptor(id=_raw_id(c)) for c in existing])
    _remember(options.challenge, REGISTER, user_id, now)
    return _json(options_to_json(options))


def register(user_id: str, credential: dict[str, Any], label: str | None, now: datetime) -> Credential:
    # cold start: 55 ms (webauthn and pyOpenSSL), at the first passkey
    from webauthn import verify_registration_response
    from webauthn.helpers import bytes_to_base64url, parse_registration_credential_json
    from webauthn.helpers.exceptions import WebAuthnException

    settings = get_settings()
    parsed = _parse(parse_registration_credential_json, credential)
    challenge, owner = _take_challenge(parsed.response.client_data_json, REGISTER, now)
    if owner != user_id:
        raise Unauthorized("This passkey request is not yours.", code="passkey_challenge_unknown")
    try:
        verified = verify_registration_response(
            credential=parsed, expected_challenge=challenge, expected_rp_id=settings.rp_id,
            expected_origin=list(settings.web_origins), require_user_verification=True)
    except WebAuthnException as error:
        raise BadRequest(f"The passkey could not be registered: {error}",
                         code="passkey_rejected") from None
    item = Credential(user_id, PASSKEY_PREFIX + bytes_to_base64url(verified.credential_id),
                      kind="passkey", created_at=now, label=label or "Passkey",
                      public_key=verified.credential_public_key,
                      sign_count=verified.sign_count,
                      transports=[t.value for t in (parsed.response.transports or [])] or None)
    if not credentials.add_passkey(item):
        raise Conflict("This passkey is registered already. Use it to sign in, or add "
                       "another.", code="passkey_in_use")
    return item


def sign_in_options(user_id: str | None, now: datetime) -> dict[str, Any]:
    """Options for an assertion: for a known user (second step) or anyone (passwordless)."""
    # cold start: 55 ms (webauthn and pyOpenSSL), at the first passkey
    from webauthn import generate_authentication_options, options_to_json
    from webauthn.helpers.structs import PublicKeyCredentialDescriptor, UserVerificationRequirement

    allowed = []
    if user_id:
        allowed = [PublicKeyCredentialDescriptor(id=_raw_id(c))
                   for c in credentials.of_user(user_id) if c.kind == "passkey"]
    options = generate_authentication_options(
        rp_id=get_settings().rp_id, timeout=int(CHALLENGE_LIFETIME.total_seconds() * 1000),
        allow_credentials=allowed, user_verification=UserVerificationRequirement.REQUIRED)
    _remember(options.challenge, SIGN_IN, user_id or ANYONE, now)
    return _json(options_to_json(options))


@dataclass(frozen=True)
class Presented:
    """A signed assertion as the browser sent it, parsed: what it signed and the keys of
    the items that check it (its challenge, the passkey of its owner)."""
    parsed: Any  # py_webauthn's AuthenticationCredential
    challenge: bytes
    owner: str  # the user it is checked for (second step) or the authenticator names

    @property
    def challenge_key(self) -> str:
        return _challenge_key(self.challenge)

    @property
    def passkey(self) -> Wanted:
        return Credential, self.owner, PASSKEY_PREFIX + self.parsed.id


def presented(credential: dict[str, Any], user_id: str | None = None) -> Presented:
    """Parses an assertion (a 400 if malformed). With user_id, the passkey must be that
    user's (second step); without, the user is the one the authenticator names
    (passwordless)."""
    # cold start: 55 ms (webauthn and pyOpenSSL), at the first passkey
    from webauthn.helpers import parse_authentication_credential_json, parse_client_data_json

    parsed = _parse(parse_authentication_credential_json, credential)
    challenge = _parse(parse_client_data_json, parsed.response.client_data_json).challenge
    handle = parsed.response.user_handle.decode(errors="replace") if parsed.response.user_handle else None
    owner = user_id or handle
    if not owner:
        raise Unauthorized("This passkey is not recognised.", code="passkey_unknown")
    return Presented(parsed, challenge, owner)


def assertion_writes(assertion: Presented, challenge: Token | None, stored: Credential | None,
                     now: datetime) -> tuple[Together, Together]:
    """Checks the assertion against its challenge and passkey, read by their keys in
    Presented (Unauthorized or Gone if it fails); returns the writes that use them, for one
    transaction: the challenge consumed, then the passkey's counter moved on (refused
    if another use got there first)."""
    # cold start: 55 ms (webauthn and pyOpenSSL), at the first passkey
    from webauthn import verify_authentication_response
    from webauthn.helpers.exceptions import WebAuthnException

    if challenge is None or challenge.purpose != SIGN_IN:
        raise Unauthorized("This passkey request is not known. Start again.",
                           code="passkey_challenge_unknown")
    if challenge.state(now, 1) != "valid":
        raise _challenge_used()
    if challenge.user_id not in (ANYONE, assertion.owner) or stored is None or stored.kind != "passkey":
        raise Unauthorized("This passkey is not recognised.", code="passkey_unknown")
    settings = get_settings()
    try:
        verified = verify_authentication_response(
            credential=assertion.parsed, expected_challenge=assertion.challenge,
            expected_rp_id=settings.rp_id, expected_origin=list(settings.web_origins),
            credential_public_key=stored.public_key,
            credential_current_sign_count=int(stored.sign_count or 0),
            require_user_verification=True)
    except WebAuthnException as error:
        raise Unauthorized(f"The passkey was refused: {error}", code="passkey_rejected") from None
    return (tokens.consuming(challenge.token_hash, now, 1),
            credentials.using_passkey(stored, verified.new_sign_count, now))


def refused_assertion(part: int) -> Unauthorized | Gone:
    """What a refused write of assertion_writes (its index) means."""
    if part == 0:
        return _challenge_used()
    return Unauthorized("The passkey was refused: its counter went backwards.",
                        code="passkey_rejected")


def verify_assertion(credential: dict[str, Any], now: datetime, user_id: str | None = None) -> Credential:
    """Checks a signed assertion against a stored passkey (presented) and moves its
    counter on, in one read and one write."""
    assertion = presented(credential, user_id)
    challenge, (stored,) = tokens.find_with(assertion.challenge_key, SIGN_IN, assertion.passkey)
    passkey = stored if isinstance(stored, Credential) else None
    refused = write_parts(assertion_writes(assertion, challenge, passkey, now))
    if refused is not None:
        raise refused_assertion(refused)
    if passkey is None:  # refused by assertion_writes already (for the type checker)
        raise Unauthorized("This passkey is not recognised.", code="passkey_unknown")
    return passkey


def _raw_id(item: Credential) -> bytes:
    # cold start: 55 ms (webauthn and pyOpenSSL), at the first passkey
    from webauthn.helpers import base64url_to_bytes

    return base64url_to_bytes(item.method_id.removeprefix(PASSKEY_PREFIX))
