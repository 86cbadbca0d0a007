"""What every table shares: its name from the stage prefix, region, billing, errors."""
from __future__ import annotations

from datetime import datetime, timedelta

from pynamodb.connection import Connection
from pynamodb.exceptions import PynamoDBException, UpdateError
from pynamodb.models import Model
from pynamodb.transactions import TransactWrite

from chalicelib.settings import get_settings

# How long an expired item is kept before DynamoDB TTL may remove it, so that a
# reused link can still be told apart from an unknown one.
TTL_GRACE = timedelta(days=7)


def table_name(name: str) -> str:
    return f"{get_settings().table_prefix}{name}"


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
