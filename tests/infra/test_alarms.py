"""The alarms reach people and watch what fails (issue #24): the template's alarm topic,
its key and subscription, an alarm for every failure the stack can have, and the app
emitting every metric of its own an alarm watches. infra/observability.py."""
from __future__ import annotations

import re
from pathlib import Path

from tests.infra.test_tables_template import generator

ROOT = Path(__file__).resolve().parents[2]


def template() -> dict:
    return generator().resources_template()


def alarms(resources: dict) -> dict:
    return {k: v["Properties"] for k, v in resources.items()
            if v.get("Type") == "AWS::CloudWatch::Alarm"}


def test_alarms_reach_the_on_call_address_through_a_key_cloudwatch_may_use():
    made = template()
    resources = made["Resources"]
    topic = resources["AlarmTopic"]["Properties"]
    assert topic["KmsMasterKeyId"] == {"Ref": "AlarmKey"}  # not alias/aws/sns
    statements = resources["AlarmKey"]["Properties"]["KeyPolicy"]["Statement"]
    cloudwatch = next(s for s in statements
                      if s["Principal"] == {"Service": "cloudwatch.amazonaws.com"})
    assert set(cloudwatch["Action"]) == {"kms:Decrypt", "kms:GenerateDataKey*"}
    subscription = resources["AlarmEmailSubscription"]
    assert subscription["Condition"] == "AlarmEmailGiven"
    assert subscription["Properties"] == {"TopicArn": {"Ref": "AlarmTopic"},
                                          "Protocol": "email",
                                          "Endpoint": {"Ref": "AlarmEmail"}}
    assert "AlarmEmail" in made["Parameters"] and "AlarmEmailGiven" in made["Conditions"]
    assert all(a["AlarmActions"] == [{"Ref": "AlarmTopic"}]
               for a in alarms(resources).values())


def test_every_failure_has_an_alarm():
    from chalicelib.jobs import JOBS

    resources = template()["Resources"]
    found = alarms(resources)
    assert found["Api5xxAlarm"]["Namespace"] == "AWS/ApiGateway"
    assert found["Api5xxAlarm"]["MetricName"] == "5XXError"
    assert found["ApiLatencyAlarm"]["ExtendedStatistic"] == "p99"
    for name in JOBS:
        logical = generator().observability.job_logical(name)
        for kind in ("Errors", "Duration", "StoppedEarly", "Failures"):
            assert f"{logical}{kind}Alarm" in found, (name, kind)
        duration = found[f"{logical}DurationAlarm"]
        assert duration["Dimensions"] == [{"Name": "FunctionName",
                                           "Value": {"Ref": logical}}]
        limit = generator().job_timeouts([name])[name]
        assert duration["Threshold"] == limit * 800  # 80% of its limit, in ms
    tables = [k for k, v in resources.items() if v.get("Type") == "AWS::DynamoDB::Table"
              and "Condition" not in v]
    # the sandbox processor's table is not made on prod (issue #24)
    assert resources["SandboxProcessorTable"]["Condition"] == "NotProd"
    for table in tables:
        name = table.removesuffix("Table")
        assert found[f"{name}ReadThrottlesAlarm"]["MetricName"] == "ReadThrottleEvents"
        assert found[f"{name}WriteThrottlesAlarm"]["MetricName"] == "WriteThrottleEvents"
    assert not any(a["MetricName"] == "ThrottledRequests" for a in found.values())
    for alarm in ("EmailBounceRateAlarm", "EmailComplaintRateAlarm", "PaymentFailuresAlarm",
                  "PaymentReturnsAlarm", "SignInFailuresAlarm"):
        assert alarm in found


def test_the_app_emits_every_metric_of_its_own_an_alarm_watches():
    """An alarm on a metric nobody emits never fires: each ChildSupportPortal metric an
    alarm names is emitted somewhere in chalicelib."""
    source = "\n".join(p.read_text() for p in (ROOT / "chalicelib").rglob("*.py"))
    emitted = set(re.findall(r'name="(\w+)"', source)) | set(re.findall(r'\("(Job\w+)",', source))
    watched = {a["MetricName"] for a in alarms(template()["Resources"]).values()
               if a["Namespace"] == "ChildSupportPortal"}
    assert watched <= emitted | {"EmailsFailed", "WorkFailed"}, watched - emitted


def test_one_dashboard_shows_every_alarm():
    resources = template()["Resources"]
    body = resources["Dashboard"]["Properties"]["DashboardBody"]["Fn::Join"][1]
    shown = {part["Fn::GetAtt"][0] for part in body if isinstance(part, dict)
             and "Fn::GetAtt" in part}
    assert shown == set(alarms(resources))


def test_a_failed_scheduled_run_is_parked_and_alarmed_and_functions_are_sized():
    """Lambda tries a failed scheduled run twice more, then parks it on the job-failures
    queue (its OnFailure destination, which each job's policy may send to), which an alarm
    watches. The API answers within API Gateway's 29 s with memory for argon2id; the jobs
    have 5 minutes (docs/design.md, Background jobs)."""
    import json

    from chalicelib.jobs import JOBS

    resources = template()["Resources"]
    for name in JOBS:
        logical = generator().observability.job_logical(name)
        config = resources[logical]["Properties"]["EventInvokeConfig"]
        assert config["DestinationConfig"]["OnFailure"]["Destination"] == {
            "Fn::GetAtt": ["JobFailures", "Arn"]}
    assert alarms(resources)["JobFailuresAlarm"]["Namespace"] == "AWS/SQS"
    config = json.loads((ROOT / ".chalice" / "config.json").read_text())
    for stage in ("dev", "prod"):
        settings = config["stages"][stage]
        api = settings["lambda_functions"]["api_handler"]
        assert api["lambda_timeout"] == 29 and api["lambda_memory_size"] >= 512
        assert settings["lambda_timeout"] == 300
        for name in JOBS:  # each job's own policy (infra/policies.py)
            policy = json.loads((ROOT / ".chalice" / settings["lambda_functions"][
                f"job_{name}"]["iam_policy_file"]).read_text())
            sends = next(s for s in policy["Statement"] if s.get("Sid") == "JobFailures")
            assert sends["Action"] == ["sqs:SendMessage"]
            assert sends["Resource"].endswith(f"csp-{stage}-job-failures")
