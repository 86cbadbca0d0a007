"""Each Lambda function's IAM policy, made from what the function uses (`FUNCTIONS`):
its tables and the actions on each, the documents bucket, the stack's key, the secrets it
reads, the queues and stream Lambda reads for it, the queues it sends to, SES. When
the functions shared one role, `expire_tokens` could decrypt direct-deposit numbers;
here it may query and delete tokens and codes, keep its run's marks, park a failed run,
write its own log group and traces, and nothing else.

tests/access.py holds the list to the code: every call a job, a request or the mail
worker makes in the tests is evaluated against its function's policy (made for the test
stage by `for_function`), and a call the policy would deny fails the test. So a function
that starts to use a table, a key or a queue fails in the tests until it is named here.

infra/generate.py writes the files (.chalice/policy-<stage>.json for the API, whose
policy is the stage's, and policy-<stage>-<function>.json for each other function) and
.chalice/config.json points each function at its own."""
from __future__ import annotations

from dataclasses import dataclass, field

APP = "child-support-portal"  # chalice's app_name: stacks are <app>-<stage>
# what each kind of use allows on a table
READ = ("GetItem", "Query")
WRITE = ("PutItem", "UpdateItem", "DeleteItem", "ConditionCheckItem")
# a job's place between runs (jobs/runs.py) and what it marked done (job-marks)
MARKS = ("GetItem", "PutItem", "DeleteItem")
# the API uses nearly every table in nearly every way; one statement for them
API_TABLE_ACTIONS = ("BatchGetItem", "BatchWriteItem", "ConditionCheckItem", "DeleteItem",
                     "GetItem", "PutItem", "Query", "UpdateItem")
RECEIVE = ("ChangeMessageVisibility", "DeleteMessage", "GetQueueAttributes", "GetQueueUrl",
           "ReceiveMessage")
SANDBOX_TABLE = "sandbox-processor"  # not on prod (infra/generate.py: NotProd)
SECRETS = {"ssn-hmac-key": "SsnKey", "origin-verify": "OriginKey"}  # name: statement id


@dataclass(frozen=True)
class Uses:
    """What one function does in AWS; tables are named without the stage's prefix."""
    tables: dict[str, tuple[str, ...]] = field(default_factory=dict)
    documents: tuple[str, ...] = ()  # S3 actions on the documents bucket's documents/*
    key: tuple[str, ...] = ()  # KMS actions with the stack's key (alias/csp-<stage>)
    secrets: tuple[str, ...] = ()  # csp-<stage>/<name> in Secrets Manager
    receives: str | None = None  # the queue Lambda reads for it (its event source)
    stream: str | None = None  # the table whose stream Lambda reads for it
    sends: tuple[str, ...] = ()  # queues it sends to
    trail: tuple[str, ...] = ()  # S3 actions on the audit trail's bucket's events/*
    bank: dict[str, tuple[str, ...]] = field(default_factory=dict)  # the bank bucket's:
    # S3 actions by prefix (outbound/ the ACH files, reports/, inbound/ the bank's returns)
    email: bool = False
    scheduled: bool = False  # Lambda parks its failed runs on job-failures (OnFailure)


def _job(tables: dict[str, tuple[str, ...]], emails: bool = False) -> Uses:
    """A scheduled job: its tables, its marks, and the outbox when it tells people."""
    made = {**tables, "job-marks": MARKS}
    if emails:
        made["outbox"] = ("PutItem",)
    return Uses(tables=made, scheduled=True)


API_TABLES = ("ach", "activity", "attention", "autopay", "bank-accounts", "cases", "counters", "credentials",
              "documents", "grants", "idempotency", "letters", "logins", "members",
              "messages", "news", "outbox", "payments", SANDBOX_TABLE, "sessions", "submissions", "survey",
              "throttles", "tokens", "users")

# a posting that moves the month a case's balance is due from moves its obligor's Action
# Center mark (services/attention.owing_changed)
OWING_MARKS = ("PutItem", "DeleteItem")

FUNCTIONS: dict[str, Uses] = {
    # every route: the tables, documents (the checked version and its GuardDuty tag; a
    # version that failed its check is removed), direct-deposit numbers and second-step
    # secrets under the key (Encrypt, Decrypt; S3 asks GenerateDataKey in the name of
    # whoever signed an upload), SSNs matched by their key, CloudFront's origin secret
    # (and every staff request's audit event onto its queue; the trail's index searched)
    "api_handler": Uses(
        tables={**{t: API_TABLE_ACTIONS for t in API_TABLES}, "audit": ("Query",)},
        documents=("GetObject", "GetObjectVersion", "GetObjectTagging",
                   "GetObjectVersionTagging", "PutObject", "DeleteObject",
                   "DeleteObjectVersion"),
        key=("Decrypt", "Encrypt", "GenerateDataKey"),
        secrets=("ssn-hmac-key", "origin-verify"), sends=("audit",)),
    # the public requests' work, after they answered (services/public_work.py): the
    # sign-up, resend, reset and sign-in email, throttled by keyed address; and the
    # agency's news to its subscribers (their index, a page at a time)
    "public_work": Uses(
        tables={"activity": ("PutItem",), "cases": (*READ, "BatchGetItem"),
                "logins": ("GetItem", "PutItem"),
                "members": READ, "news": ("GetItem",),
                "outbox": ("GetItem", "PutItem", "UpdateItem"),
                "throttles": ("GetItem", "UpdateItem"), "tokens": ("PutItem",),
                "users": ("GetItem", "PutItem", "UpdateItem", "Query")},
        secrets=("ssn-hmac-key",), receives="work"),
    # the outbox table's stream to the mail and work queues; nothing else
    "mail_relay": Uses(stream="outbox", sends=("mail", "work")),
    # staff events from their queue to the trail (add only: no function may delete or
    # change what it holds) and its index
    "audit_writer": Uses(tables={"audit": ("BatchWriteItem",)}, receives="audit",
                         trail=("PutObject",)),
    # the mail queue to SES: the only function that sends email
    "mail_deliver": Uses(tables={"outbox": ("GetItem", "UpdateItem")}, receives="mail",
                         email=True),
    # settles what the processor decided: payments, the cases' books, the members' dues
    # (a payment with no charge behind it fails: its payer told, its idempotency key
    # freed, dal/payments.fail), the payers' pending totals (counters)
    "job_settlement": _job({
        "payments": ("GetItem", "Query", "UpdateItem"), "counters": ("UpdateItem",),
        "cases": ("GetItem", "Query", "PutItem", "UpdateItem"),
        "members": ("GetItem", "UpdateItem"), "users": ("GetItem",),
        "idempotency": ("DeleteItem",), SANDBOX_TABLE: ("GetItem",), "ach": ("GetItem",),
        "attention": OWING_MARKS}, emails=True),
    "job_drafts": _job({"submissions": ("Query", "PutItem"), "users": ("GetItem",)},
                       emails=True),
    "job_expire_tokens": _job({"tokens": ("Query", "DeleteItem"),
                               "members": ("Query", "DeleteItem")}),
    "job_purge_unverified": _job({"users": ("Query", "DeleteItem"),
                                  "logins": ("DeleteItem",)}),
    # autopay's charges (the processor's, idempotent: Powertools' table), as a payment is
    "job_autopay": _job({
        # a payment reads its case and account together, and the sandbox its charge
        # and token (one BatchGetItem each: issue #27)
        "autopay": ("Query", "UpdateItem"), "bank-accounts": ("GetItem", "BatchGetItem"),
        "cases": ("GetItem", "BatchGetItem"), "users": ("GetItem",), "activity": ("PutItem",),
        "payments": ("PutItem",), "idempotency": ("GetItem", "PutItem", "UpdateItem",
                                                  "DeleteItem"),
        SANDBOX_TABLE: ("GetItem", "BatchGetItem", "PutItem"), "ach": ("GetItem", "PutItem"),
        "counters": ("UpdateItem",)}, emails=True),
    "job_payment_due": _job({"cases": READ, "members": ("GetItem",), "users": ("GetItem",),
                             "autopay": ("Query",)}, emails=True),
    "job_event_reminders": _job({"cases": READ, "members": ("GetItem",),
                                 "users": ("GetItem",)}, emails=True),
    # yesterday's threads and letters; the parent (a letter's by its member), and the
    # unread count the Action Center keeps (the logon's marks)
    "job_mail_digest": _job({"letters": ("Query",), "messages": ("Query",),
                             "members": ("GetItem",), "users": ("GetItem",),
                             "attention": ("Query",)}, emails=True),
    # the month's interest on each case's arrears, posted to its book
    "job_interest": _job({"cases": ("GetItem", "Query", "PutItem", "UpdateItem"),
                          "members": ("GetItem",), "attention": OWING_MARKS}),
    # the ACH rail's day: its entries (account numbers decrypted) into the day's file
    # and its report, in the bank bucket (read again by a run that finds it written)
    "job_ach_file": Uses(
        tables={"ach": ("GetItem", "Query", "PutItem", "UpdateItem"), "job-marks": MARKS},
        key=("Decrypt",), scheduled=True,
        bank={"outbound/": ("GetObject", "PutObject"), "reports/": ("PutObject",)}),
    # the bank's return files: entries returned (payments reversed on the cases' books,
    # parents told, accounts blocked, automatic payments stopped, R01/R09 presented
    # again) and notices of change (a corrected number encrypted)
    "bank_returns": Uses(
        tables={"ach": ("GetItem", "Query", "PutItem", "UpdateItem"),
                "counters": ("UpdateItem",),
                "payments": ("GetItem", "Query", "PutItem", "UpdateItem"),
                "cases": ("GetItem", "Query", "PutItem", "UpdateItem"),
                "members": ("GetItem", "UpdateItem"), "users": ("GetItem",),
                "idempotency": ("DeleteItem",), "attention": OWING_MARKS,
                "bank-accounts": ("GetItem", "Query", "UpdateItem"),
                "autopay": ("Query", "UpdateItem"), "activity": ("PutItem",),
                "outbox": ("PutItem",)},
        key=("Encrypt",), receives="bank", bank={"inbound/": ("GetObject",)}),
}


def logical(function: str) -> str:
    """The function's logical id in chalice's template: job_payment_due ->
    JobPaymentDue, api_handler -> APIHandler."""
    if function == "api_handler":
        return "APIHandler"
    return "".join(part.capitalize() for part in function.split("_"))


def role(function: str) -> str:
    """The function's role's logical id in chalice's template (a role per function with
    a policy file of its own; the API's is named after ApiHandler)."""
    return "ApiHandlerRole" if function == "api_handler" else f"{logical(function)}Role"


def reading_secret(name: str) -> list[str]:
    """The functions whose policy lets them read the secret."""
    return [f for f, uses in FUNCTIONS.items() if name in uses.secrets]


def for_function(function: str, env: dict) -> dict:
    """The function's policy for a stage, from the stage's environment (config.json)."""
    uses = FUNCTIONS[function]
    prefix, stage = env["TABLE_PREFIX"], env["STAGE"]
    statements = [
        # its own log group, made by the template (CloudFormation names the function
        # <stack>-<logical id>-<suffix>); X-Ray takes no resource
        {"Sid": "Logs", "Effect": "Allow",
         "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
         "Resource": f"arn:aws:logs:*:*:log-group:/aws/lambda/{APP}-{stage}-"
                     f"{logical(function)}-*:*"},
        {"Sid": "Tracing", "Effect": "Allow", "Resource": "*",
         "Action": ["xray:PutTraceSegments", "xray:PutTelemetryRecords"]}]
    statements += _tables(uses, prefix, stage)
    if uses.documents:
        # the stack names it <prefix>documents-<account id> (resources.json)
        bucket = env.get("DOCUMENTS_BUCKET", f"{prefix}documents-*")
        statements.append({"Sid": "Documents", "Effect": "Allow",
                           "Action": [f"s3:{a}" for a in uses.documents],
                           "Resource": f"arn:aws:s3:::{bucket}/documents/*"})
    if uses.trail:
        # the stack names it <prefix>audit-<account id> (resources.json)
        trail = env.get("AUDIT_BUCKET", f"{prefix}audit-*")
        statements.append({"Sid": "Trail", "Effect": "Allow",
                           "Action": [f"s3:{a}" for a in uses.trail],
                           "Resource": f"arn:aws:s3:::{trail}/events/*"})
    if uses.bank:
        # the stack names it <prefix>bank-<account id> (resources.json)
        bank = env.get("BANK_BUCKET", f"{prefix}bank-*")
        statements += [{"Sid": f"Bank{n}", "Effect": "Allow",
                        "Action": [f"s3:{a}" for a in actions],
                        "Resource": f"arn:aws:s3:::{bank}/{folder}*"}
                       for n, (folder, actions) in enumerate(sorted(uses.bank.items()), 1)]
    if uses.key:
        statements.append({
            "Sid": "Secrets", "Effect": "Allow", "Action": [f"kms:{a}" for a in uses.key],
            "Resource": "arn:aws:kms:*:*:key/*",
            "Condition": {"ForAnyValue:StringEquals": {
                "kms:ResourceAliases": env.get("KMS_KEY_ID", f"alias/csp-{stage}")}}})
    for name in uses.secrets:
        statements.append({
            "Sid": SECRETS[name], "Effect": "Allow",
            "Action": ["secretsmanager:GetSecretValue"],
            "Resource": f"arn:aws:secretsmanager:*:*:secret:csp-{stage}/{name}-*"})
    statements += _queues(uses, prefix)
    if uses.email:
        sender = env["SENDER_EMAIL"]
        statements.append({"Sid": "Email", "Effect": "Allow", "Action": ["ses:SendEmail"],
                           "Resource": [f"arn:aws:ses:*:*:identity/{sender.split('@')[1]}",
                                        f"arn:aws:ses:*:*:identity/{sender}",
                                        "arn:aws:ses:*:*:configuration-set/*"]})
    return {"Version": "2012-10-17", "Statement": statements}


def _tables(uses: Uses, prefix: str, stage: str) -> list[dict]:
    """One statement per set of actions, naming its tables and their indexes; the
    sandbox processor's table is left out on prod, where the stack does not make it."""
    def arns(table: str) -> list[str]:
        arn = f"arn:aws:dynamodb:*:*:table/{prefix}{table}"
        return [arn, f"{arn}/index/*"]

    by_actions: dict[tuple[str, ...], list[str]] = {}
    for table, actions in sorted(uses.tables.items()):
        if not (table == SANDBOX_TABLE and stage == "prod"):
            by_actions.setdefault(tuple(sorted(actions)), []).append(table)
    statements = []
    for n, (actions, tables) in enumerate(sorted(by_actions.items(), key=lambda kv: kv[1])):
        statements.append({"Sid": "Tables" if len(by_actions) == 1 else f"Tables{n + 1}",
                           "Effect": "Allow", "Action": [f"dynamodb:{a}" for a in actions],
                           "Resource": [a for t in tables for a in arns(t)]})
    if uses.stream:
        statements.append({"Sid": "Stream", "Effect": "Allow",
                           "Action": ["dynamodb:DescribeStream", "dynamodb:GetRecords",
                                      "dynamodb:GetShardIterator", "dynamodb:ListStreams"],
                           "Resource": f"arn:aws:dynamodb:*:*:table/{prefix}{uses.stream}"
                                       "/stream/*"})
    return statements


def _queues(uses: Uses, prefix: str) -> list[dict]:
    out = []
    if uses.receives:
        out.append({"Sid": "Receive", "Effect": "Allow",
                    "Action": [f"sqs:{a}" for a in RECEIVE],
                    "Resource": f"arn:aws:sqs:*:*:{prefix}{uses.receives}"})
    if uses.sends:
        out.append({"Sid": "Send", "Effect": "Allow",
                    "Action": ["sqs:GetQueueUrl", "sqs:SendMessage"],
                    "Resource": [f"arn:aws:sqs:*:*:{prefix}{q}" for q in uses.sends]})
    if uses.scheduled:
        # a run that failed twice is parked here (Lambda's OnFailure destination, sent
        # with the function's role)
        out.append({"Sid": "JobFailures", "Effect": "Allow", "Action": ["sqs:SendMessage"],
                    "Resource": f"arn:aws:sqs:*:*:{prefix}job-failures"})
    return out


def file_name(stage: str, function: str) -> str:
    """The API's policy is the stage's (chalice's iam_policy_file for the stage); each
    other function has its own."""
    if function == "api_handler":
        return f"policy-{stage}.json"
    return f"policy-{stage}-{function.replace('_', '-')}.json"


def test_env() -> dict:
    """The test stage's environment, as the tests run it (tests/conftest.py): the tables
    are named with the prefix the models were imported with (chalice's test client sets
    the local stage's variables over it)."""
    import os

    from chalicelib.dal.base import TABLE_PREFIX

    return {"TABLE_PREFIX": TABLE_PREFIX, "STAGE": os.environ["STAGE"],
            "SENDER_EMAIL": os.environ["SENDER_EMAIL"],
            "KMS_KEY_ID": os.environ["KMS_KEY_ID"],
            "DOCUMENTS_BUCKET": os.environ.get("DOCUMENTS_BUCKET",
                                               f"csp-{os.environ['STAGE']}-documents"),
            "AUDIT_BUCKET": os.environ.get("AUDIT_BUCKET", f"csp-{os.environ['STAGE']}-audit"),
            "BANK_BUCKET": os.environ.get("BANK_BUCKET", f"csp-{os.environ['STAGE']}-bank")}
