"""What every table shares: its name from the stage prefix, region, billing, errors."""
from __future__ import annotations

import base64
import functools
import json
import os
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any, Callable, ParamSpec, Sequence, TypeVar

import botocore.session
from pynamodb.attributes import ListAttribute, MapAttribute, UnicodeAttribute
from pynamodb.connection import Connection
from pynamodb.connection import base as pynamodb_connection
from pynamodb.connection.base import BOTOCORE_EXCEPTIONS
from pynamodb.constants import NULL
from pynamodb.exceptions import GetError, PynamoDBException, TransactWriteError, UpdateError
from pynamodb.expressions.condition import Condition
from pynamodb.expressions.update import Action
from pynamodb.models import Model
from pynamodb.transactions import TransactWrite

from chalicelib.dal.errors import Busy, ChangedMeanwhile, DataError
from chalicelib.settings import get_settings

P = ParamSpec("P")
R = TypeVar("R")
_M = TypeVar("_M", bound=MapAttribute)  # a kind of map (Maps)
# one update in a transaction: the item, its actions and its condition
Update = tuple[Model, list[Action], Condition | None]

# How long an expired item is kept before DynamoDB TTL may remove it, so that a
# reused link can still be told apart from an unknown one.
TTL_GRACE = timedelta(days=7)


# Fixed when the models are defined (PynamoDB needs the names then): the stage's prefix.
TABLE_PREFIX = get_settings().table_prefix


def _shared_session(env_vars: dict[str, Any] | None = None) -> botocore.session.Session:
    """One botocore session per thread for every table's connection. PynamoDB makes a
    session for each model's connection, and each new session loads botocore's endpoint
    and DynamoDB data again: about 100 ms a table, the first time each is used in a
    process (measured: 21 tables took 2.1 s to reach, 0.3 s with one session)."""
    found: botocore.session.Session | None = getattr(_sessions, "session", None)
    if found is None:
        found = _sessions.session = botocore.session.get_session(env_vars)
        found.register("before-parameter-build.dynamodb", _writing)
        found.register("after-call.dynamodb", _written)
    return found


_sessions = threading.local()


# -- what a request changed ---------------------------------------------------------------
# A request that fails part-way may have saved something already: it must not answer
# "nothing was changed". Each successful write is counted, per thread (a request runs in
# one), except those of the request's own bookkeeping: rate limits, sessions,
# idempotency claims (released when the request fails), counters (a number taken and not
# used is skipped) and the sandbox processor (which stands for a processor of its own).
WRITES = frozenset({"PutItem", "UpdateItem", "DeleteItem", "TransactWriteItems",
                    "BatchWriteItem"})
_BOOKKEEPING = ("throttles", "sessions", "idempotency", "counters", "sandbox-processor")


@lru_cache(maxsize=1)
def _bookkeeping_tables() -> frozenset[str]:
    return frozenset(table_name(name) for name in _BOOKKEEPING)


def changes_made() -> int:
    """How many writes that changed what a person sees this thread has made: compare the
    figure before and after a request."""
    return int(getattr(_changes, "count", 0))


def _tables_written(operation: str, params: dict[str, Any]) -> set[str]:
    if operation == "TransactWriteItems":
        return {part["TableName"] for item in params.get("TransactItems", [])
                for kind, part in item.items() if kind != "ConditionCheck"}
    if operation == "BatchWriteItem":
        return set(params.get("RequestItems", {}))
    return {params.get("TableName", "")}


def _writing(**event: Any) -> None:  # botocore's before-parameter-build
    model, context = event["model"], event["context"]
    if model.name in WRITES:
        context["portal_changes"] = bool(_tables_written(model.name, event["params"])
                                         - _bookkeeping_tables())


def _written(**event: Any) -> None:  # botocore's after-call, once DynamoDB answered
    if event["context"].get("portal_changes") and event["http_response"].status_code < 300:
        _changes.count = changes_made() + 1


_changes = threading.local()
pynamodb_connection.get_session = _shared_session  # what its Connection.session calls


def table_name(name: str) -> str:
    return f"{TABLE_PREFIX}{name}"


class TableMeta:
    region = get_settings().region
    billing_mode = "PAY_PER_REQUEST"


TRANSIENT_CODES = {"ProvisionedThroughputExceededException", "ThrottlingException",
                   "RequestLimitExceeded", "InternalServerError", "ServiceUnavailable",
                   "TransactionConflictException", "TransactionInProgressException"}
TRANSIENT_REASONS = {"ThrottlingError", "ProvisionedThroughputExceeded", "TransactionConflict"}


def _cancellation_codes(error: PynamoDBException) -> set[str]:
    reasons = getattr(error, "cancellation_reasons", None) or []
    return {r.code for r in reasons if r is not None and r.code not in (None, "None")}


def is_condition_failure(error: PynamoDBException) -> bool:
    """A write refused by its condition (not by throttling or a conflicting transaction)."""
    code = error.cause_response_code
    if code == "TransactionCanceledException":
        reasons = _cancellation_codes(error)
        return not reasons or "ConditionalCheckFailed" in reasons
    return code == "ConditionalCheckFailedException"


def is_conflict(error: PynamoDBException) -> bool:
    """A transaction refused because another held one of its items (nothing written)."""
    return (error.cause_response_code == "TransactionConflictException"
            or "TransactionConflict" in _cancellation_codes(error))


def is_transient(error: PynamoDBException) -> bool:
    """DynamoDB was busy (throttling, a conflicting transaction): nothing was written and
    the same request may succeed a moment later."""
    code = error.cause_response_code
    if code == "TransactionCanceledException":
        reasons = _cancellation_codes(error)
        return bool(reasons) and "ConditionalCheckFailed" not in reasons and reasons <= (
            TRANSIENT_REASONS | {"None"})
    return code in TRANSIENT_CODES


def data_error(error: PynamoDBException) -> DataError:
    """PynamoDB's exception as the data layer's own."""
    if is_transient(error):
        return Busy(error.cause_response_code)
    if is_condition_failure(error):
        return ChangedMeanwhile(error.cause_response_code)
    return DataError(f"{type(error).__name__}: {error.cause_response_code}")


def guarded(fn: Callable[P, R]) -> Callable[P, R]:
    """A dal function whose PynamoDB errors leave it as DataError (Busy, ChangedMeanwhile,
    or the plain DataError for what nobody planned for)."""

    @functools.wraps(fn)
    def call(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except PynamoDBException as error:
            raise data_error(error) from error

    return call


def strings(**options: Any) -> ListAttribute[str]:
    """A list of strings. (PynamoDB types `of` as the element's Python type, but takes the
    attribute class for strings: the one place that says so to the type checker.)"""
    return ListAttribute(of=UnicodeAttribute, **options)  # type: ignore[arg-type]


class Maps(ListAttribute[_M]):
    """A list of one kind of map (PynamoDB's ListAttribute(of=<a MapAttribute>)) whose
    element attribute is made once. PynamoDB makes it again each time it reads such a
    list, deep-copying every attribute of the map: 16 times a Summary (the logon's
    phones and addresses, each case's participants and orders), a tenth of its own time.
    The element only reads: each map read is a new instance."""

    _element: Any = None  # the element attribute, once made

    def deserialize(self, values: Any) -> Any:
        if self._element is None:
            element = self.element_type and self.element_type()
            if not isinstance(element, MapAttribute):  # not a list of maps: PynamoDB's
                return super().deserialize(values)
            element._make_attribute()  # as PynamoDB's deserialize does, once
            self._element = element
        return [None if NULL in value else self._element.deserialize(
            self._element.get_value(value)) for value in values]


def transaction() -> TransactWrite:
    return TransactWrite(connection=_connection(get_settings().region,
                                                os.environ.get("AWS_ENDPOINT_URL")))


# an item to read: its model and its (string) hash key, and range key if it has one
Wanted = tuple[type[Model], str] | tuple[type[Model], str, str]


def _key_names(model: type[Model]) -> list[str]:
    return [name for name in (model._hash_keyname, model._range_keyname) if name]  # noqa: SLF001


def _key_of(model: type[Model], item: dict[str, Any]) -> tuple[str, ...]:
    return (model.Meta.table_name, *(item[name]["S"] for name in _key_names(model)))


@guarded
def get_together(*wanted: Wanted) -> list[Model | None]:
    """Items of different tables by their (string) keys in one BatchGetItem, read
    consistently, in the order asked; None for one that does not exist. (PynamoDB's
    batch_get reads one table: a signed-in request's session and logon are two.)"""
    request: dict[str, dict[str, Any]] = {}
    asked = []
    for model, *key in wanted:
        item = {name: {"S": value} for name, value in zip(_key_names(model), key, strict=True)}
        asked.append((model, _key_of(model, item)))
        table = request.setdefault(model.Meta.table_name, {"Keys": [], "ConsistentRead": True})
        if item not in table["Keys"]:
            table["Keys"].append(item)
    found: dict[tuple[str, ...], dict] = {}
    connection = _connection(get_settings().region, os.environ.get("AWS_ENDPOINT_URL"))
    for _ in range(4):
        try:
            answer = connection.dispatch("BatchGetItem", {"RequestItems": request})
        except BOTOCORE_EXCEPTIONS as error:
            raise GetError("BatchGetItem failed", error) from error
        for name, items in answer.get("Responses", {}).items():
            model = next(m for m, _ in asked if m.Meta.table_name == name)
            for item in items:
                found[_key_of(model, item)] = item
        request = answer.get("UnprocessedKeys") or {}
        if not request:
            return [model.from_raw_data(found[key]) if key in found else None
                    for model, key in asked]
    raise Busy("UnprocessedKeys")


@lru_cache(maxsize=4)
def _connection(region: str, endpoint: str | None) -> Connection:
    """One connection (and botocore client) per region and endpoint, kept: a new one for
    each transaction loaded DynamoDB's service model again, about 120 ms a time
    (found by make load: a payment took 900 ms)."""
    return Connection(region=region)


@dataclass
class Together:
    """Writes that happen together or not at all, in one TransactWriteItems (at most 100
    items): updates (item, actions, condition), deletions (item, condition) and new items
    (an activity event, the email about it). An update of an item with a version is
    refused if the item changed since it was read, unless `versioned` is False (for
    fields that commute with other edits)."""
    updates: list[Update] = field(default_factory=list)
    deletions: list[tuple[Model, Condition | None]] = field(default_factory=list)
    new: list[Model] = field(default_factory=list)
    versioned: bool = True

    def add_to(self, t: TransactWrite) -> None:
        for item, actions, condition in self.updates:
            t.update(item, actions=actions, condition=condition,
                     add_version_condition=self.versioned)
        for item, condition in self.deletions:
            t.delete(item, condition=condition)
        for item in self.new:
            t.save(item, condition=item._hash_key_attribute().does_not_exist())


@guarded
def write_together(writes: Together) -> None:
    with transaction() as t:
        writes.add_to(t)


def _part_of_each(parts: Sequence[Together]) -> list[int]:
    """The part each item of the transaction comes from, in the order PynamoDB sends
    them (its deletions, then new items, then updates: Connection.transact_write_items)."""
    return [index for kind in ("deletions", "new", "updates")
            for index, part in enumerate(parts) for _ in getattr(part, kind)]


def written_alone(writes: Together) -> bool:
    """A Together of one update, made alone (no transaction): False when its condition
    failed. For the dal's functions that also offer their update to a transaction."""
    (item, actions, condition), = writes.updates
    return updated(item, actions=actions, condition=condition,
                   add_version_condition=writes.versioned)


@guarded
def write_parts(parts: Sequence[Together]) -> int | None:
    """Writes the parts together, in one transaction: None once written, or the index of
    the first part whose condition failed (and nothing is written)."""
    try:
        with transaction() as t:
            for part in parts:
                part.add_to(t)
    except TransactWriteError as error:
        if not is_condition_failure(error):
            raise
        failed = [part for part, reason in zip(_part_of_each(parts),
                                               error.cancellation_reasons or [], strict=False)
                  if reason is not None and reason.code == "ConditionalCheckFailed"]
        return min(failed, default=0)
    return None


def ttl_after(moment: datetime) -> datetime:
    return moment + TTL_GRACE


def written(writes: Callable[[TransactWrite], None]) -> bool:
    """Makes `writes` in one transaction; False when one of their conditions failed (the
    state they expect is gone, or they were made before), and nothing is written."""
    try:
        with transaction() as t:
            writes(t)
    except TransactWriteError as error:
        if is_condition_failure(error):
            return False
        raise
    return True


def updated(item: Model, *, also: Sequence[Model] = (), **update) -> bool:
    """Runs item.update(**update); False when its condition failed (nothing changed).
    With `also` (new items: the email it sends), they are saved in the same transaction."""
    try:
        if not also:
            item.update(**update)
            return True
        with transaction() as t:
            t.update(item, actions=update["actions"], condition=update.get("condition"),
                     add_version_condition=update.get("add_version_condition", True))
            for new in also:
                t.save(new, condition=new._hash_key_attribute().does_not_exist())
    except (UpdateError, TransactWriteError) as error:
        if is_condition_failure(error):
            return False
        raise
    return True


def encode_cursor(key: dict | None) -> str | None:
    """A page's LastEvaluatedKey as an opaque string for clients."""
    if not key:
        return None
    return base64.urlsafe_b64encode(json.dumps(key, sort_keys=True).encode()).decode()


def decode_cursor(cursor: str | None, hash_name: str, hash_value: str, range_name: str,
                  range_prefix: str = "", table_keys: tuple[str, ...] = ()) -> dict | None:
    """A client's cursor back to a key, refused (ValueError) unless it is a key of the
    same partition and kind of item: a cursor cannot reach another user's records. An
    index's cursor also holds the table's keys (`table_keys`)."""
    if not cursor:
        return None
    try:
        key = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        if (set(key) != {hash_name, range_name, *table_keys}
                or key[hash_name]["S"] != hash_value
                or not key[range_name]["S"].startswith(range_prefix)):
            raise ValueError
        return key
    except (ValueError, KeyError, TypeError, AttributeError):
        raise ValueError("invalid cursor") from None


def page(index, key: str, cursor: dict | None = None, limit: int = 100) -> tuple[list, dict | None]:
    """One page of an index's items under a key (a day, a bucket), and the key to the next."""
    results = index.query(key, limit=limit, last_evaluated_key=cursor)
    return list(results), results.last_evaluated_key


def newest_first(model: Any, key: str, hash_name: str, range_name: str, limit: int,
                 cursor: str | None, where: Condition | None = None,
                 consistent: bool = False) -> tuple[list, str | None]:
    """One page of a partition, newest first (its range key sorts by time), and the
    cursor to the next; ValueError for a cursor not from this list. `where` filters the
    page's `limit` items read (DynamoDB's Limit counts items before the filter), so a
    page may hold fewer, even none, with a cursor to the next."""
    start = decode_cursor(cursor, hash_name, key, range_name)
    results = model.query(key, scan_index_forward=False, limit=limit, last_evaluated_key=start,
                          filter_condition=where, consistent_read=consistent)
    items = list(results)
    return items, encode_cursor(results.last_evaluated_key)
