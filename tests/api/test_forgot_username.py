"""Forgot username (issue #26): the logon is an email address; a parent who forgot which
one gives their member or case number, last name and date of birth. The logon's address
goes to the address the agency has on file, and the logon's own address is told, masked;
the answer is the same whether or not anything matched."""
from tests.cases import JOHN, load_demo, parent

ANSWER = ("If the details match a member with a logon and an email address on file, we "
          "emailed the logon's address to it.")


def ask(client, **body):
    return client.post("/auth/forgot-username", body)


def test_the_logons_address_goes_to_the_address_on_file_and_the_logon_is_told(client, outbox):
    load_demo()
    parent("john.signs.in@example.com", JOHN)  # his logon, not the address on file
    answered = ask(client, member_id=JOHN["member_id"], last_name="Doe",
                   date_of_birth="1989-02-16")
    assert answered.status_code == 202 and answered.data["message"] == ANSWER
    assert "john.signs.in" not in str(answered.data)
    reminder = outbox.last("johndoe@test.com")
    assert reminder.subject == "The email address you sign in with"
    assert "john.signs.in@example.com" in reminder.body
    told = outbox.last("john.signs.in@example.com")
    assert told.subject == "Someone asked which email address your logon uses"
    assert "j***@e***.com" in told.body and "j***@t***.com" in told.body
    assert "john.signs.in@example.com" not in told.body


def test_by_case_number_too_and_nothing_for_a_wrong_detail(client, outbox):
    load_demo()
    parent("john.signs.in@example.com", JOHN)
    for wrong in ({"last_name": "Roe"}, {"date_of_birth": "1989-02-17"},
                  {"case_id": "000099999"}):
        body = {"case_id": "000020108", "last_name": "DOE", "date_of_birth": "1989-02-16",
                **wrong}
        answered = ask(client, **body)
        assert answered.status_code == 202 and answered.data["message"] == ANSWER
    assert outbox.messages("johndoe@test.com") == []
    ask(client, case_id="000020108", last_name="DOE", date_of_birth="1989-02-16")
    assert "john.signs.in@example.com" in outbox.last("johndoe@test.com").body


def test_a_member_with_no_logon_gets_nothing_and_the_answer_is_the_same(client, outbox):
    load_demo()
    answered = ask(client, member_id=JOHN["member_id"], last_name="DOE",
                   date_of_birth="1989-02-16")
    assert answered.status_code == 202 and answered.data["message"] == ANSWER
    assert outbox.messages("johndoe@test.com") == []


def test_one_number_is_limited_and_one_member_emailed_three_times_a_day(client, outbox):
    load_demo()
    parent("john.signs.in@example.com", JOHN)
    statuses = [ask(client, member_id=JOHN["member_id"], last_name="DOE",
                    date_of_birth="1989-02-16").status_code for _ in range(8)]
    assert statuses == [202] * 6 + [429, 429]
    assert len(outbox.messages("johndoe@test.com")) == 3
    assert ask(client, last_name="DOE", date_of_birth="1989-02-16").status_code == 422
