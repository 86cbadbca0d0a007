"""Documents: presigned upload to S3, recorded only once the file is there and checked,
attached once, opened by those allowed to see the record."""
import base64
import json

import requests

from tests.api.test_web_requests import CASE, start
from tests.cases import JANE, parent, staff_token

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40


SIZE = len(PDF)


def begin(client, token, content_type="application/pdf", size=SIZE, filename="proof.pdf"):
    return client.post("/documents", {"filename": filename, "content_type": content_type,
                                      "size": size}, token=token)


def post_file(form, content, content_type="application/pdf"):
    fields = dict(form["fields"])
    sent = requests.post(form["url"], data=fields, files={"file": ("f", content, content_type)})
    assert sent.status_code in (200, 204), sent.text


def upload(client, token, content=PDF, content_type="application/pdf", **kw):
    made = begin(client, token, content_type=content_type, size=len(content), **kw)
    assert made.status_code == 201, made.data
    post_file(made.data["upload"], content, content_type)
    done = client.post(f"/documents/{made.data['document_id']}/complete", token=token)
    assert done.status_code == 200, done.data
    return made.data["document_id"]


def test_upload_attach_and_open(client, john):
    document = upload(client, john, filename="../../pay stub (March).pdf")
    sid = start(client, john, "order_modification", CASE).data["submission_id"]
    attached = client.post(f"/submissions/{sid}/documents", {"document_ids": [document]},
                           token=john)
    assert attached.status_code == 200, attached.data
    assert attached.data["documents"] == [{"document_id": document, "content_type":
                                           "application/pdf", "size": len(PDF),
                                           "filename": "pay stub (March).pdf"}]
    opened = client.get(f"/documents/{document}", token=john)
    assert opened.status_code == 200
    assert requests.get(opened.data["download_url"]).content == PDF


def test_the_upload_policy_holds_the_type_and_size(client, john):
    form = begin(client, john).data["upload"]
    policy = json.loads(base64.b64decode(form["fields"]["policy"]))
    assert ["content-length-range", 1, 10 * 1024 * 1024] in policy["conditions"]
    assert {"Content-Type": "application/pdf"} in policy["conditions"]


def test_nothing_is_recorded_before_the_file_arrives(client, john):
    made = begin(client, john).data
    early = client.post(f"/documents/{made['document_id']}/complete", token=john)
    assert early.status_code == 409 and early.data["error"]["code"] == "upload_missing"
    sid = start(client, john, "order_modification", CASE).data["submission_id"]
    refused = client.post(f"/submissions/{sid}/documents",
                          {"document_ids": [made["document_id"]]}, token=john)
    assert refused.status_code == 422
    assert refused.data["error"]["code"] == "document_unavailable"


def test_a_file_that_is_not_what_it_claims_is_refused_and_removed(client, john):
    made = begin(client, john, size=len(PNG)).data
    post_file(made["upload"], PNG)  # a PNG sent as a PDF
    refused = client.post(f"/documents/{made['document_id']}/complete", token=john)
    assert refused.status_code == 422 and refused.data["error"]["code"] == "document_refused"
    assert client.get(f"/documents/{made['document_id']}", token=john).status_code == 404


def test_an_oversize_file_is_refused_even_if_s3_took_it(client, john):
    big = PDF + b"0" * (10 * 1024 * 1024)
    made = begin(client, john, size=1000).data
    post_file(made["upload"], big)  # the real S3 refuses it by the policy; moto does not
    refused = client.post(f"/documents/{made['document_id']}/complete", token=john)
    assert refused.status_code == 422 and "size" in refused.data["error"]["fields"]


def test_wrong_types_and_sizes_are_refused_before_upload(client, john):
    assert begin(client, john, content_type="text/plain").status_code == 422
    assert begin(client, john, size=10 * 1024 * 1024 + 1).status_code == 422
    assert begin(client, john, size=0).status_code == 422


def test_others_cannot_complete_open_or_attach_a_document(client, outbox, john):
    document = upload(client, john)
    jane = parent("jane@example.com", JANE)
    assert client.post(f"/documents/{document}/complete", token=jane).status_code == 404
    assert client.get(f"/documents/{document}", token=jane).status_code == 404
    janes = start(client, jane, "close_case", CASE).data["submission_id"]
    stolen = client.post(f"/submissions/{janes}/documents", {"document_ids": [document]},
                         token=jane)
    assert stolen.status_code == 422
    staff = staff_token(client, outbox)
    assert client.get(f"/documents/{document}", token=staff).status_code == 200


def test_a_document_is_attached_once(client, john):
    document = upload(client, john, content=PNG, content_type="image/png", filename="a.png")
    first = start(client, john, "order_modification", CASE).data["submission_id"]
    second = start(client, john, "close_case", CASE).data["submission_id"]
    assert client.post(f"/submissions/{first}/documents", {"document_ids": [document]},
                       token=john).status_code == 200
    again = client.post(f"/submissions/{second}/documents", {"document_ids": [document]},
                        token=john)
    assert again.status_code == 422


def test_the_upload_form_lasts_five_minutes(client, john):
    from datetime import datetime, timedelta, timezone

    form = begin(client, john).data["upload"]
    policy = json.loads(base64.b64decode(form["fields"]["policy"]))
    expires = datetime.strptime(policy["expiration"], "%Y-%m-%dT%H:%M:%SZ").replace(
        tzinfo=timezone.utc)
    assert expires - datetime.now(timezone.utc) <= timedelta(minutes=5, seconds=5)


def test_a_checked_upload_cannot_be_replaced_through_its_form(client, outbox, john):
    """The form still works for a few minutes after the upload: a second file sent with
    it is a new version of the object, and every link opens the version that was checked."""
    made = begin(client, john).data
    post_file(made["upload"], PDF)
    assert client.post(f"/documents/{made['document_id']}/complete",
                       token=john).status_code == 200
    swapped = PDF.replace(b"1 0 obj", b"9 9 obj")  # the same size and type, other bytes
    post_file(made["upload"], swapped)
    staff = staff_token(client, outbox)
    for token in (john, staff):
        opened = client.get(f"/documents/{made['document_id']}", token=token).data
        assert requests.get(opened["download_url"]).content == PDF


def scanned(document_id, verdict):
    """What GuardDuty Malware Protection does once it has scanned the version: tags it."""
    import boto3

    from chalicelib.dal.documents import Document
    from chalicelib.settings import get_settings

    document = Document.get(document_id)
    boto3.client("s3", region_name="us-east-1").put_object_tagging(
        Bucket=get_settings().documents_bucket, Key=document.key,
        VersionId=document.version_id,
        Tagging={"TagSet": [{"Key": "GuardDutyMalwareScanStatus", "Value": verdict}]})


def test_a_document_reaches_staff_only_once_scanned_clean(client, outbox, john, monkeypatch):
    monkeypatch.setenv("DOCUMENT_SCANNING", "guardduty")
    document = upload(client, john)
    staff = staff_token(client, outbox)
    waiting = client.get(f"/documents/{document}", token=staff)
    assert waiting.status_code == 409 and waiting.data["error"]["code"] == "document_scanning"
    assert client.get(f"/documents/{document}", token=john).status_code == 200  # his own
    scanned(document, "NO_THREATS_FOUND")
    opened = client.get(f"/documents/{document}", token=staff)
    assert opened.status_code == 200
    assert requests.get(opened.data["download_url"]).content == PDF
    other = upload(client, john)
    scanned(other, "UNSUPPORTED")
    refused = client.get(f"/documents/{other}", token=staff)
    assert refused.status_code == 409 and refused.data["error"]["code"] == "document_unscanned"


def test_a_document_with_a_threat_opens_for_no_one(client, outbox, john, monkeypatch):
    monkeypatch.setenv("DOCUMENT_SCANNING", "guardduty")
    document = upload(client, john)
    scanned(document, "THREATS_FOUND")
    staff = staff_token(client, outbox)
    for token in (staff, john):
        blocked = client.get(f"/documents/{document}", token=token,
                             headers={"Accept-Language": "es"})
        assert blocked.status_code == 410 and blocked.data["error"]["code"] == "document_blocked"
        assert "virus" in blocked.data["error"]["message"]


def test_prod_cannot_turn_scanning_off():
    from chalicelib import settings

    _, problems = settings.read({"STAGE": "prod", "DOCUMENT_SCANNING": "off",
                                 "WEB_ORIGINS": "https://childsupport.example.gov"})
    assert any("DOCUMENT_SCANNING" in p for p in problems)
    found, problems = settings.read({"STAGE": "dev", "WEB_ORIGINS": "https://x.example.gov"})
    assert found.document_scanning == "guardduty"
