"""Forgot case number from the sign-in page (Arizona; issue #26): SSN, date of birth and
mailing ZIP, no logon. The case numbers go to the address the agency has on file, never
to the screen; the answer is the same whether or not anything matched; per SSN and per
member it is limited."""
from tests.cases import load_demo

JANE = {"ssn": "123-45-3333", "date_of_birth": "1990-07-04", "zip": "99501"}
ANSWER = ("If the details match a member with an email address on file, we emailed the "
          "case numbers to it.")


def ask(client, body, headers=None):
    return client.post("/auth/forgot-case-number", body, headers=headers or {})


def test_the_case_numbers_go_to_the_address_on_file_and_never_to_the_screen(client, outbox):
    load_demo()
    answered = ask(client, JANE)
    assert answered.status_code == 202 and answered.data["message"] == ANSWER
    assert "000020108" not in str(answered.data)
    sent = outbox.last("janedoe@test.com")
    assert sent.subject == "Your child support case numbers"
    assert "000020108" in sent.body and "JANE" in sent.body


def test_the_same_answer_and_nothing_sent_when_a_detail_does_not_match(client, outbox):
    load_demo()
    for wrong in ({**JANE, "zip": "99502"}, {**JANE, "date_of_birth": "1990-07-05"},
                  {**JANE, "ssn": "123-45-3334"}):
        answered = ask(client, wrong)
        assert answered.status_code == 202 and answered.data["message"] == ANSWER
    assert outbox.messages("janedoe@test.com") == []


def test_spanish_is_asked_in_spanish(client, outbox):
    load_demo()
    ask(client, {**JANE, "ssn": "123453333"}, {"Accept-Language": "es"})
    assert outbox.last("janedoe@test.com").subject == "Sus números de caso de manutención infantil"


def test_an_ssn_is_limited_however_it_is_written(client, outbox):
    load_demo()
    statuses = [ask(client, {**JANE, "ssn": ssn}).status_code
                for ssn in ["123-45-3333", "123453333"] * 4]
    assert statuses[:6] == [202] * 6 and statuses[6:] == [429, 429]
    # and one member gets three emails a day at most, whatever the limits allow
    assert len(outbox.messages("janedoe@test.com")) == 3


def test_the_details_are_checked_before_anything(client):
    bad = ask(client, {"ssn": "12-345-6789", "date_of_birth": "1990-07-04", "zip": "995"})
    assert bad.status_code == 422 and set(bad.data["error"]["fields"]) == {"ssn", "zip"}
