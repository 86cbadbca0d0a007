"""Saved bank accounts: the processor's token and the last four digits, never the number."""
from __future__ import annotations

from pynamodb.attributes import UnicodeAttribute, UTCDateTimeAttribute
from pynamodb.exceptions import DoesNotExist
from pynamodb.expressions.condition import Condition
from pynamodb.indexes import GlobalSecondaryIndex, KeysOnlyProjection
from pynamodb.models import Model

from chalicelib.dal.base import TableMeta, Wanted, guarded, table_name, updated


class ByToken(GlobalSecondaryIndex):
    """The saved account behind a processor's token (what the bank says of an account:
    a return that blocks it, a notice of change)."""
    class Meta:
        index_name = "by_token"
        projection = KeysOnlyProjection()

    token = UnicodeAttribute(hash_key=True)


class BankAccount(Model):
    class Meta(TableMeta):
        table_name = table_name("bank-accounts")

    user_id = UnicodeAttribute(hash_key=True)
    account_id = UnicodeAttribute(range_key=True)
    token = UnicodeAttribute()
    last4 = UnicodeAttribute()
    routing_number = UnicodeAttribute()  # public (it names the bank), kept to show the bank
    kind = UnicodeAttribute()  # checking | savings
    holder = UnicodeAttribute()
    nickname = UnicodeAttribute(null=True)
    created_at = UTCDateTimeAttribute()
    # when the parent authorized debits from it (the form's authorization, as NACHA's WEB
    # entries need it kept); accounts saved before it was asked for have none
    authorized_at = UTCDateTimeAttribute(null=True)
    # the bank's return code that stopped debits from it (R02 closed, R03 no account...)
    blocked = UnicodeAttribute(null=True)
    by_token = ByToken()


@guarded
def of_user(user_id: str) -> list[BankAccount]:
    return list(BankAccount.query(user_id, consistent_read=True))


def key(user_id: str, account_id: str) -> Wanted:
    """A saved account's keys, for get_together."""
    return BankAccount, user_id, account_id


@guarded
def get(user_id: str, account_id: str) -> BankAccount | None:
    try:
        return BankAccount.get(user_id, account_id, consistent_read=True)
    except DoesNotExist:
        return None


@guarded
def of_token(token: str) -> BankAccount | None:
    found = list(BankAccount.by_token.query(token, limit=1))
    return get(found[0].user_id, found[0].account_id) if found else None


@guarded
def save(account: BankAccount) -> None:
    account.save()


@guarded
def change(user_id: str, account_id: str, **values: str | None) -> bool:
    """Sets the account's fields (a block, a bank's correction); False if it is gone."""
    actions = [getattr(BankAccount, name).set(value) if value is not None
               else getattr(BankAccount, name).remove() for name, value in values.items()]
    return updated(BankAccount(user_id, account_id), actions=actions,
                   condition=BankAccount.account_id.exists())


@guarded
def remove(user_id: str, account_id: str) -> None:
    BankAccount(user_id, account_id).delete()


def removal(user_id: str, account_id: str) -> tuple[Model, Condition]:
    """The deletion of a saved account, for a transaction (base.Together): it must still
    be there."""
    return BankAccount(user_id, account_id), BankAccount.account_id.exists()
