"""A short, seeded Schemathesis run in make test (make fuzz runs a long one): every
operation of the OpenAPI document against make run's stack, as the demo parent and as the
demo caseworker (one test each, so that they run side by side), with the checks of
tests/fuzz/schemathesis.toml."""
import re
import tempfile
from pathlib import Path

import pytest

from tests.fuzz.run import ROLES, fuzz
from tests.stack import local_stack


@pytest.mark.parametrize("who", ROLES)
def test_a_short_fuzzing_run_finds_nothing(who):
    with tempfile.TemporaryDirectory() as logs, local_stack(Path(logs)) as stack:
        code, output = fuzz(stack, who, examples=3, seed=20261201)
    tested = re.search(r"Tested: (\d+)", output)
    assert tested and int(tested.group(1)) > 10, output[-3000:]  # it reached the operations
    failures = output[output.find("FAILURES"):][:12000] if "FAILURES" in output else output[-6000:]
    assert code == 0, failures
