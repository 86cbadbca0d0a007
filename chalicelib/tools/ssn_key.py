"""The SSN key's versions and their rotation: `python -m chalicelib.tools.ssn_key
--stage prod status` shows how many members each version hashed; `... rotate` makes a
new current version (Secrets Manager keeps the one before as AWSPREVIOUS).

A member's SSN is kept only as a keyed hash, so it is hashed again with a new key only
when the SSN is seen again: the agency's next load (every member it sends), or the
parent's own match when linking (services/association.py). Matching knows the current
and the previous version, so a rotation loses no one; a second rotation before every
member has been hashed again would lose those left on the oldest. So `rotate` refuses
while any member is still on a version that is not current (run a full load first), and
says how many; `--force` rotates anyway (after a suspected leak of the key, say: those
members then link by PIN or mailed code until the next load)."""
from __future__ import annotations

import argparse
import json
import sys

from chalicelib.tools import stage


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("status", "rotate"))
    parser.add_argument("--stage", choices=stage.STAGES, help="a deployed stage")
    parser.add_argument("--force", action="store_true",
                        help="rotate although members are still on an older version")
    args = parser.parse_args(argv)
    if args.stage:
        stage.use(args.stage)  # before the tables' names are fixed at import

    from chalicelib.dal import agency
    from chalicelib.integrations import secrets

    labels = secrets.ssn_key_labels()
    counts = {version: agency.ssn_key_count(version) for version in labels.values()}
    current = labels.get("AWSCURRENT")
    # a member hashed with an older version than the previous was lost to matching
    # already (the tool refused that rotation but for --force)
    behind = sum(n for version, n in counts.items() if version != current)
    print(json.dumps({"current": current, "previous": labels.get("AWSPREVIOUS"),
                      "members_by_version": counts, "members_behind": behind}))
    if args.action == "status":
        return 0
    if behind and not args.force:
        print(f"not rotated: {behind} members are hashed with an older version; load "
              "every member first (or --force)", file=sys.stderr)
        return 1
    try:
        made = secrets.rotate_ssn_key()
    except ValueError as error:
        print(f"not rotated: {error}", file=sys.stderr)
        return 1
    print(json.dumps({"rotated": True, "current": made}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
