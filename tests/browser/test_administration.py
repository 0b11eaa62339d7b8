"""Administration in Chromium: a JV member reads the JV's contract and is offered no change;
head office disables an orderer, whose clerk can then not log in while the branch still opens
its certificates."""

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from extensions import db
from models import Contractor, GuaranteeContract
from tests.browser.steps import log_in

pytestmark = pytest.mark.browser


def test_a_jv_member_sees_the_jvs_contract_read_only(page, world, contract):
    from decimal import Decimal

    from builders import user

    from operations.joint_ventures import register_joint_venture

    ids = dict(db.session.execute(select(Contractor.name, Contractor.id)).all())
    jv = register_joint_venture(
        user("branch"),
        "大曲・秋田特定建設工事共同企業体",
        [(ids["大曲建設株式会社"], Decimal(60)), (ids["秋田土木工業株式会社"], Decimal(40))],
    )
    contract.application.joint_venture = jv
    db.session.commit()
    number = contract.number

    log_in(page, "applicant2")
    page.goto("/applicant/contracts")
    page.get_by_role("row", name=re.compile(number)).get_by_role("link", name="詳細").click()
    expect(page.locator("#jv-member")).to_contain_text("構成員として閲覧しています")
    expect(page.locator("#authentication-key")).to_have_count(0)
    expect(page.get_by_role("button", name=re.compile("提出"))).to_have_count(0)
    expect(page.get_by_role("link", name=re.compile("認証キー"))).to_have_count(0)
    response = page.goto(f"/applicant/contracts/{contract.id}/key-notice.pdf")
    assert response.status == 404


def test_a_disabled_orderers_clerk_cannot_log_in_and_the_branch_opens_its_certificates(
    page, world, contract
):
    log_in(page, "hq")
    page.goto("/admin/orderers")
    page.get_by_role("link", name="大仙市").click()
    page.get_by_role("button", name="この発注者を無効にする").click()
    expect(page.get_by_text("発注者「大仙市」を無効にしました。")).to_be_visible()
    page.get_by_role("button", name="ログアウト").click()

    log_in(page, "verifier")
    expect(page.get_by_text("ログインIDまたはパスワード")).to_be_visible()

    log_in(page, "branch")
    number = db.session.get(GuaranteeContract, contract.id).number
    page.goto(f"/branch/contracts/{contract.id}")
    expect(page.get_by_text(number).first).to_be_visible()
    page.goto(f"/branch/contracts/{contract.id}/versions/1")
    expect(page.get_by_text(number).first).to_be_visible()
