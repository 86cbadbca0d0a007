"""The ACH rail's resources (services/ach_files.py, services/ach_returns.py): the bank
bucket, where the day's NACHA file and report are left for the agency's bank and its
return files arrive; the bank queue S3 tells of each return file, read by the
bank_returns function; and, when the agency gives its bank's SSH key, an AWS Transfer
Family SFTP server and user through which the bank collects and delivers files.

The bucket is under Object Lock in compliance mode (each file kept BankRetentionDays:
NACHA 1.4.2 and the ODFI agreement ask six years of entries), versioned, private, on
the stack's key, TLS only. Chalice's on_s3_event cannot be packaged (`chalice package`
refuses it), so S3 tells a queue, and the function reads the queue: retried, then
parked on its dead letters, where an alarm sees it."""
from __future__ import annotations

from observability import alarm
from safekeeping import locked_bucket

RETURNS_VISIBILITY = 1800  # seconds: six times bank_returns' 300, as AWS advises for SQS

PARAMETERS = {
    "BankRetentionDays": {
        "Type": "Number", "Default": 2190, "MinValue": 1,
        "Description": "How long the bank bucket keeps each ACH file, report and return "
                       "file, locked (compliance mode; NACHA asks six years)."},
    "BankSftpPublicKey": {
        "Type": "String", "Default": "",
        "Description": "The agency's bank's SSH public key: with it the stack makes an "
                       "SFTP server (AWS Transfer Family) through which the bank collects "
                       "outbound/ and reports/ and leaves return files in inbound/. "
                       "Empty: no server (the bank reaches the bucket another way)."},
    "BankSftpUserName": {
        "Type": "String", "Default": "odfi", "AllowedPattern": "^[a-z][a-z0-9_-]{2,31}$",
        "Description": "The SFTP user name the bank signs in as."},
}
CONDITIONS = {"BankSftpGiven": {"Fn::Not": [{"Fn::Equals": [{"Ref": "BankSftpPublicKey"},
                                                              ""]}]}}


def resources(queue: dict) -> dict:
    """`queue`: the bank queue, its dead letters and their alarm (generate._queue)."""
    bucket_arn = {"Fn::GetAtt": ["BankBucket", "Arn"]}
    objects = {"Fn::Sub": "${BankBucket.Arn}/*"}
    return {
        **queue,
        "BankQueuePolicy": {"Type": "AWS::SQS::QueuePolicy", "Properties": {
            "Queues": [{"Ref": "BankQueue"}],
            "PolicyDocument": {"Version": "2012-10-17", "Statement": [{
                "Sid": "TheBankBucketTells", "Effect": "Allow",
                "Principal": {"Service": "s3.amazonaws.com"}, "Action": "sqs:SendMessage",
                "Resource": {"Fn::GetAtt": ["BankQueue", "Arn"]},
                "Condition": {
                    "ArnLike": {"aws:SourceArn": {
                        "Fn::Sub": "arn:aws:s3:::${TablePrefix}bank-${AWS::AccountId}"}},
                    "StringEquals": {"aws:SourceAccount": {"Ref": "AWS::AccountId"}}}}]}}},
        "BankBucket": {**locked_bucket("bank", "BankRetentionDays", NotificationConfiguration={
            "QueueConfigurations": [{
                "Event": "s3:ObjectCreated:*", "Queue": {"Fn::GetAtt": ["BankQueue", "Arn"]},
                "Filter": {"S3Key": {"Rules": [{"Name": "prefix", "Value": "inbound/"}]}}}]}),
            "DependsOn": ["BankQueuePolicy"]},
        "BankBucketPolicy": {"Type": "AWS::S3::BucketPolicy", "Properties": {
            "Bucket": {"Ref": "BankBucket"},
            "PolicyDocument": {"Version": "2012-10-17", "Statement": [
                {"Sid": "TlsOnly", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
                 "Resource": [bucket_arn, objects],
                 "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
                {"Sid": "FilesAreKept", "Effect": "Deny", "Principal": "*",
                 "Action": ["s3:DeleteObjectVersion", "s3:PutObjectRetention",
                            "s3:PutObjectLegalHold"],
                 "Resource": [bucket_arn, objects]}]}}},
        # the function's event source: chalice package names it after the function
        "BankReturns": {"DependsOn": ["BankQueue"], "Properties": {"Events": {
            "BankReturnsSqsEventSource": {"Properties": {
                "FunctionResponseTypes": ["ReportBatchItemFailures"]}}}}},
        "BankReturnsErrorsAlarm": alarm(
            "The bank_returns function failed (a return file the bank left)", "AWS/Lambda",
            "Errors", {"FunctionName": {"Ref": "BankReturns"}}),
        **sftp(),
    }


def sftp() -> dict:
    """The bank's SFTP door to the bucket (only with BankSftpPublicKey): it sees the
    bucket as its home, may read outbound/ and reports/ and may write inbound/ only."""
    when = {"Condition": "BankSftpGiven"}
    return {
        "BankSftpServer": {"Type": "AWS::Transfer::Server", **when, "Properties": {
            "Protocols": ["SFTP"], "IdentityProviderType": "SERVICE_MANAGED",
            "EndpointType": "PUBLIC", "Domain": "S3",
            "SecurityPolicyName": "TransferSecurityPolicy-2024-01"}},
        "BankSftpRole": {"Type": "AWS::IAM::Role", **when, "Properties": {
            "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{
                "Effect": "Allow", "Principal": {"Service": "transfer.amazonaws.com"},
                "Action": "sts:AssumeRole",
                "Condition": {"StringEquals": {"aws:SourceAccount": {
                    "Ref": "AWS::AccountId"}}}}]},
            "Policies": [{"PolicyName": "bank-files", "PolicyDocument": {
                "Version": "2012-10-17", "Statement": [
                    {"Sid": "List", "Effect": "Allow", "Action": "s3:ListBucket",
                     "Resource": {"Fn::GetAtt": ["BankBucket", "Arn"]}},
                    {"Sid": "Collect", "Effect": "Allow",
                     "Action": ["s3:GetObject", "s3:GetObjectVersion"],
                     "Resource": [{"Fn::Sub": "${BankBucket.Arn}/outbound/*"},
                                  {"Fn::Sub": "${BankBucket.Arn}/reports/*"}]},
                    {"Sid": "Deliver", "Effect": "Allow", "Action": "s3:PutObject",
                     "Resource": {"Fn::Sub": "${BankBucket.Arn}/inbound/*"}},
                    {"Sid": "Key", "Effect": "Allow",
                     "Action": ["kms:Decrypt", "kms:GenerateDataKey"],
                     "Resource": {"Fn::GetAtt": ["SecretsKey", "Arn"]}}]}}]}},
        "BankSftpUser": {"Type": "AWS::Transfer::User", **when, "Properties": {
            "ServerId": {"Fn::GetAtt": ["BankSftpServer", "ServerId"]},
            "UserName": {"Ref": "BankSftpUserName"},
            "Role": {"Fn::GetAtt": ["BankSftpRole", "Arn"]},
            "SshPublicKeys": [{"Ref": "BankSftpPublicKey"}],
            "HomeDirectoryType": "LOGICAL",
            "HomeDirectoryMappings": [{"Entry": "/", "Target": {"Fn::Sub": "/${BankBucket}"}}]}},
    }


OUTPUTS = {
    "BankBucketName": {"Value": {"Ref": "BankBucket"}},
    "BankSftpEndpoint": {"Condition": "BankSftpGiven", "Value": {
        "Fn::Sub": "${BankSftpServer.ServerId}.server.transfer.${AWS::Region}.amazonaws.com"}},
}
