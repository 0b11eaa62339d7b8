"""Pages anyone may read: the orderers that accept 電子保証, the guide, the top page."""

from tests.builders import text_of


def test_orderers_lists_those_that_accept_e_surety_with_their_start(client, world):
    page = client.get("/orderers")
    assert page.status_code == 200
    main = text_of(page.text, "main")
    assert "大仙市" in main and "秋田県" in main
    assert "サンプル町" not in main  # paper only
    assert "令和5年12月1日" in main and "入札公告日" in main  # 大仙市
    assert "令和6年4月1日" in main and "請負契約日" in main  # 秋田県
    assert "前払金保証・中間前払金保証・契約保証" in main


def test_orderers_without_any_data_says_so(client, app):
    page = client.get("/orderers")
    assert page.status_code == 200
    assert "現在、電子保証に対応している発注者はありません。" in page.text


def test_the_guide_names_the_branches_and_their_phone_numbers(client, world):
    page = client.get("/guide")
    assert page.status_code == 200
    main = text_of(page.text, "main")
    assert "電子保証の仕組み" in main and "お手続きの流れ" in main
    for name, phone in (("秋田支店", "018-000-0001"), ("本店営業部", "03-0000-0001")):
        assert name in main and phone in main


def test_the_top_page_for_a_visitor_offers_login(client, world):
    page = client.get("/")
    assert page.status_code == 200
    assert "ログイン" in page.text


def test_the_top_page_sends_a_logged_in_applicant_to_net_desk(client, login_as):
    login_as("applicant")
    response = client.get("/")
    assert response.status_code == 302
    assert response.location == "/applicant/"
