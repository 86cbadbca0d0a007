import pytest

from chalicelib.domain import passwords

GOOD = "Correct-Horse-Battery-9"


def test_a_long_mixed_unpredictable_password_passes():
    assert passwords.problems(GOOD) == []


@pytest.mark.parametrize("password, rule", [
    ("Sh0rt!pass", "too_short"),
    ("correct-horse-battery-9", "no_upper"),
    ("CORRECT-HORSE-BATTERY-9", "no_lower"),
    ("Correct-Horse-Battery-X", "no_digit"),
    ("CorrectHorseBattery9xyz", "no_special"),
    (" Correct-Horse-Battery-9", "edge_space"),
    ("Correct-Horse-Battery-9 ", "edge_space"),
    ("A1!" + "x" * 130, "too_long"),
])
def test_each_rule_is_reported(password, rule):
    assert rule in passwords.problems(password)


def test_a_password_meeting_every_rule_but_easy_to_guess_is_too_weak():
    assert passwords.problems("Password123456!") == ["too_weak"]


@pytest.mark.parametrize("personal", [
    ["Patricia", "Parent"], ["pat.parent@example.com"], ["+19075550142"], ["1989-02-16"]])
def test_personal_information_is_refused(personal):
    candidates = {"Patricia": "Patricia-Horse-Battery-9", "Parent": "Xq-Parent-Battery-9",
                  "pat.parent@example.com": "Battery-parent-Horse-9",
                  "+19075550142": "Battery-Horse-5550142!", "1989-02-16": "Battery-Horse-1989!q"}
    password = candidates[personal[0]]
    assert "personal_info" in passwords.problems(password, personal)
    assert "personal_info" not in passwords.problems(password, ["Someone", "Else"])


def test_short_name_parts_do_not_block_every_password():
    assert passwords.personal_fragments(["Al", "Li"]) == []


def test_describe_joins_the_messages_in_order():
    text = passwords.describe(["too_short", "no_digit"])
    assert text == "Use at least 14 characters. Include a number."
