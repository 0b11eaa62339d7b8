"""Every applicant page and htmx fragment renders; page or fragment per request headers; CSRF."""

import re

import pytest

from extensions import db
from models import ApplicationStatus
from tests.builders import (
    application_form,
    errors_beside,
    make_application,
    orderer_id,
    row_counts,
    text_of,
)

NEW = "/applicant/applications/new"
HTMX = {"HX-Request": "true"}


def _is_page(html: str) -> bool:
    return html.lstrip().lower().startswith("<!doctype html>")


# Pages ---------------------------------------------------------------------------------------


def test_home_shows_counts_and_the_latest_applications(login_as, client):
    login_as("applicant")
    page = client.get("/applicant/")
    assert page.status_code == 200
    assert "ようこそ、ネットデスクへ" in page.text
    assert "送信済：2件" in page.text and "下書き：1件" in page.text  # a 予約 awaits too
    assert "県道大曲サンプル線舗装補修工事" in page.text  # the latest: the demo's 予約 sent
    assert "県道秋田サンプル線橋梁補修工事" not in page.text  # applicant2's


def test_the_list_shows_the_companys_applications_with_their_status(login_as, client):
    login_as("applicant")
    page = client.get("/applicant/applications")
    assert page.status_code == 200
    main = text_of(page.text, "main")
    assert "申込一覧" in main
    assert "市道大曲中央線道路改良工事" in main and "送信済" in main
    assert "大仙市立サンプル小学校体育館改修工事" in main and "下書き" in main
    assert "県道秋田サンプル線橋梁補修工事" not in main


def test_the_new_form_has_every_section_and_a_fresh_token(login_as, client):
    login_as("applicant")
    page = client.get(NEW)
    assert page.status_code == 200
    assert _is_page(page.text)
    for text in (
        "請負工事の情報",
        "保証の申込内容",
        "前払金保証を申し込む",
        "中間前払金保証を申し込む",
        "契約保証を申し込む",
        "保証証書の形式について",
        "証書(紙)",
        "電子保証(認証キーを含む)",
        "前払金保証金額",
        "預託金融機関(全角)",
        "再預託利用区分",
        "保証料計算書(紙)について",
        "インフォメーション",
        "申込送信先",
        "電子保証発行完了のお知らせ",
        "メールアドレス",
        "担当部署",
        "役職",
        "担当者名",
        "連絡先電話番号",
        "お客様から弊社への連絡事項",
        "弊社からお客様へのお知らせ",
        "保証の申込内容をクリア",
        "インフォメーションをクリア",
        "下書き保存",
        "申込確認へ",
        "(請負金額もしくは今年度対象額に対する前払金保証金額の割合)",
        "(請負金額に対する契約保証金額の割合)",
    ):
        assert text in page.text, text
    assert re.search(r'name="form_token" type="hidden" value="[\w-]{20,}"', page.text)


def test_every_input_of_the_form_has_a_label_bound_to_it(login_as, client):
    login_as("applicant")
    page = client.get(NEW).text
    inputs = re.findall(r"<(?:input|select|textarea)\b[^>]*>", page)
    bound = set(re.findall(r'<label\b[^>]*\bfor="([^"]+)"', page))
    unlabelled = [
        tag
        for tag in inputs
        if 'type="hidden"' not in tag
        and re.search(r'\bid="([^"]+)"', tag)
        and re.search(r'\bid="([^"]+)"', tag).group(1) not in bound
    ]
    assert not unlabelled
    assert all(re.search(r'\bid="', tag) for tag in inputs if 'type="hidden"' not in tag)


def test_edit_confirm_detail_and_sent_pages(login_as, client):
    login_as("applicant")
    draft = make_application(work_name="下書きの工事")
    sent = make_application(status=ApplicationStatus.SUBMITTED, work_name="送信した工事")
    base = "/applicant/applications"

    edit = client.get(f"{base}/{draft.id}/edit")
    assert edit.status_code == 200 and 'value="下書きの工事"' in edit.text
    assert f"申込番号 {draft.number}" in edit.text

    confirm = client.get(f"{base}/{draft.id}/confirm")
    assert confirm.status_code == 200
    assert "申込確認" in confirm.text and "下書きの工事" in confirm.text
    assert "送信する" in confirm.text

    detail = client.get(f"{base}/{sent.id}")
    assert detail.status_code == 200
    assert f"申込 {sent.number}" in detail.text and "送信済" in detail.text

    done = client.get(f"{base}/{sent.id}/sent")
    assert done.status_code == 200
    assert sent.number in done.text and "秋田支店" in done.text
    assert "soumu@example.co.jp" in done.text


def test_the_sent_page_of_a_draft_goes_to_its_detail(login_as, client):
    login_as("applicant")
    draft = make_application()
    response = client.get(f"/applicant/applications/{draft.id}/sent")
    assert response.status_code == 303
    assert response.location == f"/applicant/applications/{draft.id}"


def test_the_confirm_page_of_a_sent_application_goes_to_its_detail(login_as, client):
    login_as("applicant")
    sent = make_application(status=ApplicationStatus.SUBMITTED)
    response = client.get(f"/applicant/applications/{sent.id}/confirm")
    assert response.status_code == 303
    assert response.location == f"/applicant/applications/{sent.id}"


# The live ratio ------------------------------------------------------------------------------


def test_the_ratio_fragment_shows_the_percentage_alone(login_as, client):
    login_as("applicant")
    response = client.get(
        "/applicant/form/ratio/advance?contract_price=50,000,000"
        "&advance-amount=20,000,000&advance-requested=y",
        headers=HTMX,
    )
    assert response.status_code == 200
    # The fragment is the inside of <output id="ratio-advance">, which stays in the page.
    assert re.sub(r"<[^>]+>", "", response.text).strip() == "40.0%"


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        (
            "contract_price=50,000,000&advance-amount=12,000,000&this_year_amount=30,000,000",
            "40.0%",
        ),
        ("contract_price=50,000,000&advance-amount=abc", "0.0%"),
        ("contract_price=&advance-amount=20,000,000", "0.0%"),
        ("contract_price=50,000,000&advance-amount=20,000,000&orderer_id=abc", "40.0%"),
    ],
    ids=["this-year-base", "bad-amount", "no-price", "forged-orderer"],
)
def test_the_ratio_while_typing_never_fails(login_as, client, query, shown):
    login_as("applicant")
    response = client.get(f"/applicant/form/ratio/advance?{query}&advance-requested=y")
    assert response.status_code == 200
    assert re.sub(r"<[^>]+>", "", response.text).strip() == shown


def test_the_ratio_says_in_words_when_past_the_orderers_bound(login_as, client):
    login_as("applicant")
    daisen = orderer_id("大仙市")
    over = client.get(
        f"/applicant/form/ratio/advance?orderer_id={daisen}&contract_price=50,000,000"
        "&advance-amount=21,000,000&advance-requested=y"
    ).text
    assert "42.0%" in over and "上限（40%）を超えています" in over
    assert "上限額：20,000,000円" in over and 'data-amount="20,000,000"' in over
    within = client.get(
        f"/applicant/form/ratio/advance?orderer_id={daisen}&contract_price=50,000,000"
        "&advance-amount=20,000,000&advance-requested=y"
    ).text
    assert "を超えています" not in within and "上限額を入力" in within
    short = client.get(
        f"/applicant/form/ratio/contract?orderer_id={daisen}&contract_price=50,000,000"
        "&contract-amount=4,000,000&contract-requested=y"
    ).text
    assert "下限（10%）を下回っています" in short and "契約保証の最低額：5,000,000円" in short


def test_the_ratio_of_an_unknown_kind_is_404(login_as, client):
    login_as("applicant")
    assert client.get("/applicant/form/ratio/bonus?contract_price=1").status_code == 404


# Whether 電子保証 can be chosen ------------------------------------------------------------------


def _certificate(client, kind="advance", **query):
    response = client.get(f"/applicant/form/certificate/{kind}", query_string=query, headers=HTMX)
    assert response.status_code == 200
    assert not _is_page(response.text)
    return response.text


def _electronic_disabled(html: str, kind: str = "advance") -> bool:
    tag = re.search(rf'<input[^>]*id="{kind}-certificate_form-1"[^>]*>', html).group(0)
    return " disabled" in tag


def test_certificate_fragment_for_a_paper_only_orderer(login_as, client):
    login_as("applicant")
    html = _certificate(client, orderer_id=orderer_id("サンプル町"))
    assert _electronic_disabled(html)
    assert "サンプル町は電子保証に対応していません。証書(紙)をお選びください。" in html


@pytest.mark.parametrize("kind", ["advance", "interim", "contract"])
def test_certificate_fragment_for_daisen_before_and_after_its_start(login_as, client, kind):
    login_as("applicant")
    before = _certificate(
        client, kind, orderer_id=orderer_id("大仙市"), announcement_date="2023-11-30"
    )
    assert _electronic_disabled(before, kind)
    assert "入札公告日が令和5年12月1日以降の工事が対象です。" in before

    after = _certificate(
        client, kind, orderer_id=orderer_id("大仙市"), announcement_date="2023-12-01"
    )
    assert not _electronic_disabled(after, kind)
    assert 'class="refusal"' not in after


def test_certificate_fragment_for_akita_counts_from_the_contract_date(login_as, client):
    login_as("applicant")
    akita = orderer_id("秋田県")
    before = _certificate(
        client, orderer_id=akita, contract_date="2024-03-31", announcement_date="2024-06-01"
    )
    assert _electronic_disabled(before)
    assert "秋田県の電子保証は請負契約日が令和6年4月1日以降の工事が対象です。" in before

    after = _certificate(client, orderer_id=akita, contract_date="2024-04-01")
    assert not _electronic_disabled(after)


def test_certificate_fragment_keeps_the_choice_made(login_as, client):
    login_as("applicant")
    html = _certificate(
        client,
        orderer_id=orderer_id("大仙市"),
        announcement_date="2024-01-10",
        **{"advance-certificate_form": "electronic"},
    )
    assert re.search(r'<input checked[^>]*id="advance-certificate_form-1"', html)


def test_certificate_fragment_before_an_orderer_is_chosen(login_as, client):
    login_as("applicant")
    html = _certificate(client, orderer_id="abc")
    assert not _electronic_disabled(html)


# A field checked when it is left -------------------------------------------------------------


def _check(post, field: str, **overrides):
    return post(
        "/applicant/form/check",
        application_form(**overrides),
        headers={**HTMX, "HX-Trigger-Name": field},
    )


def test_checking_a_field_answers_with_its_messages_only(login_as, post):
    login_as("applicant")
    response = _check(post, "advance-amount", work_name="", **{"advance-amount": "20,000,001"})
    assert response.status_code == 422  # refused, as every refused form; htmx swaps 422
    html = response.text.strip()
    assert html.startswith('<div class="field-errors" id="advance-amount-errors"')
    assert "前払金保証金額は請負金額の40%（20,000,000円）以下にしてください。" in html
    assert "工事名を入力してください。" not in html  # another field's message
    assert html.count('class="error"') == 1


def test_checking_a_bad_amount_says_what_is_wrong_once(login_as, post):
    login_as("applicant")
    response = _check(post, "contract_price", contract_price="五千万")
    messages = re.findall(r'<p class="error">([^<]*)</p>', response.text)
    assert messages == ["金額は数字で入力してください。"]


def test_checking_a_good_field_clears_its_message(login_as, post):
    login_as("applicant")
    response = _check(post, "work_name")
    assert response.status_code == 200
    assert errors_beside(response.text, "work_name") == ""


def test_checking_a_radio_and_a_forged_field(login_as, post):
    login_as("applicant")
    refused = _check(
        post,
        "advance-certificate_form",
        orderer_id=str(orderer_id("サンプル町")),
    )
    assert "サンプル町は電子保証に対応していません。" in errors_beside(
        refused.text, "advance-certificate_form"
    )
    assert _check(post, "no_such_field").status_code == 400
    assert _check(post, "contract-deposit_bank").status_code == 400


def test_checking_a_field_saves_nothing(login_as, post):
    login_as("applicant")
    before = row_counts()
    _check(post, "work_name")
    assert row_counts() == before


# The clear buttons ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "section", "emptied", "kept"),
    [
        (
            "clear_guarantees",
            "section-guarantees",
            ['id="advance-amount"', 'id="contract-amount"'],
            'value="市道テスト線道路改良工事"',
        ),
        (
            "clear_information",
            "section-information",
            ['id="notify_email"', 'id="contact_name"', 'id="message_to_branch"'],
            'value="20,000,000"',
        ),
    ],
)
def test_a_clear_button_empties_its_section_and_saves_nothing(
    login_as, post, action, section, emptied, kept
):
    login_as("applicant")
    form = application_form(action=action, message_to_branch="至急お願いします。")
    before = row_counts()

    fragment = post(NEW, form, headers=HTMX)
    page = post(NEW, form)

    assert fragment.status_code == page.status_code == 200
    assert row_counts() == before
    html = fragment.text.strip()
    assert html.startswith(f'<section class="panel" id="{section}"')
    assert not _is_page(html)
    assert kept not in html  # the other sections are not in the fragment
    assert "至急お願いします。" not in html
    for field in emptied:
        tag = re.search(rf"<(?:input|textarea)[^>]*{field}[^>]*>", html).group(0)
        assert ' value="' not in tag or ' value=""' in tag
    assert " checked" not in text_of_section_tags(html, "requested")

    assert _is_page(page.text)
    assert kept in page.text  # the rest of the form as posted
    assert "至急お願いします。" not in page.text or action == "clear_guarantees"


def text_of_section_tags(html: str, name_part: str) -> str:
    return " ".join(re.findall(rf"<input[^>]*{name_part}[^>]*>", html))


def test_clearing_a_drafts_section_does_not_touch_the_draft(login_as, post):
    login_as("applicant")
    draft = make_application()
    url = f"/applicant/applications/{draft.id}/edit"
    form = application_form(
        form_token=draft.form_token, revision=str(draft.revision), action="clear_guarantees"
    )

    before = row_counts()

    response = post(url, form, headers=HTMX)

    assert response.status_code == 200
    assert row_counts() == before
    db.session.refresh(draft)
    assert len(draft.guarantees) == 2 and draft.guarantees[0].amount == 20_000_000


# Page or fragment, header by header ----------------------------------------------------------


@pytest.mark.parametrize(
    ("headers", "fragment"),
    [
        ({}, False),
        ({"HX-Request": "true"}, True),
        ({"HX-Request": "true", "HX-Boosted": "true"}, False),
        ({"HX-Request": "true", "HX-History-Restore-Request": "true"}, False),
        ({"HX-Boosted": "true"}, False),
        ({"HX-History-Restore-Request": "true"}, False),
        ({"HX-Request": "false"}, False),
    ],
    ids=["browser", "htmx", "boosted", "history-restore", "boosted-only", "restore-only", "false"],
)
def test_page_or_fragment_by_request_headers(login_as, client, headers, fragment):
    login_as("applicant")
    response = client.get(NEW, headers=headers)
    assert response.status_code == 200
    assert _is_page(response.text) is not fragment
    assert response.text.lstrip().startswith('<form id="application-form"') is fragment
    assert {"HX-Request", "HX-Boosted", "HX-History-Restore-Request"} <= set(response.vary)


# CSRF with htmx ------------------------------------------------------------------------------


def test_an_htmx_post_without_the_csrf_token_is_refused(login_as, client):
    login_as("applicant")
    data = application_form()
    response = client.post(
        "/applicant/form/check", data=data, headers={**HTMX, "HX-Trigger-Name": "work_name"}
    )
    assert response.status_code == 400
    assert "画面の有効期限が切れたか、不正な送信です。" in response.text


def test_an_htmx_post_with_the_token_in_its_header_is_accepted(login_as, client, csrf_token):
    login_as("applicant")
    page = client.get(NEW).text
    token = re.search(r'hx-headers=\'\{"X-CSRFToken": "([^"]+)"\}\'', page).group(1)
    response = client.post(
        "/applicant/form/check",
        data=application_form(),
        headers={**HTMX, "HX-Trigger-Name": "work_name", "X-CSRFToken": token},
    )
    assert response.status_code == 200


def test_a_clear_without_the_token_is_refused(login_as, client):
    login_as("applicant")
    response = client.post(NEW, data=application_form(action="clear_guarantees"), headers=HTMX)
    assert response.status_code == 400


def test_a_field_in_error_is_marked_and_described_by_its_message(login_as, post):
    login_as("applicant")
    page = post(NEW, application_form(**{"advance-amount": "abc"})).text

    tag = re.search(r'<input[^>]*id="advance-amount"[^>]*>', page).group(0)
    assert 'aria-invalid="true"' in tag
    assert 'aria-describedby="advance-amount-help advance-amount-errors"' in tag
    fine = re.search(r'<input[^>]*id="work_name"[^>]*>', page).group(0)
    assert "aria-invalid" not in fine
    assert '="None"' not in page  # no attribute written from a Python None


def test_counts_and_lists_stop_counting_at_the_cap_and_keep_a_stable_order(
    app, login_as, client, monkeypatch
):
    """A company with very many applications: the top page says 「N件以上」 instead of counting
    them all, and the list pages them newest first, ties in a fixed order."""
    monkeypatch.setattr("blueprints.applicant.routes.COUNT_CAP", 2)
    drafts = [make_application(work_name=f"市道上限確認線{n}号工事") for n in range(3)]
    same_moment = drafts[0].updated_at
    for draft in drafts:
        draft.updated_at = same_moment
    db.session.commit()
    login_as("applicant")
    assert "下書き：2件以上" in client.get("/applicant/").text
    listed = client.get("/applicant/applications?status=draft").text
    order = [listed.index(f"市道上限確認線{n}号工事") for n in (2, 1, 0)]
    assert order == sorted(order)  # the same update time: the newest id first
