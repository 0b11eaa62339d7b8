"""The certificate as read: 和暦 dates, yen, the version mark, the JV representative."""

from documents.certificate import certificate_view

SNAPSHOT = {
    "version_label": "新規",
    "contract_number": "10501-000001",
    "kind": "advance",
    "contractor_name": "大曲建設株式会社",
    "contractor_address": "秋田県大仙市大曲サンプル町1番地",
    "jv_name": "",
    "orderer_name": "大仙市",
    "amount": 20_000_000,
    "guarantee_end": "2027-09-30",
    "work_name": "市道大曲中央線道路改良工事",
    "contract_price": 50_000_000,
    "work_start": "2026-12-01",
    "work_end": "2027-09-30",
    "contract_date": "2026-11-20",
    "deposit_bank": "秋田中央銀行　大曲支店",
    "issuer_name": "サンプル建設業保証株式会社",
    "issuer_address": "東京都中央区サンプル町一丁目1番1号",
    "issuer_representative": "取締役社長　保証　太郎",
    "office_name": "秋田支店",
    "office_phone": "018-000-0001",
    "office_fax": "018-000-0002",
    "issued_on": "2026-11-24",
}


def test_an_advance_certificate_reads_in_wareki_and_yen():
    view = certificate_view(SNAPSHOT)
    rows = dict(view.rows)
    assert view.title == "保証証券 (前払金保証)"
    assert view.issued_on == "令和8年11月24日"
    assert rows["保証金額 (総額)"] == "20,000,000円"
    assert rows["保証期限"] == "令和9年9月30日"
    assert rows["工期"] == "令和8年12月1日 ～ 令和9年9月30日"
    assert rows["保証金融機関"] == "秋田中央銀行　大曲支店"
    assert "前払金保証約款に基づき" in view.statement
    assert not view.shows_version_label
    assert view.office == ("取扱箇所 秋田支店", "TEL: 018-000-0001", "FAX: 018-000-0002")


def test_a_change_is_marked_and_a_contract_guarantee_has_no_bank():
    view = certificate_view({**SNAPSHOT, "kind": "contract", "version_label": "変更-1"})
    assert view.shows_version_label
    assert "保証金融機関" not in dict(view.rows)
    assert "契約保証約款" in view.statement


def test_a_jv_names_its_representative():
    view = certificate_view({**SNAPSHOT, "jv_name": "大曲・秋田特定建設工事共同企業体"})
    assert (
        "大曲・秋田特定建設工事共同企業体（代表者 大曲建設株式会社）"
        in dict(view.rows)["保証契約者"]
    )
