"""Run a background job by hand: `python -m chalicelib.tools.run_job NAME [--now ISO]`.

NAME is one of: autopay, drafts, event_reminders, expire_tokens, interest, mail_digest,
payment_due, purge_unverified, settlement. `--now` runs it as at another moment (an ISO
time with its offset), to see what it would do on another day. `--local` runs it
against `make run`'s local AWS, `--stage prod` against a deployed stage. Prints what it read, sent, skipped and failed."""
from __future__ import annotations

import argparse
import json
from datetime import datetime


def main(argv: list[str] | None = None) -> int:
    import os
    import sys

    from chalicelib.tools import stage

    given = argv if argv is not None else sys.argv[1:]
    if "--local" in given:
        from chalicelib.local.serve import LOCAL_ENV

        os.environ.update(LOCAL_ENV)  # before the tables' names are fixed at import
    elif (named := stage.stage_in(given)) in stage.STAGES and named:
        stage.use(named)
    from chalicelib import jobs
    from chalicelib.clock import utc_now

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("name", choices=sorted(jobs.JOBS))
    parser.add_argument("--now", type=datetime.fromisoformat, default=None)
    parser.add_argument("--local", action="store_true", help="against make run's local AWS")
    parser.add_argument("--stage", choices=stage.STAGES, help="against a deployed stage")
    args = parser.parse_args(argv)
    now = args.now or utc_now()
    if now.tzinfo is None:
        parser.error("--now needs a time zone offset, like 2026-03-05T09:00:00+00:00")
    done = jobs.run(args.name, now)
    print(json.dumps({"job": done.name, "now": now.isoformat(), "read": done.read,
                      "sent": done.sent, "skipped": done.skipped, "failed": done.failed}))
    return 1 if done.failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
