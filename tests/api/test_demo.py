"""The make run demo: John's Action Center as the Alaska screenshot shows it."""
from chalicelib.local import demo
from tests.people import sign_in


def test_the_demo_action_center_and_a_second_load_changes_nothing(client, outbox, clock):
    demo.load()
    demo.load()
    john = sign_in(client, outbox, demo.DEMO_EMAIL, demo.DEMO_PASSWORD)
    items = {i["kind"]: i for i in client.get("/action-center", token=john).data["items"]}
    assert items["unread_messages"]["title"] == "You have an unread message"
    assert items["unread_letters"]["title"] == "You have an unread letter"
    assert items["draft"]["title"] == "Request an Order Modification hasn't been submitted"
    assert items["balance_due"]["title"] == "$800.00 balance due"
    letter = client.get("/letters", token=john).data["letters"][0]
    opened = client.get(f"/letters/{letter['letter_id']}", token=john)
    assert opened.status_code == 200 and opened.data["download_url"]


def test_the_action_center_and_request_types_in_spanish(client, outbox, clock):
    demo.load()
    john = sign_in(client, outbox, demo.DEMO_EMAIL, demo.DEMO_PASSWORD)
    spanish = {"Accept-Language": "es-US,es;q=0.9"}
    items = {i["kind"]: i for i in client.get("/action-center", token=john,
                                                headers=spanish).data["items"]}
    assert items["unread_messages"]["title"] == "Tiene un mensaje sin leer"
    assert items["balance_due"]["title"] == "Saldo vencido de $800.00"
    assert items["draft"]["title"] == "Solicitar una modificación de la orden: todavía no se envió"
    types = {t["id"]: t for t in client.get("/request-types", token=john,
                                             headers=spanish).data["request_types"]}
    assert types["change_of_address"]["title"] == "Cambio de dirección"
    assert types["change_of_address"]["steps"][1]["title"] == "Sus datos"
    english = client.get("/action-center", token=john).data["items"]
    assert any(i["title"] == "$800.00 balance due" for i in english)
