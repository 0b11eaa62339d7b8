"""The subject format of an orderer's submission mail, and its 担当課 list."""

from domain.submissions import department_lines, departments_problem, fill_subject, subject_problem

VALUES = {"工事名": "排水路整備工事", "保証契約番号": "10501-000001", "受注者": "大曲建設株式会社"}


def test_known_placeholders_are_filled_and_other_braces_left_alone():
    assert fill_subject("【電子保証】{工事名} {保証契約番号}", VALUES) == (
        "【電子保証】排水路整備工事 10501-000001"
    )
    assert fill_subject("{受注者} {", VALUES) == "大曲建設株式会社 {"
    assert (
        subject_problem("【電子保証】{工事名} {保証契約番号} {受注者} {保証種類} {発注者}") is None
    )
    assert subject_problem("") is None


def test_an_unknown_placeholder_is_named_once_with_the_usable_ones():
    message = subject_problem("{工事番号} {工事名} {工事番号} {}")
    assert message.count("{工事番号}") == 1 and "{}" in message
    assert "使えるのは {工事名} {保証契約番号} {受注者} {保証種類} {発注者} です" in message


def test_departments_are_one_per_line_trimmed_without_blanks_or_repeats():
    assert department_lines(" 契約検査課\r\n\n建設課\n契約検査課 ") == ["契約検査課", "建設課"]


def test_a_list_too_long_or_a_name_too_long_is_refused():
    assert departments_problem(["契約検査課"]) is None
    assert "50件まで" in departments_problem([f"課{n}" for n in range(51)])
    assert "50文字以内" in departments_problem(["課" * 51])
