"""Deploys a stage to the AWS account of the current credentials (`make deploy STAGE=prod`).

    python infra/deploy.py prod          # build, upload, show the change set, ask, apply
    python infra/deploy.py prod --yes    # no question (CI)
    python infra/deploy.py prod --built build/prod   # deploy what infra/package.py built

Steps: infra/package.py builds the package and the template; a private artifacts bucket
(csp-<stage>-artifacts-<account>-<region>, made on first use) receives both; the
template's functions point at the uploaded package; a CloudFormation change set on stack
child-support-portal-<stage> (made with the stage's parameters from .chalice/config.json)
is shown, then executed; the built web client (web/dist) is uploaded to the stack's web
bucket and CloudFront is told to refresh; the stack's outputs (WebUrl, the portal's
address; the API's URL; the bucket, the key) are printed; and on a stage with no
active administrator yet, the first is made for ADMIN_EMAIL with a password typed at the
prompt (`bootstrap_administrator`; after that, supervisors and administrators manage
staff logons in the portal). Re-running with nothing changed changes nothing but the
upload of the same files.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import boto3

sys.path.insert(0, str(Path(__file__).resolve().parent))
import index_steps  # noqa: E402  (infra/ is not a package)

ROOT = Path(__file__).resolve().parents[1]
CAPABILITIES = ["CAPABILITY_IAM", "CAPABILITY_AUTO_EXPAND"]  # roles; the SAM transform


sys.path.insert(0, str(ROOT))
from chalicelib import settings  # noqa: E402
from chalicelib.tools.stage import FROM_OUTPUTS, environment, stack_name  # noqa: E402


def parameters(stage: str) -> dict[str, str]:
    """The template's parameters, from the stage's settings in .chalice/config.json, and
    the on-call address alarms go to (ALARM_EMAIL in the deploying shell's environment:
    `make deploy STAGE=prod ALARM_EMAIL=oncall@agency.gov`). prod is refused without
    one: an alarm that reaches no one is no alarm. With WEB_CERTIFICATE_ARN (an ACM
    certificate in us-east-1), CloudFront serves WEB_BASE_URL's own domain on it; with
    STAFF_NETWORKS (CIDRs, comma-separated), only those reach the staff routes; with
    BACKUP_COPY_VAULT_ARN, each daily backup is copied on to that vault."""
    env = environment(stage)
    alarm_email = os.environ.get("ALARM_EMAIL", "").strip()
    if stage == "prod" and "@" not in alarm_email:
        raise SystemExit("prod: give the on-call address alarms go to: ALARM_EMAIL=...")
    found = {"Stage": stage, "TablePrefix": env["TABLE_PREFIX"],
             "WebOrigin": env["WEB_ORIGINS"].split(",")[0].strip(), "AlarmEmail": alarm_email,
             # prod's new API versions take a tenth of the traffic first; dev's all at once
             "ApiDeploymentType": "Canary10Percent5Minutes" if stage == "prod" else "AllAtOnce"}
    certificate = os.environ.get("WEB_CERTIFICATE_ARN", "").strip()
    if certificate:  # the state's domain: WEB_BASE_URL's host, on ACM's certificate
        found.update(WebDomain=urlparse(env["WEB_BASE_URL"]).hostname or "",
                     WebCertificateArn=certificate)
    copy_vault = os.environ.get("BACKUP_COPY_VAULT_ARN", "").strip()
    if copy_vault:  # each daily backup copied on to another account's or region's vault
        found["BackupCopyVaultArn"] = copy_vault
    networks = os.environ.get("STAFF_NETWORKS", "").strip()
    if networks:
        found["StaffNetworks"] = ",".join(n.strip() for n in networks.split(",") if n.strip())
    return found


def point_code_at(template: dict, bucket: str, key: str) -> dict:
    """The template with every function's code at s3://bucket/key."""
    out = json.loads(json.dumps(template))
    for resource in out["Resources"].values():
        if resource["Type"] == "AWS::Serverless::Function":
            resource["Properties"]["CodeUri"] = f"s3://{bucket}/{key}"
    return out


def artifacts_bucket(s3, stage: str, account: str, region: str) -> str:
    """The stage's private bucket for packages and templates, made on first use."""
    name = f"csp-{stage}-artifacts-{account}-{region}"
    try:
        s3.head_bucket(Bucket=name, ExpectedBucketOwner=account)
        return name
    except s3.exceptions.ClientError as error:
        if error.response["Error"]["Code"] not in ("404", "NoSuchBucket"):
            raise
    made = {"CreateBucketConfiguration": {"LocationConstraint": region}} \
        if region != "us-east-1" else {}
    s3.create_bucket(Bucket=name, **made)
    s3.put_public_access_block(Bucket=name, PublicAccessBlockConfiguration={
        "BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True,
        "RestrictPublicBuckets": True})
    s3.put_bucket_encryption(Bucket=name, ServerSideEncryptionConfiguration={"Rules": [
        {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]})
    s3.put_bucket_lifecycle_configuration(Bucket=name, LifecycleConfiguration={"Rules": [
        {"ID": "old-artifacts", "Status": "Enabled", "Filter": {"Prefix": ""},
         "Expiration": {"Days": 90}}]})
    return name


def upload(s3, bucket: str, path: Path, prefix: str) -> str:
    """Uploads under a name from the content, so an unchanged file is an unchanged key."""
    data = path.read_bytes()
    key = f"{prefix}/{hashlib.sha256(data).hexdigest()[:20]}{path.suffix}"
    s3.put_object(Bucket=bucket, Key=key, Body=data)
    return key


def _exists(cloudformation, name: str) -> bool:
    try:
        stacks = cloudformation.describe_stacks(StackName=name)["Stacks"]
    except cloudformation.exceptions.ClientError:
        return False
    return bool(stacks) and stacks[0]["StackStatus"] != "REVIEW_IN_PROGRESS"


def clear_failed_create(cloudformation, stack: str, say=print) -> bool:
    """A stack whose first create failed is left in ROLLBACK_COMPLETE, which can only be
    deleted: delete it (its resources are RetainExceptOnCreate, so nothing is kept) and
    say so; the deploy then creates it again. True if it was."""
    try:
        status = cloudformation.describe_stacks(StackName=stack)["Stacks"][0]["StackStatus"]
    except cloudformation.exceptions.ClientError:
        return False
    if status != "ROLLBACK_COMPLETE":
        return False
    say(f"{stack}: its first create failed and rolled back; deleting it to create it again")
    cloudformation.delete_stack(StackName=stack)
    cloudformation.get_waiter("stack_delete_complete").wait(StackName=stack)
    return True


def _wait_change_set(cloudformation, stack: str, change_set: str) -> dict:
    while True:
        described = cloudformation.describe_change_set(StackName=stack,
                                                       ChangeSetName=change_set)
        if described["Status"] in ("CREATE_COMPLETE", "FAILED"):
            return described
        time.sleep(3)


def _wait_stack(cloudformation, stack: str) -> dict:
    while True:
        described = cloudformation.describe_stacks(StackName=stack)["Stacks"][0]
        if not described["StackStatus"].endswith("_IN_PROGRESS"):
            return described
        time.sleep(5)


def deploy(stage: str, built: Path, yes: bool, session=None, say=print,
           ask=input, web: Path | None = None) -> dict[str, str]:
    """Uploads what was built and applies it, then publishes the web client (`web`, the
    built web/dist) to the stack's bucket; returns the stack's outputs. The stage's
    settings are checked first: a bad value stops it before anything is uploaded. A
    release that adds or drops indexes is applied in steps (infra/index_steps.py)."""
    check_stage_settings(stage)
    session = session or boto3.session.Session()
    region = session.region_name or "us-east-1"
    account = session.client("sts").get_caller_identity()["Account"]
    s3 = session.client("s3", region_name=region)
    cloudformation = session.client("cloudformation", region_name=region)
    bucket = artifacts_bucket(s3, stage, account, region)
    code = upload(s3, bucket, built / "deployment.zip", stage)
    template = point_code_at(json.loads((built / "sam.json").read_text()), bucket, code)
    stack = stack_name(stage)
    clear_failed_create(cloudformation, stack, say)
    exists = _exists(cloudformation, stack)
    place = _Place(s3, bucket, region, stage, built)
    before: list[dict] = []
    after: list[dict] = []
    if exists:
        live = _live_template(cloudformation, stack)
        try:
            before, main, after = index_steps.steps(live, template)
        except index_steps.IndexChangeRefused as error:
            raise SystemExit(f"{stack}: {error}") from None
        if before or after:
            for line in index_steps.summary(live, template):
                say(f"  {line}")
            if not yes and not _agreed(ask, f"Apply these index steps to {stack}? [y/N] "):
                say("nothing applied")
                return {}
        template = main
    for number, step in enumerate(before, 1):
        say(f"{stack}: index step {number} of {len(before)} before the release")
        _apply(cloudformation, stack, place(step, f"sam.before{number}.json"), stage)
        _wait_indexes(session.client("dynamodb", region_name=region),
                      index_steps.table_names(step, parameters(stage)))
    change_set = f"deploy-{time.strftime('%Y%m%d-%H%M%S', time.gmtime())}"
    described = _change_set(cloudformation, stack, change_set,
                            place(template, "sam.deployed.json"), stage,
                            "UPDATE" if exists else "CREATE")
    if described is None:
        say(f"{stack}: nothing to change")
        return _outputs(cloudformation, stack)
    for change in described.get("Changes", []):
        c = change["ResourceChange"]
        say(f"  {c['Action']:<8} {c['LogicalResourceId']} ({c['ResourceType']})")
    if not yes and not _agreed(ask, f"Apply these changes to {stack} in {account}/{region}? "
                                    f"[y/N] "):
        cloudformation.delete_change_set(StackName=stack, ChangeSetName=change_set)
        say("nothing applied")
        return {}
    _execute(cloudformation, stack, change_set)
    for number, step in enumerate(after, 1):
        say(f"{stack}: index step {number} of {len(after)} after the release")
        _apply(cloudformation, stack, place(step, f"sam.after{number}.json"), stage)
    outputs = _outputs(cloudformation, stack)
    if web and "WebBucketName" in outputs:
        publish_web(session, outputs["WebBucketName"], outputs["WebDistributionId"], web, say)
    for key, value in outputs.items():
        say(f"{key}: {value}")
    return outputs


class _Place:
    """Writes a template beside what was built and uploads it; its URL."""

    def __init__(self, s3, bucket: str, region: str, stage: str, built: Path):
        self.s3, self.bucket, self.region, self.stage, self.built = \
            s3, bucket, region, stage, built

    def __call__(self, template: dict, name: str) -> str:
        path = self.built / name
        path.write_text(json.dumps(template))
        key = upload(self.s3, self.bucket, path, self.stage)
        return f"https://{self.bucket}.s3.{self.region}.amazonaws.com/{key}"


def _agreed(ask, question: str) -> bool:
    return ask(question).strip().lower() in ("y", "yes")


def _live_template(cloudformation, stack: str) -> dict:
    """The template the stack was last given (as given: SAM, not yet transformed)."""
    body = cloudformation.get_template(StackName=stack, TemplateStage="Original")["TemplateBody"]
    return json.loads(body) if isinstance(body, str) else json.loads(json.dumps(body))


def _change_set(cloudformation, stack: str, name: str, url: str, stage: str,
                kind: str) -> dict | None:
    """A change set of the template at `url`, described; None (and the set deleted) when
    it changes nothing."""
    cloudformation.create_change_set(
        StackName=stack, ChangeSetName=name, ChangeSetType=kind, TemplateURL=url,
        Parameters=[{"ParameterKey": k, "ParameterValue": v}
                    for k, v in parameters(stage).items()],
        Capabilities=CAPABILITIES, Tags=[{"Key": "app", "Value": "child-support-portal"}])
    described = _wait_change_set(cloudformation, stack, name)
    if described["Status"] == "FAILED":
        reason = described.get("StatusReason", "")
        if "didn't contain changes" in reason or "No updates" in reason:
            cloudformation.delete_change_set(StackName=stack, ChangeSetName=name)
            return None
        raise SystemExit(f"{stack}: the change set failed: {reason}")
    return described


def _execute(cloudformation, stack: str, change_set: str) -> None:
    cloudformation.execute_change_set(StackName=stack, ChangeSetName=change_set)
    final = _wait_stack(cloudformation, stack)
    if final["StackStatus"] not in ("CREATE_COMPLETE", "UPDATE_COMPLETE"):
        raise SystemExit(f"{stack}: {final['StackStatus']} "
                         f"{final.get('StackStatusReason', '')}")


def _apply(cloudformation, stack: str, url: str, stage: str) -> None:
    """Applies an index step (asked about with the release)."""
    name = f"index-{time.strftime('%Y%m%d-%H%M%S', time.gmtime())}-{url[-12:-5]}"
    if _change_set(cloudformation, stack, name, url, stage, "UPDATE") is not None:
        _execute(cloudformation, stack, name)


def _wait_indexes(dynamodb, tables: list[str], pause: float = 10) -> None:
    """Until every index of these tables answers (ACTIVE, backfilled): CloudFormation
    goes on while a new index backfills."""
    for table in tables:
        while any(i.get("IndexStatus") != "ACTIVE" for i in dynamodb.describe_table(
                TableName=table)["Table"].get("GlobalSecondaryIndexes", [])):
            time.sleep(pause)


TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
         ".css": "text/css; charset=utf-8", ".json": "application/json", ".svg": "image/svg+xml",
         ".png": "image/png", ".jpg": "image/jpeg", ".gif": "image/gif", ".ico": "image/x-icon",
         ".woff2": "font/woff2", ".woff": "font/woff", ".ttf": "font/ttf", ".map": "application/json",
         ".webp": "image/webp"}


def publish_web(session, bucket: str, distribution: str, dist: Path, say=print) -> int:
    """Uploads the built web client (web/dist) to its bucket, then asks CloudFront to
    drop what it cached. The client's own files are checked again on every load (they
    change with each deploy); USWDS's assets are kept for a day. Returns the file count."""
    s3 = session.client("s3")
    files = [f for f in sorted(dist.rglob("*")) if f.is_file() and not f.name.startswith(".")]
    for file in files:
        key = file.relative_to(dist).as_posix()
        cache = "public, max-age=86400" if key.startswith("vendor/") else "no-cache"
        s3.put_object(Bucket=bucket, Key=key, Body=file.read_bytes(), CacheControl=cache,
                      ContentType=TYPES.get(file.suffix, "application/octet-stream"))
    session.client("cloudfront").create_invalidation(DistributionId=distribution,
        InvalidationBatch={"Paths": {"Quantity": 1, "Items": ["/*"]},
                           "CallerReference": hashlib.sha256(
                               str(time.time()).encode()).hexdigest()[:32]})
    say(f"web client: {len(files)} files to {bucket}, CloudFront {distribution} refreshed")
    return len(files)


def placeholders(env: dict[str, str]) -> list[str]:
    """The settings still at the repository's example values (example.gov, example.com)."""
    return sorted(name for name, value in env.items()
                  if isinstance(value, str) and re.search(r"\bexample\.(gov|com|org)\b", value))


def check_stage_settings(stage: str) -> None:
    """The stage's variables (config.json) as its functions will read them; the names the
    stack chooses (its outputs) are stood in for, since they are not known yet. prod is
    refused while a setting is still an example value (the state's sender, addresses and
    passkey domain must be its own)."""
    if stage == "prod" and (examples := placeholders(environment(stage))):
        raise SystemExit("prod: these settings are still the examples in .chalice/config.json: "
                         + ", ".join(examples))
    from_stack = {name: f"<{key} of the stack>" for name, key in FROM_OUTPUTS.items()}
    _, problems = settings.read({**from_stack, **environment(stage)})
    if problems:
        raise SystemExit(f"{stage}: the settings are not valid: " + "; ".join(problems))


def bootstrap_administrator(email: str | None, read_password, say=print) -> bool:
    """The stage's first administrator (the tables are the stage's: `main` points the
    process at them first). Nothing when an active administrator exists; otherwise one is
    made for `email` with the password `read_password` gives (the same rules as any
    password). Returns whether one was made."""
    from chalicelib.clock import utc_now
    from chalicelib.errors import DomainError
    from chalicelib.services import staff

    if staff.has_administrator():
        return False
    if not email:
        raise SystemExit("no administrator yet: set ADMIN_EMAIL to the first "
                         "administrator's address and deploy again (make deploy "
                         "ADMIN_EMAIL=...)")
    try:
        staff.create_staff(email, "Agency", "Administrator", read_password(),
                           "administrator", utc_now())
    except DomainError as error:
        raise SystemExit(f"the first administrator was not made: {error.message}") from None
    say(f"first administrator: {email} (sign in, then add an authenticator app)")
    return True


def _typed_password() -> str:
    import getpass

    first = getpass.getpass("The first administrator's password: ")
    if getpass.getpass("Again: ") != first:
        raise SystemExit("the passwords differ")
    return first


def _outputs(cloudformation, stack: str) -> dict[str, str]:
    described = cloudformation.describe_stacks(StackName=stack)["Stacks"][0]
    return {o["OutputKey"]: o["OutputValue"] for o in described.get("Outputs", [])}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("stage", choices=["dev", "prod"])
    parser.add_argument("--yes", action="store_true", help="apply without asking")
    parser.add_argument("--built", type=Path, help="a directory infra/package.py wrote")
    args = parser.parse_args(argv)
    built = args.built
    if built is None:
        sys.path.insert(0, str(ROOT / "infra"))
        import package

        built = ROOT / "build" / args.stage
        print(package.build(args.stage, built).report())
    web = ROOT / "web" / "dist"
    if not (web / "index.html").exists():
        raise SystemExit("web/dist is missing: run make web (make deploy does)")
    deploy(args.stage, built, args.yes, web=web)
    from chalicelib.tools import stage as stage_tools

    stage_tools.use(args.stage)  # the stage's tables, before the models are imported
    bootstrap_administrator(os.environ.get("ADMIN_EMAIL"), _typed_password)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
