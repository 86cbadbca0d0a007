"""What keeps the stack's data safe at rest, for infra/generate.py: the data key (whose
policy keeps administering it apart from using it), GuardDuty's scan of the documents,
and AWS Backup's nightly copies into a locked vault."""
from __future__ import annotations

import policies as iam  # infra/ is on the path of whoever imports this


def malware_protection() -> dict:
    """GuardDuty Malware Protection for S3 on the documents bucket's uploads: each new
    object version is scanned and tagged GuardDutyMalwareScanStatus; the portal lets a
    document reach anyone but its uploader only once tagged NO_THREATS_FOUND. The role is
    what GuardDuty's own guide asks for, narrowed to this bucket and key."""
    bucket = {"Fn::GetAtt": ["DocumentsBucket", "Arn"]}
    objects = {"Fn::Sub": "${DocumentsBucket.Arn}/*"}
    rule = {"Fn::Sub": "arn:aws:events:${AWS::Region}:${AWS::AccountId}:rule/"
                       "DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3*"}
    service = "malware-protection-plan.guardduty.amazonaws.com"
    statements = [
        {"Sid": "ManagedRule", "Effect": "Allow",
         "Action": ["events:PutRule", "events:DeleteRule", "events:PutTargets",
                    "events:RemoveTargets"], "Resource": rule,
         "Condition": {"StringLike": {"events:ManagedBy": service}}},
        {"Sid": "WatchManagedRule", "Effect": "Allow",
         "Action": ["events:DescribeRule", "events:ListTargetsByRule"], "Resource": rule},
        {"Sid": "TagScanned", "Effect": "Allow",
         "Action": ["s3:PutObjectTagging", "s3:GetObjectTagging",
                    "s3:PutObjectVersionTagging", "s3:GetObjectVersionTagging"],
         "Resource": objects},
        {"Sid": "BucketEvents", "Effect": "Allow",
         "Action": ["s3:PutBucketNotification", "s3:GetBucketNotification", "s3:ListBucket"],
         "Resource": bucket},
        {"Sid": "ValidationObject", "Effect": "Allow", "Action": ["s3:PutObject"],
         "Resource": {"Fn::Sub": "${DocumentsBucket.Arn}/"
                                 "malware-protection-resource-validation-object"}},
        {"Sid": "Scan", "Effect": "Allow", "Action": ["s3:GetObject", "s3:GetObjectVersion"],
         "Resource": objects},
        {"Sid": "DecryptToScan", "Effect": "Allow",
         "Action": ["kms:GenerateDataKey", "kms:Decrypt"],
         "Resource": {"Fn::GetAtt": ["SecretsKey", "Arn"]},
         "Condition": {"StringLike": {"kms:ViaService": {
             "Fn::Sub": "s3.${AWS::Region}.amazonaws.com"}}}}]
    return {
        "MalwareScanRole": {"Type": "AWS::IAM::Role", "Properties": {
            "Description": "GuardDuty Malware Protection scans and tags the portal's uploads",
            "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{
                "Effect": "Allow", "Principal": {"Service": service},
                "Action": "sts:AssumeRole"}]},
            "Policies": [{"PolicyName": "scan-documents", "PolicyDocument": {
                "Version": "2012-10-17", "Statement": statements}}]}},
        "DocumentsMalwareProtection": {
            "Type": "AWS::GuardDuty::MalwareProtectionPlan", "Properties": {
                "ProtectedResource": {"S3Bucket": {"BucketName": {"Ref": "DocumentsBucket"},
                                                   "ObjectPrefixes": ["documents/"]}},
                "Role": {"Fn::GetAtt": ["MalwareScanRole", "Arn"]},
                "Actions": {"Tagging": {"Status": "ENABLED"}}}}}


# what administering a key is, without using it: no Encrypt, Decrypt, GenerateDataKey,
# and no CreateGrant (a grant to oneself would be using it). PutKeyPolicy stays (a key no
# one may administer cannot be mended); CloudTrail records each use of it
KEY_ADMINISTRATION = ["kms:CancelKeyDeletion", "kms:CreateAlias", "kms:Delete*", "kms:Describe*",
                      "kms:Disable*", "kms:Enable*", "kms:Get*", "kms:List*", "kms:Put*",
                      "kms:Revoke*", "kms:RotateKeyOnDemand", "kms:ScheduleKeyDeletion",
                      "kms:TagResource", "kms:UntagResource", "kms:Update*"]


def data_key() -> dict:
    """The key of the parents' data: the tables, the documents bucket, the secrets, and
    what the API encrypts itself (direct-deposit account numbers, authenticator
    secrets). Its policy keeps administering it apart from using it: the account's
    administrators may manage the key but not use it; DynamoDB, S3 and Secrets Manager
    use it for whoever in the account they serve (kms:ViaService, as AWS's own
    aws/dynamodb key does), so those services' permissions decide who reads what; only
    the functions that encrypt or decrypt themselves (the API; the ACH rail's file job,
    which decrypts the account numbers it sends; its returns, which encrypt a number a
    bank corrected) may use it directly, each only as its policy says (infra/policies)."""
    def through(service: str, sid: str, actions: list[str]) -> dict:
        return {"Sid": sid, "Effect": "Allow", "Principal": {"AWS": "*"},
                "Action": actions, "Resource": "*", "Condition": {"StringEquals": {
                    "kms:CallerAccount": {"Ref": "AWS::AccountId"},
                    "kms:ViaService": {"Fn::Sub": f"{service}.${{AWS::Region}}.amazonaws.com"}}}}

    return {
        "Type": "AWS::KMS::Key", "DeletionPolicy": "RetainExceptOnCreate",
        "UpdateReplacePolicy": "Retain", "Properties": {
            "Description": "Child support portal: the tables, documents, secrets, direct "
                           "deposit account numbers and authenticator secrets",
            "EnableKeyRotation": True,
            "KeyPolicy": {"Version": "2012-10-17", "Statement": [
                {"Sid": "KeyAdministration", "Effect": "Allow",
                 "Principal": {"AWS": {"Fn::Sub": "arn:aws:iam::${AWS::AccountId}:root"}},
                 "Action": KEY_ADMINISTRATION, "Resource": "*"},
                through("dynamodb", "ThroughDynamoDB",
                        ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*",
                         "kms:DescribeKey", "kms:CreateGrant"]),
                through("s3", "ThroughS3", ["kms:Decrypt", "kms:GenerateDataKey*",
                                            "kms:DescribeKey"]),
                through("backup", "ThroughBackup",
                        ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*",
                         "kms:DescribeKey", "kms:CreateGrant"]),
                through("secretsmanager", "ThroughSecretsManager",
                        ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey*",
                         "kms:DescribeKey"]),
                *({"Sid": f"{iam.logical(function)}Directly", "Effect": "Allow",
                   "Principal": {"AWS": {"Fn::GetAtt": [iam.role(function), "Arn"]}},
                   "Action": [f"kms:{a}" for a in uses.key], "Resource": "*"}
                  for function, uses in iam.FUNCTIONS.items() if uses.key)]}}}


BACKUP_ROLE_POLICIES = ["AWSBackupServiceRolePolicyForBackup",
                        "AWSBackupServiceRolePolicyForRestores",
                        "AWSBackupServiceRolePolicyForS3Backup",
                        "AWSBackupServiceRolePolicyForS3Restore"]


def backup_resources(tables: dict) -> dict:
    """AWS Backup: every table and the documents bucket copied daily into the stack's
    vault, kept BackupRetentionDays; on prod the vault is locked (after 3 days no one
    can shorten what it keeps or delete a copy early), and with BackupCopyVaultArn each
    copy goes on to a vault in another account or region as well. Point-in-time
    recovery (each table, 35 days) is the everyday restore (docs/security/runbooks.md,
    Restoring the data); these are for losing the account, the region or the stack."""
    resources = [{"Fn::GetAtt": [logical, "Arn"]} for logical, table in sorted(tables.items())
                 if "Condition" not in table]  # the sandbox processor's is not on prod
    retention = {"DeleteAfterDays": {"Ref": "BackupRetentionDays"}}
    return {
        "BackupVault": {
            "Type": "AWS::Backup::BackupVault", "DeletionPolicy": "Retain",
            "UpdateReplacePolicy": "Retain", "Properties": {
                "BackupVaultName": {"Fn::Sub": "csp-${Stage}-backups"},
                "EncryptionKeyArn": {"Fn::GetAtt": ["SecretsKey", "Arn"]},
                "LockConfiguration": {"Fn::If": ["ProdStage", {
                    "MinRetentionDays": 7, "MaxRetentionDays": 3650,
                    "ChangeableForDays": 3}, {"Ref": "AWS::NoValue"}]}}},
        "BackupRole": {"Type": "AWS::IAM::Role", "Properties": {
            "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{
                "Effect": "Allow", "Principal": {"Service": "backup.amazonaws.com"},
                "Action": "sts:AssumeRole"}]},
            "ManagedPolicyArns": [{"Fn::Sub": f"arn:${{AWS::Partition}}:iam::aws:policy/"
                                              f"service-role/{name}"}
                                  for name in BACKUP_ROLE_POLICIES]}},
        "BackupPlan": {"Type": "AWS::Backup::BackupPlan", "Properties": {"BackupPlan": {
            "BackupPlanName": {"Fn::Sub": "csp-${Stage}-daily"},
            "BackupPlanRule": [{
                "RuleName": "daily", "TargetBackupVault": {"Ref": "BackupVault"},
                "ScheduleExpression": "cron(0 11 * * ? *)",  # 2 a.m. in Alaska
                "StartWindowMinutes": 60, "CompletionWindowMinutes": 600,
                "Lifecycle": retention,
                "CopyActions": {"Fn::If": ["BackupCopyGiven", [{
                    "DestinationBackupVaultArn": {"Ref": "BackupCopyVaultArn"},
                    "Lifecycle": retention}], {"Ref": "AWS::NoValue"}]}}]}}},
        "BackupSelection": {"Type": "AWS::Backup::BackupSelection", "Properties": {
            "BackupPlanId": {"Ref": "BackupPlan"},
            "BackupSelection": {
                "SelectionName": "tables-and-documents",
                "IamRoleArn": {"Fn::GetAtt": ["BackupRole", "Arn"]},
                "Resources": resources + [{"Fn::GetAtt": ["DocumentsBucket", "Arn"]}]}}},
    }


def locked_bucket(name: str, retention: str, **properties) -> dict:
    """A bucket of record (the audit trail's, the bank's): <TablePrefix><name>-<account>,
    under Object Lock in compliance mode for the `retention` parameter's days (no one,
    the account's root included, can delete or shorten what it holds), versioned,
    private, on the stack's key; `properties` adds to its own."""
    return {
        "Type": "AWS::S3::Bucket", "DeletionPolicy": "Retain",
        "UpdateReplacePolicy": "Retain", "Properties": {
            "BucketName": {"Fn::Sub": f"${{TablePrefix}}{name}-${{AWS::AccountId}}"},
            "ObjectLockEnabled": True,
            "ObjectLockConfiguration": {"ObjectLockEnabled": "Enabled", "Rule": {
                "DefaultRetention": {"Mode": "COMPLIANCE", "Days": {"Ref": retention}}}},
            "VersioningConfiguration": {"Status": "Enabled"},
            "PublicAccessBlockConfiguration": {
                "BlockPublicAcls": True, "BlockPublicPolicy": True,
                "IgnorePublicAcls": True, "RestrictPublicBuckets": True},
            "OwnershipControls": {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]},
            "BucketEncryption": {"ServerSideEncryptionConfiguration": [{
                "ServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms",
                                                  "KMSMasterKeyID": {"Ref": "SecretsKey"}},
                "BucketKeyEnabled": True}]},
            **properties}}
