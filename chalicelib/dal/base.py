"""What every table shares: its name from the stage prefix, region, billing, errors."""
from __future__ import annotations

import base64
import json
from datetime import datetime, timedelta

from pynamodb.connection import Connection
from pynamodb.exceptions import PynamoDBException, UpdateError
from pynamodb.models import Model
from pynamodb.transactions import TransactWrite

from chalicelib.settings import get_settings

# How long an expired item is kept before DynamoDB TTL may remove it, so that a
# reused link can still be told apart from an unknown one.
TTL_GRACE = timedelta(days=7)


# Fixed when the models are defined (PynamoDB needs the names then): the stage's prefix.
TABLE_PREFIX = get_settings().table_prefix


def table_name(name: str) -> str:
    return f"{TABLE_PREFIX}{name}"


class TableMeta:
    region = get_settings().region
    billing_mode = "PAY_PER_REQUEST"


def is_condition_failure(error: PynamoDBException) -> bool:
    return error.cause_response_code in {"ConditionalCheckFailedException",
                                         "TransactionCanceledException"}


def transaction() -> TransactWrite:
    return TransactWrite(connection=Connection(region=get_settings().region))


def ttl_after(moment: datetime) -> datetime:
    return moment + TTL_GRACE


def updated(item: Model, **update) -> bool:
    """Runs item.update(**update); False when its condition failed (nothing changed)."""
    try:
        item.update(**update)
    except UpdateError as error:
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
                  range_prefix: str = "") -> dict | None:
    """A client's cursor back to a key, refused (ValueError) unless it is a key of the
    same partition and kind of item: a cursor cannot reach another user's records."""
    if not cursor:
        return None
    try:
        key = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        if (set(key) != {hash_name, range_name} or key[hash_name]["S"] != hash_value
                or not key[range_name]["S"].startswith(range_prefix)):
            raise ValueError
        return key
    except (ValueError, KeyError, TypeError, AttributeError):
        raise ValueError("invalid cursor") from None
