"""Points a command-line tool at a deployed stage (`--stage prod`): the stage's settings
from .chalice/config.json and the names its stack chose (the stack's outputs), set in the
environment before anything reads them. AWS credentials and region come from the usual
places (AWS_PROFILE, AWS_REGION, ...)."""
from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

CONFIG = Path(__file__).resolve().parents[2] / ".chalice" / "config.json"
STAGES = ("dev", "prod")
# Settings read from the stack's outputs (the SSN key's output is its secret's ARN)
FROM_OUTPUTS = dict([("DOCUMENTS_BUCKET", "DocumentsBucketName"),
                     ("AUDIT_BUCKET", "AuditBucketName"),
                     ("BANK_BUCKET", "BankBucketName"),
                     ("SSN_HMAC_SECRET", "SsnHmacSecret"),
                     ("SES_CONFIGURATION_SET", "EmailConfigurationSetName")])


def stack_name(stage: str) -> str:
    return f"child-support-portal-{stage}"


def environment(stage: str) -> dict[str, str]:
    """The variables the stage's functions have in config.json (as chalice sets them)."""
    config = json.loads(CONFIG.read_text())
    return {**config.get("environment_variables", {}),
            **config["stages"][stage].get("environment_variables", {})}


def use(stage: str, cloudformation=None) -> dict[str, str]:
    """Sets the stage's environment, as its functions have it; returns what it set."""
    import boto3

    cloudformation = cloudformation or boto3.client("cloudformation")
    stack = cloudformation.describe_stacks(StackName=stack_name(stage))["Stacks"][0]
    outputs = {o["OutputKey"]: o["OutputValue"] for o in stack.get("Outputs", [])}
    env = environment(stage)
    env.update({name: outputs[key] for name, key in FROM_OUTPUTS.items() if key in outputs})
    os.environ.update(env)
    return env


def only_stage(description: str, argv: list[str] | None = None) -> None:
    """A tool whose one option is --stage: when given, the tool works on that stage
    (set before the tables' names are fixed at import)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--stage", choices=STAGES, help="a deployed stage")
    args = parser.parse_args(argv)
    if args.stage:
        use(args.stage)


def stage_in(argv: list[str]) -> str | None:
    """The value of --stage in argv, read before argparse (tools import the tables, whose
    names come from the environment, before they parse)."""
    for i, arg in enumerate(argv):
        if arg == "--stage" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--stage="):
            return arg.split("=", 1)[1]
    return None
