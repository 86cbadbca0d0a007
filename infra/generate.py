"""Writes what deployment needs from the code, so it can never drift from it (tests/infra
checks): infra/dynamodb.json, one AWS::DynamoDB::Table per PynamoDB model;
infra/resources.json, the rest of the stack; and .chalice/policy-<stage>*.json, each
function's least-privilege IAM policy (infra/policies.py: its own tables and actions,
no Scan, no wildcard tables; only the API and the public work read the SSN key, only
the API the documents and the key, only mail_deliver calls SES).

    python infra/generate.py            # rewrite the files
    python infra/generate.py --check    # exit 1 if one is stale
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "infra"))
import bank  # noqa: E402  (infra/ is not a package)
import observability  # noqa: E402
import policies as iam  # noqa: E402
from observability import alarm as _alarm  # noqa: E402
from safekeeping import backup_resources, data_key, locked_bucket, malware_protection  # noqa: E402

OUT = ROOT / "infra" / "dynamodb.json"
RESOURCES = ROOT / "infra" / "resources.json"
CONFIG = ROOT / ".chalice" / "config.json"


def _logical_id(name: str) -> str:
    return "".join(part.capitalize() for part in name.replace("_", "-").split("-")) + "Table"


def _keys(key_schema: list[dict]) -> list[dict]:
    """HASH before RANGE, as CloudFormation requires."""
    return [{"AttributeName": k["AttributeName"], "KeyType": k["KeyType"]}
            for k in sorted(key_schema, key=lambda k: k["KeyType"] != "HASH")]


def _projection(projection: dict) -> dict:
    out = {"ProjectionType": projection["ProjectionType"]}
    if projection.get("NonKeyAttributes"):
        out["NonKeyAttributes"] = sorted(projection["NonKeyAttributes"])
    return out


def table_resource(model) -> tuple[str, dict]:
    from chalicelib.dal.base import TABLE_PREFIX

    schema = model._get_schema()  # noqa: SLF001  (PynamoDB's own description of the table)
    name = model.Meta.table_name.removeprefix(TABLE_PREFIX)
    attributes = {a["AttributeName"]: a["AttributeType"] for a in schema["attribute_definitions"]}
    properties: dict = {
        "TableName": {"Fn::Sub": "${TablePrefix}" + name},
        "BillingMode": "PAY_PER_REQUEST",
        "AttributeDefinitions": [{"AttributeName": k, "AttributeType": v}
                                 for k, v in sorted(attributes.items())],
        "KeySchema": _keys(schema["key_schema"]),
        "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": True},
        "SSESpecification": {"SSEEnabled": True},
        # deleting a table takes turning this off first (no stack update or slip of a
        # console does it by accident)
        "DeletionProtectionEnabled": True,
        "Tags": [{"Key": "app", "Value": "child-support-portal"}],
    }
    indexes = [{"IndexName": i["index_name"],
                "KeySchema": _keys(i["key_schema"]),
                "Projection": _projection(i["projection"])}
               for i in schema["global_secondary_indexes"]]
    if indexes:
        properties["GlobalSecondaryIndexes"] = indexes
    stream = getattr(model.Meta, "stream_view_type", None)
    if stream:
        properties["StreamSpecification"] = {"StreamViewType": stream}
    ttl = model._ttl_attribute()  # noqa: SLF001
    if ttl is not None:
        properties["TimeToLiveSpecification"] = {"AttributeName": ttl.attr_name, "Enabled": True}
    return _logical_id(name), {"Type": "AWS::DynamoDB::Table", "DeletionPolicy": "RetainExceptOnCreate",
                               "UpdateReplacePolicy": "Retain", "Properties": properties}


def template() -> dict:
    from chalicelib.dal.tables import MODELS

    resources = dict(sorted(table_resource(m) for m in MODELS))
    return {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": "Child support portal: DynamoDB tables, generated from the PynamoDB "
                       "models by infra/generate.py. Do not edit by hand.",
        "Parameters": {"TablePrefix": {"Type": "String", "Default": "csp-prod-",
                                       "Description": "The stage's TABLE_PREFIX."}},
        "Resources": resources,
    }


def render() -> str:
    return json.dumps(template(), indent=2) + "\n"


def resources_template() -> dict:
    """The template to merge into `chalice package`'s (`--merge-template`): the tables,
    the documents bucket, the KMS key, the SES configuration set and the alarms."""
    from chalicelib.dal.tables import MODELS
    from chalicelib.jobs import JOBS

    tables = dict(sorted(table_resource(m) for m in MODELS))
    # the sandbox processor's record of its test charges: never on prod, where a real
    # processor is named (settings.py refuses the sandbox there)
    tables["SandboxProcessorTable"]["Condition"] = "NotProd"
    resources: dict = dict(tables)
    resources["DocumentsBucket"] = {
        "Type": "AWS::S3::Bucket", "DeletionPolicy": "RetainExceptOnCreate", "UpdateReplacePolicy": "Retain",
        "Properties": {
            "BucketName": {"Fn::Sub": "${TablePrefix}documents-${AWS::AccountId}"},
            "PublicAccessBlockConfiguration": {
                "BlockPublicAcls": True, "BlockPublicPolicy": True, "IgnorePublicAcls": True,
                "RestrictPublicBuckets": True},
            "OwnershipControls": {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]},
            "BucketEncryption": {"ServerSideEncryptionConfiguration": [{
                "ServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms",
                                                  "KMSMasterKeyID": {"Ref": "SecretsKey"}},
                "BucketKeyEnabled": True}]},
            "VersioningConfiguration": {"Status": "Enabled"},
            "LifecycleConfiguration": {"Rules": [
                {"Id": "abort-incomplete-uploads", "Status": "Enabled",
                 "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 1}},
                {"Id": "old-versions", "Status": "Enabled",
                 "NoncurrentVersionExpiration": {"NoncurrentDays": 30}},
                {"Id": "infrequent-access", "Status": "Enabled",
                 "Transitions": [{"StorageClass": "STANDARD_IA", "TransitionInDays": 90}]}]},
            "CorsConfiguration": {"CorsRules": [{
                "AllowedMethods": ["POST", "GET"], "AllowedOrigins": [{"Ref": "WebOrigin"}],
                "AllowedHeaders": ["*"], "MaxAge": 3000}]}}}
    resources["DocumentsBucketTlsOnly"] = {
        "Type": "AWS::S3::BucketPolicy", "Properties": {
            "Bucket": {"Ref": "DocumentsBucket"},
            "PolicyDocument": {"Version": "2012-10-17", "Statement": [{
                "Sid": "TlsOnly", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
                "Resource": [{"Fn::GetAtt": ["DocumentsBucket", "Arn"]},
                             {"Fn::Sub": "${DocumentsBucket.Arn}/*"}],
                "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}}}
    resources.update(malware_protection())
    resources.update(audit_resources())
    resources.update(bank.resources(_queue(
        "Bank", "bank", "A return file from the bank could not be read after 5 tries: it "
        "waits on the bank dead-letter queue (docs/design.md, The ACH rail)",
        visibility=bank.RETURNS_VISIBILITY)))
    resources.update(backup_resources(tables))
    resources["SecretsKey"] = data_key()
    for table in tables.values():  # on the stack's key, not an AWS-owned one
        table["Properties"]["SSESpecification"] = {
            "SSEEnabled": True, "SSEType": "KMS", "KMSMasterKeyId": {"Ref": "SecretsKey"}}
    resources["SecretsKeyAlias"] = {"Type": "AWS::KMS::Alias", "Properties": {
        "AliasName": {"Fn::Sub": "alias/csp-${Stage}"},
        "TargetKeyId": {"Ref": "SecretsKey"}}}
    resources["EmailConfigurationSet"] = {"Type": "AWS::SES::ConfigurationSet", "Properties": {
        "Name": {"Fn::Sub": "csp-${Stage}"},
        "ReputationOptions": {"ReputationMetricsEnabled": True},
        "SendingOptions": {"SendingEnabled": True}}}
    # The key SSNs are matched by: never shown, versioned (rotated by
    # `python -m chalicelib.tools.ssn_key rotate`, matching knows the current and the
    # previous version), kept if the stack goes, read only by the functions that match
    resources["SsnHmacKey"] = {
        "Type": "AWS::SecretsManager::Secret", "DeletionPolicy": "RetainExceptOnCreate",
        "UpdateReplacePolicy": "Retain", "Properties": {
            "Name": {"Fn::Sub": "csp-${Stage}/ssn-hmac-key"},
            "Description": "Child support portal: the HMAC key SSNs are matched by",
            "KmsKeyId": {"Ref": "SecretsKey"},
            "GenerateSecretString": {"PasswordLength": 64, "ExcludePunctuation": True}}}
    resources["SsnHmacKeyPolicy"] = {
        "Type": "AWS::SecretsManager::ResourcePolicy", "Properties": {
            "SecretId": {"Ref": "SsnHmacKey"}, "BlockPublicPolicy": True,
            "ResourcePolicy": {"Version": "2012-10-17", "Statement": [{
                "Sid": "OnlyTheFunctionsThatMatch", "Effect": "Deny", "Principal": "*",
                "Action": "secretsmanager:GetSecretValue", "Resource": "*",
                "Condition": {"StringNotEquals": {"aws:PrincipalArn": [
                    {"Fn::GetAtt": [iam.role(f), "Arn"]}
                    for f in iam.reading_secret("ssn-hmac-key")]}}}]}}}
    # What CloudFront sends the API in X-Origin-Verify (handlers/front_door.py): a request
    # to the stage's own address, around CloudFront and its WAF, is refused. To change
    # it: put a new value in the secret, deploy (CloudFront sends it), and the functions
    # read it when they next start
    resources["OriginVerifyKey"] = {
        "Type": "AWS::SecretsManager::Secret", "Properties": {
            "Name": {"Fn::Sub": "csp-${Stage}/origin-verify"},
            "Description": "Child support portal: the header CloudFront sends the API",
            "KmsKeyId": {"Ref": "SecretsKey"},
            "GenerateSecretString": {"PasswordLength": 48, "ExcludePunctuation": True}}}
    resources.update(web_resources())
    resources.update(observability.topic())
    resources.update(observability.logs(sorted(JOBS)))
    resources.update(job_resources(sorted(JOBS)))
    resources.update(mail_resources())
    resources.update({
        **observability.api_alarms(), **observability.job_alarms(job_timeouts(JOBS)),
        **observability.table_alarms(tables), **observability.money_and_mail_alarms()})
    resources.update(observability.dashboard(
        {k: v for k, v in resources.items() if v.get("Type") == "AWS::CloudWatch::Alarm"}))
    return {
        "AWSTemplateFormatVersion": "2010-09-09",
        "Transform": "AWS::Serverless-2016-10-31",
        "Description": "Child support portal: what `chalice package --merge-template` adds "
                       "(tables, documents bucket, KMS key, SES configuration set, alarms), "
                       "generated by infra/generate.py. Do not edit by hand.",
        "Parameters": {
            "Stage": {"Type": "String", "Default": "prod", "AllowedValues": ["dev", "prod"]},
            "TablePrefix": {"Type": "String", "Default": "csp-prod-",
                            "Description": "The stage's TABLE_PREFIX."},
            "WebOrigin": {"Type": "String", "Default": "https://childsupport.example.gov",
                          "Description": "Where the web client is served from (uploads)."},
            "ApiRateLimit": {"Type": "Number", "Default": 100, "MinValue": 1,
                             "Description": "Requests a second the API stage accepts in all."},
            "ApiBurstLimit": {"Type": "Number", "Default": 200, "MinValue": 1,
                              "Description": "Requests the API stage accepts at once."},
            "WafRequestsPerAddress": {
                "Type": "Number", "Default": 2000, "MinValue": 10,
                "Description": "Requests in 5 minutes from one viewer address (WAF)."},
            "WafSignInsPerAddress": {
                "Type": "Number", "Default": 300, "MinValue": 10,
                "Description": "Sign-in route requests in 5 minutes from one address (WAF)."},
            "WebDomain": {
                "Type": "String", "Default": "",
                "Description": "The portal's own domain (childsupport.example.gov), served by "
                               "CloudFront; empty: CloudFront's own name."},
            "WebCertificateArn": {
                "Type": "String", "Default": "",
                "Description": "The ACM certificate of WebDomain, made in us-east-1."},
            "ApiReservedConcurrency": {
                "Type": "Number", "Default": 0, "MinValue": 0,
                "Description": "Concurrent executions reserved for the API function (0: "
                               "none reserved, the account's pool)."},
            "AlarmEmail": {
                "Type": "String", "Default": "",
                "Description": "Who is told when an alarm fires (the on-call address; SNS "
                               "asks it to confirm). Empty: no one is told."},
            "ApiDeploymentType": {
                "Type": "String", "Default": "Canary10Percent5Minutes",
                "AllowedValues": ["Canary10Percent5Minutes", "Canary10Percent15Minutes",
                                  "Linear10PercentEvery1Minute", "AllAtOnce"],
                "Description": "How a new version of the API takes its traffic (CodeDeploy): "
                               "a tenth for 5 minutes, then all, unless an alarm fires."},
            "BackupRetentionDays": {
                "Type": "Number", "Default": 35, "MinValue": 7, "MaxValue": 3650,
                "Description": "How long AWS Backup keeps each daily copy of the tables "
                               "and the documents (the vault's lock holds it at least 7)."},
            "BackupCopyVaultArn": {
                "Type": "String", "Default": "",
                "Description": "A backup vault in another account or region that each "
                               "daily copy goes on to (its policy must let this account "
                               "copy in); empty: none."},
            "AuditRetentionDays": {
                "Type": "Number", "Default": 2555, "MinValue": 1,
                "Description": "How long the audit trail keeps each staff event, locked "
                               "(compliance mode: it cannot be shortened once written)."},
            "StaffNetworks": {
                "Type": "CommaDelimitedList", "Default": "",
                "Description": "The agency's networks (CIDRs, 203.0.113.0/24,...) that alone "
                               "reach the staff routes (/api/agency/...); empty: any."},
            **bank.PARAMETERS},
        "Conditions": {
            # a CloudFront web ACL can be made in us-east-1 only
            "WafHere": {"Fn::Equals": [{"Ref": "AWS::Region"}, "us-east-1"]},
            "AlarmEmailGiven": {"Fn::Not": [{"Fn::Equals": [{"Ref": "AlarmEmail"}, ""]}]},
            "ProdStage": {"Fn::Equals": [{"Ref": "Stage"}, "prod"]},
            "OwnDomain": {"Fn::Not": [{"Fn::Equals": [{"Ref": "WebDomain"}, ""]}]},
            "NotProd": {"Fn::Not": [{"Fn::Equals": [{"Ref": "Stage"}, "prod"]}]},
            "ApiConcurrencyReserved": {"Fn::Not": [{"Fn::Equals": [
                {"Ref": "ApiReservedConcurrency"}, 0]}]},
            "BackupCopyGiven": {"Fn::Not": [{"Fn::Equals": [{"Ref": "BackupCopyVaultArn"},
                                                             ""]}]},
            "StaffNetworksHere": {"Fn::And": [{"Condition": "WafHere"}, {"Fn::Not": [{
                "Fn::Equals": [{"Fn::Join": ["", {"Ref": "StaffNetworks"}]}, ""]}]}]},
            **bank.CONDITIONS},
        # Every function (the API's and each job's) learns the names the stack chose
        "Globals": {
            "Function": {"Environment": {"Variables": {
                "DOCUMENTS_BUCKET": {"Ref": "DocumentsBucket"},
                "AUDIT_BUCKET": {"Ref": "AuditBucket"},
                "BANK_BUCKET": {"Ref": "BankBucket"},
                "SSN_HMAC_SECRET": {"Ref": "SsnHmacKey"},
                "ORIGIN_VERIFY_SECRET": {"Ref": "OriginVerifyKey"},
                "SES_CONFIGURATION_SET": {"Ref": "EmailConfigurationSet"}}}},
            "Api": {"MethodSettings": [{
                "ResourcePath": "/*", "HttpMethod": "*", "MetricsEnabled": True,
                "ThrottlingRateLimit": {"Ref": "ApiRateLimit"},
                "ThrottlingBurstLimit": {"Ref": "ApiBurstLimit"}}]}},
        "Resources": resources,
        # what chalicelib/tools/stage.py reads to point a tool at the stage
        "Outputs": {"DocumentsBucketName": {"Value": {"Ref": "DocumentsBucket"}},
                    "AuditBucketName": {"Value": {"Ref": "AuditBucket"}},
                    "SecretsKeyArn": {"Value": {"Fn::GetAtt": ["SecretsKey", "Arn"]}},
                    "SsnHmacSecret": {"Value": {"Ref": "SsnHmacKey"}},
                    "EmailConfigurationSetName": {"Value": {"Ref": "EmailConfigurationSet"}},
                    "WebBucketName": {"Value": {"Ref": "WebBucket"}},
                    "WebDistributionId": {"Value": {"Ref": "WebDistribution"}},
                    "WebUrl": {"Value": {"Fn::Sub": "https://${WebDistribution.DomainName}"}},
                    **bank.OUTPUTS},
    }


MAIL_VISIBILITY = 60  # seconds: six times mail_deliver's timeout (AWS's advice for SQS)


def mail_resources() -> dict:
    """The mail worker's (services/delivery.py): the mail queue and its dead-letter queue,
    the two functions' event sources (merged into chalice package's: the outbox table's
    stream by its attribute and the queue by DependsOn, so the stack makes them first;
    partial batch failures reported), and the alarms that say a message was parked or is late;
    and the work queue of public requests, with its function (services/public_work.py)."""
    resources: dict = {
        **_queue("Mail", "mail", "An email could not be sent after 5 tries: it waits on "
                 "the mail dead-letter queue (docs/design.md, The email outbox)"),
        # public requests' work (services/public_work.py), handed on by MailRelay too
        **_queue("Work", "work", "A public request's work (a registration, a reset link, "
                 "a PIN) failed 5 times: it waits on the work dead-letter queue"),
        # chalice package names the functions and their event sources after the app's
        "MailRelay": {"Properties": {"Events": {"MailRelayDynamodbEventSource": {
            "Properties": {
                "Stream": {"Fn::GetAtt": ["OutboxTable", "StreamArn"]},
                "FunctionResponseTypes": ["ReportBatchItemFailures"],
                # the queue down: tried until it is back (the stream keeps a record 24 h;
                # the iterator-age alarm says it waits)
                "MaximumRetryAttempts": -1, "BisectBatchOnFunctionError": True}}}}},
        # their queues are named by the stage's TABLE_PREFIX (chalice writes the ARN), so
        # made first by DependsOn
        "MailDeliver": {"DependsOn": ["MailQueue"], "Properties": {"Events": {
            "MailDeliverSqsEventSource": {"Properties": {
                "FunctionResponseTypes": ["ReportBatchItemFailures"]}}}}},
        "PublicWork": {"DependsOn": ["WorkQueue"], "Properties": {"Events": {
            "PublicWorkSqsEventSource": {"Properties": {
                "FunctionResponseTypes": ["ReportBatchItemFailures"]}}}}},
        "MailRelayLateAlarm": _alarm(
            "New emails wait more than a minute to be queued (the outbox's stream)",
            "AWS/Lambda", "IteratorAge", {"FunctionName": {"Ref": "MailRelay"}},
            threshold=60_000, statistic="Maximum"),
    }
    for function in ("MailRelay", "MailDeliver", "PublicWork", "AuditWriter"):
        resources[f"{function}ErrorsAlarm"] = _alarm(
            f"The {function} function failed", "AWS/Lambda", "Errors",
            {"FunctionName": {"Ref": function}})
    return resources


def audit_resources() -> dict:
    """The audit trail (services/audit.py): its queue, the writer's event source, and the
    bucket of record, with Object Lock in compliance mode (every event kept
    AuditRetentionDays; no one, the account's root included, can delete or shorten it),
    versioned, private, on the stack's key, TLS only, and denying deletes outright."""
    bucket_arn = {"Fn::GetAtt": ["AuditBucket", "Arn"]}
    return {
        **_queue("Audit", "audit", "Staff audit events could not be written to the trail "
                 "after 5 tries: they wait on the audit dead-letter queue"),
        "AuditWriter": {"DependsOn": ["AuditQueue"], "Properties": {"Events": {
            "AuditWriterSqsEventSource": {"Properties": {
                "FunctionResponseTypes": ["ReportBatchItemFailures"]}}}}},
        "AuditBucket": locked_bucket("audit", "AuditRetentionDays", LifecycleConfiguration={
            "Rules": [{"Id": "infrequent-access", "Status": "Enabled", "Transitions": [
                {"StorageClass": "STANDARD_IA", "TransitionInDays": 90}]}]}),
        "AuditBucketPolicy": {"Type": "AWS::S3::BucketPolicy", "Properties": {
            "Bucket": {"Ref": "AuditBucket"},
            "PolicyDocument": {"Version": "2012-10-17", "Statement": [
                {"Sid": "TlsOnly", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
                 "Resource": [bucket_arn, {"Fn::Sub": "${AuditBucket.Arn}/*"}],
                 "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
                {"Sid": "AppendOnly", "Effect": "Deny", "Principal": "*",
                 "Action": ["s3:DeleteObject", "s3:DeleteObjectVersion",
                            "s3:PutObjectRetention", "s3:PutObjectLegalHold"],
                 "Resource": [bucket_arn, {"Fn::Sub": "${AuditBucket.Arn}/*"}]}]}}},
    }


def job_resources(jobs: list[str]) -> dict:
    """A scheduled job run that fails (crashes, or times out) is tried twice more by
    Lambda, then parked on the job-failures queue with what it was asked (its OnFailure
    destination), which an alarm watches; the API function's reserved concurrency is a
    parameter (0: none reserved)."""
    found: dict = {
        "JobFailures": {"Type": "AWS::SQS::Queue", "Properties": {
            "SqsManagedSseEnabled": True,
            "QueueName": {"Fn::Sub": "${TablePrefix}job-failures"},
            "MessageRetentionPeriod": 1_209_600}},  # 14 days, SQS's longest
        "JobFailuresAlarm": _alarm(
            "A scheduled job run failed three times: it waits on the job-failures queue",
            "AWS/SQS", "ApproximateNumberOfMessagesVisible",
            {"QueueName": {"Fn::GetAtt": ["JobFailures", "QueueName"]}}, statistic="Maximum"),
        "APIHandler": {"Properties": {
            "ReservedConcurrentExecutions": {"Fn::If": [
                "ApiConcurrencyReserved", {"Ref": "ApiReservedConcurrency"},
                {"Ref": "AWS::NoValue"}]},
            # each deploy publishes a version behind the alias API Gateway calls
            # (infra/package.py points the API at it) and CodeDeploy shifts traffic to it
            # gradually, rolling back by itself if an alarm fires meanwhile
            # (docs/security/runbooks.md, Rolling back a deploy)
            "AutoPublishAlias": "live",
            "DeploymentPreference": {
                "Type": {"Ref": "ApiDeploymentType"},
                "Alarms": [{"Ref": "ApiErrorsAlarm"}, {"Ref": "Api5xxAlarm"},
                           {"Ref": "ApiLatencyAlarm"}]}}},
    }
    for name in jobs:
        found[observability.job_logical(name)] = {"Properties": {"EventInvokeConfig": {
            "MaximumRetryAttempts": 2, "DestinationConfig": {"OnFailure": {
                "Type": "SQS", "Destination": {"Fn::GetAtt": ["JobFailures", "Arn"]}}}}}}
    return found


def job_timeouts(jobs) -> dict[str, int]:
    """Each job's time limit in seconds, as .chalice/config.json gives its function on
    prod (chalice's 60 when it says none)."""
    stage = json.loads(CONFIG.read_text())["stages"]["prod"]
    functions = stage.get("lambda_functions", {})
    default = int(stage.get("lambda_timeout", 60))
    return {name: int(functions.get(f"job_{name}", {}).get("lambda_timeout", default))
            for name in jobs}


def _queue(logical: str, name: str, parked: str, visibility: int = MAIL_VISIBILITY) -> dict:
    """An encrypted queue, its dead-letter queue (after MAX_RECEIVES) and the alarm that
    says a message was parked there."""
    from chalicelib.integrations.queue import MAX_RECEIVES

    encrypted = {"SqsManagedSseEnabled": True}
    return {
        f"{logical}DeadLetters": {"Type": "AWS::SQS::Queue", "Properties": {
            **encrypted, "QueueName": {"Fn::Sub": f"${{TablePrefix}}{name}-dead"},
            "MessageRetentionPeriod": 1_209_600}},  # 14 days, SQS's longest
        f"{logical}Queue": {"Type": "AWS::SQS::Queue", "Properties": {
            **encrypted, "QueueName": {"Fn::Sub": f"${{TablePrefix}}{name}"},
            "VisibilityTimeout": visibility, "MessageRetentionPeriod": 345_600,
            "RedrivePolicy": {"deadLetterTargetArn": {
                "Fn::GetAtt": [f"{logical}DeadLetters", "Arn"]},
                "maxReceiveCount": MAX_RECEIVES}}},
        f"{logical}DeadLettersAlarm": _alarm(
            parked, "AWS/SQS", "ApproximateNumberOfMessagesVisible",
            {"QueueName": {"Fn::GetAtt": [f"{logical}DeadLetters", "QueueName"]}},
            statistic="Maximum")}


# CloudFront's managed policies (the same ids in every account)
CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6"
ALL_VIEWER_EXCEPT_HOST = "b689b0a8-53d0-40ab-baf2-68738e2966ac"
# Every path without a file extension is a page of the client: index.html
PAGES_FUNCTION = """function handler(event) {
  var request = event.request;
  var last = request.uri.split('/').pop();
  if (last.indexOf('.') === -1) { request.uri = '/index.html'; }
  return request;
}
"""


def web_resources() -> dict:
    """The web client: a private bucket behind CloudFront (origin access control), with
    /api/* passed to the API's stage (named api), so the client and the API share one
    origin; security headers on every answer; pages routed to index.html."""
    uploads = ("https://${DocumentsBucket}.s3.amazonaws.com "
               "https://${DocumentsBucket}.s3.${AWS::Region}.amazonaws.com")
    csp = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
           f"connect-src 'self' {uploads}; font-src 'self'; object-src 'none'; "
           "base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
    return {
        "WebBucket": {"Type": "AWS::S3::Bucket", "Properties": {
            "BucketName": {"Fn::Sub": "${TablePrefix}web-${AWS::AccountId}"},
            "PublicAccessBlockConfiguration": {
                "BlockPublicAcls": True, "BlockPublicPolicy": True, "IgnorePublicAcls": True,
                "RestrictPublicBuckets": True},
            "OwnershipControls": {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]},
            "BucketEncryption": {"ServerSideEncryptionConfiguration": [{
                "ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]}}},
        # CloudFront's access logs (standard logging writes with the bucket's ACL, so
        # this bucket alone keeps ACLs on; S3's own encryption: CloudFront cannot use KMS)
        "WebLogsBucket": {"Type": "AWS::S3::Bucket", "DeletionPolicy": "Retain",
                          "UpdateReplacePolicy": "Retain", "Properties": {
            "BucketName": {"Fn::Sub": "${TablePrefix}web-logs-${AWS::AccountId}"},
            "PublicAccessBlockConfiguration": {
                "BlockPublicAcls": True, "BlockPublicPolicy": True, "IgnorePublicAcls": True,
                "RestrictPublicBuckets": True},
            "OwnershipControls": {"Rules": [{"ObjectOwnership": "BucketOwnerPreferred"}]},
            "BucketEncryption": {"ServerSideEncryptionConfiguration": [{
                "ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]},
            "LifecycleConfiguration": {"Rules": [{
                "Id": "kept-as-the-logs", "Status": "Enabled",
                "ExpirationInDays": {"Fn::If": ["ProdStage", 365, 30]}}]}}},
        "WebLogsBucketPolicy": {"Type": "AWS::S3::BucketPolicy", "Properties": {
            "Bucket": {"Ref": "WebLogsBucket"},
            "PolicyDocument": {"Version": "2012-10-17", "Statement": [
                {"Sid": "TlsOnly", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
                 "Resource": [{"Fn::GetAtt": ["WebLogsBucket", "Arn"]},
                              {"Fn::Sub": "${WebLogsBucket.Arn}/*"}],
                 "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}}},
        "WebBucketPolicy": {"Type": "AWS::S3::BucketPolicy", "Properties": {
            "Bucket": {"Ref": "WebBucket"},
            "PolicyDocument": {"Version": "2012-10-17", "Statement": [
                {"Sid": "CloudFrontReads", "Effect": "Allow",
                 "Principal": {"Service": "cloudfront.amazonaws.com"}, "Action": "s3:GetObject",
                 "Resource": {"Fn::Sub": "${WebBucket.Arn}/*"},
                 "Condition": {"StringEquals": {"AWS:SourceArn": {"Fn::Sub": (
                     "arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:"
                     "distribution/${WebDistribution}")}}}},
                {"Sid": "TlsOnly", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
                 "Resource": [{"Fn::GetAtt": ["WebBucket", "Arn"]},
                              {"Fn::Sub": "${WebBucket.Arn}/*"}],
                 "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}}},
        "WebOriginAccess": {"Type": "AWS::CloudFront::OriginAccessControl", "Properties": {
            "OriginAccessControlConfig": {
                "Name": {"Fn::Sub": "csp-${Stage}-web"}, "OriginAccessControlOriginType": "s3",
                "SigningBehavior": "always", "SigningProtocol": "sigv4"}}},
        "WebPages": {"Type": "AWS::CloudFront::Function", "Properties": {
            "Name": {"Fn::Sub": "csp-${Stage}-pages"}, "AutoPublish": True,
            "FunctionCode": PAGES_FUNCTION,
            "FunctionConfig": {"Comment": "Client pages are index.html", "Runtime": "cloudfront-js-2.0"}}},
        "WebHeaders": {"Type": "AWS::CloudFront::ResponseHeadersPolicy", "Properties": {
            "ResponseHeadersPolicyConfig": {
                "Name": {"Fn::Sub": "csp-${Stage}-headers"},
                "SecurityHeadersConfig": {
                    "ContentSecurityPolicy": {"ContentSecurityPolicy": {"Fn::Sub": csp},
                                              "Override": True},
                    "ContentTypeOptions": {"Override": True},
                    "FrameOptions": {"FrameOption": "DENY", "Override": True},
                    "ReferrerPolicy": {"ReferrerPolicy": "same-origin", "Override": True},
                    "StrictTransportSecurity": {"AccessControlMaxAgeSec": 63072000,
                                                "IncludeSubdomains": True, "Override": True}}}}},
        "ApiNoCache": {"Type": "AWS::CloudFront::CachePolicy", "Properties": {
            "CachePolicyConfig": {
                "Name": {"Fn::Sub": "csp-${Stage}-api"}, "MinTTL": 0, "DefaultTTL": 0,
                # nothing is kept (the API answers no-store); a bearer token or the web
                # client's session cookie is in the key all the same, and reaches the API
                "MaxTTL": 1,
                "ParametersInCacheKeyAndForwardedToOrigin": {
                    "EnableAcceptEncodingGzip": True,
                    "HeadersConfig": {"HeaderBehavior": "whitelist", "Headers": ["Authorization"]},
                    "CookiesConfig": {"CookieBehavior": "whitelist",
                                      "Cookies": ["__Host-session"]},
                    "QueryStringsConfig": {"QueryStringBehavior": "all"}}}}},
        # AWS WAF in front of everything CloudFront serves (a CloudFront web ACL lives in
        # us-east-1 only: a stack elsewhere goes without, and the API's own limits and
        # front door stay). Requests per viewer address, the sign-in routes tighter, and
        # AWS's managed common and known-bad-input rules (the body size rule counted,
        # not blocking: case-data loads are bigger than its 8 KB)
        "WebFirewall": {"Type": "AWS::WAFv2::WebACL", "Condition": "WafHere", "Properties": {
            "Name": {"Fn::Sub": "csp-${Stage}-web"}, "Scope": "CLOUDFRONT",
            "DefaultAction": {"Allow": {}},
            "VisibilityConfig": _waf_metrics("web"),
            "Rules": [
                {"Name": "requests-per-address", "Priority": 0,
                 "Action": {"Block": {"CustomResponse": {"ResponseCode": 429}}},
                 "Statement": {"RateBasedStatement": {
                     "Limit": {"Ref": "WafRequestsPerAddress"}, "AggregateKeyType": "IP",
                     "EvaluationWindowSec": 300}},
                 "VisibilityConfig": _waf_metrics("requests-per-address")},
                {"Name": "sign-in-per-address", "Priority": 1,
                 "Action": {"Block": {"CustomResponse": {"ResponseCode": 429}}},
                 "Statement": {"RateBasedStatement": {
                     "Limit": {"Ref": "WafSignInsPerAddress"}, "AggregateKeyType": "IP",
                     "EvaluationWindowSec": 300,
                     "ScopeDownStatement": {"ByteMatchStatement": {
                         "FieldToMatch": {"UriPath": {}}, "PositionalConstraint": "STARTS_WITH",
                         "SearchString": "/api/auth/",
                         "TextTransformations": [{"Priority": 0, "Type": "LOWERCASE"}]}}}},
                 "VisibilityConfig": _waf_metrics("sign-in-per-address")},
                {"Name": "aws-common", "Priority": 2, "OverrideAction": {"None": {}},
                 "Statement": {"ManagedRuleGroupStatement": {
                     "VendorName": "AWS", "Name": "AWSManagedRulesCommonRuleSet",
                     "RuleActionOverrides": [{"Name": "SizeRestrictions_BODY",
                                              "ActionToUse": {"Count": {}}}]}},
                 "VisibilityConfig": _waf_metrics("aws-common")},
                {"Name": "aws-known-bad-inputs", "Priority": 3, "OverrideAction": {"None": {}},
                 "Statement": {"ManagedRuleGroupStatement": {
                     "VendorName": "AWS", "Name": "AWSManagedRulesKnownBadInputsRuleSet"}},
                 "VisibilityConfig": _waf_metrics("aws-known-bad-inputs")},
                # the staff routes from the agency's networks only, when it names them
                {"Fn::If": ["StaffNetworksHere", {
                    "Name": "staff-networks-only", "Priority": 4,
                    "Action": {"Block": {"CustomResponse": {"ResponseCode": 403}}},
                    "Statement": {"AndStatement": {"Statements": [
                        {"ByteMatchStatement": {
                            "FieldToMatch": {"UriPath": {}}, "PositionalConstraint": "STARTS_WITH",
                            "SearchString": "/api/agency/",
                            "TextTransformations": [{"Priority": 0, "Type": "LOWERCASE"}]}},
                        {"NotStatement": {"Statement": {"IPSetReferenceStatement": {
                            "Arn": {"Fn::GetAtt": ["StaffNetworkSet", "Arn"]}}}}}]}},
                    "VisibilityConfig": _waf_metrics("staff-networks-only")},
                    {"Ref": "AWS::NoValue"}]}]}},
        "StaffNetworkSet": {"Type": "AWS::WAFv2::IPSet", "Condition": "StaffNetworksHere",
                            "Properties": {
                                "Name": {"Fn::Sub": "csp-${Stage}-staff-networks"},
                                "Scope": "CLOUDFRONT", "IPAddressVersion": "IPV4",
                                "Addresses": {"Ref": "StaffNetworks"}}},
        "WebDistribution": {
            "Type": "AWS::CloudFront::Distribution",
            # cfn-lint checks WebCertificateArn's empty default against ACM's ARN pattern,
            # though it is used only when OwnDomain (given)
            "Metadata": {"cfn-lint": {"config": {"ignore_checks": ["W1030"]}}},
            "Properties": {
            "DistributionConfig": {
                "Enabled": True, "Comment": {"Fn::Sub": "Child support portal (${Stage})"},
                "WebACLId": {"Fn::If": ["WafHere", {"Fn::GetAtt": ["WebFirewall", "Arn"]},
                                        {"Ref": "AWS::NoValue"}]},
                "DefaultRootObject": "index.html", "HttpVersion": "http2and3",
                "PriceClass": "PriceClass_100",
                # every viewer request, kept as long as the functions' logs (no cookies:
                # the session's is in them)
                "Logging": {"Bucket": {"Fn::GetAtt": ["WebLogsBucket", "RegionalDomainName"]},
                            "Prefix": "cloudfront/", "IncludeCookies": False},
                # the state's own domain, with its ACM certificate (us-east-1), when given;
                # else CloudFront's *.cloudfront.net name and certificate
                "Aliases": {"Fn::If": ["OwnDomain", [{"Ref": "WebDomain"}],
                                       {"Ref": "AWS::NoValue"}]},
                "ViewerCertificate": {"Fn::If": ["OwnDomain", {
                    "AcmCertificateArn": {"Ref": "WebCertificateArn"},
                    "SslSupportMethod": "sni-only", "MinimumProtocolVersion": "TLSv1.2_2021"},
                    {"CloudFrontDefaultCertificate": True}]},
                "Origins": [
                    {"Id": "web", "DomainName": {"Fn::GetAtt": ["WebBucket", "RegionalDomainName"]},
                     "S3OriginConfig": {"OriginAccessIdentity": ""},
                     "OriginAccessControlId": {"Fn::GetAtt": ["WebOriginAccess", "Id"]}},
                    {"Id": "api", "DomainName": {"Fn::Sub": (
                        "${RestAPI}.execute-api.${AWS::Region}.${AWS::URLSuffix}")},
                     "CustomOriginConfig": {"OriginProtocolPolicy": "https-only",
                                            "OriginSSLProtocols": ["TLSv1.2"]},
                     "OriginCustomHeaders": [{
                         "HeaderName": "X-Origin-Verify", "HeaderValue": {"Fn::Sub": (
                             "{{resolve:secretsmanager:${OriginVerifyKey}:SecretString}}")}}]}],
                "DefaultCacheBehavior": {
                    "TargetOriginId": "web", "ViewerProtocolPolicy": "redirect-to-https",
                    "Compress": True, "CachePolicyId": CACHING_OPTIMIZED,
                    "ResponseHeadersPolicyId": {"Ref": "WebHeaders"},
                    "FunctionAssociations": [{"EventType": "viewer-request",
                                              "FunctionARN": {"Fn::GetAtt": [
                                                  "WebPages", "FunctionMetadata.FunctionARN"]}}]},
                "CacheBehaviors": [{
                    "PathPattern": "/api/*", "TargetOriginId": "api",
                    "ViewerProtocolPolicy": "https-only", "Compress": True,
                    "AllowedMethods": ["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST",
                                       "DELETE"],
                    "CachePolicyId": {"Ref": "ApiNoCache"},
                    # every viewer header but Host, and CloudFront's own, among them
                    # CloudFront-Viewer-Address: the API's client address (front_door.py)
                    "OriginRequestPolicyId": ALL_VIEWER_EXCEPT_HOST,
                    "ResponseHeadersPolicyId": {"Ref": "WebHeaders"}}]}}},
    }


def _waf_metrics(name: str) -> dict:
    return {"SampledRequestsEnabled": True, "CloudWatchMetricsEnabled": True,
            "MetricName": {"Fn::Sub": f"csp-${{Stage}}-{name}"}}


def policies() -> dict[Path, str]:
    """Each deployed stage's policy files, by path: the API's is the stage's, each other
    function's its own (infra/policies.py)."""
    config = json.loads(CONFIG.read_text())
    out = {}
    for name, stage in config["stages"].items():
        if stage.get("autogen_policy") is False:
            env = {**config.get("environment_variables", {}),
                   **stage.get("environment_variables", {})}
            for function in iam.FUNCTIONS:
                out[CONFIG.parent / iam.file_name(name, function)] = json.dumps(
                    iam.for_function(function, env), indent=2) + "\n"
    return out


def main(argv: list[str]) -> int:
    os.environ.setdefault("TABLE_PREFIX", "csp-infra-")  # names are made relative to it
    os.environ.setdefault("STAGE", "local")  # what the models' import reads; nothing else
    sys.path.insert(0, str(ROOT))
    files = {OUT: render(), RESOURCES: json.dumps(resources_template(), indent=2) + "\n",
             **policies()}
    if "--check" in argv:
        stale = [p for p, text in files.items() if not p.exists() or p.read_text() != text]
        for path in stale:
            print(f"{path.relative_to(ROOT)} is stale: run python infra/generate.py",
                  file=sys.stderr)
        return 1 if stale else 0
    for path, text in files.items():
        path.write_text(text)
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
