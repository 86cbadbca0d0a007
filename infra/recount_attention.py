"""The Action Center's marks recounted from the records, for every parent's logon:
`.venv/bin/python infra/recount_attention.py` (`--stage prod` for a deployed stage,
with that account's AWS credentials). Run it once after deploying the version that
keeps the marks (logons made before it have none, so their tab's number would be short),
or to repair them; running it again changes nothing. It reads the users table whole: a
Scan, which is why it is deployment tooling here and not the application's (whose
requests and jobs only Query and Get)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from chalicelib.tools import stage  # noqa: E402  (the repository's root is on the path)


def main(argv: list[str] | None = None) -> int:
    stage.only_stage(__doc__.splitlines()[0], argv)

    from chalicelib.clock import utc_now
    from chalicelib.dal.users import User
    from chalicelib.services import attention

    now, done = utc_now(), 0
    for user in User.scan():
        if user.role == "parent" and user.status == "active":
            attention.recount(user, now)
            done += 1
    print(json.dumps({"recounted": done}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
