"""Tests for the rules an application must meet before it is sent (pure, no app)."""

from datetime import date
from decimal import Decimal

import pytest

from domain.application_rules import (
    GUARANTEES_KEY,
    ApplicationTerms,
    GuaranteeTerms,
    OrdererTerms,
    check_application,
    guarantee_ratio,
    ratio_basis,
)
from domain.eligibility import ESuretyRules
from domain.kinds import CertificateForm, GuaranteeKind, PaymentMethod, StartBasis
from domain.ratios import AmountRules

DAISEN = OrdererTerms(
    "大仙市",
    AmountRules(rounding_unit=10_000),
    ESuretyRules(frozenset(GuaranteeKind), date(2023, 12, 1), StartBasis.ANNOUNCEMENT),
)
PAPER_ONLY = OrdererTerms("サンプル町", AmountRules(), ESuretyRules(frozenset(), None, None))


def guarantee(amount: int | None, bank: str = "", **overrides) -> GuaranteeTerms:
    values = {
        "certificate_form": CertificateForm.ELECTRONIC,
        "amount": amount,
        "deposit_bank": bank,
        "payment_method": PaymentMethod.LUMP_SUM,
        "wants_fee_statement": False,
    }
    return GuaranteeTerms(**(values | overrides))


def terms(**overrides) -> ApplicationTerms:
    values = {
        "orderer_id": 1,
        "work_name": "市道テスト線道路改良工事",
        "contract_price": 50_000_000,
        "work_start": date(2026, 12, 1),
        "work_end": date(2027, 9, 30),
        "contract_date": date(2026, 11, 20),
        "announcement_date": date(2026, 10, 15),
        "guarantees": {
            GuaranteeKind.ADVANCE: guarantee(20_000_000, "秋田中央銀行　大曲支店"),
            GuaranteeKind.CONTRACT: guarantee(5_000_000),
        },
        "branch_id": 1,
        "contact_name": "申込 花子",
        "contact_phone": "0187-00-0000",
    }
    return ApplicationTerms(**(values | overrides))


def test_valid_terms_have_no_problem() -> None:
    assert check_application(terms(), DAISEN) == {}


def test_every_missing_item_is_named_by_its_field() -> None:
    problems = check_application(ApplicationTerms(), None)
    assert problems == {
        "work_name": "工事名を入力してください。",
        "contract_price": "請負金額を入力してください。",
        "work_start": "工期（着工日）を入力してください。",
        "work_end": "工期（完成日）を入力してください。",
        "contract_date": "請負契約日を入力してください。",
        "contact_name": "担当者名を入力してください。",
        "contact_phone": "連絡先電話番号を入力してください。",
        "orderer_id": "発注者を選択してください。",
        "branch_id": "申込送信先を選択してください。",
        GUARANTEES_KEY: "申し込む保証を1つ以上選んでください。",
    }


def test_an_empty_guarantee_block_names_each_item() -> None:
    empty = GuaranteeTerms()
    problems = check_application(
        terms(guarantees={GuaranteeKind.ADVANCE: empty, GuaranteeKind.CONTRACT: empty}), None
    )
    assert set(problems) == {
        "advance-certificate_form",
        "advance-amount",
        "advance-deposit_bank",
        "advance-payment_method",
        "advance-wants_fee_statement",
        "contract-certificate_form",
        "contract-amount",
        "contract-payment_method",
        "contract-wants_fee_statement",
    }  # a contract guarantee has no 預託金融機関


def test_work_end_before_start() -> None:
    problems = check_application(terms(work_end=date(2026, 11, 30)), DAISEN)
    assert problems == {"work_end": "工期の完成日は着工日以降の日付にしてください。"}


def test_mail_wanted_without_an_address() -> None:
    problems = check_application(terms(notify_by_mail=True), DAISEN)
    assert set(problems) == {"notify_email"}
    assert check_application(terms(notify_by_mail=True, notify_email="a@b.jp"), DAISEN) == {}


@pytest.mark.parametrize(
    ("advance", "contract", "field", "message"),
    [
        (20_010_000, 5_000_000, "advance-amount", "請負金額の40%（20,000,000円）以下"),
        (20_000_000, 4_999_999, "contract-amount", "請負金額の10%（5,000,000円）以上"),
        (None, 5_000_000, "contract-amount", "前払金保証も併せてお申し込みください。"),
    ],
)
def test_amount_problems_use_the_forms_field_names(advance, contract, field, message) -> None:
    guarantees = {GuaranteeKind.CONTRACT: guarantee(contract)}
    if advance is not None:
        guarantees[GuaranteeKind.ADVANCE] = guarantee(advance, "秋田中央銀行　大曲支店")
    problems = check_application(terms(guarantees=guarantees), DAISEN)
    assert list(problems) == [field]
    assert message in problems[field]


def test_a_missing_item_wins_over_the_orderers_rule_on_the_same_field() -> None:
    guarantees = {GuaranteeKind.ADVANCE: guarantee(None, "秋田中央銀行　大曲支店")}
    problems = check_application(terms(guarantees=guarantees), DAISEN)
    assert problems == {"advance-amount": "前払金保証金額を入力してください。"}


def test_e_surety_refused_beside_each_certificate_form() -> None:
    problems = check_application(terms(), PAPER_ONLY)
    assert set(problems) == {"advance-certificate_form", "contract-certificate_form"}
    early = check_application(terms(announcement_date=date(2023, 11, 30)), DAISEN)
    assert "令和5年12月1日以降" in early["advance-certificate_form"]


def test_paper_is_always_possible() -> None:
    paper = {
        GuaranteeKind.ADVANCE: guarantee(
            20_000_000, "秋田中央銀行　大曲支店", certificate_form=CertificateForm.PAPER
        ),
        GuaranteeKind.CONTRACT: guarantee(5_000_000, certificate_form=CertificateForm.PAPER),
    }
    assert check_application(terms(guarantees=paper), PAPER_ONLY) == {}


def test_the_ratio_is_of_this_years_amount_for_advances_only() -> None:
    multi_year = terms(this_year_amount=25_000_000)
    assert guarantee_ratio(multi_year, GuaranteeKind.ADVANCE) == Decimal("80.0")
    assert guarantee_ratio(multi_year, GuaranteeKind.CONTRACT) == Decimal("10.0")
    assert guarantee_ratio(terms(contract_price=None), GuaranteeKind.ADVANCE) is None
    assert guarantee_ratio(terms(), GuaranteeKind.INTERIM) is None


def test_ratio_basis_in_the_seeds_words() -> None:
    assert ratio_basis(GuaranteeKind.ADVANCE) == (
        "(請負金額もしくは今年度対象額に対する前払金保証金額の割合)"
    )
    assert ratio_basis(GuaranteeKind.CONTRACT) == "(請負金額に対する契約保証金額の割合)"
