"""提出 in Chromium: the contractor submits from the 電子保証概要, the orderer opens it from its
提出受付一覧 without typing the key, and the contractor then sees the 電子保証発行日時."""

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from extensions import db
from models import Application, GuaranteeContract, Orderer

pytestmark = pytest.mark.browser

ISSUED_WORK = "大仙市サンプル地区排水路整備工事"


def test_the_contractor_submits_and_the_orderer_opens_it_from_the_inbox(page, world, log_in):
    daisen = db.session.scalar(select(Orderer).where(Orderer.name == "大仙市"))
    daisen.accepts_submission_in_service = True
    daisen.departments = "契約検査課\n建設課"
    contract = db.session.scalar(
        select(GuaranteeContract)
        .join(Application)
        .where(Application.work_name == ISSUED_WORK)
        .order_by(GuaranteeContract.id)
    )
    number, contract_id = contract.number, contract.id
    db.session.commit()

    log_in("applicant")
    page.goto(f"/applicant/contracts/{contract_id}")
    history = page.locator("#history-title ~ table")
    expect(history).to_contain_text("未確認")
    page.get_by_label("提出先の担当課").select_option("契約検査課")
    page.get_by_role("button", name="発注者へ提出").click()
    expect(page.locator("#submission-status")).to_contain_text("未確認")
    page.get_by_role("button", name="ログアウト").click()

    log_in("verifier")
    page.get_by_role("link", name="提出受付一覧").click()
    row = page.locator("#inbox tbody tr", has_text=number)
    expect(row).to_contain_text("契約検査課")
    expect(row).to_contain_text("未確認")
    row.get_by_role("button", name="開く").click()
    expect(page.locator(".certificate")).to_contain_text(number)
    page.get_by_role("link", name="提出受付一覧").click()
    expect(page.locator("#inbox tbody tr", has_text=number)).to_contain_text("確認済")
    page.get_by_role("button", name="ログアウト").click()

    log_in("applicant")
    page.goto(f"/applicant/contracts/{contract_id}")
    expect(page.locator("#submission-status")).to_contain_text("確認済")
    expect(history).to_contain_text(re.compile(r"\d{4}/\d{2}/\d{2} \d{2}:\d{2}（大仙市）"))
