"""Lockouts from the attacker's side: only the own orderer's wrong keys lock a contract; any
other miss stops only the one who typed it; the branch sees foreign tries and lifts a lock."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from domain.kinds import CertificateForm
from extensions import db
from models import AuditEntry, GuaranteeContract, LookupAttempt, LookupOutcome
from operations.errors import DomainError
from operations.keys import reveal_key
from operations.verification import NOT_FOUND, Suspended, open_certificate
from tests.builders import make_branch_staff, make_verifier, ticked

#: A well-formed key with a matching check character, as a guesser would type: a wrong key.
WRONG = "WRNGKEYWRNGK"
SUSPENDED = "入力の誤りが続いたため、しばらく確認を停止しています"
LOCKED = "一時的に停止しています"


def _answer(response) -> str:
    """The page below the header, without the echoed values and the CSRF token."""
    return re.sub(r'value="[^"]*"', "", response.text.split('<main id="main">')[1])


def _lock(login_as, look_up, contract) -> None:
    """大仙市's own five wrong keys."""
    login_as("verifier")
    for _ in range(5):
        assert NOT_FOUND in look_up(contract.number, WRONG).text


def test_another_orderers_wrong_keys_never_lock_the_contract(login_as, look_up, contract, key):
    login_as("verifier2")  # 秋田県
    for _ in range(10):
        response = look_up(contract.number, WRONG)
        assert response.status_code == 422 and NOT_FOUND in response.text
    login_as("verifier")  # 大仙市, the contract's orderer, with the right key
    assert look_up(contract.number, key).status_code == 303


def test_another_orderer_gets_the_answer_of_an_unknown_number(login_as, look_up, contract, key):
    login_as("verifier2")
    answers = [look_up("99999-999999", WRONG), look_up(contract.number, WRONG)]
    answers.append(look_up(contract.number, key))  # even the right pair of a foreign contract
    _lock(login_as, look_up, contract)
    login_as("verifier2")
    answers.append(look_up(contract.number, key))  # and when the contract is locked
    assert {response.status_code for response in answers} == {422}
    bodies = {_answer(response) for response in answers}
    assert len(bodies) == 1 and NOT_FOUND in bodies.pop()


def test_the_own_orderers_five_wrong_keys_lock_it_until_a_stated_time(
    login_as, look_up, contract, key, clock
):
    _lock(login_as, look_up, contract)
    locked = look_up(contract.number, key)
    assert locked.status_code == 422 and LOCKED in locked.text
    assert "11月25日 09:15まで" in locked.text  # the fifth miss at 09:00 JST, plus 15 minutes
    clock.now += timedelta(minutes=15)
    assert look_up(contract.number, key).status_code == 303


def _paper_number() -> str:
    """The number of a contract issued on paper (the demo's 契約保証, turned to paper)."""
    paper = db.session.scalars(select(GuaranteeContract).order_by(GuaranteeContract.id)).all()[-1]
    paper.certificate_form = CertificateForm.PAPER
    db.session.commit()
    return paper.number


def test_every_other_miss_stops_only_the_one_who_typed_it(login_as, look_up, contract, key, clock):
    paper = _paper_number()
    login_as("verifier2")
    typed = [("99999-999999", WRONG)] * 4 + [("nonsense", "x")] * 2
    typed += [(contract.number, WRONG)] * 2 + [(paper, WRONG)] * 2  # foreign and paper alike
    for number, typed_key in typed:
        assert NOT_FOUND in look_up(number, typed_key).text
    stopped = look_up("99999-999999", WRONG)
    assert stopped.status_code == 422 and SUSPENDED in stopped.text
    assert "11月25日 09:15以降" in stopped.text
    assert NOT_FOUND not in stopped.text
    login_as("verifier")  # nobody else is stopped, nor told
    opened = look_up(contract.number, key)
    assert opened.status_code == 303
    login_as("verifier2")
    clock.now += timedelta(minutes=15)
    assert NOT_FOUND in look_up("99999-999999", WRONG).text


def test_the_own_orderers_misses_on_unknown_numbers_stop_its_clerk_too(
    login_as, look_up, contract, key
):
    login_as("verifier")
    for _ in range(10):
        assert NOT_FOUND in look_up("10501-999999", WRONG).text
    stopped = look_up(contract.number, key)
    assert stopped.status_code == 422 and SUSPENDED in stopped.text


def test_an_orderers_accounts_together_are_limited_too(app, world, contract, key):
    clerks = [make_verifier(f"akita-{n}") for n in range(4)]
    with app.test_request_context():
        for clerk, misses in zip(clerks, (9, 9, 9, 3), strict=True):
            for _ in range(misses):
                with pytest.raises(DomainError) as refused:
                    open_certificate(clerk, "99999-999999", WRONG, "192.0.2.1")
                assert refused.value.message == NOT_FOUND
        fresh = make_verifier("akita-new")
        with pytest.raises(Suspended):
            open_certificate(fresh, "99999-999999", WRONG, "192.0.2.1")
        daisen_clerk = make_verifier("daisen-2", "大仙市")
        assert open_certificate(daisen_clerk, contract.number, key, "192.0.2.1") == contract


def test_the_branch_sees_foreign_tries_but_not_the_orderers_own(
    client, login_as, look_up, contract
):
    login_as("verifier2")
    for _ in range(3):
        look_up(contract.number, WRONG)
    login_as("verifier")
    look_up(contract.number, WRONG)
    login_as("branch")
    page = client.get(f"/branch/contracts/{contract.id}").text
    tries = page.split('id="foreign-tries"')[1].split("</section>")[0]
    assert "確認 秋田（verifier2）" in tries and "秋田県" in tries and "3回" in tries
    assert "2026/11/25 09:00" in tries  # when, in Japan time
    assert "verifier）" not in tries and "ロック中" not in page


@pytest.mark.rendered_form("branch.lift_lock")
def test_the_branch_lifts_a_lock(web, app, client, login_as, look_up, contract, key, clock):
    _lock(login_as, look_up, contract)
    clock.now += timedelta(minutes=1)
    web.log_in("branch")
    page = web.get(f"/branch/contracts/{contract.id}")
    assert "ロック中" in page.text
    lifted = page.forms["lift-lock"].submit().follow()
    assert "ロックを解除しました" in lifted.text and "ロック中" not in lifted.text
    entry = db.session.scalar(
        select(AuditEntry).where(AuditEntry.action == "contract.lockout_lifted")
    )
    assert entry.user.login_id == "branch" and "11月25日 09:15までのロックを解除" in entry.detail
    login_as("verifier")
    assert look_up(contract.number, key).status_code == 303


@pytest.mark.rendered_form("branch.reissue")
def test_a_key_reissue_clears_the_lock(web, app, login_as, look_up, contract, clock):
    _lock(login_as, look_up, contract)
    clock.now += timedelta(minutes=1)
    web.log_in("branch")
    page = web.get(f"/branch/contracts/{contract.id}")
    reissue = next(f for f in page.forms.values() if f.action.endswith("/reissue-key"))
    assert "再発行しました" in ticked(reissue).submit().follow().text
    db.session.expire_all()
    with app.test_request_context():
        new_key = reveal_key(db.session.get(GuaranteeContract, contract.id))
    login_as("verifier")
    assert look_up(contract.number, new_key).status_code == 303


def test_a_branch_outside_the_contracts_scope_cannot_lift(
    client, login_as, look_up, post, contract, key, clock
):
    _lock(login_as, look_up, contract)
    clock.now += timedelta(minutes=1)
    make_branch_staff()
    login_as("yokote")
    assert client.get(f"/branch/contracts/{contract.id}").status_code == 404
    forged = post(f"/branch/contracts/{contract.id}/lift-lock", {"revision": contract.revision})
    assert forged.status_code == 404
    login_as("verifier")
    assert LOCKED in look_up(contract.number, key).text


def test_lifting_a_contract_that_is_not_locked_is_refused(client, login_as, post, contract):
    login_as("branch")
    response = post(f"/branch/contracts/{contract.id}/lift-lock", {"revision": contract.revision})
    assert "ロックされていません" in client.get(response.location).text
    assert not db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == "contract.lockout_lifted")
    ).all()


def test_suspended_tries_are_kept_apart(login_as, look_up):
    login_as("verifier2")
    for _ in range(11):
        look_up("99999-999999", WRONG)
    outcomes = db.session.scalars(select(LookupAttempt.outcome).order_by(LookupAttempt.id)).all()
    assert outcomes == [LookupOutcome.NOT_FOUND] * 10 + [LookupOutcome.SUSPENDED]
