"""Import case data: `python -m chalicelib.tools.load_cases FILE` (`--stage prod` for a
deployed stage, with that account's AWS credentials).

FILE is JSON Lines (`.jsonl` or `.ndjson`: one record a line, streamed, so a state's
whole caseload loads in bounded memory) or JSON (`{"records": [...]}` or the list, read
whole: for small files), in the format of docs/case-data.md. Records load a chunk at a
time (services/case_data.Loader). Progress goes to stdout (records, records per second,
time left), each bad record to stderr with its line, and with `--verbose` every record.
After each chunk a checkpoint (FILE.checkpoint) is saved: run the same command again
after a failure and the import goes on from there. `--check` validates every record and
writes nothing. Exit status: 0 done, 1 some records failed (the rest loaded), 2 the file
cannot be read, 3 stopped (run again to resume)."""
from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any, Iterator

from chalicelib.tools import stage

PROGRESS_SECONDS = 10  # between progress lines when stdout is not a terminal


class Unreadable:
    """A line that is not JSON."""

    def __init__(self, error: ValueError):
        self.error = f"not JSON: {error}"


class Source:
    """A file's records from a position (records done, and for JSON Lines the byte
    offset after them), as (line or record number, record)."""

    def __init__(self, path: Path):
        self.path = path
        self.lines = path.suffix in (".jsonl", ".ndjson")
        self.size = path.stat().st_size
        self.done, self.offset = 0, 0
        self._records: list[Any] = [] if self.lines else self._read_whole()

    def _read_whole(self) -> list[Any]:
        data = json.loads(self.path.read_text())
        records = data.get("records") if isinstance(data, dict) else data
        if not isinstance(records, list):
            raise ValueError('the file must hold a list of records, or {"records": [...]}')
        return records

    def identity(self) -> dict:
        stat = self.path.stat()
        return {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns}

    def fraction(self) -> float:
        if self.lines:
            return self.offset / self.size if self.size else 1.0
        return self.done / len(self._records) if self._records else 1.0

    def read(self) -> Iterator[tuple[int, Any]]:
        return self._lines() if self.lines else self._whole()

    def _lines(self) -> Iterator[tuple[int, Any]]:
        with self.path.open("rb") as f:
            f.seek(self.offset)
            for line in f:
                self.offset += len(line)
                self.done += 1
                if line.strip():
                    try:
                        yield self.done, json.loads(line)
                    except ValueError as error:
                        yield self.done, Unreadable(error)

    def _whole(self) -> Iterator[tuple[int, Any]]:
        for index in range(self.done, len(self._records)):
            self.done = index + 1
            yield self.done, self._records[index]


class Checkpoint:
    """FILE.checkpoint: how far the import got, what it counted, the cases whose
    follow-up was pending; written whole after each chunk (then renamed into place)."""

    def __init__(self, source: Source):
        self.path = source.path.with_name(source.path.name + ".checkpoint")
        self.source = source

    def load(self) -> dict | None:
        if not self.path.exists():
            return None
        saved = json.loads(self.path.read_text())
        if saved["file"] != self.source.identity():
            raise ValueError(f"{self.source.path} changed since {self.path} was saved; "
                             "remove the checkpoint to load it from the start")
        self.source.done, self.source.offset = saved["done"], saved["offset"]
        return saved

    def save(self, counts: Counter, pending: dict) -> None:
        saved = {"file": self.source.identity(), "done": self.source.done,
                 "offset": self.source.offset, "counts": counts, "pending": pending}
        temporary = self.path.with_name(self.path.name + ".new")
        temporary.write_text(json.dumps(saved))
        os.replace(temporary, self.path)

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)


class Progress:
    def __init__(self, source: Source, counts: Counter):
        self.source, self.counts = source, counts
        self.started, self.shown = time.monotonic(), 0.0
        self.first, self.at_start = source.done, source.fraction()
        self.live = sys.stdout.isatty()

    def line(self) -> str:
        elapsed = max(time.monotonic() - self.started, 1e-6)
        rate = (self.source.done - self.first) / elapsed
        fraction = self.source.fraction()
        gained = fraction - self.at_start
        left = elapsed * (1 - fraction) / gained if gained > 0 else 0
        tally = ", ".join(f"{n:,} {status}" for status, n in sorted(self.counts.items()))
        return (f"{self.source.done:,} records ({fraction:.0%}), {rate:,.0f} a second, "
                f"{_duration(left)} left: {tally}")

    def show(self, final: bool = False) -> None:
        now = time.monotonic()
        if self.live:
            print(f"\r{self.line()}\x1b[K", end="\n" if final else "", flush=True)
        elif final or now - self.shown >= PROGRESS_SECONDS:
            print(self.line(), flush=True)
            self.shown = now


def _duration(seconds: float) -> str:
    minutes, second = divmod(int(seconds), 60)
    hours, minute = divmod(minutes, 60)
    return f"{hours}h{minute:02d}m" if hours else f"{minute}m{second:02d}s"


def peak_memory_mb() -> float:
    """This program's peak resident memory: Linux's VmHWM, which starts again at exec
    (getrusage's ru_maxrss keeps the peak of the process that started it)."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB
    kib = next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:"))
    return int(kib) / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--stage", choices=stage.STAGES, help="a deployed stage")
    parser.add_argument("--check", action="store_true", help="validate only; write nothing")
    parser.add_argument("--verbose", action="store_true", help="print every record")
    args = parser.parse_args(argv)
    if args.stage:
        stage.use(args.stage)  # before the tables' names are fixed at import
    try:
        source = Source(args.file)
        checkpoint = Checkpoint(source)
        saved = None if args.check else checkpoint.load()
    except (OSError, ValueError, KeyError) as error:
        print(f"cannot read {args.file}: {error}", file=sys.stderr)
        return 2
    return Import(source, checkpoint, saved, args.check, args.verbose).run()


class Import:
    def __init__(self, source: Source, checkpoint: Checkpoint, saved: dict | None,
                 check: bool, verbose: bool):
        from chalicelib.clock import utc_now
        from chalicelib.services import case_data

        self.case_data, self.source, self.checkpoint = case_data, source, checkpoint
        self.check, self.verbose = check, verbose
        self.counts: Counter = Counter(saved["counts"] if saved else {})
        pending = case_data.Pending.from_json(saved["pending"]) if saved else None
        self.loader = case_data.Loader(utc_now(), pending)
        if saved:
            print(f"resuming after record {source.done:,} ({checkpoint.path})")
        self.progress = Progress(source, self.counts)

    def run(self) -> int:
        started = time.monotonic()
        resumed = self.source.done > 0
        try:
            for chunk in self.case_data.chunks(self.source.read()):
                self._load(chunk, suspect=resumed)
                resumed = False
            if not self.check:
                self.loader.finish()
        except (Exception, KeyboardInterrupt) as error:  # noqa: BLE001 (any: it resumes)
            self.progress.show(final=True)
            print(f"stopped after record {self.source.done:,}: {type(error).__name__}: "
                  f"{error}; run the same command again to go on", file=sys.stderr)
            return 3
        self.checkpoint.remove()
        self.progress.show(final=True)
        seconds = time.monotonic() - started
        print(f"done in {seconds:.1f} s, peak memory {peak_memory_mb():.0f} MB: "
              + ", ".join(f"{n} {status}" for status, n in sorted(self.counts.items())))
        return 1 if self.counts.get("error") else 0

    def _load(self, chunk: list[tuple[int, Any]], suspect: bool) -> None:
        readable = [(n, raw) for n, raw in chunk if not isinstance(raw, Unreadable)]
        results = {n: self.case_data.Result(n, None, None, "error", raw.error)
                   for n, raw in chunk if isinstance(raw, Unreadable)}
        if self.check:
            found = (self.loader.validate(n, raw) for n, raw in readable)
            results.update((n, r or self.case_data.Result(n, raw.get("type"), None, "valid"))
                           for (n, raw), r in zip(readable, found, strict=True))
        else:
            results.update((r.index, r) for r in self.loader.load(readable, suspect))
        for n, _ in chunk:
            self._report(results[n])
        if not self.check:
            self.checkpoint.save(self.counts, self.loader.pending.as_json())
        self.progress.show()

    def _report(self, result: Any) -> None:
        self.counts[result.status] += 1
        where = "line" if self.source.lines else "record"
        line = f"{where} {result.index}: {result.type or '?'} {result.key or ''} {result.status}"
        if result.error:
            print(f"{line}: {result.error}", file=sys.stderr)
        elif self.verbose:
            print(line)


if __name__ == "__main__":
    sys.exit(main())
