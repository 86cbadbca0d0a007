"""A short soak (make soak runs the long one): mixed traffic with every job on a fast
schedule, then every invariant holds (ledger, email once, no payment stuck, no orphan)."""
import tempfile
from pathlib import Path

from tests.load.soak import SETTINGS, report, soak
from tests.stack import local_stack


def test_a_short_soak_keeps_every_invariant():
    with tempfile.TemporaryDirectory() as logs, local_stack(Path(logs), SETTINGS) as stack:
        result = soak(stack, seconds=30, threads=2, rounds=2)
    assert result["problems"] == [], report(result)
    assert all(r["count"] and not r["errors"] for r in result["rows"]), report(result)
    # the three outcomes a payment can reach, each reached
    assert {"posted", "returned", "failed"} <= set(result["payments"]), result["payments"]
