"""moto's TransactWriteItems without its copies of whole tables (moto 5.2): to roll back,
moto deep-copies every table a transaction names, once for each of its items, before
writing. A transaction then costs time in the size of its tables: a four-item one took
6 ms against an empty table, 35 ms against 1,000 items and 184 ms against 5,000 here,
so the local stack's payments (whose transaction names the growing outbox and payments
tables) slowed as a load run went on, and a first load of case data was quadratic.

`install()` replaces it with what DynamoDB does: every item's condition is checked
against the table as it stands before any is written (items are distinct, so each sees
the state before the transaction), and only if all hold are the writes made; nothing
then needs undoing. Should a write fail anyway (an update moto cannot apply), the items
already written are put back as they were.

moto's Query (on a table, not an index) likewise sorts every item of the table to find a
partition's (43 ms a Query against 5,000 items here): `install()` has it look in the
partition only.

moto writes a reading or writing request's answer by walking botocore's output shape
value by value (about 200 lookups an item's attribute values), which costs time in what
the answer holds: 2.5 ms more for a BatchGet that finds a Summary's items than for one
that finds none, the better part of a request's time in moto's server. The answer of an
item operation is already DynamoDB's JSON (`dynamo_to_dict`'s, binary as bytes), so
`install()` has those written as JSON directly (`_answer_as_json`; anything else still
goes through moto's serializer). moto also parses an update expression (twice an update)
and lexes a condition expression again on every request, in Python: a fifth of the time
its server spent on a sign-in's DynamoDB requests (profiled), which DynamoDB does not pass
on: `install()` has each text parsed once (`_parse_once`). And moto's server lists its
package's folder on the disk to route every request (`list_of_moto_modules`):
`install_server()` lists it once. For the local stack and the tests only."""
from __future__ import annotations

import base64
import functools
import json
import threading
from typing import Any

_installed = False
_querying = threading.local()  # the table and partition this thread's Query reads


def install() -> None:
    global _installed
    if _installed:
        return
    from moto.dynamodb.models import DynamoDBBackend
    from moto.dynamodb.models.table import Table

    DynamoDBBackend.transact_write_items = _transact_write_items  # type: ignore[method-assign]
    every_item, query = Table.all_items, Table.query

    def all_items(self) -> list:
        reading = getattr(_querying, "partition", None)
        if reading is None or reading[0] is not self:
            return every_item(self)
        found = self.items.get(reading[1]) if reading[1] in self.items else None
        if found is None:
            return []
        return sorted(found.values(), key=lambda i: i.range_key) if self.range_key_attr else [
            found]

    def partition_query(self, hash_key, *args, **kwargs):
        # moto's backend passes the index's name as the eighth argument
        index_name = args[6] if len(args) > 6 else kwargs.get("index_name")
        if index_name is not None or hash_key is None:
            return query(self, hash_key, *args, **kwargs)
        _querying.partition = (self, hash_key)
        try:
            return query(self, hash_key, *args, **kwargs)
        finally:
            _querying.partition = None

    Table.all_items = all_items  # type: ignore[method-assign]
    Table.query = partition_query  # type: ignore[method-assign]
    _answer_as_json()
    _parse_once()
    _installed = True


def _parse_once() -> None:
    """An expression's text parsed once: an update expression's tree (what moto's
    validator changes, it changes in a deep copy of its own), a condition's tokens (named
    tuples of text, read into new nodes by the rest of the parse, which still puts each
    request's names and values in)."""
    from collections import deque

    from moto.dynamodb.comparisons import ConditionExpressionParser
    from moto.dynamodb.parsing.expressions import (  # type: ignore[attr-defined]
        UpdateExpressionParser,
    )

    make = UpdateExpressionParser.make.__func__
    parsed = functools.lru_cache(maxsize=4096)(lambda text: make(UpdateExpressionParser, text))
    UpdateExpressionParser.make = classmethod(lambda cls, text: parsed(text))

    lex = ConditionExpressionParser._lex_condition_expression
    lexed = functools.lru_cache(maxsize=4096)(
        lambda text: tuple(lex(ConditionExpressionParser(text, None, None))))
    ConditionExpressionParser._lex_condition_expression = (  # type: ignore[method-assign]
        lambda self: deque(lexed(self.condition_expression)))


# the item operations, whose answers hold items, keys and counts only (no dates)
ITEM_OPERATIONS = frozenset({
    "GetItem", "BatchGetItem", "Query", "Scan", "PutItem", "UpdateItem", "DeleteItem",
    "BatchWriteItem", "TransactGetItems", "TransactWriteItems"})


class _NotWire(TypeError):
    """A value DynamoDB's JSON has no plain form for: moto's serializer writes it."""


def _wire(value: Any) -> str:
    if isinstance(value, bytes):  # a binary attribute value is base64 on the wire
        return base64.b64encode(value).decode("ascii")
    raise _NotWire(type(value).__name__)


def _answer_as_json() -> None:
    from moto.dynamodb.responses import DynamoResult

    shaped = DynamoResult.execute_result

    def as_json(self, context):
        if context.operation_model.name not in ITEM_OPERATIONS or not isinstance(
                self.result, dict):
            return shaped(self, context)
        try:
            body = json.dumps(self.result, default=_wire)
        except _NotWire:
            return shaped(self, context)
        return 200, {"Content-Type": "application/x-amz-json-1.0"}, body

    DynamoResult.execute_result = as_json  # type: ignore[method-assign]


def install_server() -> None:
    """For moto's server (make run's stack): its package's folders listed once, not on
    every request it routes."""
    from moto import backends

    modules = tuple(backends.list_of_moto_modules())
    backends.list_of_moto_modules = lambda: iter(modules)


def _transact_write_items(self, transact_items: list[dict[str, Any]]) -> None:
    from moto.dynamodb.exceptions import TooManyTransactionsException, TransactionCanceledException

    if len(transact_items) > 100:
        raise TooManyTransactionsException()
    planned, errors = _checked(self, transact_items)
    if any(code is not None for code, _, _ in errors):
        raise TransactionCanceledException(errors)
    done: list[tuple[str, dict, Any]] = []
    for index, (op_type, op, key, current) in enumerate(planned):
        try:
            _write(self, op_type, op, key)
        except Exception as error:
            _put_back(self, done)
            failed: list[Any] = [(None, None, None)] * len(planned)
            failed[index] = (type(error).__name__, str(error), None)
            raise TransactionCanceledException(failed) from error
        done.append((op["TableName"], key, current))


def _checked(self, transact_items: list[dict[str, Any]]):
    """Each item's operation, key and current item, and its condition's verdict (moto's
    error triple, or three Nones), all against the state before the transaction."""
    from moto.dynamodb.comparisons import get_filter_expression
    from moto.dynamodb.exceptions import (
        ConditionalCheckFailed,
        MultipleTransactionsException,
        TransactWriteSingleOpException,
    )

    seen: set[tuple[str, str]] = set()
    planned, errors = [], []
    for item in transact_items:
        if len(item) > 1:
            raise TransactWriteSingleOpException
        op_type, op = next(iter(item.items()))
        if op_type not in {"ConditionCheck", "Put", "Delete", "Update"}:
            raise ValueError("Unsupported transaction operation")
        table_name = op["TableName"]
        if op_type == "Put":
            table = self.get_table(table_name)
            names = [n for n in (table.hash_key_attr, table.range_key_attr) if n is not None]
            key = {n: op["Item"][n] for n in names}
        else:
            key = op["Key"]
        unique = (str(table_name), str(dict(sorted(key.items()))))
        if unique in seen:
            raise MultipleTransactionsException()
        seen.add(unique)
        current = self.get_item(table_name, key)
        verdict: tuple[Any, Any, Any] = (None, None, None)
        try:
            expression = op.get("ConditionExpression")
            if expression is not None and not get_filter_expression(
                    expression, op.get("ExpressionAttributeNames"),
                    op.get("ExpressionAttributeValues")).expr(current):
                old = (current.to_json()["Attributes"] if current is not None and op.get(
                    "ReturnValuesOnConditionCheckFailure") == "ALL_OLD" else None)
                raise ConditionalCheckFailed(item=old)
        except ConditionalCheckFailed as error:
            verdict = ("ConditionalCheckFailed", str(error.message), None)
        except Exception as error:  # noqa: BLE001 (moto's own: each becomes a reason)
            verdict = (type(error).__name__, str(error), None)
        planned.append((op_type, op, key, current))
        errors.append(verdict)
    return planned, errors


def _write(self, op_type: str, op: dict[str, Any], key: dict[str, Any]) -> None:
    table_name = op["TableName"]
    names, values = op.get("ExpressionAttributeNames"), op.get("ExpressionAttributeValues")
    if op_type == "Put":
        self.put_item(table_name, op["Item"], expression_attribute_names=names,
                      expression_attribute_values=values)
    elif op_type == "Delete":
        self.delete_item(table_name, key, expression_attribute_names=names,
                         expression_attribute_values=values)
    elif op_type == "Update":
        self.update_item(table_name, key, update_expression=op["UpdateExpression"],
                         expression_attribute_names=names, expression_attribute_values=values)


def _put_back(self, done: list[tuple[str, dict, Any]]) -> None:
    for table_name, key, before in reversed(done):
        if before is None:
            self.delete_item(table_name, key)
        else:
            self.put_item(table_name, before.to_json()["Attributes"])
