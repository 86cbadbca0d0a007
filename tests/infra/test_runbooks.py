"""Every alarm the template makes has its runbook entry (docs/security/runbooks.md): what
it means and what to do. A job's or a table's alarm is found under its family
(`<Job>ErrorsAlarm`, `<Table>ReadThrottlesAlarm`)."""
from __future__ import annotations

import re
from pathlib import Path

from tests.infra.test_tables_template import generator


def observability():
    return generator().observability

ROOT = Path(__file__).resolve().parents[2]


def test_every_alarm_has_a_runbook_entry():
    from chalicelib.jobs import JOBS

    resources = generator().resources_template()["Resources"]
    alarms = sorted(k for k, v in resources.items() if v.get("Type") == "AWS::CloudWatch::Alarm")
    jobs = {observability().job_logical(name) for name in JOBS}
    tables = {k.removesuffix("Table") for k, v in resources.items()
              if v.get("Type") == "AWS::DynamoDB::Table"}
    text = (ROOT / "docs" / "security" / "runbooks.md").read_text()
    headed = set(re.findall(r"`(\w+Alarm|<\w+>\w+Alarm)`", "\n".join(
        line for line in text.splitlines() if line.startswith("### "))))
    missing = []
    for alarm in alarms:
        family = alarm
        for job in jobs:
            if alarm.startswith(job) and alarm != "JobFailuresAlarm":
                family = "<Job>" + alarm.removeprefix(job)
        for table in tables:
            if re.fullmatch(f"{table}(Read|Write)ThrottlesAlarm", alarm):
                family = "<Table>" + alarm.removeprefix(table)
        if family not in headed:
            missing.append(alarm)
    assert not missing, missing
