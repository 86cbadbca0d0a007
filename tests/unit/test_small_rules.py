import pytest

from chalicelib.domain import contact, secrets, security_questions


@pytest.mark.parametrize("raw, expected", [
    ("(907) 555-0142", "+19075550142"), ("907.555.0142", "+19075550142"),
    ("+1 907 555 0142", "+19075550142"), ("+44 20 7946 0958", "+442079460958"),
    ("555-0142", None), ("(107) 555-0142", None), ("22345678901", None), ("phone", None),
    ("9" * 40, None)])
def test_phone_numbers_are_normalised_or_refused(raw, expected):
    assert contact.normalize_phone(raw) == expected


def test_zip_codes_have_five_or_nine_digits():
    assert contact.valid_zip("99501") and contact.valid_zip("99501-1234")
    assert not contact.valid_zip("9950") and not contact.valid_zip("99501-12")


def test_emails_are_masked_for_display_and_matched_case_insensitively():
    assert contact.mask_email("jane@example.com") == "j***@example.com"
    assert contact.mask_email("j@example.com") == "j**@example.com"
    assert contact.email_key("  Jane.Doe@Example.COM ") == "jane.doe@example.com"


def test_security_answers_ignore_case_and_spacing():
    assert security_questions.normalize_answer("  Rex   the DOG ") == "rex the dog"


def test_tokens_are_long_random_and_stored_as_sha256():
    a, b = secrets.new_token(), secrets.new_token()
    assert a != b and len(a) >= 43  # 256 bits in URL-safe base64
    assert len(secrets.token_hash(a)) == 64 and secrets.token_hash(a) != a


def test_codes_are_six_digits():
    codes = {secrets.new_code() for _ in range(200)}
    assert all(len(c) == 6 and c.isdigit() for c in codes) and len(codes) > 150


def test_a_code_hash_depends_on_its_challenge():
    assert secrets.code_hash("a", "123456") != secrets.code_hash("b", "123456")


def test_secrets_are_hashed_with_argon2id_and_verified():
    stored = secrets.hash_secret("rex")
    assert stored.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert secrets.verify_secret(stored, "rex")
    assert not secrets.verify_secret(stored, "Rex")
    assert not secrets.verify_secret(None, "rex")
    assert not secrets.verify_secret("not-a-hash", "rex")


def test_an_address_hint_masks_the_name_and_the_domain():
    from chalicelib.domain.contact import hint

    assert hint("jdoe@gmail.com") == "j***@g***.com"
    assert hint("ana.lopez@agency.example.gov") == "a***@a***.gov"
    assert hint("x@localhost") == "x***@l***"
