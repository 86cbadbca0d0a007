"""Messages with the agency and letters from it, with unread counts and the Action Center."""
from datetime import timedelta

import requests

from tests.api.test_documents import PDF, PNG, upload
from tests.cases import JANE, parent, staff_token

CASE = "000020108"


def send(client, token, **change):
    body = {"subject": "Question about my payment", "body": "When will it post?", **change}
    return client.post("/messages", body, token=token)


def settings(client, token, **change):
    body = {"mail_delivery": "electronic", "notify_new_mail": True, "subscriptions": [],
            **change}
    assert client.call("PUT", "/me/settings", body, token=token).status_code == 200


def center(client, token):
    return {i["kind"]: i for i in client.get("/action-center", token=token).data["items"]}


def test_a_parent_writes_and_the_agency_answers(client, outbox, john):
    document = upload(client, john)
    sent = send(client, john, case_id=CASE, document_ids=[document])
    assert sent.status_code == 201, sent.data
    thread = sent.data["thread_id"]
    assert sent.data["messages"][0]["document_ids"] == [document]
    staff = staff_token(client, outbox)
    waiting = client.get("/agency/messages", token=staff).data["threads"]
    assert [t["thread_id"] for t in waiting] == [thread]
    assert (waiting[0]["parent_name"], waiting[0]["member_id"]) == ("Pat Parent", "04025286")
    seen = client.get(f"/agency/messages/{thread}", token=staff).data
    assert seen["messages"][0]["body"] == "When will it post?"
    # the caseworker sees who the thread is with (it said "The parent")
    assert (seen["parent_name"], seen["member_id"]) == ("Pat Parent", "04025286")
    assert client.get(f"/documents/{document}", token=staff).status_code == 200
    before = len(outbox.messages("john@example.com"))
    answered = client.post(f"/agency/messages/{thread}", {"body": "In two days."}, token=staff)
    assert answered.status_code == 201
    assert client.get("/agency/messages", token=staff).data["threads"] == []
    assert len(outbox.messages("john@example.com")) == before  # not subscribed to messages
    inbox = client.get("/messages", token=john).data
    assert inbox["unread"] == 1 and inbox["threads"][0]["unread"] == 1
    assert center(client, john)["unread_messages"]["title"] == "You have an unread message"
    opened = client.get(f"/messages/{thread}", token=john).data
    assert [x["sender"] for x in opened["messages"]] == ["parent", "agency"]
    assert client.get("/messages", token=john).data["unread"] == 0
    assert "unread_messages" not in center(client, john)
    client.post(f"/messages/{thread}", {"body": "Thank you."}, token=john)
    assert [t["thread_id"] for t in client.get("/agency/messages", token=staff).data[
        "threads"]] == [thread]


def test_subscribers_are_emailed_without_the_message_itself(client, outbox, john):
    settings(client, john, subscriptions=["messages"])
    thread = send(client, john).data["thread_id"]
    staff = staff_token(client, outbox)
    client.post(f"/agency/messages/{thread}", {"body": "Secret details."}, token=staff)
    told = outbox.last("john@example.com")
    assert told.subject.startswith("You have a new message")
    assert "Secret details." not in told.body and "Question about my payment" in told.body


def test_the_agency_can_write_first_to_a_linked_member(client, outbox, john):
    staff = staff_token(client, outbox)
    made = client.post("/agency/members/04025286/messages",
                       {"subject": "Documents needed", "body": "Please send a pay stub."},
                       token=staff)
    assert made.status_code == 201, made.data
    assert client.get("/messages", token=john).data["unread"] == 1
    unlinked = client.post("/agency/members/04024333/messages",
                           {"subject": "Hello", "body": "Hi"}, token=staff)
    assert unlinked.status_code == 404
    assert unlinked.data["error"]["code"] == "member_not_linked"


def test_a_message_about_a_case_waits_in_its_caseworkers_queue_first(client, outbox, john):
    """Kentucky: a case names its office and caseworker; the parent sees them, and a
    message about the case waits in that caseworker's queue (all staff still see it)."""
    from chalicelib.clock import utc_now
    from chalicelib.services import case_data
    from tests.cases import STAFF_EMAIL, demo_records

    the_case = next(r for r in demo_records() if r.get("case_id") == CASE
                    and r["type"] == "case")
    case_data.load([{**the_case, "caseworker_email": STAFF_EMAIL.upper(),
                     "caseworker_name": "Casey Worker", "office_id": "fairbanks"}], utc_now())
    detail = client.get(f"/cases/{CASE}", token=john).data
    assert detail["caseworker"] == "Casey Worker" and "caseworker_email" not in detail
    assert detail["office"]["name"].endswith("Fairbanks") and detail["office"]["phone"]
    about_case = send(client, john, case_id=CASE).data["thread_id"]
    about_nothing = send(client, john, subject="A general question").data["thread_id"]
    staff = staff_token(client, outbox)
    other = staff_token(client, outbox, email="other.worker@agency.example.gov")
    mine = client.get("/agency/messages?mine=true", token=staff).data["threads"]
    assert [t["thread_id"] for t in mine] == [about_case]
    assert client.get("/agency/messages?mine=true", token=other).data["threads"] == []
    everyone = {t["thread_id"] for t in client.get("/agency/messages", token=other).data[
        "threads"]}
    assert {about_case, about_nothing} <= everyone
    client.post(f"/agency/messages/{about_case}", {"body": "Here is the answer."}, token=other)
    assert client.get("/agency/messages?mine=true", token=staff).data["threads"] == []
    client.post(f"/messages/{about_case}", {"body": "One more thing."}, token=john)
    assert [t["thread_id"] for t in client.get("/agency/messages?mine=true", token=staff).data[
        "threads"]] == [about_case]  # the parent's reply: back in the caseworker's queue


def test_others_cannot_read_or_reply_and_parents_cannot_work_the_queue(client, outbox, john):
    thread = send(client, john).data["thread_id"]
    jane = parent("jane@example.com", JANE)
    assert client.get(f"/messages/{thread}", token=jane).status_code == 404
    assert client.post(f"/messages/{thread}", {"body": "x"}, token=jane).status_code == 404
    assert client.get("/messages", token=jane).data["threads"] == []
    assert client.get("/agency/messages", token=jane).status_code == 403
    assert client.post(f"/agency/messages/{thread}", {"body": "x"},
                       token=jane).status_code == 403
    assert send(client, jane, case_id="999999999").status_code == 404
    janes_doc = upload(client, jane)
    assert send(client, john, document_ids=[janes_doc]).status_code == 422


def test_letters_are_posted_listed_opened_and_counted(client, outbox, john):
    staff = staff_token(client, outbox)
    document = upload(client, staff, filename="Notice of Arrears.pdf")
    posted = client.post("/agency/members/04025286/letters",
                         {"title": "Notice of Arrears", "document_id": document,
                          "case_id": CASE}, token=staff)
    assert posted.status_code == 201, posted.data
    assert "Notice of Arrears" in outbox.last("john@example.com").body  # electronic mail
    listed = client.get("/letters", token=john).data
    assert listed["unread"] == 1 and listed["letters"][0]["read_at"] is None
    assert center(client, john)["unread_letters"]["link"] == "/letters"
    letter = listed["letters"][0]["letter_id"]
    opened = client.get(f"/letters/{letter}", token=john)
    assert opened.status_code == 200 and opened.data["read_at"]
    assert requests.get(opened.data["download_url"]).content == PDF
    assert client.get("/letters", token=john).data["unread"] == 0
    assert "unread_letters" not in center(client, john)
    jane = parent("jane@example.com", JANE)
    assert client.get(f"/letters/{letter}", token=jane).status_code == 404
    assert client.get(f"/documents/{document}", token=jane).status_code == 404
    assert client.get("/letters", token=jane).data["letters"] == []


def test_a_letter_is_a_pdf_the_staff_member_uploaded(client, outbox, john):
    staff = staff_token(client, outbox)
    image = upload(client, staff, content=PNG, content_type="image/png", filename="a.png")
    refused = client.post("/agency/members/04025286/letters",
                          {"title": "Picture", "document_id": image}, token=staff)
    assert refused.status_code == 422
    johns = upload(client, john)
    assert client.post("/agency/members/04025286/letters",
                       {"title": "Not mine", "document_id": johns},
                       token=staff).status_code == 422
    assert client.get("/letters", token=john).data["letters"] == []
    assert client.post("/agency/members/04025286/letters",
                       {"title": "x", "document_id": johns}, token=john).status_code == 403


def test_paper_mail_is_not_emailed(client, outbox, john):
    settings(client, john, mail_delivery="paper")
    staff = staff_token(client, outbox)
    before = len(outbox.messages("john@example.com"))
    client.post("/agency/members/04025286/letters",
                {"title": "Notice", "document_id": upload(client, staff)}, token=staff)
    assert len(outbox.messages("john@example.com")) == before


def test_paper_letters_wait_to_be_printed_and_mailed_to_the_address_on_record(client, outbox,
                                                                             john, clock):
    settings(client, john, mail_delivery="paper")
    staff = staff_token(client, outbox)
    document = upload(client, staff)
    letter = client.post("/agency/members/04025286/letters",
                         {"title": "Notice", "document_id": document}, token=staff).data
    # a member with no logon gets paper too: no one would read it online
    clock.shift(timedelta(minutes=1))
    client.post("/agency/members/04024333/letters",
                {"title": "Welcome", "document_id": upload(client, staff)}, token=staff)
    waiting = client.get("/agency/letters/to-mail", token=staff).data["letters"]
    assert [(x["member_id"], x["title"]) for x in waiting] == [
        ("04025286", "Notice"), ("04024333", "Welcome")]  # oldest first
    assert waiting[0]["name"] == "JOHN DOE" and waiting[0]["document_id"] == document
    assert waiting[0]["mailing_address"]["city"]  # his, on record now
    path = f"/agency/members/04025286/letters/{letter['letter_id']}/mailed"
    assert client.post(path, token=john).status_code == 403
    mailed = client.post(path, token=staff)
    assert mailed.status_code == 200 and mailed.data["mailed_at"]
    again = client.post(path, token=staff)
    assert again.status_code == 409 and again.data["error"]["code"] == "letter_not_to_mail"
    assert [x["title"] for x in client.get("/agency/letters/to-mail", token=staff).data[
        "letters"]] == ["Welcome"]
    assert client.get("/letters", token=john).data["letters"][0]["mailed_at"]  # he sees it
    gone = client.post("/agency/members/04025286/letters/20260101000000-ffffffff/mailed",
                       token=staff)
    assert gone.status_code == 404


def test_electronic_letters_are_emailed_and_never_wait_for_printing(client, outbox, john):
    staff = staff_token(client, outbox)
    client.post("/agency/members/04025286/letters",
                {"title": "Notice", "document_id": upload(client, staff)}, token=staff)
    assert client.get("/agency/letters/to-mail", token=staff).data["letters"] == []


def test_emails_name_pages_as_the_menu_does():
    """A parent looks for the page an email names in the menu: "My requests" under I Want
    To..., not the API's "Submissions"."""
    from pathlib import Path

    for template in (Path(__file__).parents[2] / "chalicelib" / "templates" / "email").rglob("*"):
        if template.is_file():
            text = template.read_text()
            assert "Submissions" not in text and "Envíos" not in text, template.name


def test_a_caseworker_sees_who_a_member_is_and_a_wrong_number_is_not_found(client, outbox, john):
    staff = staff_token(client, outbox)
    card = client.get("/agency/members/04025286", token=staff)
    assert card.status_code == 200, card.data
    assert card.data == {"member_id": "04025286", "name": "JOHN DOE", "linked": True,
                         "cases": [{"case_id": CASE, "role": "obligor"}],
                         "preferred_contact": None}
    wrong = client.get("/agency/members/99999999", token=staff)
    assert wrong.status_code == 404 and wrong.data["error"]["code"] == "member_not_found"
    assert client.get("/agency/members/04025286", token=john).status_code == 403


def test_a_fee_accounts_own_mail_settings_decide_its_letters(client, outbox, john):
    """Alaska's Settings, Fees: each fee account's delivery and notification are the
    individual's ("default") unless set; a letter about the account follows them."""
    from chalicelib.clock import utc_now
    from chalicelib.services import case_data

    case_data.load([{"type": "fee_account", "member_id": "04025286", "account": "000-777",
                     "description": "Genetic testing", "balance_cents": 3500}], utc_now())
    shown = {f["account"]: f for f in client.get("/me/settings", token=john).data[
        "fee_accounts"]}  # the demo's and this one
    assert shown["000-777"] == {"account": "000-777", "mail_delivery": "default",
                                "notify_new_mail": "default"} and len(shown) == 2
    settings(client, john, fee_accounts=[{"account": "000-777", "mail_delivery": "paper"}])
    shown = {f["account"]: f for f in client.get("/me/settings", token=john).data[
        "fee_accounts"]}
    assert shown["000-777"]["mail_delivery"] == "paper"
    assert shown["004025286-003-001"]["mail_delivery"] == "default"  # not named: default
    staff = staff_token(client, outbox)
    before = len(outbox.messages("john@example.com"))
    about_fee = client.post("/agency/members/04025286/letters", {
        "title": "Fee notice", "document_id": upload(client, staff), "fee_account": "000-777"},
        token=staff)
    assert about_fee.status_code == 201, about_fee.data
    client.post("/agency/members/04025286/letters",
                {"title": "Case notice", "document_id": upload(client, staff)}, token=staff)
    waiting = [x["title"] for x in client.get("/agency/letters/to-mail", token=staff).data[
        "letters"]]
    assert waiting == ["Fee notice"]  # on paper; the case letter is electronic, emailed
    told = outbox.messages("john@example.com")[before:]
    assert [m.subject for m in told] == ["You have a new letter from Child Support Services "
                                         "Division"]
    wrong = client.call("PUT", "/me/settings", {
        "mail_delivery": "electronic", "notify_new_mail": True, "subscriptions": [],
        "fee_accounts": [{"account": "999-999"}]}, token=john)
    assert wrong.status_code == 422 and "fee_accounts" in wrong.data["error"]["fields"]
    unknown = client.post("/agency/members/04025286/letters", {
        "title": "x", "document_id": upload(client, staff), "fee_account": "999-999"}, token=staff)
    assert unknown.status_code == 404


def test_a_fee_letter_follows_the_individual_by_default():
    from types import SimpleNamespace

    from chalicelib.services.letters import delivery

    person = SimpleNamespace(mail_delivery="paper", notify_new_mail=True, fee_settings=[
        SimpleNamespace(account="A", mail_delivery="default", notify_new_mail="default"),
        SimpleNamespace(account="B", mail_delivery="electronic", notify_new_mail="off")])
    assert delivery(person, "A") == (True, False)  # paper, as the individual: no email
    assert delivery(person, "B") == (False, False)  # its own: electronic, not told
    assert delivery(person, None) == (True, False)
    assert delivery(None, "A") == (True, False)  # no logon: paper
