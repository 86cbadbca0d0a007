"""AWS Backup (issue #24): every table and the documents bucket copied daily into the
stack's vault, locked on prod, copied on to another account's or region's vault when one
is named; the key lets AWS Backup use it for whoever in the account it serves."""
import json
from pathlib import Path

from tests.infra.test_deploy import deploy

ROOT = Path(__file__).resolve().parents[2]


def resources() -> dict:
    return json.loads((ROOT / "infra" / "resources.json").read_text())


def test_every_table_and_the_documents_are_backed_up_daily_into_a_locked_vault():
    template = resources()
    found = template["Resources"]
    vault = found["BackupVault"]
    assert vault["DeletionPolicy"] == "Retain"
    assert vault["Properties"]["EncryptionKeyArn"] == {"Fn::GetAtt": ["SecretsKey", "Arn"]}
    condition, lock, otherwise = vault["Properties"]["LockConfiguration"]["Fn::If"]
    assert (condition, otherwise) == ("ProdStage", {"Ref": "AWS::NoValue"})
    assert lock["MinRetentionDays"] >= 7 and lock["ChangeableForDays"] == 3
    (rule,) = found["BackupPlan"]["Properties"]["BackupPlan"]["BackupPlanRule"]
    assert rule["TargetBackupVault"] == {"Ref": "BackupVault"}
    assert rule["ScheduleExpression"].startswith("cron(0 11 * * ? *")  # daily
    assert rule["Lifecycle"] == {"DeleteAfterDays": {"Ref": "BackupRetentionDays"}}
    given, (copy,), none = rule["CopyActions"]["Fn::If"]
    assert given == "BackupCopyGiven" and none == {"Ref": "AWS::NoValue"}
    assert copy["DestinationBackupVaultArn"] == {"Ref": "BackupCopyVaultArn"}
    assert template["Conditions"]["BackupCopyGiven"] == {"Fn::Not": [{"Fn::Equals": [
        {"Ref": "BackupCopyVaultArn"}, ""]}]}
    selected = {r["Fn::GetAtt"][0] for r in
                found["BackupSelection"]["Properties"]["BackupSelection"]["Resources"]}
    tables = {k for k, v in found.items() if v.get("Type") == "AWS::DynamoDB::Table"
              and "Condition" not in v}
    assert selected == tables | {"DocumentsBucket"}
    assert "SandboxProcessorTable" not in selected  # not made on prod
    key = {s["Sid"]: s for s in found["SecretsKey"]["Properties"]["KeyPolicy"]["Statement"]}
    assert key["ThroughBackup"]["Condition"]["StringEquals"]["kms:ViaService"] == {
        "Fn::Sub": "backup.${AWS::Region}.amazonaws.com"}


def test_a_copy_vault_is_a_deploy_setting(monkeypatch):
    monkeypatch.setenv("ALARM_EMAIL", "oncall@agency.example.gov")
    assert "BackupCopyVaultArn" not in deploy.parameters("prod")
    vault = "arn:aws:backup:us-west-2:210987654321:backup-vault:csp-prod-copies"
    monkeypatch.setenv("BACKUP_COPY_VAULT_ARN", vault)
    assert deploy.parameters("prod")["BackupCopyVaultArn"] == vault
