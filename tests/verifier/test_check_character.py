"""認証キー with a check character, from both sides: the own orderer's slip of the hand is
answered as a slip and counts towards no lock; to anyone else it is the one "not found" and
counts as any miss does; keys issued before the check character keep working."""

import re

import pytest
from sqlalchemy import select

from domain.identifiers import key_check_matches, key_groups
from extensions import db
from models import LookupAttempt, LookupOutcome
from operations.keys import digest_of
from operations.verification import NOT_FOUND

TYPO = "認証キーの入力に誤りがあるようです。もう一度ご確認ください。"
LOCKED = "一時的に停止しています"
SUSPENDED = "入力の誤りが続いたため、しばらく確認を停止しています"
#: A key of the old form (12 random characters) whose last character is not its check.
LEGACY_KEY = "ABCDEFGHJKMN"


def _slip(key: str) -> str:
    """The key with its first character copied wrong (a check character catches every such)."""
    return ("a" if key[0] != "a" else "b") + key[1:]


def _outcomes() -> list[LookupOutcome]:
    return db.session.scalars(select(LookupAttempt.outcome).order_by(LookupAttempt.id)).all()


def _answer(response) -> str:
    """The page below the header, without the echoed values and the CSRF token."""
    return re.sub(r'value="[^"]*"', "", response.text.split('<main id="main">')[1])


def test_a_new_key_carries_its_check_character(contract, key):
    assert contract.key_has_check and key_check_matches(key)


def test_the_own_orderers_slips_are_told_as_slips_and_lock_nothing(
    login_as, look_up, contract, key
):
    login_as("verifier")
    for _ in range(12):  # past the contract's lock (5) and the clerk's own limit (10)
        answer = look_up(contract.number, _slip(key))
        assert answer.status_code == 422 and TYPO in answer.text
        assert NOT_FOUND not in answer.text
        assert _slip(key) not in answer.text and key_groups(_slip(key)) not in answer.text
    assert look_up(contract.number, key).status_code == 303
    assert _outcomes() == [LookupOutcome.MISTYPED] * 12 + [LookupOutcome.OPENED]


def test_a_wrong_key_with_a_matching_check_character_still_counts(login_as, look_up, contract, key):
    login_as("verifier")
    guess = "WRNGKEYWRNGK"  # what a guesser types: the check character is no secret
    assert key_check_matches(guess)
    for _ in range(5):
        assert NOT_FOUND in look_up(contract.number, guess).text
    assert LOCKED in look_up(contract.number, key).text


def test_another_orderers_slip_gets_the_one_answer_and_counts(login_as, look_up, contract, key):
    login_as("verifier2")  # 秋田県 types a bad-check key for 大仙市's contract
    slipped = look_up(contract.number, _slip(key))
    unknown = look_up("99999-999999", _slip(key))
    assert slipped.status_code == unknown.status_code == 422
    assert _answer(slipped) == _answer(unknown) and TYPO not in slipped.text
    assert NOT_FOUND in slipped.text
    for _ in range(8):
        look_up(contract.number, _slip(key))
    assert SUSPENDED in look_up(contract.number, key).text  # its ten misses stop it, as today
    assert _outcomes()[:10] == [LookupOutcome.NOT_FOUND] * 10


@pytest.fixture
def legacy_contract(app, contract):
    """The contract as if its key had been issued before keys carried a check character."""
    with app.test_request_context():
        contract.key_digest = digest_of(LEGACY_KEY)
    contract.key_has_check = False
    db.session.commit()
    return contract


def test_a_key_of_the_old_form_still_opens(login_as, look_up, legacy_contract):
    assert not key_check_matches(LEGACY_KEY)
    login_as("verifier")
    assert look_up(legacy_contract.number, key_groups(LEGACY_KEY)).status_code == 303


def test_slips_on_a_key_of_the_old_form_count_as_before(login_as, look_up, legacy_contract):
    login_as("verifier")
    for _ in range(5):
        answer = look_up(legacy_contract.number, _slip(LEGACY_KEY))
        assert NOT_FOUND in answer.text and TYPO not in answer.text
    assert LOCKED in look_up(legacy_contract.number, LEGACY_KEY).text
    assert _outcomes()[:5] == [LookupOutcome.WRONG_KEY] * 5


def test_the_key_field_is_plain_monospace_text_and_nothing_is_kept(client, login_as):
    login_as("verifier")
    response = client.get("/verifier/")
    field = re.search(r'<input[^>]*name="key"[^>]*>', response.text)[0]
    for attribute in ('type="text"', 'autocomplete="off"', 'spellcheck="false"',
                      'autocapitalize="off"', "data-key-groups", "key-input"):  # fmt: skip
        assert attribute in field, attribute
    assert response.headers["Cache-Control"] == "no-store"


def test_the_contractors_page_shows_the_key_in_groups_and_is_not_kept(
    client, login_as, contract, key
):
    login_as("applicant")
    response = client.get(f"/applicant/contracts/{contract.id}")
    assert f'class="key-text">{key_groups(key)}<' in response.text
    assert response.headers["Cache-Control"] == "no-store"
