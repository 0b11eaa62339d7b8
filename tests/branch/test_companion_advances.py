"""A change of a 前払金保証 or of the 中間前払金保証 of the same work weighs the other: together
they stay within 6/10 of the 請負金額 — through the change form the contract page renders."""

from dataclasses import replace
from decimal import Decimal

import pytest
from sqlalchemy import select

from domain.kinds import CertificateForm, GuaranteeKind
from extensions import db
from models import ApplicationStatus, GuaranteeContract, Orderer
from operations.contract_changes import advance_companion
from tests.builders import errors_beside, make_application, make_terms, orderer_id, ticked


@pytest.fixture
def pair(web, world) -> dict[GuaranteeKind, GuaranteeContract]:
    """An orderer paying up to half in advance (so each amount may be within its own ratio and
    the sum not): 前払金 22,000,000円 and 中間前払金 6,000,000円 (paper) on 50,000,000円,
    issued together through the review page; the branch user stays logged in to `web`."""
    db.session.get(Orderer, orderer_id("大仙市")).advance_ratio = Decimal("0.5")
    advance = make_terms().guarantees[GuaranteeKind.ADVANCE]
    guarantees = {
        GuaranteeKind.ADVANCE: replace(advance, amount=22_000_000),
        GuaranteeKind.INTERIM: replace(
            advance, amount=6_000_000, certificate_form=CertificateForm.PAPER
        ),
    }
    application = make_application(
        status=ApplicationStatus.SUBMITTED,
        work_name="市道中間前払線道路改良工事",
        guarantees=guarantees,
    )
    web.log_in("branch")
    ticked(web.get(f"/branch/applications/{application.id}").forms["issue"]).submit().follow()
    contracts = db.session.scalars(
        select(GuaranteeContract)
        .where(GuaranteeContract.application_id == application.id)
        .order_by(GuaranteeContract.id)
    ).all()
    return {contract.kind: contract for contract in contracts}


def _change(web, contract, status=303, **fields):
    """Fill the change form as rendered and submit it."""
    form = web.get(f"/branch/contracts/{contract.id}").forms["change"]
    for name, value in fields.items():
        form[name] = value
    return form.submit(status=status)


def test_the_two_advances_of_one_work_find_each_other(pair):
    advance, interim = pair[GuaranteeKind.ADVANCE], pair[GuaranteeKind.INTERIM]
    assert advance_companion(advance) == interim and advance_companion(interim) == advance


@pytest.mark.rendered_form("branch.change")
@pytest.mark.parametrize(
    ("kind", "fields", "field", "total", "limit"),
    [
        ("interim", {"kind": "increase", "new_amount": "8,500,000"}, "new_amount", 30_500_000,
         30_000_000),
        ("advance", {"kind": "increase", "new_amount": "24,500,000"}, "new_amount", 30_500_000,
         30_000_000),
        ("interim", {"kind": "increase", "new_amount": "6,500,000",
                     "new_contract_price": "46,000,000"}, "new_amount", 28_500_000, 27_600_000),
        ("advance", {"kind": "decrease", "new_amount": "21,900,000",
                     "new_contract_price": "46,000,000"}, "new_amount", 27_900_000, 27_600_000),
    ],
)  # fmt: skip
def test_a_change_past_six_tenths_with_the_other_advance_is_refused(
    web, pair, kind, fields, field, total, limit
):
    contract = pair[GuaranteeKind(kind)]
    before = (contract.revision, contract.amount, contract.contract_price, len(contract.versions))
    response = _change(web, contract, status=422, **fields)
    assert (
        f"前払金保証金額と中間前払金保証金額の合計（{total:,}円）が請負金額の6/10"
        f"（{limit:,}円）を超えます。"
    ) in errors_beside(response.text, field)
    db.session.refresh(contract)
    after = (contract.revision, contract.amount, contract.contract_price, len(contract.versions))
    assert after == before
    # The page stays usable: the same form, filled again, goes through once within the limit.
    form = response.forms["change"]
    form["kind"], form["new_amount"], form["new_contract_price"] = "decrease", "5,000,000", ""
    form.submit(status=303)
    assert contract.amount == 5_000_000


@pytest.mark.rendered_form("branch.change")
@pytest.mark.parametrize(
    ("kind", "amount"), [("interim", 8_000_000), ("advance", 24_000_000)]
)  # fmt: skip
def test_a_change_up_to_six_tenths_goes_through(web, pair, kind, amount):
    contract = pair[GuaranteeKind(kind)]
    page = _change(web, contract, kind="increase", new_amount=f"{amount:,}").follow()
    assert "変更-1（増額）を発行しました。" in page.text
    assert contract.amount == amount


@pytest.mark.rendered_form("branch.change")
def test_a_lower_price_alone_is_recorded_as_the_seeds_note_2_says(web, pair):
    interim = pair[GuaranteeKind.INTERIM]
    _change(web, interim, kind="contract_facts", new_contract_price="46,000,000")
    assert (interim.contract_price, interim.amount) == (46_000_000, 6_000_000)


@pytest.mark.rendered_form("branch.change")
def test_a_cancelled_advance_no_longer_counts(web, pair):
    advance, interim = pair[GuaranteeKind.ADVANCE], pair[GuaranteeKind.INTERIM]
    page = web.get(f"/branch/contracts/{advance.id}")
    form = ticked(page.forms["cancel"])
    form.submit(status=303)
    assert advance_companion(interim) is None
    _change(web, interim, kind="increase", new_amount="10,000,000")
    assert interim.amount == 10_000_000


@pytest.mark.rendered_form("branch.change", "branch.undo")
def test_undoing_a_decrease_that_the_other_advance_has_used_is_refused(web, pair):
    advance, interim = pair[GuaranteeKind.ADVANCE], pair[GuaranteeKind.INTERIM]
    _change(web, advance, kind="decrease", new_amount="18,000,000")
    _change(web, interim, kind="increase", new_amount="10,000,000")
    page = web.get(f"/branch/contracts/{advance.id}").forms["undo"].submit().follow()
    assert "変更-1を取り消すと、前払金保証金額と中間前払金保証金額の合計（32,000,000円）" in page
    assert advance.amount == 18_000_000 and len(advance.versions) == 2
