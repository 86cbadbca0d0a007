"""The deployment package and template, as `make deploy` builds them (infra/package.py):
the template passes cfn-lint and wires the stack's names into every function; the package
holds runtime requirements only, within its size budget, and runs on its own (unzipped,
with only the standard library and the runtime's AWS SDK beside it, against a moto
server) through the demo, sign-in, two-step set-up and a job."""
from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.stack import free_port

# one worker builds the package: `chalice package` keeps its built dependencies in
# .chalice/deployments/, and two builds at once there wrote one zip over the other
pytestmark = pytest.mark.xdist_group("package")
ROOT = Path(__file__).resolve().parents[2]
BUDGET_UNZIPPED = 40_000_000  # bytes, with its bytecode (issue #27; docs/benchmarks.md)


def _packager():
    spec = importlib.util.spec_from_file_location("infra_package", ROOT / "infra" / "package.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks itself up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("build") / "prod"
    size = _packager().build("prod", out)
    return out, size


def test_the_template_passes_cfn_lint_and_names_reach_every_function(built):
    out, _ = built
    lint = Path(sys.executable).with_name("cfn-lint")
    result = subprocess.run([str(lint), str(out / "sam.json")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    template = json.loads((out / "sam.json").read_text())
    variables = template["Globals"]["Function"]["Environment"]["Variables"]
    assert variables["DOCUMENTS_BUCKET"] == {"Ref": "DocumentsBucket"}
    assert variables["SSN_HMAC_SECRET"] == {"Ref": "SsnHmacKey"}
    throttling = template["Globals"]["Api"]["MethodSettings"][0]
    assert throttling["ThrottlingRateLimit"] == {"Ref": "ApiRateLimit"}
    # the web client and the API on one origin: /api/* to the API's stage, uncached
    web = template["Resources"]["WebDistribution"]["Properties"]["DistributionConfig"]
    api = next(o for o in web["Origins"] if o["Id"] == "api")
    assert "${RestAPI}.execute-api" in api["DomainName"]["Fn::Sub"]
    (to_api,) = web["CacheBehaviors"]
    assert to_api["PathPattern"] == "/api/*" and to_api["TargetOriginId"] == "api"
    assert "POST" in to_api["AllowedMethods"]
    headers = template["Resources"]["WebHeaders"]["Properties"]["ResponseHeadersPolicyConfig"]
    csp = headers["SecurityHeadersConfig"]["ContentSecurityPolicy"]["ContentSecurityPolicy"]
    assert "${DocumentsBucket}.s3" in csp["Fn::Sub"] and "frame-ancestors 'none'" in csp["Fn::Sub"]
    assert template["Resources"]["WebBucket"]["Properties"]["PublicAccessBlockConfiguration"][
        "RestrictPublicBuckets"]
    functions = {k: v for k, v in template["Resources"].items()
                 if v["Type"] == "AWS::Serverless::Function"}
    # issue #24: every function traced, its logs kept a set time and encrypted; the API
    # traced with an access log
    assert all(f["Properties"]["Tracing"] == "Active" for f in functions.values())
    groups = {k: v["Properties"] for k, v in template["Resources"].items()
              if v["Type"] == "AWS::Logs::LogGroup"}
    assert len(groups) == len(functions) + 1  # each function's, and the API's access log
    assert all(g["KmsKeyId"] == {"Fn::GetAtt": ["LogsKey", "Arn"]} and g["RetentionInDays"]
               for g in groups.values())
    assert groups["ApiHandlerLogGroup"]["LogGroupName"] == {
        "Fn::Sub": "/aws/lambda/${APIHandler}"}
    api = template["Resources"]["RestAPI"]["Properties"]
    assert api["TracingEnabled"] is True and "DestinationArn" in api["AccessLogSetting"]
    # the API, each job, the mail worker's two, the public requests' work, the audit writer
    assert "APIHandler" in functions and len(functions) == 1 + 10 + 2 + 1 + 1 + 1
    assert "PublicWork" in functions
    for function in functions.values():
        assert function["Properties"]["Runtime"] == "python3.11"
        assert function["Properties"]["CodeUri"] == "./deployment.zip"
    # issue #24: gradual deploys. The API calls the function's alias, which CodeDeploy
    # moves to each new version a tenth at a time, rolled back if an alarm fires
    api_function = functions["APIHandler"]["Properties"]
    assert api_function["AutoPublishAlias"] == "live"
    preference = api_function["DeploymentPreference"]
    assert preference["Type"] == {"Ref": "ApiDeploymentType"}
    assert {"Ref": "Api5xxAlarm"} in preference["Alarms"]
    swagger = json.dumps(template["Resources"]["RestAPI"]["Properties"]["DefinitionBody"])
    assert "${APIHandlerAliaslive}" in swagger and "${APIHandler.Arn}" not in swagger
    assert template["Resources"]["APIHandlerInvokePermission"]["Properties"][
        "FunctionName"] == {"Ref": "APIHandlerAliaslive"}
    # issue #24: each function runs with a role of its own, whose one policy is the
    # function's file (infra/policies.py); no two share a role
    config = json.loads((ROOT / ".chalice" / "config.json").read_text())["stages"]["prod"]
    roles = {logical: f["Properties"]["Role"]["Fn::GetAtt"][0]
             for logical, f in functions.items()}
    assert len(set(roles.values())) == len(functions)
    for name, entry in [("api_handler", config)] + [
            (n, e) for n, e in config["lambda_functions"].items() if "iam_policy_file" in e]:
        logical = "APIHandler" if name == "api_handler" else "".join(
            p.capitalize() for p in name.split("_"))
        (policy,) = template["Resources"][roles[logical]]["Properties"]["Policies"]
        assert policy["PolicyDocument"] == json.loads(
            (ROOT / ".chalice" / entry["iam_policy_file"]).read_text())


def test_the_package_holds_runtime_requirements_only_within_its_budget(built):
    out, size = built
    with zipfile.ZipFile(out / "deployment.zip") as z:
        tops = {n.split("/", 1)[0] for n in z.namelist()}
        names = z.namelist()
    for dev_only in ("moto", "pytest", "_pytest", "hypothesis", "cfnlint", "ruff", "tests",
                     "boto3", "botocore", "s3transfer"):
        assert dev_only not in tops
    assert not [n for n in names if n.endswith((".c", ".pyx", ".pyi"))]
    assert {"app.py", "chalicelib", "pynamodb", "webauthn"} <= tops
    assert size.unzipped < BUDGET_UNZIPPED, size.report()


def test_the_package_ships_bytecode_lambda_need_not_compile(built):
    # Lambda cannot write __pycache__ into /var/task: each module's bytecode is in the
    # package, with an unchecked hash (PEP 552 flags 0b01: no stat of the source); the
    # portal's beside its source, a dependency's in its source's place (issue #27)
    out, _ = built
    tag = sys.implementation.cache_tag
    with zipfile.ZipFile(out / "deployment.zip") as z:
        names = set(z.namelist())
        own = z.read(f"chalicelib/__pycache__/settings.{tag}.pyc")
        dependency = z.read("pydantic/main.pyc")
    assert "chalicelib/settings.py" in names and "app.py" in names
    assert f"__pycache__/app.{tag}.pyc" in names
    assert "pydantic/main.py" not in names and "pynamodb/models.pyc" in names
    for pyc in (own, dependency):
        assert pyc[:4] == importlib.util.MAGIC_NUMBER
        assert int.from_bytes(pyc[4:8], "little") == 0b01
    assert not [n for n in names if "__pycache__" in n and not n.startswith(
        ("chalicelib/", "__pycache__/"))]


def test_the_package_runs_on_its_own(built, tmp_path):
    import boto3
    from moto.server import ThreadedMotoServer

    out, _ = built
    package, sdk = tmp_path / "package", tmp_path / "sdk"
    with zipfile.ZipFile(out / "deployment.zip") as z:
        z.extractall(package)
    sdk.mkdir()
    site = Path(boto3.__file__).parents[1]
    for name in ("boto3", "botocore", "s3transfer"):  # what the Lambda runtime provides
        (sdk / name).symlink_to(site / name)
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path),
               "AWS_ENDPOINT_URL": f"http://127.0.0.1:{port}",
               "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
               "AWS_DEFAULT_REGION": "us-east-1", "AWS_REGION": "us-east-1",
               "STAGE": "prod", "TABLE_PREFIX": "csp-package-",
               "SENDER_EMAIL": "no-reply@childsupport.example.gov",
               "WEB_BASE_URL": "https://childsupport.example.gov",
               "KMS_KEY_ID": "alias/csp-prod", "DOCUMENTS_BUCKET": "csp-package-documents",
               "POWERTOOLS_TRACE_DISABLED": "true",
               "POWERTOOLS_SERVICE_NAME": "child-support-portal",
               "TEMPLATE": str(out / "sam.json")}
        boot = (f"import sys; sys.path[:0] = [{str(package)!r}, {str(sdk)!r}]; "
                f"exec(open({str(ROOT / 'tests/infra/package_check.py')!r}).read())")
        run = subprocess.run([sys.executable, "-I", "-S", "-c", boot], cwd=tmp_path, env=env,
                             capture_output=True, text=True, timeout=300)
    finally:
        server.stop()
    assert run.returncode == 0, run.stderr[-3000:]
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    assert seen["moto"] == seen["pytest"] == "absent"
    assert seen["path"][0] == str(package)
    assert seen["openapi"] == 200
    assert seen["direct"] == 403  # not through CloudFront: the front door's secret
    assert seen["offices"] == [200, seen["offices"][1]] and seen["offices"][1]
    assert seen["login"] == seen["verify"] == 200
    assert seen["action_center"][0] == 200
    assert {"unread_letters", "unread_messages", "draft"} <= set(seen["action_center"][1])
    assert seen["totp"] == [201, True]
    assert seen["passkey_options"] == [200, True]
    assert len(seen["handlers"]) == 16 and all(seen["handlers"].values()), seen["handlers"]
    assert seen["job"] == "ran"
