"""Restores the data of a stage as it was at a moment (docs/security/runbooks.md,
Restoring the data):

    python -m chalicelib.tools.restore --stage prod beside --at 2026-12-06T09:00:00+00:00 --suffix r1
    python -m chalicelib.tools.restore --stage prod copy --table members --suffix r1 [--keys KEYS.json]

`beside` restores every table of the stage into a new table named <table>-<suffix>
(point-in-time recovery; the live tables are not touched) and prints each one's item
count. `copy` writes items of a restored table back into the live one: those whose keys
KEYS.json lists (a JSON list of key objects, {"member_id": "...", "item": "PROFILE"}),
or every item without --keys. The restored tables are deleted by hand once done
(they are not the stack's)."""
from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path

from chalicelib.tools import stage


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("beside", "copy"))
    parser.add_argument("--stage", choices=stage.STAGES, help="a deployed stage")
    parser.add_argument("--at", type=datetime.fromisoformat, help="beside: the moment")
    parser.add_argument("--suffix", required=True, help="the restored tables' suffix")
    parser.add_argument("--table", help="copy: the table, without the stage's prefix")
    parser.add_argument("--keys", type=Path, help="copy: the keys to copy back (JSON)")
    args = parser.parse_args(argv)
    if args.stage:
        stage.use(args.stage)  # before the tables' names are fixed at import

    from chalicelib.dal.base import table_name
    from chalicelib.dal.tables import MODELS
    from chalicelib.integrations import backups

    if args.action == "beside":
        if args.at is None or args.at.tzinfo is None:
            parser.error("--at needs a moment with its offset, like 2026-12-06T09:00:00+00:00")
        for model in MODELS:
            if not model.exists():  # the sandbox processor's, on prod
                continue
            live = model.Meta.table_name
            backups.restore(live, f"{live}-{args.suffix}", args.at)
            count = sum(1 for _ in backups.items(f"{live}-{args.suffix}"))
            print(json.dumps({"table": live, "restored_as": f"{live}-{args.suffix}",
                              "items": count}))
        return 0
    if not args.table:
        parser.error("copy names its --table")
    live = table_name(args.table)
    restored = [i for i in backups.items(f"{live}-{args.suffix}")]
    if args.keys:
        wanted = json.loads(args.keys.read_text())
        names = backups.key_names(live)
        chosen = {json.dumps({n: k[n] for n in names}, sort_keys=True) for k in wanted}
        restored = [i for i in restored if json.dumps(
            {n: next(iter(i[n].values())) for n in names}, sort_keys=True) in chosen]
    print(json.dumps({"table": live, "copied": backups.put_back(live, restored)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
