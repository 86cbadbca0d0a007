"""The command-line import (chalicelib/tools/load_cases.py): JSON or JSON Lines, progress,
bad records reported by line, a checkpoint to resume from, a check that writes nothing."""
from __future__ import annotations

import json

import pytest

from chalicelib.dal import agency
from chalicelib.domain.ledger import Book
from chalicelib.tools import load_cases
from tests.bench.requests import COUNTER
from tests.cases import case, demo_records, member


def lines(path, records) -> None:
    path.write_text("".join(f"{json.dumps(r)}\n" for r in records))


def test_a_json_file_loads_and_its_bad_records_are_reported(aws, tmp_path, capsys):
    path = tmp_path / "cases.json"
    records = demo_records()
    n = len(records) + 1
    path.write_text(json.dumps({"records": records + [{"type": "member"}]}))
    assert load_cases.main([str(path), "--verbose"]) == 1
    out = capsys.readouterr()
    assert "record 1: member 04025286 created" in out.out
    assert f"record {n}: member  error: " in out.err and "member_id" in out.err
    assert f": {n - 1} created, 1 error" in out.out and "peak memory" in out.out
    assert load_cases.main([str(path)]) == 1
    out = capsys.readouterr()
    assert f": 1 error, {n - 1} unchanged" in out.out
    assert "record 1:" not in out.out  # each record only with --verbose
    path.write_text("{not json")
    assert load_cases.main([str(path)]) == 2
    assert not path.with_name("cases.json.checkpoint").exists()


def test_json_lines_stream_and_a_line_that_is_not_json_is_reported(aws, tmp_path, capsys):
    path = tmp_path / "cases.jsonl"
    lines(path, demo_records()[:3])
    with path.open("a") as f:
        f.write("\n{not json\n")
    assert load_cases.main([str(path)]) == 1
    out = capsys.readouterr()
    assert "line 5: ?  error: not JSON" in out.err
    assert "3 created, 1 error" in out.out and "5 records (100%)" in out.out
    assert not path.with_name("cases.jsonl.checkpoint").exists()


def people_and_cases() -> list[dict]:
    """200 records, two chunks: case 53000001 and its ledger fill the first, case
    53000002 begins the second."""
    def charges(case_id, count):
        return [{"type": "ledger", "case_id": case_id, "entry_id": f"c{i}", "on": "2025-01-01",
                 "kind": "charge", "amount_cents": 100, "description": "Support"}
                for i in range(count)]
    return [member("53000011", "ROE", "123-45-6011", "1980-01-01"),
            case("53000001", [("53000011", "obligor")]), *charges("53000001", 98),
            case("53000002", [("53000011", "obligor")]), *charges("53000002", 99)]


def test_an_import_stopped_midway_resumes_from_its_checkpoint(aws, tmp_path, capsys,
                                                              monkeypatch):
    """Stopped after the second chunk was written but before its checkpoint: run again, it
    goes on from the first chunk's checkpoint, writes nothing twice, and replays the
    ledger of the case the second chunk began (its records now unchanged)."""
    path = tmp_path / "state.jsonl"
    lines(path, people_and_cases())
    save, saved = load_cases.Checkpoint.save, []

    def fails_second(self, counts, pending):
        saved.append(self.source.done)
        if len(saved) == 2:
            raise ConnectionError("the network went away")
        save(self, counts, pending)

    monkeypatch.setattr(load_cases.Checkpoint, "save", fails_second)
    assert load_cases.main([str(path)]) == 3
    assert "stopped after record 200: ConnectionError" in capsys.readouterr().err
    checkpoint = json.loads(path.with_name("state.jsonl.checkpoint").read_text())
    assert checkpoint["done"] == 100 and checkpoint["counts"] == {"created": 100}
    assert agency.case("53000002").book is None  # written, not yet replayed

    monkeypatch.setattr(load_cases.Checkpoint, "save", save)
    COUNTER.calls.clear()
    assert load_cases.main([str(path)]) == 0
    out = capsys.readouterr().out
    assert "resuming after record 100" in out and ": 100 created, 100 unchanged" in out
    # the second chunk was all written: read again, not written again
    assert not COUNTER.calls["TransactWriteItems"] and not COUNTER.calls["BatchWriteItem"]
    for case_id, charges in (("53000001", 98), ("53000002", 99)):
        book = Book.from_json(agency.case(case_id).book)
        assert sum(charged for charged, _ in book.buckets.values()) == charges * 100
    assert not path.with_name("state.jsonl.checkpoint").exists()


def test_a_file_changed_since_its_checkpoint_is_not_resumed(aws, tmp_path, capsys):
    path = tmp_path / "state.jsonl"
    lines(path, people_and_cases())
    path.with_name("state.jsonl.checkpoint").write_text(json.dumps(
        {"file": {"size": 1, "mtime_ns": 1}, "done": 100, "offset": 10, "counts": {},
         "pending": {"touched": [], "changed": [], "told": {}}}))
    assert load_cases.main([str(path)]) == 2
    assert "changed since" in capsys.readouterr().err


@pytest.mark.parametrize("suffix", [".jsonl", ".json"])
def test_a_check_validates_every_record_and_writes_nothing(aws, tmp_path, capsys, suffix):
    path = tmp_path / f"cases{suffix}"
    records = [*people_and_cases()[:3], {"type": "case", "case_id": "x"}]
    if suffix == ".json":
        path.write_text(json.dumps(records))
    else:
        lines(path, records)
    COUNTER.calls.clear()
    assert load_cases.main([str(path), "--check"]) == 1
    out = capsys.readouterr()
    assert ": 1 error, 3 valid" in out.out and "4: case  error: " in out.err
    assert not COUNTER.calls  # nothing read, nothing written
    assert not path.with_name(f"cases{suffix}.checkpoint").exists()
