"""The SSN key can be rotated (issue #24): members are matched with the version their
SSN was hashed with, a match with the previous version is hashed again with the current
one, and every member a load sends is hashed with the current one."""
from chalicelib.dal import agency
from chalicelib.domain.identity import ssn_hmac
from chalicelib.integrations import secrets
from chalicelib.services import association, case_data
from tests.cases import member, parent
from tests.services.conftest import NOW, OBLIGEE, OBLIGOR

FIRST = "local-only-ssn-key"  # the test stage's
SECOND = "second-key-" + "s" * 40
THIRD = "third-key-" + "t" * 40


def rotate(monkeypatch, to: str, previous: str) -> None:
    monkeypatch.setenv("SSN_HMAC_KEY", to)
    monkeypatch.setenv("SSN_HMAC_KEY_PREVIOUS", previous)


def hashed(member_id: str) -> tuple[str, str]:
    found = agency.member(member_id)
    return found.ssn_hmac, found.ssn_key_version


def counts(*keys: str) -> list[int]:
    """How many members each key's version hashed (the tool's counting Queries)."""
    return [agency.ssn_key_count(version(k)) for k in keys]


def version(key: str) -> str:
    """A key set in the environment is named after itself (integrations/secrets.py)."""
    import hashlib

    named = "local-" + hashlib.sha256(key.encode()).hexdigest()[:12]
    assert named in {k.version for k in secrets.ssn_keys()} or key == FIRST
    return named


def test_a_match_with_the_previous_key_links_and_hashes_again_with_the_current(
        roe_case, monkeypatch):
    digits = OBLIGOR["ssn"].replace("-", "")
    assert hashed(OBLIGOR["member_id"]) == (ssn_hmac(digits, FIRST), version(FIRST))
    rotate(monkeypatch, SECOND, FIRST)
    token = parent("obligor@example.com", OBLIGOR)  # links by identity
    assert token
    assert hashed(OBLIGOR["member_id"]) == (ssn_hmac(digits, SECOND), version(SECOND))
    # a second rotation: the obligor, hashed again, still matches; the obligee, never
    # seen since the first key, no longer does (what the rotation tool refuses to do)
    rotate(monkeypatch, THIRD, SECOND)
    assert association._matches(agency.member(OBLIGOR["member_id"]),
                                association.Identity(**OBLIGOR))
    assert not association._matches(agency.member(OBLIGEE["member_id"]),
                                    association.Identity(**OBLIGEE))
    # the obligor's match hashed it again with the third; the obligee is left on the first
    assert counts(THIRD, SECOND, FIRST) == [1, 0, 1]


def test_a_load_after_a_rotation_hashes_every_member_it_sends_with_the_current_key(
        roe_case, monkeypatch):
    rotate(monkeypatch, SECOND, FIRST)
    results = case_data.load([member(OBLIGEE["member_id"], "ROE", OBLIGEE["ssn"],
                                     OBLIGEE["date_of_birth"])], NOW)
    assert [r.status for r in results] == ["updated"]
    assert hashed(OBLIGEE["member_id"]) == (
        ssn_hmac(OBLIGEE["ssn"].replace("-", ""), SECOND), version(SECOND))
    assert counts(SECOND, FIRST) == [1, 1]


def test_a_hash_stored_before_versions_were_kept_matches_with_either_key(
        roe_case, monkeypatch):
    from chalicelib.dal.agency import PROFILE, MemberItem

    MemberItem(OBLIGOR["member_id"], PROFILE).update(
        actions=[MemberItem.ssn_key_version.remove(), MemberItem.ssn_key_shard.remove()])
    assert counts(FIRST) == [1]  # the obligee's; a hash with no version is counted nowhere
    rotate(monkeypatch, SECOND, FIRST)
    parent("obligor@example.com", OBLIGOR)
    assert agency.member(OBLIGOR["member_id"]).linked_user_id
    assert hashed(OBLIGOR["member_id"])[1] == version(SECOND)
