"""WebAuthn ceremonies (py_webauthn). Challenges are kept server-side as single-use
tokens that expire in 5 minutes; the relying party id and origins come from settings."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Callable, TypeVar

from chalicelib.dal import credentials, tokens
from chalicelib.dal.credentials import PASSKEY_PREFIX, Credential
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


def _take_challenge(client_data_json: bytes, purpose: str, now: datetime) -> tuple[bytes, str]:
    """Consumes the challenge the browser signed; returns it and the user it was for."""
    # cold start: 55 ms (webauthn and pyOpenSSL), at the first passkey
    from webauthn.helpers import bytes_to_base64url, parse_client_data_json

    challenge = _parse(parse_client_data_json, client_data_json).challenge
    key = token_hash(bytes_to_base64url(challenge))
    record = tokens.find(key, purpose)
    if record is None:
        raise Unauthorized("This passkey request is not known. Start again.",
                           code="passkey_challenge_unknown")
    if record.state(now, 1) != "valid" or not tokens.consume(key, now, 1):
        raise Gone("This passkey request was used or has expired. Start again.",
                   code="passkey_challenge_used")
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


def verify_assertion(credential: dict[str, Any], now: datetime, user_id: str | None = None) -> Credential:
    """Checks a signed assertion against a stored passkey; moves its counter on. With
    user_id, the passkey must be that user's (second step); without, the user is the one
    the authenticator names (passwordless)."""
    # cold start: 55 ms (webauthn and pyOpenSSL), at the first passkey
    from webauthn import verify_authentication_response
    from webauthn.helpers import parse_authentication_credential_json
    from webauthn.helpers.exceptions import WebAuthnException

    settings = get_settings()
    parsed = _parse(parse_authentication_credential_json, credential)
    challenge, intended = _take_challenge(parsed.response.client_data_json, SIGN_IN, now)
    handle = parsed.response.user_handle.decode(errors="replace") if parsed.response.user_handle else None
    owner = user_id or handle
    if not owner or (intended != ANYONE and intended != owner):
        raise Unauthorized("This passkey is not recognised.", code="passkey_unknown")
    stored = credentials.get(owner, PASSKEY_PREFIX + parsed.id)
    if stored is None or stored.kind != "passkey":
        raise Unauthorized("This passkey is not recognised.", code="passkey_unknown")
    try:
        verified = verify_authentication_response(
            credential=parsed, expected_challenge=challenge, expected_rp_id=settings.rp_id,
            expected_origin=list(settings.web_origins), credential_public_key=stored.public_key,
            credential_current_sign_count=int(stored.sign_count or 0),
            require_user_verification=True)
    except WebAuthnException as error:
        raise Unauthorized(f"The passkey was refused: {error}", code="passkey_rejected") from None
    if not credentials.use_passkey(stored, verified.new_sign_count, now):
        raise Unauthorized("The passkey was refused: its counter went backwards.",
                           code="passkey_rejected")
    return stored


def _raw_id(item: Credential) -> bytes:
    # cold start: 55 ms (webauthn and pyOpenSSL), at the first passkey
    from webauthn.helpers import base64url_to_bytes

    return base64url_to_bytes(item.method_id.removeprefix(PASSKEY_PREFIX))
