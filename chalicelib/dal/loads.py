"""A load of case data's reads and writes (services/case_data.py). What the records' items
hold now is read in BatchGets of 100 keys. New items are written in BatchWriteItems;
items that changed in transactions of at most 100, each on condition that it is still as
read, so that nothing written meanwhile (a payment posted to a case, a logon linked to a
member, a fee paid) is overwritten: the load reads again and tries again instead. A load never
overwrites what only the portal writes (`CARRIED`): it keeps what is stored."""
from __future__ import annotations

from typing import Iterable, Sequence

from pynamodb.attributes import MapAttribute
from pynamodb.exceptions import TransactWriteError
from pynamodb.models import Model

from chalicelib.dal.base import (
    Wanted,
    get_together,
    guarded,
    is_condition_failure,
    is_transient,
    transaction,
)

Key = tuple[str, ...]  # an item's table, hash key and range key
Write = tuple[Model, Model | None]  # the item to save, and what was stored when read
MOST_KEYS = 100  # BatchGetItem's limit, and TransactWriteItems'
# the portal's own fields on the agency's items: the ledger's book and totals on a case,
# the logon linked to a member
CARRIED = ("book", "owing", "last_payment", "revision", "linked_user_id")
# the fields whose value tells an item changed since it was read (every write sets
# updated_at; two writes can share a time, so a case's totals count their revision)
AS_READ = ("updated_at", "revision", "linked_user_id")


def key_of(item: Model) -> Key:
    return (type(item).Meta.table_name, *_key_values(item))


def key_wanted(wanted: Wanted) -> Key:
    model, *values = wanted
    return (model.Meta.table_name, *values)


def _key_values(item: Model) -> list[str]:
    names = [item._hash_keyname, item._range_keyname]  # noqa: SLF001
    return [getattr(item, name) for name in names if name]


@guarded
def stored(wanted: Iterable[Wanted]) -> dict[Key, Model | None]:
    """The items as stored (None for one that is not), by key, read consistently."""
    asked = list(dict.fromkeys(wanted))
    found: dict[Key, Model | None] = {}
    for start in range(0, len(asked), MOST_KEYS):
        page = asked[start:start + MOST_KEYS]
        found.update(zip(map(key_wanted, page), get_together(*page), strict=True))
    return found


def change_of(stored_item: Model | None, item: Model, compare: Sequence[str]) -> str:
    """"created", "updated" or "unchanged": whether saving the item would change what is
    stored, in the `compare` attributes."""
    if stored_item is None:
        return "created"
    same = all(_same(getattr(stored_item, a), getattr(item, a)) for a in compare)
    return "unchanged" if same else "updated"


def carry(item: Model, stored_item: Model | None) -> None:
    """Keeps on the item what only the portal writes (a load never unlinks a logon, nor
    drops a case's ledger totals)."""
    names = type(item).get_attributes()
    for name in CARRIED:
        value = getattr(stored_item, name, None)
        if name in names and value is not None:
            setattr(item, name, value)


@guarded
def create(items: Sequence[Model]) -> None:
    """Saves new items in BatchWriteItems of 25 (retrying what DynamoDB left unprocessed),
    unconditionally: an item only a load creates, found not stored when read (a write
    unit an item, half a transaction's: a first load's items are nearly all new)."""
    for model in dict.fromkeys(type(item) for item in items):
        with model.batch_write() as batch:
            for item in items:
                if type(item) is model:
                    batch.save(item)


@guarded
def save(writes: Sequence[Write]) -> bool:
    """Saves the items in one transaction (each key once, at most 100), each on condition
    that it is as read; False when one changed meanwhile or DynamoDB was busy: nothing is
    written then, and the caller reads again."""
    try:
        with transaction() as t:
            for item, stored_item in writes:
                t.save(item, condition=_as_read(type(item), stored_item))
    except TransactWriteError as error:
        if is_condition_failure(error) or is_transient(error):
            return False
        raise
    return True


def _as_read(model: type[Model], stored_item: Model | None):
    key = model._hash_key_attribute()  # noqa: SLF001
    if stored_item is None:
        return key.does_not_exist()
    condition = key.exists()
    names = model.get_attributes()
    for name in AS_READ:
        if name in names:
            attribute, value = names[name], getattr(stored_item, name)
            condition &= attribute.does_not_exist() if value is None else attribute == value
    return condition


def _plain(value):
    """A map as a dict without its empty fields (which are not stored)."""
    if isinstance(value, MapAttribute):
        value = value.as_dict()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if v is not None}
    return value


def _same(a, b) -> bool:
    a, b = _plain(a), _plain(b)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return a == b
