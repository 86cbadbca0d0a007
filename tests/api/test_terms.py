"""The terms and conditions, privacy policy and disclaimer (the state's terms.json):
registration records the version accepted, and a new version is asked again."""
from tests.cases import staff_token
from tests.people import register, sign_in


def test_the_terms_privacy_and_disclaimer_in_both_languages(client):
    english = client.get("/terms").data
    assert [d["id"] for d in english["documents"]] == ["terms", "privacy", "disclaimer"]
    assert english["documents"][1]["title"] == "Privacy policy"
    spanish = client.get("/terms", headers={"Accept-Language": "es"}).data
    assert spanish["documents"][2]["title"] == "Aviso legal"
    assert spanish["version"] == english["version"]


def test_registration_records_the_version_and_a_new_one_is_asked_again(client, outbox,
                                                                         monkeypatch):
    from chalicelib.services import terms

    register(client, outbox)
    token = sign_in(client, outbox)
    me = client.get("/me", token=token).data
    assert me["terms_version"] == terms.version() and me["terms_outdated"] is False
    was = terms.version()
    monkeypatch.setattr(terms, "version", lambda: "2027-01-01")  # the agency's new text
    assert client.get("/me", token=token).data["terms_outdated"] is True
    stale = client.post("/me/terms", {"version": was}, token=token)
    assert stale.status_code == 409 and stale.data["error"]["code"] == "terms_changed"
    assert client.post("/me/terms", {"version": "2027-01-01"}, token=token).status_code == 204
    me = client.get("/me", token=token).data
    assert me["terms_version"] == "2027-01-01" and me["terms_outdated"] is False
    events = client.get("/me/activity", token=token).data["items"]
    assert events[0]["event"] == "terms_accepted"
    assert events[0]["detail"] == {"version": "2027-01-01"}


def test_staff_are_not_asked_and_a_session_is_needed(client, outbox, monkeypatch):
    from chalicelib.services import terms

    monkeypatch.setattr(terms, "version", lambda: "2027-01-01")
    assert client.get("/me", token=staff_token(client, outbox)).data["terms_outdated"] is False
    assert client.post("/me/terms", {"version": "2027-01-01"}).status_code == 401
