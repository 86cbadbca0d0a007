"""Test set-up for every test: fake AWS credentials and the test stage, set before any
module of the portal is imported (table names are fixed at import). Nothing else here, so
that a unit test imports neither moto nor the bench: the moto fixtures are in
tests/local_aws.py, taken in by the conftest of each folder that needs them."""
from __future__ import annotations

import os

os.environ.update({
    "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SECURITY_TOKEN": "testing", "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": "us-east-1", "AWS_REGION": "us-east-1",
    "STAGE": "local", "TABLE_PREFIX": "csp-test-", "POWERTOOLS_TRACE_DISABLED": "true",
    "SENDER_EMAIL": "no-reply@childsupport.example.gov",
    "WEB_BASE_URL": "https://portal.example.gov", "KMS_KEY_ID": "alias/csp-test",
})
os.environ.pop("AWS_ENDPOINT_URL", None)
os.environ.pop("AWS_PROFILE", None)


# The longest tests first, so that the two workers share the rest evenly instead of one
# finishing alone with a long test started last (measured: about 20 s of make test).
LONGEST_FIRST = ("tests/fuzz/", "tests/infra/test_package.py", "tests/web/test_every_page.py",
                 "tests/web/test_journey.py", "tests/load/")


def pytest_collection_modifyitems(items):
    def rank(item) -> int:
        where = item.nodeid
        return next((i for i, prefix in enumerate(LONGEST_FIRST) if where.startswith(prefix)),
                    len(LONGEST_FIRST))
    items.sort(key=rank)  # stable: the order within each stays as collected
