"""The certificate names its 保証債権者 (the orderer's head, e.g. 大仙市長), not just the city."""

import io

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from documents.certificate import certificate_view
from extensions import db
from models import Application, GuaranteeContract
from tests.conftest import ISSUED_WORK


@pytest.fixture
def contract(world, clock) -> GuaranteeContract:
    return db.session.scalar(
        select(GuaranteeContract)
        .join(Application)
        .where(Application.work_name == ISSUED_WORK)
        .order_by(GuaranteeContract.id)
    )


def _rows(html: str) -> str:
    return html.split('<article class="certificate"')[1].split("</article>")[0]


def test_the_certificate_and_its_pdf_name_the_creditor(client, login_as, contract):
    assert contract.versions[0].snapshot["creditor_name"] == "大仙市長"
    login_as("applicant")
    shown = _rows(client.get(f"/applicant/contracts/{contract.id}/versions/1").text)
    assert "保証債権者" in shown and "大仙市長" in shown
    pdf = client.get(f"/applicant/contracts/{contract.id}/versions/1/certificate.pdf").data
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "保証債権者" in text and "大仙市長" in text


def test_a_certificate_issued_before_the_creditor_was_kept_reads_as_issued(contract):
    snapshot = dict(contract.versions[0].snapshot)
    del snapshot["creditor_name"]
    rows = dict(certificate_view(snapshot).rows)
    assert rows["発注者"] == "大仙市" and "保証債権者" not in rows
