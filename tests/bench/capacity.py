"""docs/capacity.md, written by `make bench` from its own counts (tests/bench/run.py):
what a large state's traffic asks of DynamoDB, Lambda and API Gateway at its peak, and
what it costs a month, for a state of 1.5 million participants. Every assumption is
stated in the page; each operation's DynamoDB capacity units are the ones `make bench`
measured (tests/bench/requests.UnitCounter), not guessed."""
from __future__ import annotations

from dataclasses import dataclass

PARTICIPANTS = 1_500_000
WITH_LOGON = 0.40  # participants with a portal logon
OBLIGORS = 0.45  # of participants, parents who pay support
DAYS = 30

# Operations a month, from the stated habits (each a share of logons or payers)
LOGONS = PARTICIPANTS * WITH_LOGON
SIGN_INS = LOGONS * 4  # each logon signs in four times a month
PAYERS = PARTICIPANTS * OBLIGORS * WITH_LOGON
ONE_TIME = PAYERS * 0.30  # three payers in ten pay online once a month
AUTOPAY = PAYERS * 0.20  # two in ten by automatic payment
SUBMITS = LOGONS * 0.02  # a request (web form) by one logon in fifty a month
MONTHLY = {
    "login (password step)": SIGN_INS,
    "login verify, emailed code": SIGN_INS * 0.7,  # most pass the second step by email
    "login verify, authenticator app": SIGN_INS * 0.2,
    "login verify, passkey": SIGN_INS * 0.1,
    "GET /me": SIGN_INS,
    "GET /summary (5 cases)": SIGN_INS,
    "GET /action-center": SIGN_INS * 0.5,
    "GET /cases/{id}": SIGN_INS * 0.8,
    "GET /payments (history page)": SIGN_INS * 0.5,
    "GET /messages (inbox)": SIGN_INS * 0.2,
    "payment (one-time)": ONE_TIME * 0.8,
    "payment (card)": ONE_TIME * 0.2,
    "autopay job: run one schedule": AUTOPAY,
    "web request: start a draft": SUBMITS * 1.5,
    "web request: save a step": SUBMITS * 4,
    "web request: submit": SUBMITS,
    "register": LOGONS * 0.02,  # new logons a month
    "forgot password": LOGONS * 0.03,
}
PEAK_DAY = 3.0  # a payday (the 1st, the 15th) against an average day
PEAK_HOUR = 0.12  # of a day's traffic in its busiest hour
SECONDS = 3600
LAMBDA_SECONDS = 0.15  # a request's time in the function (make load measures it)
LAMBDA_MB = 1024
# On-demand prices, us-east-1, stated as of this writing (AWS pricing pages)
PRICE_READ = 0.125 / 1e6  # a read request unit
PRICE_WRITE = 0.625 / 1e6  # a write request unit
PRICE_LAMBDA_REQUEST = 0.20 / 1e6
PRICE_LAMBDA_GB_SECOND = 0.0000166667
PRICE_API = 3.50 / 1e6  # a REST API request
PARTITION_WCU, PARTITION_RCU = 1000, 3000  # DynamoDB's per-partition limits a second


@dataclass(frozen=True)
class Hot:
    key: str
    writes_per_second: float
    why: str


def _peak(monthly: float) -> float:
    return monthly / DAYS * PEAK_DAY * PEAK_HOUR / SECONDS


def hot_keys(peak: dict[str, float]) -> list[Hot]:
    """The items every request of a kind writes, at the peak (a transaction's write is 2
    units): the counters, the shared ceilings and the interest job's index."""
    from chalicelib.dal.agency import OWING_SHARDS

    sign_ins = peak["login (password step)"]
    confirmations = peak["web request: submit"]
    bank = peak["payment (one-time)"] + peak["autopay job: run one schedule"]
    return [
        Hot("throttles: a login ceiling shard (abuse#login#all#N)", 2 * sign_ins / 12,
            "the login ceiling is 12 shards (services/rate_limits.py); each sign-in's "
            "limits are one transaction"),
        Hot("counters: confirmation", confirmations / 20,
            "a container takes 20 numbers a write (dal/counters.py)"),
        Hot("counters: ach-trace", bank,
            "one write per bank debit on the ACH rail (its trace numbers must rise in "
            "a file: not taken in ranges)"),
        Hot("cases/by_owing_shard: a shard (OWING#NN)",
            (bank + peak["payment (card)"]) / OWING_SHARDS,
            f"each posting to a case that owes rewrites its entry (its revision); the "
            f"cases that owe are {OWING_SHARDS} shards (dal/agency.owing_shard): a first "
            f"load may mark up to {OWING_SHARDS * PARTITION_WCU:,} a second"),
    ]


def ceilings(peak: dict[str, float]) -> list[tuple[str, float, int]]:
    """Each public route's ceiling for everyone (services/rate_limits.POLICIES, at scale
    1) against what the peak asks of it a minute."""
    from chalicelib.services.rate_limits import POLICIES

    second_steps = sum(v for k, v in peak.items() if k.startswith("login verify"))
    asked = {"login": peak["login (password step)"], "second_step": second_steps,
             "register": peak["register"], "forgot": peak["forgot password"]}
    return [(name, per_second * 60, POLICIES[name].per_minute)
            for name, per_second in asked.items()]


def scale_needed(peak: dict[str, float]) -> int:
    """The least PUBLIC_LIMIT_SCALE that leaves each ceiling twice the peak's need (its
    shards fill unevenly: each client address is always in one)."""
    return max(1, *(-(-int(2 * need) // ceiling) for _, need, ceiling in ceilings(peak)))


def page(units: dict[str, dict[str, tuple[float, float]]]) -> str:
    peak = {name: _peak(n) for name, n in MONTHLY.items()}
    tables: dict[str, list[float]] = {}
    month_read = month_write = 0.0
    for name, n in MONTHLY.items():
        for table, (read, write) in units.get(name, {}).items():
            row = tables.setdefault(table, [0.0, 0.0])
            row[0] += read * peak[name]
            row[1] += write * peak[name]
            month_read += read * n
            month_write += write * n
    requests = sum(peak.values())
    monthly_requests = sum(MONTHLY.values())
    concurrency = requests * LAMBDA_SECONDS
    dynamodb = month_read * PRICE_READ + month_write * PRICE_WRITE
    lam = monthly_requests * (PRICE_LAMBDA_REQUEST
                              + LAMBDA_SECONDS * LAMBDA_MB / 1024 * PRICE_LAMBDA_GB_SECOND)
    api = monthly_requests * PRICE_API
    hot = hot_keys(peak)
    lines = [
        "# Capacity", "",
        "Written by `make bench` (tests/bench/capacity.py) from the DynamoDB capacity "
        "units it measured for each operation; do not edit by hand.", "",
        "## The state and its traffic (assumptions)", "",
        f"- {PARTICIPANTS:,} participants; {WITH_LOGON:.0%} have a logon "
        f"({LOGONS:,.0f}); {OBLIGORS:.0%} pay support.",
        "- Each logon signs in 4 times a month (70% by emailed code, 20% app, 10% "
        "passkey), sees its Summary, half its Action Center, a case, half its payments.",
        f"- Of payers with a logon, 30% pay online once a month ({ONE_TIME:,.0f}: 80% "
        f"bank, 20% card) and 20% by automatic payment ({AUTOPAY:,.0f}).",
        "- A logon in fifty files a request a month; 2% register and 3% reset a password.",
        f"- A payday carries {PEAK_DAY:g}x an average day, and its busiest hour "
        f"{PEAK_HOUR:.0%} of the day.",
        "- Capacity units as DynamoDB charges items of at most 1 KB: a consistent read 1 "
        "RCU (a Query 1 per 4 items examined), a write 1 WCU, an item of a transaction 2.",
        f"- A request spends {LAMBDA_SECONDS * 1000:.0f} ms in a {LAMBDA_MB} MB function.",
        "- On-demand prices (us-east-1): $0.125 per million read units, $0.625 per "
        "million write units, Lambda $0.20 per million requests and $0.0000166667 a "
        "GB-second, API Gateway (REST) $3.50 per million. Storage, logs, SES and "
        "CloudFront are left out.", "",
        "## At the peak hour", "",
        f"**{requests:.1f} requests a second** to the API and its jobs; Lambda "
        f"concurrency about **{concurrency:.1f}**.", "",
        "| operation | a month | a second at the peak |", "| --- | --- | --- |",
        *[f"| {name} | {MONTHLY[name]:,.0f} | {peak[name]:.2f} |" for name in MONTHLY], "",
        "| table (or table/index) | read units a second | write units a second |",
        "| --- | --- | --- |",
        *[f"| {t} | {r:.1f} | {w:.1f} |" for t, (r, w) in
          sorted(tables.items(), key=lambda kv: -(kv[1][0] + kv[1][1]))], "",
        "## The hottest keys", "",
        f"DynamoDB takes at most {PARTITION_WCU:,} write units and {PARTITION_RCU:,} read "
        "units a second on one partition, whatever the table's mode.", "",
        "| key | write units a second at the peak | under the limit | why |",
        "| --- | --- | --- | --- |",
        *[f"| {h.key} | {h.writes_per_second:.2f} | "
          f"{'yes' if h.writes_per_second < PARTITION_WCU else 'NO'} | {h.why} |"
          for h in hot], "",
        "A logon's own partitions (its sessions, marks, payments) see one person's "
        "requests; the jobs' day partitions take one write per item due.", "",
        "## The ceilings for everyone", "",
        "Each public route that sends email or checks a secret has a ceiling for all "
        "clients together (services/rate_limits.py), counted in shards by client "
        "address, which fill unevenly; a state sets `PUBLIC_LIMIT_SCALE` so that each "
        "ceiling is at least twice its peak.", "",
        "| route | asked a minute at the peak | ceiling a minute (scale 1) |",
        "| --- | --- | --- |",
        *[f"| {name} | {need:,.0f} | {ceiling:,} |" for name, need, ceiling in
          ceilings(peak)], "",
        f"For a state of this size: **`PUBLIC_LIMIT_SCALE={scale_needed(peak)}`**.", "",
        "## A month at on-demand prices", "",
        "| service | a month |", "| --- | --- |",
        f"| DynamoDB ({month_read / 1e6:,.1f} M read units, {month_write / 1e6:,.1f} M "
        f"write units) | ${dynamodb:,.2f} |",
        f"| Lambda ({monthly_requests / 1e6:,.1f} M requests) | ${lam:,.2f} |",
        f"| API Gateway | ${api:,.2f} |",
        f"| **total** | **${dynamodb + lam + api:,.2f}** |", "",
    ]
    return "\n".join(lines)
