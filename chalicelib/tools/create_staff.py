"""Create an agency staff logon:
`python -m chalicelib.tools.create_staff --email E --first-name F --last-name L
[--role caseworker|disbursement|supervisor|administrator]` (caseworker unless named;
`--stage prod` for a deployed stage, with that account's AWS credentials). The first
administrator is made by `make deploy` (infra/deploy.py's bootstrap); after that,
supervisors and administrators manage logons in the portal (/agency/staff).

The password is read from standard input (or asked for on a terminal) and must meet
the same rules as a parent's. Staff sign in like parents: password, then a second step.
The first sign-in is by emailed code, and no agency route answers it until the
caseworker sets up an authenticator app or a passkey; from then on emailed codes are off
for good (agency logons read parents' bank account numbers)."""
from __future__ import annotations

import argparse
import getpass
import sys

from chalicelib.tools import stage


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--email", required=True)
    parser.add_argument("--first-name", required=True)
    parser.add_argument("--last-name", required=True)
    parser.add_argument("--stage", choices=stage.STAGES, help="a deployed stage")
    parser.add_argument("--role", default="caseworker", choices=(
        "caseworker", "disbursement", "supervisor", "administrator"))
    args = parser.parse_args(argv)
    if args.stage:
        stage.use(args.stage)  # before the tables' names are fixed at import
    password = (getpass.getpass("Password: ") if sys.stdin.isatty()
                else sys.stdin.readline().rstrip("\n"))

    from chalicelib.clock import utc_now
    from chalicelib.errors import DomainError
    from chalicelib.services import staff

    try:
        user_id = staff.create_staff(args.email, args.first_name, args.last_name, password,
                                     args.role, utc_now())
    except DomainError as error:
        print(f"not created: {error.message}", file=sys.stderr)
        return 1
    print(f"created {args.role} {args.email} ({user_id})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
