"""Search: the words in the request types the parent may file, the Resource Programs,
their own requests and messages, in their language, accents aside; never another's."""
from tests.api.test_web_requests import fill, submit
from tests.cases import JANE, parent


def found(client, token, q, language="en"):
    answer = client.get("/search", token=token, query={"q": q},
                        headers={"Accept-Language": language})
    assert answer.status_code == 200, answer.data
    return {(r["kind"], r["title"]): r for r in answer.data["results"]}


def test_request_types_and_resources_by_words_in_both_languages(client, john):
    english = found(client, john, "ADDRESS change")
    assert english[("request_type", "Change of Address")]["link"] == (
        "/i-want-to#type-change_of_address")
    spanish = found(client, john, "direccion", "es")  # no accent typed
    assert ("request_type", "Cambio de dirección") in spanish
    refunds = found(client, john, "refund")
    assert refunds[("resource", "Where is my Refund?")]["link"] == "https://www.irs.gov/refunds"
    assert found(client, john, "zzzz nothing") == {}


def test_my_own_requests_and_messages_and_never_anothers(client, john):
    number = submit(client, john, fill(client, john, "close_case")).data["confirmation_number"]
    client.post("/messages", {"subject": "Hearing date question", "body": "When?"}, token=john)
    mine = found(client, john, "close")
    assert mine[("request", "Close My Case")]["detail"] == number
    assert ("message", "Hearing date question") in found(client, john, "hearing")
    jane = parent("jane@example.com", JANE)
    theirs = found(client, jane, "hearing")
    assert not [k for k in theirs if k[0] in ("request", "message")]
    assert client.get("/search", query={"q": "x"}).status_code == 401
    assert client.get("/search", token=john, query={"q": ""}).status_code == 422
