"""Each main operation stays within its DynamoDB request budget and never scans."""
from tests.bench import flows

# The figures of docs/benchmarks.md: a change that adds requests must say why here.
BUDGET = {"register": 3, "register (address taken)": 5, "verify email": 4,
          "login, wrong password": 5, "login": 5, "login verify": 5, "GET /me": 2, "logout": 2,
          "forgot password": 4, "reset password": 7}


def test_operations_use_few_requests_and_no_scan(client, outbox):
    measured = flows.run(client, outbox)
    for name, calls in measured.items():
        assert "Scan" not in calls, name
        assert sum(calls.values()) <= BUDGET[name], (name, dict(calls))
