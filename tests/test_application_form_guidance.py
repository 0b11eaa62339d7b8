"""申込作成 says what it needs: 必須/任意 in every label, aria-required where required (a
guarantee's items once it is ticked), a counted and linked error summary, and a 電子保証 that
can no longer be chosen is unchosen with its reason tied to the choice."""

import re

from tests.builders import application_form, orderer_id, row_counts

NEW = "/applicant/applications/new"
HTMX = {"HX-Request": "true"}


def _label(html: str, field_id: str) -> str:
    return re.search(rf'<label for="{field_id}">(.*?)</label>', html, re.S)[1]


def _input(html: str, field_id: str) -> str:
    return re.search(rf'<(?:input|select|textarea)[^>]*id="{field_id}"[^>]*>', html)[0]


def test_every_label_says_whether_it_is_needed(login_as, client):
    login_as("applicant")
    html = client.get(NEW).text
    for field_id in ("orderer_id", "work_name", "contract_price", "work_start", "work_end",
                     "contract_date", "branch_id", "contact_name", "contact_phone"):  # fmt: skip
        assert ">必須</span>" in _label(html, field_id), field_id
        assert 'aria-required="true"' in _input(html, field_id), field_id
    for field_id in ("work_place", "jv_name", "this_year_amount", "contact_department"):
        assert ">任意</span>" in _label(html, field_id), field_id
        assert "aria-required" not in _input(html, field_id), field_id
    assert "「希望する」の場合は必須" in _label(html, "notify_email")
    # A guarantee not ticked: its items say when they are needed, and are not required yet.
    assert "申し込む場合は必須" in _label(html, "advance-amount")
    assert "aria-required" not in _input(html, "advance-amount")


def test_a_ticked_guarantees_items_are_required(login_as, post):
    login_as("applicant")
    html = post(NEW, application_form(work_name="", **{"advance-amount": ""})).text
    assert 'aria-required="true"' in _input(html, "advance-amount")
    assert re.search(r'id="field-advance-payment_method"\s+role="radiogroup" aria-required', html)
    assert "aria-required" not in _input(html, "interim-amount")  # not ticked


def test_a_refused_form_opens_with_a_counted_linked_summary(login_as, post):
    login_as("applicant")
    before = row_counts()
    response = post(NEW, application_form(work_name="", contact_phone="", **{"advance-amount": ""}))
    assert response.status_code == 422 and row_counts() == before
    html = response.text
    assert "<title>入力エラー：申込の作成" in html
    summary = re.search(r'<div class="error-summary".*?</div>', html, re.S)[0]
    count = int(re.search(r"(\d+)件の入力内容に誤りがあります", summary)[1])
    assert "data-focus-on-load" in summary and count == summary.count("<li>") >= 3
    assert '<a href="#work_name">工事名を入力してください。</a>' in summary
    assert '<a href="#advance-amount">' in summary and '<a href="#contact_phone">' in summary
    assert summary.index("#work_name") < summary.index("#advance-amount")  # page order


def test_a_form_without_errors_has_no_summary(login_as, client):
    login_as("applicant")
    html = client.get(NEW).text
    assert "error-summary" not in html and "入力エラー：" not in html


def test_a_message_region_is_always_there_and_described(login_as, client):
    login_as("applicant")
    html = client.get(NEW).text
    assert 'work_name-errors"' in _input(html, "work_name")  # after its help
    assert 'id="work_name-errors"' in html


def test_a_refused_electronic_choice_is_unchosen_with_its_reason(login_as, client):
    login_as("applicant")
    query = {
        "orderer_id": orderer_id("サンプル町"),
        "advance-requested": "y",
        "advance-certificate_form": "electronic",
    }
    html = client.get("/applicant/form/certificate/advance", query_string=query, headers=HTMX).text
    electronic = re.search(r'<input[^>]*id="advance-certificate_form-1"[^>]*>', html)[0]
    assert "disabled" in electronic and "checked" not in electronic
    assert 'aria-describedby="advance-certificate_form-refusal"' in electronic
    reason = re.search(
        r'<p class="refusal" id="advance-certificate_form-refusal"[^>]*>(.*?)</p>', html
    )
    assert (
        "電子保証は選べません" in reason[1]
        and "サンプル町は電子保証に対応していません" in reason[1]
    )


def test_the_whole_form_unchooses_it_too(login_as, post):
    login_as("applicant")
    html = post(NEW, application_form(orderer_id=str(orderer_id("サンプル町")))).text
    electronic = re.search(r'<input[^>]*id="advance-certificate_form-1"[^>]*>', html)[0]
    assert "disabled" in electronic and "checked" not in electronic


def test_amount_fields_have_a_place_for_the_amount_in_words_and_clear_asks_first(login_as, client):
    login_as("applicant")
    html = client.get(NEW).text
    assert 'id="contract_price-yen"' in html and 'id="advance-amount-yen"' in html
    assert html.count("hx-confirm=") == 2
    assert 'href="#guarantees-title"' in html  # the section index
