"""Import case data from a JSON file: `python -m chalicelib.tools.load_cases FILE`
(`--stage prod` for a deployed stage, with that account's AWS credentials).

The file holds {"records": [...]} (or just the list) in the format of docs/case-data.md.
Every record is tried; progress goes to stdout, each bad record to stderr, and the exit
status is 1 when any record failed. Loading the same file twice changes nothing."""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from chalicelib.tools import stage


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--stage", choices=stage.STAGES, help="a deployed stage")
    args = parser.parse_args(argv)
    if args.stage:
        stage.use(args.stage)  # before the tables' names are fixed at import
    try:
        data = json.loads(args.file.read_text())
    except (OSError, ValueError) as error:
        print(f"cannot read {args.file}: {error}", file=sys.stderr)
        return 2
    records = data.get("records") if isinstance(data, dict) else data
    if not isinstance(records, list):
        print('the file must hold a list of records, or {"records": [...]}', file=sys.stderr)
        return 2

    from chalicelib.clock import utc_now
    from chalicelib.services import case_data

    total = len(records)

    def progress(result) -> None:
        line = f"[{result.index + 1}/{total}] {result.type or '?'} {result.key or ''} {result.status}"
        if result.error:
            print(f"{line}: {result.error}", file=sys.stderr)
        else:
            print(line)

    results = case_data.load(records, utc_now(), progress)
    counts = Counter(r.status for r in results)
    print("done: " + ", ".join(f"{n} {status}" for status, n in sorted(counts.items())))
    return 1 if counts.get("error") else 0


if __name__ == "__main__":
    sys.exit(main())
