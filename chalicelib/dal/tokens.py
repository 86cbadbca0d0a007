"""Single-use secrets: email links, reset links and sign-in codes, keyed by hash."""
from __future__ import annotations

from datetime import datetime
from typing import Sequence

from pynamodb.attributes import (
    NumberAttribute,
    TTLAttribute,
    UnicodeAttribute,
    UTCDateTimeAttribute,
)
from pynamodb.exceptions import DeleteError, DoesNotExist
from pynamodb.indexes import GlobalSecondaryIndex, KeysOnlyProjection
from pynamodb.models import Model

from chalicelib.dal import outbox
from chalicelib.dal.base import (
    TableMeta,
    Together,
    Wanted,
    get_together,
    guarded,
    is_condition_failure,
    page,
    table_name,
    ttl_after,
    updated,
    written_alone,
)


class ByPurgeOn(GlobalSecondaryIndex):
    """Tokens by the day they may be deleted (expiry plus the grace period)."""
    class Meta:
        index_name = "by_purge_on"
        projection = KeysOnlyProjection()

    purge_on = UnicodeAttribute(hash_key=True)  # ISO date
    token_hash = UnicodeAttribute(range_key=True)


class Token(Model):
    class Meta(TableMeta):
        table_name = table_name("tokens")

    token_hash = UnicodeAttribute(hash_key=True)
    purpose = UnicodeAttribute()  # verify_email | password_reset | login_challenge
    user_id = UnicodeAttribute()
    created_at = UTCDateTimeAttribute()
    expires_at = UTCDateTimeAttribute()
    used_at = UTCDateTimeAttribute(null=True)
    attempts = NumberAttribute(default=0)
    code_hash = UnicodeAttribute(null=True)
    email = UnicodeAttribute(null=True)  # the address a link confirms, when not the sign-in one
    subject = UnicodeAttribute(null=True)  # what a code is about (a member id)
    sends = NumberAttribute(default=0)  # how many codes were emailed for a challenge
    ttl = TTLAttribute(null=True)
    purge_on = UnicodeAttribute(null=True)
    by_purge_on = ByPurgeOn()

    def state(self, now: datetime, max_attempts: int) -> str:
        if self.used_at is not None:
            return "used"
        if self.expires_at <= now:
            return "expired"
        if self.attempts >= max_attempts:
            return "voided"
        return "valid"


@guarded
def issue(token_hash: str, *, purpose: str, user_id: str, now: datetime, expires_at: datetime,
          code_hash: str | None = None, sends: int = 0, email: str | None = None,
          subject: str | None = None, mail: Sequence[outbox.Mail] = (),
          also: Together | None = None) -> Token:
    """A new token; with `mail`, the message that carries it, and `also`'s writes, in the
    same transaction."""
    token = Token(token_hash, purpose=purpose, user_id=user_id, created_at=now,
                  expires_at=expires_at, code_hash=code_hash, sends=sends, email=email,
                  subject=subject,
                  ttl=ttl_after(expires_at), purge_on=ttl_after(expires_at).date().isoformat())
    outbox.save_new(token, Token.token_hash.does_not_exist(), mail, also)
    return token


@guarded
def find(token_hash: str, purpose: str | tuple[str, ...]) -> Token | None:
    """The token with this hash, if it serves the purpose (or one of the purposes)."""
    try:
        token = Token.get(token_hash, consistent_read=True)
    except DoesNotExist:
        return None
    purposes = (purpose,) if isinstance(purpose, str) else purpose
    return token if token.purpose in purposes else None


@guarded
def consume(token_hash: str, now: datetime, max_attempts: int) -> bool:
    """Marks the token used, once: False if it was used, expired or voided meanwhile."""
    return written_alone(consuming(token_hash, now, max_attempts))


def consuming(token_hash: str, now: datetime, max_attempts: int) -> Together:
    """consume, as an update for a transaction: refused if the token was used, expired
    or voided meanwhile."""
    return Together(updates=[(Token(token_hash), [Token.used_at.set(now)],
                              Token.token_hash.exists() & Token.used_at.does_not_exist()
                              & (Token.expires_at > now) & (Token.attempts < max_attempts))])


@guarded
def find_with(token_hash: str, purpose: str, *also: Wanted
              ) -> tuple[Token | None, list[Model | None]]:
    """The token with this hash if it serves the purpose (else None), and the items
    `also` names (None for one that does not exist), in one BatchGetItem."""
    token, *found = get_together((Token, token_hash), *also)
    return token if isinstance(token, Token) and token.purpose == purpose else None, found


@guarded
def count_failure(token_hash: str, max_attempts: int) -> int:
    """Adds a failed attempt atomically and returns the count (max_attempts once voided)."""
    token = Token(token_hash)
    if not updated(token, actions=[Token.attempts.add(1)],
                   condition=Token.token_hash.exists() & (Token.attempts < max_attempts)):
        return max_attempts
    return int(token.attempts)


@guarded
def set_code(token_hash: str, code_hash: str, now: datetime, expires_at: datetime,
             max_sends: int, mail: Sequence[outbox.Mail] = ()) -> bool:
    """Replaces a challenge's emailed code and extends it, with the message that carries
    it; False once max_sends were sent or the challenge is no longer open."""
    return updated(Token(token_hash), also=mail,
                   actions=[Token.code_hash.set(code_hash), Token.sends.add(1),
                            Token.expires_at.set(expires_at), Token.ttl.set(ttl_after(expires_at)),
                            Token.purge_on.set(ttl_after(expires_at).date().isoformat())],
                   condition=(Token.token_hash.exists() & Token.used_at.does_not_exist()
                              & (Token.sends < max_sends)))


@guarded
def purgeable_on(day: str, cursor: dict | None = None, limit: int = 100):
    return page(Token.by_purge_on, day, cursor, limit)


@guarded
def purge(token_hash: str, now: datetime) -> bool:
    """Deletes a token past its grace period; False if it is not (it was renewed)."""
    try:
        Token(token_hash).delete(condition=Token.ttl <= now)
    except DeleteError as error:
        if is_condition_failure(error):
            return False
        raise
    return True
