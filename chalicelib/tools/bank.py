"""The agency's bank from the command line: `python -m chalicelib.tools.bank COMMAND`.

    files [--local | --stage S]       the bank bucket's files (outbound/, reports/, inbound/)
    show KEY [--local | --stage S]    one of them
    send [--now ISO] --local          the next ACH file now, before the day's close (as at
                                      --now: a later day's, once a prenote's days passed)
    return ENTRY CODE [--corrected DATA] --local
                                      the simulated bank answers an entry of a file sent
                                      (ENTRY: its trace number or the payment's number):
                                      a return (R01, R02...) or a notice of change (C01
                                      with the corrected account number...) in inbound/

`send` and `return` play the bank on `make run`'s local stage (run it with
PAYMENT_PROCESSOR=ach): the file goes out at once, and the return file the bank leaves is
read by the local bank_returns worker within a second, as the bank queue's function
would in AWS. A deployed stage's bank collects its files over SFTP and leaves its own."""
from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import datetime


def main(argv: list[str] | None = None) -> int:
    from chalicelib.tools import stage

    given = argv if argv is not None else sys.argv[1:]
    if "--local" in given:
        from chalicelib.local.serve import LOCAL_ENV

        endpoint = os.environ.get("AWS_ENDPOINT_URL")  # a local AWS on another port
        os.environ.update(LOCAL_ENV)  # before the tables' names are fixed at import
        os.environ["AWS_ENDPOINT_URL"] = endpoint or LOCAL_ENV["AWS_ENDPOINT_URL"]
    elif (named := stage.stage_in(given)) in stage.STAGES and named:
        stage.use(named)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("files", "show", "send", "return"))
    parser.add_argument("args", nargs="*")
    parser.add_argument("--corrected", default="")
    parser.add_argument("--now", type=datetime.fromisoformat, default=None)
    parser.add_argument("--local", action="store_true", help="against make run's local AWS")
    parser.add_argument("--stage", choices=stage.STAGES, help="against a deployed stage")
    args = parser.parse_args(argv)
    if args.command in ("send", "return") and not args.local:
        parser.error(f"{args.command} plays the bank: on the local stage only (--local)")
    return COMMANDS[args.command](parser, args)


def _files(parser, args) -> int:
    from chalicelib.integrations import bank_files

    for prefix in (bank_files.OUTBOUND, bank_files.REPORTS, bank_files.INBOUND):
        print("\n".join(bank_files.listed(prefix)) or f"({prefix} is empty)")
    return 0


def _show(parser, args) -> int:
    from chalicelib.integrations import bank_files

    if len(args.args) != 1:
        parser.error("show KEY")
    text = bank_files.read(args.args[0])
    if text is None:
        print(f"no such file: {args.args[0]}", file=sys.stderr)
        return 1
    print(text, end="")
    return 0


def _send(parser, args) -> int:
    from chalicelib.clock import utc_now
    from chalicelib.services import ach_files

    now = args.now or utc_now()
    if now.tzinfo is None:
        parser.error("--now needs a time zone offset, like 2026-03-05T09:00:00+00:00")
    sent = ach_files.send_early(now)
    print(json.dumps({"day": sent.day.isoformat(), "entries": sent.entries,
                      "total_cents": sent.total_cents, "file": sent.key}))
    return 0


def _return(parser, args) -> int:
    from chalicelib.clock import utc_now
    from chalicelib.integrations import bank_files
    from chalicelib.local.bank import Answer, return_file

    if len(args.args) != 2:
        parser.error("return ENTRY CODE")
    trace, code = args.args
    for key in reversed(bank_files.listed(bank_files.OUTBOUND)):
        sent = bank_files.read(key) or ""
        if any(line.startswith("6") and trace in (line[79:94], line[39:54].strip())
               for line in sent.splitlines()):
            now = utc_now()
            name = f"{bank_files.INBOUND}returns-{now:%Y%m%d%H%M%S}.ach"
            entry = next(line for line in sent.splitlines() if line.startswith("6")
                         and trace in (line[79:94], line[39:54].strip()))
            bank_files.put(name, return_file(sent, {entry[79:94]: Answer(code, args.corrected)},
                                             now))
            print(json.dumps({"file": name, "answers": key, "trace": trace, "code": code}))
            return 0
    print(f"no file sent carries trace {trace}", file=sys.stderr)
    return 1


COMMANDS = {"files": _files, "show": _show, "send": _send, "return": _return}

if __name__ == "__main__":
    raise SystemExit(main())
