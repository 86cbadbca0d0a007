"""The Action Center's marks recounted from the records, for every parent's logon:
`python -m chalicelib.tools.recount_attention` (`--stage prod` for a deployed stage,
with that account's AWS credentials). Run it once after deploying the version that
keeps the marks (logons made before it have none, so their tab's number would be short),
or to repair them; running it again changes nothing. It reads the users table whole (a
Scan: a maintenance tool's, never a request's)."""
from __future__ import annotations

import argparse
import json

from chalicelib.tools import stage


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stage", choices=stage.STAGES, help="a deployed stage")
    args = parser.parse_args(argv)
    if args.stage:
        stage.use(args.stage)  # before the tables' names are fixed at import

    from chalicelib.clock import utc_now
    from chalicelib.dal import users
    from chalicelib.services import attention

    now, done = utc_now(), 0
    for user in users.every_logon():
        if user.role == "parent" and user.status == "active":
            attention.recount(user, now)
            done += 1
    print(json.dumps({"recounted": done}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
