"""Typed settings from the environment, every value checked.

`check()` reads and checks them all and names every bad value in one message; app.py
calls it when the function starts, so a stage with a bad value fails at its first
request (the deploy's smoke test) and says why, not deep inside a request later, and
`make deploy` runs it on the stage's environment before it uploads anything
(`python -m chalicelib.tools.check_settings STAGE`).

They are read at call time, not cached: Chalice sets a stage's variables before the app
is imported, `chalice.test.Client` sets them per call and tests change them. (Reading
about twenty variables costs microseconds; pydantic-settings would cost about 130 ms of
cold start, measured, for what these few checks do.)
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Mapping
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

STAGES = ("local", "test", "dev", "prod")
PROCESSORS = ("sandbox", "ach", "none")
SCANNING = ("guardduty", "off")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PREFIX = re.compile(r"^[A-Za-z0-9_.-]{1,40}$")


class SettingsError(ValueError):
    """One or more settings are missing or wrong; the message names each."""


@dataclass(frozen=True)
class Settings:
    stage: str
    table_prefix: str
    region: str
    sender_email: str
    web_base_url: str
    agency_name: str
    agency_phone: str
    agency_timezone: str
    max_body_bytes: int
    kms_key_id: str
    rp_id: str
    rp_name: str
    web_origins: tuple[str, ...]
    ssn_hmac_key: str
    ssn_hmac_key_previous: str  # local stages: the key before a rotation, to rehearse one
    ssn_hmac_secret: str
    agency_state: str
    payment_processor: str
    payment_limit_cents: int
    sandbox_settle_seconds: int
    sandbox_no_charge_seconds: int
    documents_bucket: str
    audit_bucket: str  # the audit trail's, Object Lock in compliance mode (services/audit.py)
    bank_bucket: str  # the ACH rail's files with the agency's bank (integrations/bank_files.py)
    document_scanning: str
    ses_configuration_set: str
    public_limit_scale: int
    origin_verify_key: str
    origin_verify_secret: str

    @property
    def deployed(self) -> bool:
        return self.stage in ("dev", "prod")

    @property
    def is_local(self) -> bool:
        return self.stage == "local"

    @property
    def mail_queue(self) -> str:
        """The SQS queue the mail worker reads (the template names it so)."""
        return f"{self.table_prefix}mail"

    @property
    def mail_dead_letters(self) -> str:
        return f"{self.table_prefix}mail-dead"

    @property
    def work_queue(self) -> str:
        """The queue of public requests' work (services/public_work.py)."""
        return f"{self.table_prefix}work"

    @property
    def work_dead_letters(self) -> str:
        return f"{self.table_prefix}work-dead"

    @property
    def audit_queue(self) -> str:
        """The queue of staff audit events on their way to the trail (services/audit.py)."""
        return f"{self.table_prefix}audit"

    @property
    def audit_dead_letters(self) -> str:
        return f"{self.table_prefix}audit-dead"

    @property
    def bank_queue(self) -> str:
        """The queue the bank bucket tells of each file the bank leaves (returns)."""
        return f"{self.table_prefix}bank"

    @property
    def bank_dead_letters(self) -> str:
        return f"{self.table_prefix}bank-dead"


class _Reader:
    """Reads variables, keeping every problem instead of stopping at the first."""

    def __init__(self, env: Mapping[str, str]) -> None:
        self.env = env
        self.problems: list[str] = []

    def text(self, name: str, default: str, pattern: re.Pattern[str] | None = None,
             means: str = "") -> str:
        value = self.env.get(name, default)
        if pattern is not None and not pattern.match(value):
            self.problems.append(f"{name} must be {means}, not {value!r}")
        return value

    def choice(self, name: str, default: str, choices: tuple[str, ...]) -> str:
        value = self.env.get(name, default)
        if value not in choices:
            self.problems.append(f"{name} must be one of {', '.join(choices)}, not {value!r}")
        return value

    def number(self, name: str, default: int, least: int = 0) -> int:
        raw = self.env.get(name, str(default))
        try:
            value = int(raw)
        except ValueError:
            self.problems.append(f"{name} must be a whole number, not {raw!r}")
            return default
        if value < least:
            self.problems.append(f"{name} must be at least {least}, not {value}")
        return value

    def zone(self, name: str, default: str) -> str:
        value = self.env.get(name, default)
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            self.problems.append(f"{name} must be an IANA time zone like America/Anchorage, "
                                 f"not {value!r}")
        return value

    def origins(self, name: str, default: str) -> tuple[str, ...]:
        found = tuple(o.strip() for o in self.env.get(name, default).split(",") if o.strip())
        bad = [o for o in found if not o.startswith(("https://", "http://localhost",
                                                     "http://127.0.0.1"))]
        if not found or bad:
            self.problems.append(f"{name} must list https:// origins (http only for "
                                 f"localhost), not {bad or 'nothing'}")
        return found


def read(env: Mapping[str, str]) -> tuple[Settings, list[str]]:
    """The settings in `env`, and what is wrong with them (empty when all is well)."""
    r = _Reader(env)
    # no default: a function whose STAGE is missing or misspelt must not start as the
    # local stage (its /dev/ routes, its built-in SSN key, its sandbox processor)
    stage = r.choice("STAGE", "", STAGES)
    deployed = stage in ("dev", "prod")
    settings = Settings(
        stage=stage,
        table_prefix=r.text("TABLE_PREFIX", f"csp-{stage}-", _PREFIX,
                            "letters, digits, '-', '_' or '.'"),
        region=env.get("AWS_REGION") or env.get("AWS_DEFAULT_REGION", "us-east-1"),
        sender_email=r.text("SENDER_EMAIL", "no-reply@childsupport.example.gov", _EMAIL,
                            "an email address"),
        web_base_url=r.text("WEB_BASE_URL", "http://127.0.0.1:8000/dev",
                            re.compile(r"^https?://\S+$"), "a URL").rstrip("/"),
        agency_name=env.get("AGENCY_NAME", "Child Support Services Division"),
        agency_phone=env.get("AGENCY_PHONE", "(907) 269-6900"),
        agency_timezone=r.zone("AGENCY_TIMEZONE", "America/Anchorage"),
        agency_state=r.text("AGENCY_STATE", "AK", re.compile(r"^[A-Z]{2}$"),
                            "a two-letter state code"),
        # prod takes no payments until the agency names its processor (README, Deploy)
        payment_processor=r.choice("PAYMENT_PROCESSOR", "none" if stage == "prod"
                                   else "sandbox", PROCESSORS),
        payment_limit_cents=r.number("PAYMENT_LIMIT_CENTS", 1000000, least=100),
        # The sandbox processor settles after this long (2 days; make run uses 1 minute).
        sandbox_settle_seconds=r.number("SANDBOX_SETTLE_SECONDS", 2 * 86400),
        # How long the sandbox's status may not know a charge whose answer timed out (10
        # minutes; the soak run uses seconds)
        sandbox_no_charge_seconds=r.number("SANDBOX_NO_CHARGE_SECONDS", 600, least=1),
        documents_bucket=env.get("DOCUMENTS_BUCKET", f"csp-{stage}-documents"),
        audit_bucket=env.get("AUDIT_BUCKET", f"csp-{stage}-audit"),
        bank_bucket=env.get("BANK_BUCKET", f"csp-{stage}-bank"),
        # A document reaches anyone but its uploader once GuardDuty's Malware Protection
        # tagged it clean ("guardduty", deployed stages); "off" takes every upload as
        # scanned (local runs and tests, where no scanner runs)
        document_scanning=r.choice("DOCUMENT_SCANNING", "guardduty" if deployed else "off",
                                   SCANNING),
        max_body_bytes=r.number("MAX_BODY_BYTES", 65536, least=1024),
        kms_key_id=env.get("KMS_KEY_ID", f"alias/csp-{stage}"),
        rp_id=env.get("WEBAUTHN_RP_ID", "localhost"),
        rp_name=env.get("WEBAUTHN_RP_NAME", "Child Support Portal"),
        web_origins=r.origins("WEB_ORIGINS", "http://localhost:8000"),
        # The key SSNs are matched by. Local and test stages use a built-in one; deployed
        # stages read the secret their stack made (integrations/secrets.py).
        ssn_hmac_key=env.get("SSN_HMAC_KEY", "local-only-ssn-key" if stage == "local" else ""),
        ssn_hmac_key_previous=env.get("SSN_HMAC_KEY_PREVIOUS", ""),
        ssn_hmac_secret=env.get("SSN_HMAC_SECRET", ""),
        ses_configuration_set=env.get("SES_CONFIGURATION_SET", ""),
        # Multiplies the abuse limits of the public routes (services/rate_limits.py): 1
        # deployed; the local load and soak runs, all from one address, raise it
        public_limit_scale=r.number("PUBLIC_LIMIT_SCALE", 1, least=1),
        # What CloudFront sends the API in X-Origin-Verify: a deployed stage names its
        # stack's secret (ORIGIN_VERIFY_SECRET, from the stack) and refuses every request
        # without it; ORIGIN_VERIFY_KEY is the value itself (tests)
        origin_verify_key=env.get("ORIGIN_VERIFY_KEY", ""),
        origin_verify_secret=env.get("ORIGIN_VERIFY_SECRET", ""),
    )
    if stage == "prod" and settings.payment_processor == "sandbox":
        r.problems.append("PAYMENT_PROCESSOR must not be sandbox on prod: its test cards "
                          "and accounts would take no money")
    for name in ("SSN_HMAC_KEY", "SSN_HMAC_KEY_PREVIOUS"):
        if deployed and env.get(name):
            r.problems.append(f"{name} must not be set on a deployed stage: its SSN key is "
                              "the stack's secret (SSN_HMAC_SECRET), never a plain variable")
    if stage == "prod" and settings.document_scanning != "guardduty":
        r.problems.append("DOCUMENT_SCANNING must be guardduty on prod: parents' files reach "
                          "staff only once scanned")
    # (a deployed stage's SSN_HMAC_SECRET comes from its stack, which `chalice package`
    # does not know: integrations/secrets.py says so at the first use if it is missing)
    return settings, r.problems


def get_settings() -> Settings:
    """The settings now; a bad value raises SettingsError naming it. Read again only when
    the environment has changed since the last read (a request asks about six times: 38
    us a read, checks and all; comparing the environment takes about 1 us)."""
    global _last
    now = _environment()
    if _last is not None and _last[0] == now:
        return _last[1]
    settings, problems = read(os.environ)
    if problems:
        raise SettingsError("; ".join(problems))
    _last = (now, settings)
    return settings


_last: tuple[tuple, Settings] | None = None  # the environment last read, its settings


def _environment() -> tuple:
    """The environment as it is: CPython's encoded variables (whose strings keep their
    hashes), else the decoded ones."""
    encoded = getattr(os.environ, "_data", None)
    return tuple((encoded if encoded is not None else os.environ).items())


def check() -> Settings:
    """At start-up: every setting read and checked at once."""
    return get_settings()
