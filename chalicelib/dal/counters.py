"""Sequences that never repeat: each value is taken by one atomic ADD."""
from __future__ import annotations

from pynamodb.attributes import NumberAttribute, UnicodeAttribute
from pynamodb.models import Model

from chalicelib.dal.base import TableMeta, guarded, table_name


class Counter(Model):
    class Meta(TableMeta):
        table_name = table_name("counters")

    name = UnicodeAttribute(hash_key=True)
    value = NumberAttribute(default=0)


@guarded
def next_value(name: str) -> int:
    counter = Counter(name)
    counter.update(actions=[Counter.value.add(1)])
    return int(counter.value)
