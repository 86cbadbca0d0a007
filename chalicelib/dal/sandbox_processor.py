"""The sandbox processor's own records (what a real processor keeps on its side)."""
from __future__ import annotations

from datetime import datetime

from pynamodb.attributes import NumberAttribute, UnicodeAttribute, UTCDateTimeAttribute
from pynamodb.exceptions import DoesNotExist, PutError
from pynamodb.models import Model

from chalicelib.dal.base import TableMeta, guarded, is_condition_failure, table_name, updated


class SandboxRecord(Model):
    class Meta(TableMeta):
        table_name = table_name("sandbox-processor")

    key = UnicodeAttribute(hash_key=True)  # TOKEN#<token> | CHARGE#<idempotency key>
    created_at = UTCDateTimeAttribute()
    last4 = UnicodeAttribute(null=True)
    outcome = UnicodeAttribute(null=True)
    reference = UnicodeAttribute(null=True)
    token = UnicodeAttribute(null=True)
    amount_cents = NumberAttribute(null=True)
    status = UnicodeAttribute(null=True)
    reason = UnicodeAttribute(null=True)
    brand = UnicodeAttribute(null=True)  # a card token's
    expires_at = UTCDateTimeAttribute(null=True)
    used_at = UTCDateTimeAttribute(null=True)


def _get(key: str) -> SandboxRecord | None:
    try:
        return SandboxRecord.get(key, consistent_read=True)
    except DoesNotExist:
        return None


@guarded
def save_token(token: str, last4: str, outcome: str, now: datetime, brand: str | None = None,
               expires_at: datetime | None = None) -> None:
    SandboxRecord(f"TOKEN#{token}", created_at=now, last4=last4, outcome=outcome, brand=brand,
                  expires_at=expires_at).save()


@guarded
def token(token: str) -> SandboxRecord | None:
    return _get(f"TOKEN#{token}")


@guarded
def use_token(token: str, now: datetime) -> bool:
    """Marks a single-use (card) token used; False if it was used already or expired."""
    return updated(SandboxRecord(f"TOKEN#{token}"), actions=[SandboxRecord.used_at.set(now)],
                   condition=SandboxRecord.used_at.does_not_exist()
                   & (SandboxRecord.expires_at > now))


@guarded
def charge(idempotency_key: str) -> SandboxRecord | None:
    return _get(f"CHARGE#{idempotency_key}")


@guarded
def charge_and_token(idempotency_key: str, token: str
                     ) -> tuple[SandboxRecord | None, SandboxRecord | None]:
    """The charge made under the key (if any) and the token: one BatchGet."""
    keys = [f"CHARGE#{idempotency_key}", f"TOKEN#{token}"]
    found = {r.key: r for r in SandboxRecord.batch_get(keys, consistent_read=True)}
    return found.get(keys[0]), found.get(keys[1])


@guarded
def create_charge(idempotency_key: str, reference: str, token: str, amount_cents: int,
                  status: str, reason: str | None, outcome: str,
                  now: datetime) -> SandboxRecord:
    """Records a charge once per idempotency key; a concurrent twin gets the first one."""
    record = SandboxRecord(f"CHARGE#{idempotency_key}", created_at=now, reference=reference,
                           token=token, amount_cents=amount_cents, status=status,
                           reason=reason, outcome=outcome)
    try:
        record.save(condition=SandboxRecord.key.does_not_exist())
    except PutError as error:
        if is_condition_failure(error):
            first = charge(idempotency_key)
            if first is None:  # the twin that won was removed meanwhile
                raise
            return first
        raise
    return record
