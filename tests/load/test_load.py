"""The load run works (a few requests of each kind, none failing); make load runs the
real one and keeps its figures in docs/load.md."""
import tempfile
from pathlib import Path

from tests.load.run import ratios, run_load, side_by_side, table
from tests.stack import local_stack


def test_a_small_load_run_completes_without_errors():
    with tempfile.TemporaryDirectory() as logs, local_stack(Path(logs)) as stack:
        results = run_load(stack, requests=8, threads=2)
        compared = side_by_side(stack, requests=8, threads=2)
    # the bare route made as many DynamoDB requests for each of the three operations
    assert [r["name"] for r in compared] == [r["name"] for r in results[:3]]
    assert all(r["bare50"] > 0 and r["ratio50"] > 0 for r in compared)
    assert "p50 ratio" in ratios(compared)
    assert [r["errors"] for r in results] == [0, 0, 0, 0], results
    assert all(r["count"] >= 2 and r["p50"] > 0 for r in results)
    codes = results[-1]
    assert codes["name"].startswith("the emailed code") and codes["max"] < 10  # the bound
    assert "requests/s" in table(results, 2)
