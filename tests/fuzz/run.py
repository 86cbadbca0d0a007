"""Fuzzing: Schemathesis against the OpenAPI document and the running local stack, every
operation, a fixed number of examples each. The parent's routes run as the demo parent
(his session token), the agency's as the demo caseworker. No 5xx, every response as the
document says (status, content type, headers, body), bad input refused, a deleted
record gone, a private route refused without a session.

    python -m tests.fuzz.run [--examples N] [--seed S]     (make fuzz: 100 examples)

tests/fuzz/test_fuzz.py runs a short budget in make test."""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.stack import Api, Stack, local_stack

HERE = Path(__file__).resolve().parent
ST = Path(sys.executable).with_name("st")
JOHN = ("johndoe@test.com", "Demo-Portal-Pass-2026!")
STAFF = ("caseworker@agency.example.gov", "Agency-Desk-Lantern-2026!")
# Signing out, or ending this session from the list of sessions (whose ids the stateful
# phase follows), would end the session the rest of the run uses
LEFT_OUT = ["--exclude-path", "/auth/logout", "--exclude-path", "/me/sessions/{session_id}"]


# Who runs which operations: the parent's routes as the demo parent, the agency's as the
# demo caseworker
ROLES = {"parent": (JOHN, ["--exclude-path-regex", "^/agency", *LEFT_OUT]),
         "caseworker": (STAFF, ["--include-path-regex", "^/agency"])}


def fuzz(stack: Stack, who: str, examples: int, seed: int | None = None,
         workers: int = 1) -> tuple[int, str]:
    """Schemathesis's exit code and what it printed, for one role's operations."""
    person, scope = ROLES[who]
    api = Api(stack, *person)
    command = [str(ST), "--no-color", "--config-file", str(HERE / "schemathesis.toml"),
               "run", f"{stack.api}/openapi.json",
               "--header", f"Authorization: Bearer {api.token}",
               "--max-examples", str(examples), "--workers", str(workers),
               "--generation-database", "none", *scope]
    if seed is not None:
        command += ["--seed", str(seed)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=3600)
    return done.returncode, done.stdout + done.stderr


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=100)
    parser.add_argument("--seed", type=int)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    codes = []
    with tempfile.TemporaryDirectory() as logs, local_stack(Path(logs)) as stack:
        for who in ROLES:
            code, output = fuzz(stack, who, args.examples, args.seed, args.workers)
            print(f"== as the {who}: {'passed' if code == 0 else 'FAILED'}\n{output}", flush=True)
            codes.append(code)
    return max(codes)


if __name__ == "__main__":
    sys.exit(main())
