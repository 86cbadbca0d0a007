"""A software WebAuthn authenticator for tests: EC P-256 keys from `cryptography`,
"none" attestation, a signature counter, discoverable credentials (user handle)."""
from __future__ import annotations

import base64
import hashlib
import json
import os
import struct

import cbor2
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

ORIGIN = "http://localhost:8000"
RP_ID = "localhost"
FLAGS_UP_UV = 0x01 | 0x04
FLAG_AT = 0x40


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class Authenticator:
    def __init__(self, origin: str = ORIGIN, rp_id: str = RP_ID) -> None:
        self.origin, self.rp_id = origin, rp_id
        self.keys: dict[bytes, tuple[ec.EllipticCurvePrivateKey, bytes]] = {}
        self.counter = 0

    def _client_data(self, kind: str, challenge: str, origin: str | None) -> bytes:
        return json.dumps({"type": kind, "challenge": challenge,
                           "origin": origin or self.origin, "crossOrigin": False}).encode()

    def create(self, options: dict, origin: str | None = None,
               credential_id: bytes | None = None) -> dict:
        """navigator.credentials.create(): a new key pair for options' user (under a
        credential id of the caller's choosing, as a hostile authenticator may)."""
        key = ec.generate_private_key(ec.SECP256R1())
        credential_id = credential_id or os.urandom(32)
        user_handle = unb64url(options["user"]["id"])
        self.keys[credential_id] = (key, user_handle)
        numbers = key.public_key().public_numbers()
        cose = cbor2.dumps({1: 2, 3: -7, -1: 1, -2: numbers.x.to_bytes(32, "big"),
                            -3: numbers.y.to_bytes(32, "big")})
        self.counter += 1
        auth_data = (hashlib.sha256(options["rp"]["id"].encode()).digest()
                     + bytes([FLAGS_UP_UV | FLAG_AT]) + struct.pack(">I", self.counter)
                     + bytes(16) + struct.pack(">H", len(credential_id)) + credential_id + cose)
        attestation = cbor2.dumps({"fmt": "none", "attStmt": {}, "authData": auth_data})
        client_data = self._client_data("webauthn.create", options["challenge"], origin)
        return {"id": b64url(credential_id), "rawId": b64url(credential_id), "type": "public-key",
                "response": {"clientDataJSON": b64url(client_data),
                             "attestationObject": b64url(attestation),
                             "transports": ["internal"]},
                "clientExtensionResults": {}, "authenticatorAttachment": "platform"}

    def get(self, options: dict, origin: str | None = None, counter: int | None = None,
            credential_id: bytes | None = None) -> dict:
        """navigator.credentials.get(): signs the challenge with a matching key."""
        allowed = [unb64url(c["id"]) for c in options.get("allowCredentials") or []]
        if credential_id is None:
            credential_id = next(c for c in self.keys if not allowed or c in allowed)
        key, user_handle = self.keys[credential_id]
        if counter is None:
            self.counter += 1
            counter = self.counter
        auth_data = (hashlib.sha256(options.get("rpId", self.rp_id).encode()).digest()
                     + bytes([FLAGS_UP_UV]) + struct.pack(">I", counter))
        client_data = self._client_data("webauthn.get", options["challenge"], origin)
        signature = key.sign(auth_data + hashlib.sha256(client_data).digest(),
                             ec.ECDSA(hashes.SHA256()))
        return {"id": b64url(credential_id), "rawId": b64url(credential_id), "type": "public-key",
                "response": {"clientDataJSON": b64url(client_data),
                             "authenticatorData": b64url(auth_data),
                             "signature": b64url(signature), "userHandle": b64url(user_handle)},
                "clientExtensionResults": {}, "authenticatorAttachment": "platform"}
