"""Bad input on the application form: a Japanese message beside the field, 422, nothing saved."""

from decimal import Decimal

import pytest
from sqlalchemy import select

from domain.kinds import GuaranteeKind
from extensions import db
from models import Application, Orderer
from tests.builders import (
    application_form,
    errors_beside,
    make_application,
    orderer_id,
    row_counts,
)

NEW = "/applicant/applications/new"


def _refused(post, overrides: dict, field_id: str, message: str, url: str = NEW) -> str:
    """Post the form with overrides; assert the refusal and that nothing was saved."""
    before = row_counts()
    response = post(url, application_form(**overrides))
    assert response.status_code == 422
    assert message in errors_beside(response.text, field_id)
    assert row_counts() == before
    return response.text


@pytest.mark.parametrize(
    ("overrides", "field_id", "message"),
    [
        ({"contract_price": "五千万円"}, "contract_price", "金額は数字で入力してください。"),
        ({"advance-amount": "20,000,000円也"}, "advance-amount", "金額は数字で入力してください。"),
        ({"advance-amount": "-1,000"}, "advance-amount", "マイナスの金額は入力できません。"),
        ({"contract_price": "−50,000,000"}, "contract_price", "マイナスの金額は入力できません。"),
        ({"advance-amount": "0"}, "advance-amount", "金額は1円以上で入力してください。"),
        ({"contract-amount": "5,000,000.5"}, "contract-amount", "円未満の端数は入力できません。"),
        (
            {"this_year_amount": "１２３４５６７８９０１２３４"},
            "this_year_amount",
            "金額は13桁以内で入力してください。",
        ),
    ],
    ids=["words", "trailing-text", "negative", "minus-sign", "zero", "fraction", "too-long"],
)
def test_yen_that_is_not_a_whole_positive_number(login_as, post, overrides, field_id, message):
    login_as("applicant")
    _refused(post, overrides, field_id, message)


@pytest.mark.parametrize(
    ("overrides", "field_id", "message"),
    [
        (
            {"advance-amount": "60,000,000"},
            "advance-amount",
            "前払金保証金額は請負金額（50,000,000円）以下にしてください。",
        ),
        (
            {"contract-amount": "50,000,001"},
            "contract-amount",
            "契約保証金額は請負金額（50,000,000円）以下にしてください。",
        ),
        (
            {"this_year_amount": "60,000,000"},
            "this_year_amount",
            "今年度対象額は請負金額（50,000,000円）以下にしてください。",
        ),
        (
            {"advance-amount": "20,000,001"},
            "advance-amount",
            "前払金保証金額は請負金額の40%（20,000,000円）以下にしてください。",
        ),
        (
            # 40% of 50,005,000 is 20,002,000; 大仙市 cuts to 10,000 yen: 20,000,000.
            {"contract_price": "50,005,000", "advance-amount": "20,002,000"},
            "advance-amount",
            "前払金保証金額は請負金額の40%（20,000,000円）以下にしてください。",
        ),
        (
            {"this_year_amount": "30,000,000", "advance-amount": "12,010,000"},
            "advance-amount",
            "前払金保証金額は今年度対象額の40%（12,000,000円）以下にしてください。",
        ),
        (
            {"contract-amount": "4,999,999"},
            "contract-amount",
            "契約保証金額は請負金額の10%（5,000,000円）以上にしてください。",
        ),
        (
            {"advance-requested": None},
            "contract-amount",
            "契約保証は前払金保証と同じ工事でのみお申し込みいただけます。",
        ),
        (
            {"advance-requested": None, "contract-requested": None},
            "section-guarantees",
            "申し込む保証を1つ以上選んでください。",
        ),
    ],
    ids=[
        "advance-above-price",
        "contract-above-price",
        "this-year-above-price",
        "advance-above-ratio",
        "advance-above-rounded-ratio",
        "advance-above-ratio-of-this-year",
        "contract-below-minimum",
        "contract-without-advance",
        "no-guarantee",
    ],
)
def test_amounts_against_the_price_and_the_orderers_ratios(
    login_as, post, overrides, field_id, message
):
    login_as("applicant")
    if field_id == "section-guarantees":
        before = row_counts()
        response = post(NEW, application_form(**overrides))
        assert response.status_code == 422
        assert message in response.text
        assert row_counts() == before
    else:
        _refused(post, overrides, field_id, message)


def test_interim_above_two_tenths(login_as, post):
    login_as("applicant")
    _refused(
        post,
        {
            "interim-requested": "y",
            "interim-certificate_form": "paper",
            "interim-amount": "10,010,000",
            "interim-deposit_bank": "秋田中央銀行　大曲支店",
            "interim-payment_method": "lump_sum",
            "interim-wants_fee_statement": "no",
        },
        "interim-amount",
        "中間前払金保証金額は請負金額の20%（10,000,000円）以下にしてください。",
    )


def test_advance_and_interim_together_above_six_tenths(login_as, post):
    # An orderer that pays half in advance: each amount is in its limit, the sum is not.
    db.session.get(Orderer, orderer_id("大仙市")).advance_ratio = Decimal("0.5")
    db.session.commit()
    login_as("applicant")
    _refused(
        post,
        {
            "advance-amount": "25,000,000",
            "interim-requested": "y",
            "interim-certificate_form": "paper",
            "interim-amount": "10,000,000",
            "interim-deposit_bank": "秋田中央銀行　大曲支店",
            "interim-payment_method": "lump_sum",
            "interim-wants_fee_statement": "no",
        },
        "interim-amount",
        "前払金保証金額と中間前払金保証金額の合計（35,000,000円）が請負金額の6/10"
        "（30,000,000円）を超えます。",
    )


def test_interim_without_an_advance(login_as, post):
    login_as("applicant")
    _refused(
        post,
        {
            "advance-requested": None,
            "contract-requested": None,
            "interim-requested": "y",
            "interim-certificate_form": "paper",
            "interim-amount": "10,000,000",
            "interim-deposit_bank": "秋田中央銀行　大曲支店",
            "interim-payment_method": "lump_sum",
            "interim-wants_fee_statement": "no",
        },
        "interim-amount",
        "中間前払金保証は前払金保証と併せてお申し込みください。",
    )


def test_work_period_ending_before_it_starts(login_as, post):
    login_as("applicant")
    _refused(
        post,
        {"work_end": "2026-11-30"},
        "work_end",
        "工期の完成日は着工日以降の日付にしてください。",
    )


@pytest.mark.parametrize(
    ("field_id", "value", "message"),
    [
        ("work_start", "2026-02-30", "工期（着工日）は日付（例：2026/04/01）で入力してください。"),
        (
            "contract_date",
            "令和8年11月20日",
            "請負契約日は日付（例：2026/04/01）で入力してください。",
        ),
        (
            "work_end",
            "3027-09-30",
            "工期（完成日）は2000年から2099年までの日付で入力してください。",
        ),
    ],
)
def test_a_date_that_is_not_a_date(login_as, post, field_id, value, message):
    login_as("applicant")
    _refused(post, {field_id: value}, field_id, message)


@pytest.mark.parametrize(
    "bank",
    [
        "Crédit Agricole",  # é has no full-width form
        "秋田中央銀行\t大曲支店",  # a tab is not a character of a name
        "ﾡﾢﾣ銀行",  # half-width hangul has no full-width katakana form
    ],
)
def test_deposit_bank_that_cannot_be_made_full_width(login_as, post, bank):
    login_as("applicant")
    _refused(
        post,
        {"advance-deposit_bank": bank},
        "advance-deposit_bank",
        "預託金融機関は全角で入力してください",
    )


def test_deposit_bank_in_half_width_is_stored_full_width(login_as, post):
    login_as("applicant")
    form = application_form(**{"advance-deposit_bank": "ｱｷﾀﾁｭｳｵｳｷﾞﾝｺｳ Omagari-2"})

    response = post(NEW, form)

    assert response.status_code == 303
    application = db.session.scalar(
        select(Application).where(Application.form_token == form["form_token"])
    )
    stored = application.guarantee(GuaranteeKind.ADVANCE).deposit_bank
    assert stored == "アキタチュウオウギンコウ　Ｏｍａｇａｒｉ－２"


def test_deposit_bank_as_the_seed_writes_it_is_accepted(login_as, post):
    # The seed's own example 「〇〇銀行 ××支店」: × is full-width in Japanese text.
    login_as("applicant")
    response = post(NEW, application_form(**{"advance-deposit_bank": "〇〇銀行　××支店"}))
    assert response.status_code == 303


@pytest.mark.parametrize(
    ("overrides", "kind", "message"),
    [
        (
            {"orderer_id": "サンプル町"},
            "advance",
            "サンプル町は電子保証に対応していません。証書(紙)をお選びください。",
        ),
        (
            {"announcement_date": "2023-11-30"},
            "advance",
            "大仙市の電子保証は入札公告日が令和5年12月1日以降の工事が対象です。",
        ),
        (
            {"announcement_date": "2023-11-30"},
            "contract",
            "大仙市の電子保証は入札公告日が令和5年12月1日以降の工事が対象です。",
        ),
        (
            {"orderer_id": "秋田県", "contract_date": "2024-03-31"},
            "advance",
            "秋田県の電子保証は請負契約日が令和6年4月1日以降の工事が対象です。",
        ),
    ],
    ids=["paper-only-orderer", "daisen-advance", "daisen-contract", "akita-by-contract-date"],
)
def test_e_surety_where_the_orderer_does_not_allow_it(login_as, post, overrides, kind, message):
    login_as("applicant")
    if "orderer_id" in overrides:
        overrides = {**overrides, "orderer_id": str(orderer_id(overrides["orderer_id"]))}
    _refused(post, overrides, f"{kind}-certificate_form", message)


def test_paper_is_fine_where_e_surety_is_not(login_as, post):
    login_as("applicant")
    response = post(
        NEW,
        application_form(
            orderer_id=str(orderer_id("サンプル町")),
            **{"advance-certificate_form": "paper", "contract-certificate_form": "paper"},
        ),
    )
    assert response.status_code == 303


def test_akita_accepts_e_surety_from_its_start_date(login_as, post):
    login_as("applicant")
    response = post(
        NEW,
        application_form(
            orderer_id=str(orderer_id("秋田県")),
            contract_date="2024-04-01",
            work_start="2024-04-10",
        ),
    )
    assert response.status_code == 303


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("", "「希望する」を選んだ場合は、お知らせを送るメールアドレスを入力してください。"),
        ("soumu@", "メールアドレスの形式が正しくありません"),
        ("soumu example.co.jp", "メールアドレスの形式が正しくありません"),
    ],
)
def test_completion_mail_wanted_without_a_valid_address(login_as, post, email, message):
    login_as("applicant")
    _refused(post, {"notify_by_mail": "yes", "notify_email": email}, "notify_email", message)


@pytest.mark.parametrize(
    ("field_id", "length", "message"),
    [
        ("work_name", 201, "工事名は200文字以内で入力してください。"),
        ("work_place", 201, "工事場所は200文字以内で入力してください。"),
        ("jv_name", 201, "JV名は200文字以内で入力してください。"),
        ("contact_department", 101, "担当部署は100文字以内で入力してください。"),
        ("contact_title", 101, "役職は100文字以内で入力してください。"),
        ("contact_name", 101, "担当者名は100文字以内で入力してください。"),
        ("advance-fee_payer", 101, "請求先は100文字以内で入力してください。"),
        ("advance-deposit_bank", 51, "預託金融機関は50文字以内で入力してください。"),
        ("message_to_branch", 2001, "連絡事項は2000文字以内で入力してください。"),
    ],
)
def test_over_long_text(login_as, post, field_id, length, message):
    login_as("applicant")
    _refused(post, {field_id: "工" * length}, field_id, message)


def test_phone_number_with_letters(login_as, post):
    login_as("applicant")
    _refused(
        post,
        {"contact_phone": "0187-00-ABCD"},
        "contact_phone",
        "電話番号は数字とハイフンで入力してください。",
    )


@pytest.mark.parametrize("field_id", ["orderer_id", "branch_id"])
@pytest.mark.parametrize("value", ["999999", "0", "abc"])
def test_a_forged_choice(login_as, post, field_id, value):
    login_as("applicant")
    _refused(post, {field_id: value}, field_id, "選択")


@pytest.mark.parametrize(
    ("field_id", "value"),
    [
        ("advance-certificate_form", "hologram"),
        ("advance-payment_method", "credit"),
        ("notify_by_mail", "maybe"),
    ],
)
def test_a_forged_radio_value(login_as, post, field_id, value):
    login_as("applicant")
    _refused(post, {field_id: value}, field_id, "選択")


def test_bad_input_on_a_draft_leaves_the_draft_as_it_was(login_as, post):
    login_as("applicant")
    application = make_application(work_name="元の工事名")
    url = f"/applicant/applications/{application.id}/edit"
    form = {
        "form_token": application.form_token,
        "revision": str(application.revision),
        "work_name": "新しい工事名",
    }

    for action in ("save_draft", "confirm"):
        _refused(
            post,
            {**form, "advance-amount": "-5", "action": action},
            "advance-amount",
            "マイナスの金額は入力できません。",
            url,
        )

    db.session.refresh(application)
    assert application.work_name == "元の工事名"
    assert application.guarantee(GuaranteeKind.ADVANCE).amount == 20_000_000
