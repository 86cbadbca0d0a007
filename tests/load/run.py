"""A bounded load run against make run's stack on this machine (loopback only, a fixed
number of requests, a few client threads): sign-in (password, then the emailed code),
the Summary, and a payment from a saved bank account. Prints the throughput and latency
percentiles of each and, with --write, keeps them in docs/load.md; then the same called
on the API's own port beside a bare Chalice route that makes the same DynamoDB requests
(tests/load/bare.py), and the portal's p50 and p99 as a ratio to it.

    python -m tests.load.run [--requests N] [--threads T] [--write]    (make load)"""
from __future__ import annotations

import argparse
import base64
import contextlib
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from tests.stack import ROOT, Api, Stack, local_stack

PASSWORD = "Lantern-Harbor-Quill-2026!"
JOHN = ("johndoe@test.com", "Demo-Portal-Pass-2026!")


def people(stack: Stack, count: int) -> list[str]:
    """Registered, verified logons to sign in as (each gets its own emailed codes)."""
    emails = []
    anonymous = Api(stack)
    for i in range(count):
        email = f"load.{uuid.uuid4().hex[:8]}.{i}@example.com"
        anonymous.call("POST", "/auth/register", {
            "email": email, "password": PASSWORD, "first_name": "Lee", "last_name": "Load",
            "phone": "907-555-0100", "language": "en", "accept_terms": True,
            "security_questions": [{"question_id": "first_pet", "answer": "Rex the dog"},
                                   {"question_id": "birth_city", "answer": "Juneau"}]})
        token = stack.link(email).split("token=")[1]
        anonymous.call("POST", "/auth/verify-email", {"token": token})
        emails.append(email)
    return emails


def timed(action) -> tuple[float, bool]:
    start = time.perf_counter()
    try:
        ok = action()
    except Exception:  # noqa: BLE001  (a failed request is counted, not fatal)
        ok = False
    return time.perf_counter() - start, ok


class Journeys:
    """The three operations a load run makes, each a call of the sample's number that
    answers its seconds and whether it succeeded; `step`, if given, is entered around
    each HTTP request of one (a sign-in makes two)."""

    def __init__(self, stack: Stack, threads: int, direct: bool) -> None:
        self.stack, self.direct = stack, direct
        self.john = Api(stack, *JOHN, direct=direct)
        self.account = self.john.call("POST", "/bank-accounts", {
            "routing_number": "125000105", "account_number": "000123456789",
            "account_type": "checking", "holder_name": "John Doe",
            "authorize": True})["account_id"]
        self.emails = people(stack, threads)
        self.lock = threading.Lock()
        self.delivered: list[float] = []  # seconds from a sign-in's answer to its code's

    def sign_in(self, i: int, step=contextlib.nullcontext) -> tuple[float, bool]:
        email = self.emails[i % len(self.emails)]
        api = Api(self.stack, direct=self.direct)
        with self.lock:  # the code is read from the mailbox in order, one sign-in an address
            before = self.stack.count(email)
            start = time.perf_counter()
            with step():
                status, challenge = api.request("POST", "/auth/login",
                                                {"email": email, "password": PASSWORD})
            first = time.perf_counter() - start
            code = self.stack.code(email, since=before) if status == 200 else None
            if code is not None:  # through the outbox and the mail worker
                self.delivered.append(time.perf_counter() - start - first)
        if code is None:
            return first, False
        with step():
            second, ok = timed(lambda: api.request("POST", "/auth/login/verify", {
                "challenge_id": challenge["challenge_id"], "code": code})[0] == 200)
        return first + second, ok

    def summary(self, i: int, step=contextlib.nullcontext) -> tuple[float, bool]:
        with step():
            return timed(lambda: self.john.request("GET", "/summary")[0] == 200)

    def payment(self, i: int, step=contextlib.nullcontext) -> tuple[float, bool]:
        with step():
            return timed(lambda: self.john.request("POST", "/payments", {
                "case_id": "000020108", "bank_account_id": self.account, "amount_cents": 100},
                headers={"Idempotency-Key": f"load-{uuid.uuid4().hex}"})[0] == 201)

    def each(self, requests: int, threads: int):
        """Each operation's name, call and number of calls in a run."""
        return (("sign-in (password and emailed code)", self.sign_in,
                 max(requests // 4, threads)),
                ("GET /summary", self.summary, requests),
                ("POST /payments (bank account)", self.payment, requests // 2))


def run_load(stack: Stack, requests: int, threads: int, direct: bool = False,
             beside: Callable[[str], float | None] | None = None) -> list[dict]:
    """Each operation's figures; `direct`: to the API's own port, not through the front
    server (as the bare app is called, for the side by side); `beside`: called with the
    operation's name after each of its calls, in the same thread, its seconds kept as
    the row's `bare` latencies."""
    journeys = Journeys(stack, threads, direct)
    results = []
    for name, action, count in journeys.each(requests, threads):
        def sample(i: int, action=action, name=name) -> tuple[tuple[float, bool], float | None]:
            return action(i), beside(name) if beside else None

        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=threads) as pool:
            pairs = list(pool.map(sample, range(count)))
        elapsed = time.perf_counter() - start
        samples = [made for made, _ in pairs]
        latencies = sorted(s for s, _ in samples)
        results.append({"name": name, "count": count, "errors": sum(not ok for _, ok in samples),
                        "seconds": elapsed, "per_second": count / elapsed,
                        "p50": percentile(latencies, 50), "p90": percentile(latencies, 90),
                        "p99": percentile(latencies, 99), "max": latencies[-1],
                        "bare": sorted(b for _, b in pairs if b is not None)})
    results.append(figures("the emailed code, the answer to the mailbox",
                           sorted(journeys.delivered)))
    return results


# Each operation's DynamoDB requests by kind (docs/benchmarks.md; the payment's with the
# sandbox processor's), one string for each HTTP request it makes, as a recording of it
# must find them; and where the one password hash a sign-in verifies comes (`hash`)
SAME_REQUESTS = {
    "sign-in (password and emailed code)": ("transact,batch,batch,hash,transact",
                                            "transact,batch,transact"),
    "GET /summary": ("batch,query,batch",),
    "POST /payments (bank account)": ("batch,put,batch,batch,put,transact",),
}
KINDS = {"GetItem": "get", "BatchGetItem": "batch", "Query": "query", "PutItem": "put",
         "UpdateItem": "update", "DeleteItem": "delete", "BatchWriteItem": "batchwrite",
         "TransactWriteItems": "transact"}
BARE_TABLE = "csp-local-throttles"


def _recorder(stack: Stack, action: str) -> bytes:
    """moto's request recorder, on its server (/moto-api/recorder/)."""
    method = "GET" if action == "download-recording" else "POST"
    request = urllib.request.Request(f"{stack.aws}/moto-api/recorder/{action}", method=method,
                                     data=None if method == "GET" else b"")
    with urllib.request.urlopen(request, timeout=10) as answer:
        return answer.read()


@contextlib.contextmanager
def recording(stack: Stack, into: list[list[tuple[str, dict]]]):
    """The DynamoDB requests the API made inside the block, as (operation, body), appended
    to `into` as one list: moto's recorder keeps every request its server answers, of
    which the API's are botocore's own (the local workers call through boto3)."""
    _recorder(stack, "reset-recording")
    _recorder(stack, "start-recording")
    try:
        yield
    finally:
        _recorder(stack, "stop-recording")
    made = []
    for line in _recorder(stack, "download-recording").decode().splitlines():
        entry = json.loads(line)
        target = entry["headers"].get("X-Amz-Target", "")
        if (target.startswith("DynamoDB_20120810.")
                and entry["headers"].get("User-Agent", "").startswith("Botocore/")):
            body = base64.b64decode(entry["body"]) if entry["body_encoded"] else entry["body"]
            made.append((target.partition(".")[2], json.loads(body)))
    into.append(made)


def plans(stack: Stack, journeys: Journeys) -> dict[str, list[list[dict]]]:
    """For each operation, the DynamoDB requests the API made for each of its HTTP
    requests, recorded in one call of it (for the bare route to make the same: its reads
    as they were, its writes to fresh items of a table of its own), and where the
    password hash comes. A recording that is not what docs/benchmarks.md counts (a local
    worker's request in the window) is made again."""
    return {name: _plan(stack, name, action) for name, action, _ in journeys.each(1, 1)}


def _plan(stack: Stack, name: str, action) -> list[list[dict]]:
    expected = [kinds.split(",") for kinds in SAME_REQUESTS[name]]
    # as many of each kind (a sign-in's reads and its abuse count run together, so either
    # can reach moto's server first)
    counted = [sorted(k for k in kinds if k != "hash") for kinds in expected]
    for _ in range(3):
        made: list[list[tuple[str, dict]]] = []
        action(0, step=lambda made=made: recording(stack, made))
        found = [sorted(KINDS.get(op, op) for op, _ in request) for request in made]
        if found == counted:
            return [_steps(kinds, request) for kinds, request in zip(expected, made, strict=True)]
    raise AssertionError(f"{name}: recorded {found}, docs/benchmarks.md counts {counted}")


def _steps(kinds: list[str], requests: list[tuple[str, dict]]) -> list[dict]:
    """A request's DynamoDB requests as recorded, and the password hash where it comes."""
    steps: list[dict] = [{"op": op, "body": body} for op, body in requests]
    if "hash" in kinds:
        steps.insert(kinds.index("hash"), {"hash": True})
    return steps


@contextlib.contextmanager
def bare_app(stack: Stack, made_for: dict[str, list[list[dict]]]):
    """tests/load/bare.py served on a free port against the stack's local AWS, making
    the steps of `made_for`'s requests, in order (/replay/N)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with tempfile.NamedTemporaryFile("w", suffix=".json") as file:
        json.dump([steps for requests in made_for.values() for steps in requests], file)
        file.flush()
        env = {**os.environ, "AWS_ENDPOINT_URL": stack.aws, "BARE_TABLE": BARE_TABLE,
               "BARE_PLANS": file.name}
        process = subprocess.Popen([sys.executable, "-m", "tests.load.bare", str(port)],
                                   cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    with urllib.request.urlopen(f"{url}/ready", timeout=2):
                        break
                except OSError:
                    time.sleep(0.1)
            yield url
        finally:
            process.terminate()
            process.wait(timeout=10)


def side_by_side(stack: Stack, requests: int, threads: int) -> list[dict]:
    """The portal's operations called on the API's own port, each call followed in its
    thread by the bare route making the same DynamoDB requests (plans): the two take
    turns, so whatever else the stack is doing (its mail worker sending the run's email)
    weighs on both alike; the portal's p50 and p99 as a ratio to the bare route's."""
    rows = []
    made_for = plans(stack, Journeys(stack, 1, direct=True))
    numbers, counted = {}, 0
    for name, requests_made in made_for.items():
        numbers[name] = range(counted, counted + len(requests_made))
        counted += len(requests_made)
    with bare_app(stack, made_for) as url:
        def bare(name: str) -> float | None:
            start = time.perf_counter()
            for number in numbers[name]:
                try:
                    with urllib.request.urlopen(f"{url}/replay/{number}", timeout=30) as answer:
                        answer.read()
                except urllib.error.HTTPError as error:  # the bare app's traceback
                    raise RuntimeError(error.read().decode()[-2000:]) from None
            return time.perf_counter() - start

        for row in run_load(stack, requests, threads, direct=True, beside=bare):
            if not row.get("bare"):
                continue
            bare50, bare99 = percentile(row["bare"], 50), percentile(row["bare"], 99)
            rows.append({"name": row["name"],
                         "requests": sum("hash" not in step for steps in made_for[row["name"]]
                                         for step in steps),
                         "made": made_for[row["name"]],
                         "portal50": row["p50"], "bare50": bare50,
                         "portal99": row["p99"], "bare99": bare99,
                         "ratio50": row["p50"] / bare50, "ratio99": row["p99"] / bare99})
    return rows


def ratios(rows: list[dict]) -> str:
    lines = ["## Side by side with a bare Chalice route", "",
             "The same operations called on the API's own port, each call followed, in its "
             "client thread, by a call of a bare Chalice app (tests/load/bare.py) on the same "
             "stack making the same DynamoDB requests, recorded from one call of the "
             "operation by moto's recorder: its reads as the portal made them (the same "
             "items), its writes as the portal made them (the same items, update expressions "
             "and conditions) to fresh items of a table of its own, and for a sign-in the "
             "one password hash it verifies. The two take turns, so the stack's other work "
             "weighs on both alike (the scheduled jobs do not run); the portal's latency as "
             "a ratio to the bare route's (goal at most 1.3 at p50). What the portal does "
             "beside its AWS calls, in-process, is in docs/benchmarks.md (its own time).",
             "", "| operation | DynamoDB requests | portal p50 ms | bare p50 ms | p50 ratio "
             "| portal p99 ms | bare p99 ms | p99 ratio |",
             "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for r in rows:
        lines.append(f"| {r['name']} | {r['requests']} | {r['portal50'] * 1000:.0f} | "
                     f"{r['bare50'] * 1000:.0f} | **{r['ratio50']:.2f}** | "
                     f"{r['portal99'] * 1000:.0f} | {r['bare99'] * 1000:.0f} | "
                     f"{r['ratio99']:.2f} |")
    return "\n".join(lines)


def figures(name: str, latencies: list[float]) -> dict:
    """A row for what was not a request of its own (no throughput)."""
    return {"name": name, "count": len(latencies), "errors": 0, "seconds": 0.0,
            "per_second": 0.0, "p50": percentile(latencies, 50),
            "p90": percentile(latencies, 90), "p99": percentile(latencies, 99),
            "max": latencies[-1]}


def percentile(values: list[float], p: int) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1]


def table(results: list[dict], threads: int) -> str:
    lines = [f"Measured {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC on {platform.machine()}, "
             f"{_cores()} cores, Python {platform.python_version()}: make run's stack "
             f"(moto server, chalice local) on 127.0.0.1 without its scheduled jobs, "
             f"{threads} client threads.", "",
             "| operation | requests | errors | requests/s | p50 ms | p90 ms | p99 ms | max ms |",
             "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for r in results:
        rate = f"{r['per_second']:.1f}" if r["per_second"] else "-"
        lines.append(f"| {r['name']} | {r['count']} | {r['errors']} | {rate} | "
                     f"{r['p50'] * 1000:.0f} | {r['p90'] * 1000:.0f} | {r['p99'] * 1000:.0f} | "
                     f"{r['max'] * 1000:.0f} |")
    return "\n".join(lines)


def _cores() -> int:
    import os

    return os.cpu_count() or 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--write", action="store_true", help="keep the figures in docs/load.md")
    args = parser.parse_args()
    # no scheduled jobs: their runs (settling the payments made a minute before) took the
    # machine's two cores at random moments, from both sides of the side by side alike,
    # which pulls the ratio towards 1 and moved it by 0.2 from run to run
    with tempfile.TemporaryDirectory() as logs, local_stack(
            Path(logs), {"LOCAL_JOBS": "none"}) as stack:
        results = run_load(stack, args.requests, args.threads)
        compared = side_by_side(stack, args.requests, args.threads)
    text = table(results, args.threads) + "\n\n" + ratios(compared)
    print(text)
    if args.write:
        path = ROOT / "docs" / "load.md"
        soak = path.read_text().partition("\n## Soak\n")[2] if path.exists() else ""
        path.write_text(
            "# Load\n\nWritten by `make load` (tests/load/run.py); do not edit by hand. "
            "The local stack is not Lambda: these figures compare runs of the code on one "
            "machine, they do not predict AWS's.\n\n" + text + "\n"
            + (f"\n## Soak\n{soak}" if soak else ""))
    return 1 if any(r["errors"] for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
