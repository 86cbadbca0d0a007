"""A list of one kind of map (dal/base.Maps) reads as PynamoDB's ListAttribute does,
with its element attribute made once, not for every list read."""
from __future__ import annotations

from pynamodb.attributes import ListAttribute, MapAttribute, NumberAttribute, UnicodeAttribute

from chalicelib.dal.base import Maps


class Thing(MapAttribute):
    name = UnicodeAttribute()
    count = NumberAttribute(null=True)
    inner = MapAttribute(null=True)


STORED = [{"M": {"name": {"S": "a"}, "count": {"N": "2"}, "inner": {"M": {"x": {"S": "y"}}}}},
          {"NULL": True}, {"M": {"name": {"S": "b"}}}]


def test_a_list_of_maps_reads_as_pynamodb_s(monkeypatch):
    theirs = ListAttribute(of=Thing)
    ours = Maps(of=Thing)
    for attribute in (theirs, ours):
        attribute.attr_name = "things"
    expected = theirs.deserialize(STORED)
    made = []
    make = Thing._make_attribute
    monkeypatch.setattr(Thing, "_make_attribute", lambda self: made.append(1) or make(self))
    for _ in range(3):
        found = ours.deserialize(STORED)
        assert [t and t.as_dict() for t in found] == [t and t.as_dict() for t in expected]
        assert found[0] is not expected[0] and found[1] is None
    assert len(made) == 1  # the element attribute, made once
    assert ours.deserialize([]) == []
    assert ours.serialize(found) == theirs.serialize(expected)


def test_a_list_of_other_values_is_pynamodb_s():
    strings = Maps(of=UnicodeAttribute)  # type: ignore[type-var]
    assert strings.deserialize([{"S": "a"}, {"S": "b"}]) == ["a", "b"]
