"""Each function has its own IAM policy (infra/policies.py), written to the file its
entry in .chalice/config.json names; each names only its own tables and actions.
tests/access.py checks the other way, that what each function does in the tests is
within its policy."""
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CONFIG = json.loads((ROOT / ".chalice" / "config.json").read_text())
STAGES = ("dev", "prod")


def policies():
    sys.path.insert(0, str(ROOT / "infra"))
    import policies as module

    return module


def policy_of(stage: str, function: str) -> dict:
    functions = CONFIG["stages"][stage]["lambda_functions"]
    name = (CONFIG["stages"][stage]["iam_policy_file"] if function == "api_handler"
            else functions[function]["iam_policy_file"])
    return json.loads((ROOT / ".chalice" / name).read_text())


def statements(policy: dict) -> dict:
    return {s["Sid"]: s for s in policy["Statement"]}


def granted(policy: dict, service: str) -> set[str]:
    return {a for s in policy["Statement"] for a in s["Action"] if a.startswith(service)}


def tables_of(policy: dict, prefix: str) -> set[str]:
    return {r.split("/")[1].removeprefix(prefix) for s in policy["Statement"]
            if s["Sid"].startswith("Tables") for r in s["Resource"]}


def test_every_function_chalice_deploys_has_its_own_policy_file_current_with_the_code():
    from app import app
    from tests.infra.test_tables_template import generator

    deployed = {"api_handler"} | {source.name for source in app.event_sources}
    assert deployed == set(policies().FUNCTIONS)
    for stage in STAGES:
        settings = CONFIG["stages"][stage]
        assert settings["autogen_policy"] is False
        for function in deployed - {"api_handler"}:
            entry = settings["lambda_functions"][function]
            assert entry["autogen_policy"] is False
            assert entry["iam_policy_file"] == policies().file_name(stage, function)
    for path, text in generator().policies().items():
        assert path.read_text() == text, "run: python infra/generate.py"


def test_no_function_may_scan_use_a_wildcard_action_or_write_any_log_group():
    for stage in STAGES:
        for function in policies().FUNCTIONS:
            policy = policy_of(stage, function)
            actions = [a for s in policy["Statement"] for a in s["Action"]]
            assert "dynamodb:Scan" not in actions and not any("*" in a for a in actions)
            logs = statements(policy)["Logs"]
            assert logs["Action"] == ["logs:CreateLogStream", "logs:PutLogEvents"]
            # its own group: CloudFormation names a function <stack>-<logical id>-<suffix>
            assert logs["Resource"] == (
                f"arn:aws:logs:*:*:log-group:/aws/lambda/child-support-portal-{stage}-"
                f"{policies().logical(function)}-*:*")
            # the only statement on "*": X-Ray, which takes no resource
            assert [s["Sid"] for s in policy["Statement"] if s["Resource"] == "*"] == [
                "Tracing"]


def test_expire_tokens_may_only_query_and_delete_tokens_and_codes():
    """The review's example: sharing one role, expire_tokens could decrypt
    direct-deposit numbers and read the SSN key."""
    for stage in STAGES:
        prefix = f"csp-{stage}-"
        policy = policy_of(stage, "job_expire_tokens")
        assert tables_of(policy, prefix) == {"tokens", "members", "job-marks"}
        assert granted(policy, "dynamodb:") == {"dynamodb:Query", "dynamodb:DeleteItem",
                                                 "dynamodb:GetItem", "dynamodb:PutItem"}
        assert not granted(policy, "kms:") and not granted(policy, "secretsmanager:")
        assert not granted(policy, "s3:") and not granted(policy, "ses:")
        marks = next(s for s in policy["Statement"]
                     if f"table/{prefix}job-marks" in s["Resource"][0])
        assert f"table/{prefix}tokens" not in json.dumps(marks)  # tokens: no Put, no Get


def test_keys_secrets_documents_and_email_each_reach_only_the_functions_that_need_them():
    for stage in STAGES:
        holders = {kind: {f for f in policies().FUNCTIONS
                          if granted(policy_of(stage, f), kind)}
                   for kind in ("kms:", "s3:", "ses:", "secretsmanager:")}
        # the ACH rail: its file job decrypts the numbers it sends and writes the bank
        # bucket; its returns read the bank's files and encrypt a corrected number
        assert holders == {"kms:": {"api_handler", "job_ach_file", "bank_returns"},
                           "s3:": {"api_handler", "audit_writer", "job_ach_file",
                                   "bank_returns"},
                           "ses:": {"mail_deliver"},
                           "secretsmanager:": {"api_handler", "public_work"}}
        ssn_readers = {f for f in policies().FUNCTIONS
                       if "SsnKey" in statements(policy_of(stage, f))}
        assert ssn_readers == {"api_handler", "public_work"}
        api = statements(policy_of(stage, "api_handler"))
        assert api["SsnKey"]["Resource"] == (
            f"arn:aws:secretsmanager:*:*:secret:csp-{stage}/ssn-hmac-key-*")
        assert api["OriginKey"]["Resource"] == (
            f"arn:aws:secretsmanager:*:*:secret:csp-{stage}/origin-verify-*")
        # the stack names the bucket <prefix>documents-<account id>
        assert api["Documents"]["Resource"] == (
            f"arn:aws:s3:::csp-{stage}-documents-*/documents/*")
        assert api["Secrets"]["Condition"] == {"ForAnyValue:StringEquals": {
            "kms:ResourceAliases": f"alias/csp-{stage}"}}


def test_each_table_is_named_with_the_stage_prefix_and_only_where_used():
    from chalicelib.dal.base import TABLE_PREFIX
    from chalicelib.dal.tables import MODELS

    known = {m.Meta.table_name.removeprefix(TABLE_PREFIX) for m in MODELS}
    for stage in STAGES:
        prefix = f"csp-{stage}-"
        for function, uses in policies().FUNCTIONS.items():
            named = tables_of(policy_of(stage, function), prefix)
            assert named <= known
            expected = set(uses.tables)
            if stage == "prod":  # the stack makes no sandbox processor there
                expected.discard("sandbox-processor")
            assert named == expected
            for resource in [r for s in policy_of(stage, function)["Statement"]
                             if s["Sid"].startswith("Tables") for r in s["Resource"]]:
                assert resource.startswith(f"arn:aws:dynamodb:*:*:table/{prefix}")
                assert "*" not in resource.removesuffix("/index/*").split("/", 1)[1]
    # the jobs never touch the API's secrets' tables
    for stage in STAGES:
        for function in policies().FUNCTIONS:
            if function.startswith("job_") and function != "job_autopay":
                assert "bank-accounts" not in tables_of(policy_of(stage, function),
                                                        f"csp-{stage}-")
            if function not in ("api_handler",):
                assert "credentials" not in tables_of(policy_of(stage, function),
                                                      f"csp-{stage}-")


def test_the_mail_worker_and_the_public_work_read_only_their_own_queue_or_stream():
    for stage in STAGES:
        prefix = f"csp-{stage}-"
        relay = statements(policy_of(stage, "mail_relay"))
        assert set(relay) == {"Logs", "Tracing", "Stream", "Send"}
        assert relay["Stream"]["Resource"] == f"arn:aws:dynamodb:*:*:table/{prefix}outbox/stream/*"
        assert relay["Send"]["Resource"] == [f"arn:aws:sqs:*:*:{prefix}mail",
                                             f"arn:aws:sqs:*:*:{prefix}work"]
        deliver = statements(policy_of(stage, "mail_deliver"))
        assert deliver["Receive"]["Resource"] == f"arn:aws:sqs:*:*:{prefix}mail"
        assert "sqs:SendMessage" not in json.dumps(deliver)
        work = statements(policy_of(stage, "public_work"))
        assert work["Receive"]["Resource"] == f"arn:aws:sqs:*:*:{prefix}work"
        assert "sqs:SendMessage" not in json.dumps(work)
        assert "JobFailures" not in statements(policy_of(stage, "api_handler"))


def test_the_check_of_calls_against_a_policy_denies_what_it_does_not_name():
    """tests/access.py's evaluator, which every job, request and mail function runs
    under, refuses what the policy does not allow (so its silence means something)."""
    from tests.access import allows, needs

    env = {"TABLE_PREFIX": "csp-test-", "STAGE": "test", "SENDER_EMAIL": "a@b.gov"}
    expire = policies().for_function("job_expire_tokens", env)
    assert all(allows(expire, *need) for need in needs(
        "dynamodb", "Query", {"TableName": "csp-test-tokens", "IndexName": "by_purge_on"}))
    for service, operation, params in [
            ("dynamodb", "GetItem", {"TableName": "csp-test-bank-accounts"}),
            ("dynamodb", "PutItem", {"TableName": "csp-test-tokens"}),
            ("kms", "Decrypt", {"CiphertextBlob": b"x"}),
            ("secretsmanager", "GetSecretValue", {"SecretId": "csp-test/ssn-hmac-key"}),
            ("dynamodb", "TransactWriteItems", {"TransactItems": [
                {"Delete": {"TableName": "csp-test-tokens"}},
                {"Put": {"TableName": "csp-test-tokens"}}]})]:
        assert not all(allows(expire, *need) for need in needs(service, operation, params))


def test_only_the_functions_that_match_ssns_may_read_the_ssn_key():
    """The secret's own policy denies its value to every other principal, whatever
    their IAM policy says (an administrator's included: the rotation tool reads only the
    versions' ids)."""
    resources = json.loads((ROOT / "infra" / "resources.json").read_text())["Resources"]
    policy = resources["SsnHmacKeyPolicy"]["Properties"]
    assert policy["SecretId"] == {"Ref": "SsnHmacKey"} and policy["BlockPublicPolicy"]
    (deny,) = policy["ResourcePolicy"]["Statement"]
    assert (deny["Effect"], deny["Principal"], deny["Action"]) == (
        "Deny", "*", "secretsmanager:GetSecretValue")
    allowed = deny["Condition"]["StringNotEquals"]["aws:PrincipalArn"]
    assert allowed == [{"Fn::GetAtt": ["ApiHandlerRole", "Arn"]},
                       {"Fn::GetAtt": ["PublicWorkRole", "Arn"]}]


def test_the_data_key_is_administered_apart_from_used_and_encrypts_every_table():
    resources = json.loads((ROOT / "infra" / "resources.json").read_text())["Resources"]
    key = resources["SecretsKey"]["Properties"]
    assert key["EnableKeyRotation"]
    by_sid = {s["Sid"]: s for s in key["KeyPolicy"]["Statement"]}
    using = {"kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey", "kms:GenerateDataKey*",
             "kms:ReEncrypt*", "kms:CreateGrant", "kms:*", "kms:Create*"}
    admin = by_sid["KeyAdministration"]
    assert admin["Principal"] == {"AWS": {"Fn::Sub": "arn:aws:iam::${AWS::AccountId}:root"}}
    assert not using & set(admin["Action"])
    for sid, service in (("ThroughDynamoDB", "dynamodb"), ("ThroughS3", "s3"),
                         ("ThroughSecretsManager", "secretsmanager")):
        assert by_sid[sid]["Condition"]["StringEquals"] == {
            "kms:CallerAccount": {"Ref": "AWS::AccountId"},
            "kms:ViaService": {"Fn::Sub": f"{service}.${{AWS::Region}}.amazonaws.com"}}
    direct = [sid for sid, s in by_sid.items() if "kms:Decrypt" in s["Action"]
              and "Condition" not in s]
    # only the functions that encrypt or decrypt themselves, each with its own actions
    assert direct == ["APIHandlerDirectly", "JobAchFileDirectly"]
    assert by_sid["APIHandlerDirectly"]["Principal"] == {
        "AWS": {"Fn::GetAtt": ["ApiHandlerRole", "Arn"]}}
    assert by_sid["JobAchFileDirectly"]["Action"] == ["kms:Decrypt"]
    assert by_sid["BankReturnsDirectly"]["Action"] == ["kms:Encrypt"]
    tables = [r for r in resources.values() if r.get("Type") == "AWS::DynamoDB::Table"]
    assert tables and all(t["Properties"]["SSESpecification"] == {
        "SSEEnabled": True, "SSEType": "KMS", "KMSMasterKeyId": {"Ref": "SecretsKey"}}
        for t in tables)
