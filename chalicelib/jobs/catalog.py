"""Every job, imported so that it registers (chalicelib.jobs.JOBS)."""
from chalicelib.jobs import autopay_run, cleanup, drafts, reminders, settlement  # noqa: F401
