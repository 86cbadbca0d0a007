"""The background jobs on their schedules (EventBridge rules made by Chalice). Hourly
jobs find nothing to do most hours at the cost of one Query per bucket; a run that
stops before the Lambda's time limit leaves the rest due for the next hour."""
from __future__ import annotations

from chalice import Blueprint, Cron, Rate

from chalicelib.clock import utc_now

bp = Blueprint(__name__)

HOURLY = Rate(1, unit=Rate.HOURS)
SCHEDULES = {  # job: when (UTC)
    "settlement": HOURLY, "drafts": HOURLY, "expire_tokens": HOURLY,
    "purge_unverified": HOURLY,
    "autopay": Cron(0, "14-23", "*", "*", "?", "*"),  # hourly in agency daytime
    # daily jobs run hourly through the agency's day: the first run does the day's work,
    # a run that ran out of time leaves its place and the next goes on (jobs/runs.py,
    # Run.pages' resume); later runs read the day again and find each item done
    "payment_due": Cron(0, "17-23", "*", "*", "?", "*"),  # from 9 a.m. in Alaska
    "event_reminders": Cron(0, "17-23", "*", "*", "?", "*"),
    "mail_digest": Cron(30, "16-23", "*", "*", "?", "*"),
    "interest": Cron(0, "12-23", 1, "*", "?", "*"),  # the 1st, from 3 a.m.: last month's
    # the ACH rail's file, sent once the day's closes (ach.json: before the bank's cut-off)
    "ach_file": Rate(10, unit=Rate.MINUTES),
}


def _scheduled(name: str, when):
    def handler(event):
        from chalicelib import jobs  # cold start: 2.5 ms the API's function does not need

        context = getattr(event, "context", None)  # the Lambda context
        remaining = context.get_remaining_time_in_millis() if context else None
        jobs.run(name, utc_now(), remaining)

    handler.__name__ = f"job_{name}"
    return bp.schedule(when, name=f"job_{name}")(handler)


# Lambda finds each job's function as this module's attribute (the template's Handler is
# chalicelib.handlers.schedules.job_<name>), so each is named here
for _name, _when in SCHEDULES.items():
    globals()[f"job_{_name}"] = _scheduled(_name, _when)
