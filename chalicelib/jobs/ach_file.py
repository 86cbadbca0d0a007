"""The ACH rail's day: once the portal closes a banking day's file (before the bank's
cut-off, ach.json), its entries go to the bank in one NACHA file (services/ach_files.py).
It runs every ten minutes; a run finds the file sent already, or not due, with one read."""
from __future__ import annotations

from chalicelib.jobs.runs import Run, job
from chalicelib.services import ach_files


@job("ach_file")
def ach_file(run: Run) -> None:
    sent = ach_files.send_due(run.now)
    if sent is not None:
        run.read += sent.entries
        run.sent += 1 if sent.key else 0
