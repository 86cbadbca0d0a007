"""Each main operation stays within its DynamoDB request budget and never scans."""
from collections import Counter

from tests.bench import capacity, flows
from tests.bench.requests import processors
from tests.load.run import KINDS, SAME_REQUESTS

# The figures of docs/benchmarks.md: a change that adds requests must say why here.
# A signed-in request resolves its caller in one request: its session and its logon in
# one BatchGetItem (the token names the logon; services/sessions.py, issue #27).
BUDGET = {
    # Each public route that sends email or checks a secret counts itself per client
    # address and for everyone together (and per address asked about, where there is
    # one): one TransactWriteItems of conditional updates (services/rate_limits.py,
    # issues #22 and #27)
    # register, resend and forgot: their limits and one Put, the work item; whether the
    # address is taken is decided after the answer (services/public_work.py), whose
    # requests are not the route's (a taken address: the same 2, against enumeration)
    "register": 2, "verify email": 5, "register (address taken)": 2,
    # the first sign-in from a device records it (services/devices.py): one UpdateItem;
    # a sign-in from the device last used writes nothing more. The password step: its
    # limits; the lockout and the address's logon (one BatchGet, read while the limits
    # are counted); the logon with what its second steps are (one BatchGet:
    # credentials.sign_in_keys); the challenge
    "login, wrong password": 6, "login (password step)": 4,
    # a second step: its limits; one BatchGet, read while they are counted (the
    # challenge names its logon: both, and what checks the answer: the app, the recovery
    # codes, or the passkey and its challenge); one transaction (services/signin.py)
    "login verify, emailed code": 3, "GET /me": 1, "login verify, authenticator app": 3,
    "login verify, recovery code": 3, "passkey options (second step)": 4,
    "login verify, passkey": 3, "passkey options (no password)": 2,
    "passkey sign-in (no password)": 3, "logout": 2,
    # linking takes the member's Action Center marks in its transaction: its unread
    # letters (one Query), its cases (one BatchGet) and their court dates (one Query a
    # case, 5 here), once in a logon's life
    "associate (identity)": 15, "GET /summary (5 cases)": 3, "GET /cases/{id}": 2,
    "GET /cases/{id}/actions": 3,
    # a payment: caller; its idempotency claim; its case (or fee account), bank account
    # and the payer's pending totals on them in one BatchGet; the payment, its pending
    # total, its activity and receipt (one transaction). The processor's requests are
    # counted apart (PROCESSOR)
    "payment (one-time)": 4,
    # a read asks no processor and writes nothing (the settlement job does both)
    "GET /payments/{id} (past its settle time: no processor call)": 2,
    "GET /payments (history page)": 2,
    # a settlement run with one payment due, less the run's 4 day pages (3 days back and
    # today: one Query each, due or not): the payment's own 2, its case with its ledger
    # (one Query), then the ledger entry, the book and the payment moved on with its next
    # check (one transaction; the payment as it then stands is known, not read again)
    "settlement job: settle one payment": 2,
    "payment (card)": 4, "payment (fee account)": 4, "direct deposit (set up)": 4,
    "autopay (set up)": 5, "autopay job: read one day's schedules (1 due)": 1,
    # the logon; its case and account (one BatchGet, which the payment uses too); the
    # claim; the payment (one transaction)
    "autopay job: run one schedule": 4, "agency-recorded payment (withholding)": 4,
    # a submit's confirmation number comes from a range its container took (one write for
    # 20: dal/counters.py), not from a write of its own
    "web request: start a draft": 4, "web request: save a step": 4, "web request: submit": 4,
    "GET /submissions (search page)": 2,
    # the logon's attention marks (one Query: what each thing shows is on its mark) and
    # the cases a balance is due on (one BatchGet, for the amount)
    "GET /action-center": 3,
    "agency: worklist page": 2, "agency: decide a request": 5,
    "document: start an upload": 3, "document: complete (checked in S3)": 4,
    "message: send with a document": 4, "GET /messages (inbox)": 2,
    "agency: threads awaiting reply": 3,  # the parents' names: one BatchGet
    "grant access (invitation)": 6,
    # and the parent's logon, to email them that their invitation was accepted
    "accept an invitation": 7,
    # the Summary's 3, the grant (read on every delegated request: no cached access) and
    # the parent's logon (the session's is the delegate's own)
    "GET /summary (as a delegate)": 5,
    "forgot password": 2, "reset password": 9,
}


# The payment processor's own requests (the sandbox's table, which stands for a
# processor's API; the ACH rail's), counted apart from the portal's (tests/bench/requests.py)
PROCESSOR = {
    # the charge under the key and the token, one BatchGet; the charge, one Put
    "payment (one-time)": 2, "payment (fee account)": 2, "autopay job: run one schedule": 2,
    "settlement job: settle one payment": 1,  # how the charge stands
    # and a card: its token read when it is checked, and used once
    "payment (card)": 4,
}


def test_operations_use_few_requests_and_no_scan(client, outbox):
    units: dict = {}
    measured = flows.run(client, outbox, units)
    assert set(measured) == set(BUDGET)
    for name, calls in measured.items():
        assert "Scan" not in calls, name
        theirs = processors(calls)
        assert sum(calls.values()) - theirs <= BUDGET[name], (name, dict(calls))
        assert theirs <= PROCESSOR.get(name, 0), (name, dict(calls))
    # docs/capacity.md is written from these units: each operation it models was measured,
    # and at a large state's peak no single item passes DynamoDB's partition limit
    assert set(capacity.MONTHLY) <= set(units)
    assert all(units[name] for name in capacity.MONTHLY)
    peak = {name: capacity._peak(n) for name, n in capacity.MONTHLY.items()}
    assert all(h.writes_per_second < capacity.PARTITION_WCU for h in capacity.hot_keys(peak))
    assert "| payments |" in capacity.page(units)
    # a large state's peak fills the sign-in ceilings at scale 1: the page says the scale
    assert capacity.scale_needed(peak) > 1
    # make load's recordings of its operations must find the requests measured here
    kinds = {kind: operation for operation, kind in KINDS.items()}
    for name, measures in LOAD_NAMES.items():
        bare = Counter(kinds[k] for calls in SAME_REQUESTS[name] for k in calls.split(",")
                       if k != "hash")  # the password's hash, not a request
        made: Counter = Counter()
        for measure in measures:
            for kind, n in measured[measure].items():  # the processor's too
                made[kind.removeprefix("processor ")] += n
        assert bare == made, name


# make load's operations (tests/load/run.py) as measured here
LOAD_NAMES = {"sign-in (password and emailed code)": ("login (password step)",
                                                      "login verify, emailed code"),
              "GET /summary": ("GET /summary (5 cases)",),
              "POST /payments (bank account)": ("payment (one-time)",)}
