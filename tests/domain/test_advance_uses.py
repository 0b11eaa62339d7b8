"""The pure rules of the advance: statement totals, withdrawal limits, the ledger."""

from datetime import date

from domain.advance_uses import (
    UseCategory,
    UseRow,
    WithdrawalRequest,
    ledger,
    near_limit,
    statement_problems,
    withdrawal_problems,
)

M, L, U = UseCategory.MATERIALS, UseCategory.LABOUR, UseCategory.UNDECIDED


def test_the_total_must_equal_the_advance_and_each_use_appears_once():
    assert statement_problems([UseRow(M, "", 600), UseRow(U, "", 400)], 1_000) == {}
    assert "あと100円" in statement_problems([UseRow(M, "", 900)], 1_000)["total"]
    assert "100円多く" in statement_problems([UseRow(M, "", 1_100)], 1_000)["total"]
    assert statement_problems([], 1_000) == {"total": "使途を1行以上入力してください。"}
    problems = statement_problems([UseRow(None, "x" * 101, None)], 1_000)
    assert set(problems) == {"rows-0-category", "rows-0-description", "rows-0-amount", "total"}


def test_a_change_never_declares_a_use_below_what_was_taken():
    rows = [UseRow(M, "", 300), UseRow(U, "", 700)]
    assert "500円払出済み" in statement_problems(rows, 1_000, {M: 500})["rows-0-amount"]
    assert "労務費" in statement_problems(rows, 1_000, {L: 1})["total"]


def _request(category, amount, payee="秋田資材"):
    return WithdrawalRequest(payee, category, amount, date(2026, 12, 1))


def test_a_request_stays_within_its_use_and_the_balance():
    declared = {M: 600, U: 400}
    assert withdrawal_problems(_request(M, 600), declared, {}, 1_000) == {}
    assert (
        "残額（100円）"
        in withdrawal_problems(_request(M, 101), declared, {M: 500}, 1_000)["amount"]
    )
    assert "払出可能額（50円）" in withdrawal_problems(_request(M, 60), declared, {}, 50)["amount"]
    assert "未定" in withdrawal_problems(_request(U, 1), declared, {}, 1_000)["category"]
    assert "ありません" in withdrawal_problems(_request(L, 1), declared, {}, 1_000)["category"]
    problems = withdrawal_problems(WithdrawalRequest(" ", None, None, None), declared, {}, 1_000)
    assert set(problems) == {"payee", "category", "amount", "wished_on"}


def test_the_ledger_separates_paid_from_requested():
    account = ledger(1_000, {M: 600, U: 400}, [(M, 100, True), (M, 200, False)])
    materials = account.uses[0]
    assert (materials.paid, materials.requested, materials.remaining) == (100, 200, 300)
    assert (account.balance, account.available) == (900, 700)
    assert account.used_by_use() == {M: 300}


def test_near_the_limit_from_ninety_percent():
    assert not near_limit(1_000, 899) and near_limit(1_000, 900) and not near_limit(0, 0)
