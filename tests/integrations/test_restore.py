"""Restoring the data, rehearsed against moto as far as it goes (issue #24;
docs/security/runbooks.md, Restoring the data): every table restored beside the live one,
then the chosen items copied back. moto's point-in-time restore copies the table as it
is, not as it was (it keeps no history), so the rehearsal restores first and spoils the
live item after, which is the order the real restore undoes."""
import json
from datetime import datetime, timezone

import boto3

from chalicelib.dal import agency
from chalicelib.dal.agency import PROFILE, MemberItem
from chalicelib.dal.tables import MODELS
from chalicelib.tools import restore
from tests.cases import load_demo

MEMBER = "04025286"  # the demo's John


def test_tables_restored_beside_and_a_spoiled_item_copied_back(aws, tmp_path, capsys):
    load_demo()
    client = boto3.client("dynamodb", region_name="us-east-1")
    for model in MODELS:  # as the template turns it on for every table
        client.update_continuous_backups(
            TableName=model.Meta.table_name,
            PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True})
    assert restore.main(["beside", "--at", datetime.now(timezone.utc).isoformat(),
                         "--suffix", "r1"]) == 0
    said = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {s["table"] for s in said} == {m.Meta.table_name for m in MODELS}
    members = next(s for s in said if s["table"] == MemberItem.Meta.table_name)
    assert members["items"] > 0 and members["restored_as"].endswith("-r1")
    # a bad load spoils a member; the restored copy puts it back, and only it
    MemberItem(MEMBER, PROFILE).update(actions=[MemberItem.last_name.set("WRONG")])
    other = agency.member("04024333")
    MemberItem("04024333", PROFILE).update(actions=[MemberItem.phone.set("9075550000")])
    keys = tmp_path / "keys.json"
    keys.write_text(json.dumps([{"member_id": MEMBER, "item": PROFILE}]))
    assert restore.main(["copy", "--table", "members", "--suffix", "r1",
                         "--keys", str(keys)]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "table": MemberItem.Meta.table_name, "copied": 1}
    assert agency.member(MEMBER).last_name == "DOE"
    assert agency.member("04024333").phone == "9075550000" != other.phone
