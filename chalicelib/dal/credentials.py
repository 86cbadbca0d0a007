"""Second factors of a logon: the authenticator app, passkeys and recovery codes.

One item per factor under the user's key: `totp`, `passkey#<credential id>`, `recovery`,
and `passkeys`, which counts the passkeys (kept in the transactions that add and remove
one), so that sign-in learns which steps a logon has from items it reads by key, with the
logon (sign_in_keys), not from a Query. One Query reads all of a user's factors."""
from __future__ import annotations

from datetime import datetime
from typing import Callable, Sequence

from pynamodb.attributes import (
    BinaryAttribute,
    ListAttribute,
    NumberAttribute,
    UnicodeAttribute,
    UnicodeSetAttribute,
    UTCDateTimeAttribute,
)
from pynamodb.exceptions import DoesNotExist
from pynamodb.expressions.condition import size
from pynamodb.models import Model
from pynamodb.transactions import TransactWrite

from chalicelib.dal.base import (
    TableMeta,
    Together,
    Wanted,
    guarded,
    strings,
    table_name,
    updated,
    written,
    written_alone,
)
from chalicelib.dal.outbox import Mail

TOTP, RECOVERY, PASSKEY_PREFIX = "totp", "recovery", "passkey#"
PASSKEYS = "passkeys"  # the item that counts a logon's passkeys


class Credential(Model):
    class Meta(TableMeta):
        table_name = table_name("credentials")

    user_id = UnicodeAttribute(hash_key=True)
    method_id = UnicodeAttribute(range_key=True)
    kind = UnicodeAttribute()  # totp | passkey | recovery
    status = UnicodeAttribute(default="active")  # pending (totp before confirmation) | active
    created_at = UTCDateTimeAttribute()
    last_used_at = UTCDateTimeAttribute(null=True)
    label = UnicodeAttribute(null=True)
    # totp
    secret = BinaryAttribute(null=True, legacy_encoding=False)  # KMS ciphertext
    last_step = NumberAttribute(default=0)
    # passkey
    public_key = BinaryAttribute(null=True, legacy_encoding=False)
    sign_count = NumberAttribute(default=0)
    transports: ListAttribute[str] = strings(null=True)
    # recovery codes: SHA-256 of each unused code
    code_hashes = UnicodeSetAttribute(null=True)
    passkey_count = NumberAttribute(null=True)  # the passkeys item: how many there are


@guarded
def of_user(user_id: str) -> list[Credential]:
    return list(Credential.query(user_id, consistent_read=True))


def key(user_id: str, method_id: str) -> Wanted:
    """A credential's keys, for get_together."""
    return Credential, user_id, method_id


def sign_in_keys(user_id: str) -> list[Wanted]:
    """The keys of what says which second steps a logon has (its app, its recovery
    codes, its passkeys' count), for the BatchGet that reads the logon at sign-in."""
    return [key(user_id, TOTP), key(user_id, RECOVERY), key(user_id, PASSKEYS)]


def _passkeys_counted(t: TransactWrite, user_id: str, by: int) -> None:
    t.update(Credential(user_id, PASSKEYS),
             actions=[Credential.passkey_count.add(by), Credential.kind.set(PASSKEYS)])


@guarded
def get(user_id: str, method_id: str) -> Credential | None:
    try:
        return Credential.get(user_id, method_id, consistent_read=True)
    except DoesNotExist:
        return None


@guarded
def save(credential: Credential) -> None:
    credential.save()


CLAIM = "claim"  # the range key of a passkey's claim: its credential id, across all users


@guarded
def add_passkey(item: Credential) -> bool:
    """Saves a passkey with the claim of its credential id (an item keyed by the id
    itself) and its logon's count of passkeys, together: False when any logon, this one
    too, has that id already (WebAuthn 7.1 step 22: a credential id is registered once)."""
    claim = Credential(item.method_id, CLAIM, kind=CLAIM, created_at=item.created_at)

    def writes(t: TransactWrite) -> None:
        t.save(claim, condition=Credential.user_id.does_not_exist())
        t.save(item, condition=Credential.user_id.does_not_exist())
        _passkeys_counted(t, item.user_id, 1)

    return written(writes)


@guarded
def remove(user_id: str, method_id: str) -> None:
    """Removes a factor (a passkey with its claim, so the device may be added again, and
    out of its logon's count: once, as it is there to remove)."""
    if not method_id.startswith(PASSKEY_PREFIX):
        Credential(user_id, method_id).delete()
        return

    def writes(t: TransactWrite) -> None:
        t.delete(Credential(user_id, method_id), condition=Credential.user_id.exists())
        t.delete(Credential(method_id, CLAIM))
        _passkeys_counted(t, user_id, -1)

    written(writes)  # already removed: nothing to do


@guarded
def remove_all(user_id: str) -> None:
    with Credential.batch_write() as batch:
        for item in Credential.query(user_id, attributes_to_get=["user_id", "method_id"]):
            batch.delete(item)
            if item.method_id.startswith(PASSKEY_PREFIX):
                batch.delete(Credential(item.method_id, CLAIM))


@guarded
def activate_totp(user_id: str, now: datetime, step: int) -> bool:
    """Confirms a pending authenticator app, recording the step its code used."""
    return updated(Credential(user_id, TOTP),
                   actions=[Credential.status.set("active"), Credential.last_step.set(step),
                            Credential.last_used_at.set(now)],
                   condition=(Credential.status == "pending") & (Credential.last_step < step))


@guarded
def use_totp_step(user_id: str, step: int, now: datetime) -> bool:
    """Records that a code's time step was used; False if it (or a later one) already was."""
    return written_alone(using_totp_step(user_id, step, now))


def using_totp_step(user_id: str, step: int, now: datetime) -> Together:
    """use_totp_step, as an update for a transaction."""
    return Together(updates=[(Credential(user_id, TOTP),
                              [Credential.last_step.set(step), Credential.last_used_at.set(now)],
                              (Credential.status == "active") & (Credential.last_step < step))])


@guarded
def use_recovery_code(user_id: str, code_hash: str, now: datetime,
                      mail: Callable[[int], Sequence[Mail]] = lambda left: ()) -> int | None:
    """Removes one unused code atomically, with the email that tells how many are left
    (`mail(left)`); returns that number, or None if the code is unknown or was used."""
    using = using_recovery_code(get(user_id, RECOVERY), code_hash, now, mail)
    if using is None:
        return None
    writes, left = using
    if not written(writes.add_to):
        return None
    return left


def using_recovery_code(found: Credential | None, code_hash: str, now: datetime,
                        mail: Callable[[int], Sequence[Mail]] = lambda left: ()
                        ) -> tuple[Together, int] | None:
    """use_recovery_code's write, for a transaction, of the recovery codes read (`found`),
    and how many are left after it; None if the code is not among them."""
    if found is None or code_hash not in (found.code_hashes or ()):
        return None
    left = len(found.code_hashes) - 1
    return Together(updates=[(Credential(found.user_id, RECOVERY),
                              [Credential.code_hashes.delete({code_hash}),
                               Credential.last_used_at.set(now)],
                              # the count the email gives is the count left: no other use
                              # meanwhile
                              Credential.code_hashes.contains(code_hash)
                              & (size(Credential.code_hashes) == left + 1))],
                    new=list(mail(left))), left


@guarded
def use_passkey(credential: Credential, sign_count: int, now: datetime) -> bool:
    """Moves the signature counter forward; False if another use got there first."""
    return written_alone(using_passkey(credential, sign_count, now))


def using_passkey(credential: Credential, sign_count: int, now: datetime) -> Together:
    """use_passkey, as an update for a transaction."""
    condition = Credential.method_id.exists()
    if sign_count:
        condition &= Credential.sign_count < sign_count
    return Together(updates=[(credential, [Credential.sign_count.set(sign_count),
                                           Credential.last_used_at.set(now)], condition)])
