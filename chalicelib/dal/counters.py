"""Sequences that never repeat: each value is taken by one atomic ADD, or a range of
them at once, which the container hands out in turn."""
from __future__ import annotations

import threading

from pynamodb.attributes import NumberAttribute, UnicodeAttribute
from pynamodb.models import Model

from chalicelib.dal.base import TableMeta, guarded, table_name


class Counter(Model):
    class Meta(TableMeta):
        table_name = table_name("counters")

    name = UnicodeAttribute(hash_key=True)
    value = NumberAttribute(default=0)


_ranges: dict[str, tuple[int, int]] = {}  # a sequence's next value here, and its last
_lock = threading.Lock()


@guarded
def next_value(name: str, take: int = 1) -> int:
    """The sequence's next value. With `take` > 1 the container takes that many at once
    (one ADD) and hands them out in turn: one write for `take` values, so that a busy
    sequence's one item is not a hot key (docs/capacity.md). Values then rise within a
    container, not across them, and those a container never hands out are skipped:
    unique still, never reused."""
    with _lock:
        value, last = _ranges.get(name, (1, 0))
        if value > last:
            counter = Counter(name)
            counter.update(actions=[Counter.value.add(take)])
            last = int(counter.value)
            value = last - take + 1
        _ranges[name] = (value + 1, last)
        return value


def forget_ranges() -> None:
    """Drops the ranges this container holds (their values are skipped): for tests,
    whose tables start empty again."""
    with _lock:
        _ranges.clear()
