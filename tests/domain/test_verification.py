from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from domain.kinds import GuaranteeKind
from domain.verification import (
    LOCKOUT_DURATION,
    CertificateFacts,
    OrdererRecord,
    cross_check,
    locked_until,
)

T0 = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def minutes(*offsets):
    return [T0 + timedelta(minutes=m) for m in offsets]


def test_four_failures_do_not_lock():
    assert locked_until(minutes(0, 1, 2, 3), T0 + timedelta(minutes=4)) is None


def test_five_failures_within_fifteen_minutes_lock_for_fifteen_minutes():
    failures = minutes(0, 1, 2, 3, 14)
    assert locked_until(failures, T0 + timedelta(minutes=15)) == failures[-1] + LOCKOUT_DURATION


def test_the_lock_expires():
    failures = minutes(0, 1, 2, 3, 4)
    assert locked_until(failures, failures[-1] + LOCKOUT_DURATION) is None


def test_failures_spread_beyond_the_window_do_not_lock():
    assert locked_until(minutes(0, 5, 10, 15, 20), T0 + timedelta(minutes=21)) is None


CERTIFICATE = CertificateFacts(
    kind=GuaranteeKind.ADVANCE,
    work_name="市道大曲中央線道路改良工事",
    contract_price=50_000_000,
    work_start=date(2026, 12, 1),
    work_end=date(2027, 9, 30),
    amount=20_000_000,
    expiry=date(2027, 9, 30),
)


def test_matching_values_give_no_marks_and_width_or_spaces_do_not_matter():
    record = OrdererRecord(
        work_name="市道大曲中央線　道路改良工事 ",
        contract_price=50_000_000,
        work_start=date(2026, 12, 1),
        work_end=date(2027, 9, 30),
        amount=20_000_000,
    )
    assert cross_check(CERTIFICATE, record, Decimal("0.1")) == {}


def test_each_disagreeing_value_is_marked_with_what_the_certificate_says():
    record = OrdererRecord(work_name="別の工事", contract_price=60_000_000, amount=24_000_000)
    marks = cross_check(CERTIFICATE, record, Decimal("0.1"))
    assert marks["work_name"] == "工事名が一致しません（証券：市道大曲中央線道路改良工事）。"
    assert marks["contract_price"] == "請負金額が一致しません（証券：50,000,000円）。"
    assert marks["amount"] == "保証金額が一致しません（証券：20,000,000円）。"
    assert "work_start" not in marks


def test_an_advance_guarantee_ending_before_the_work_is_warned():
    record = OrdererRecord(work_end=date(2027, 12, 20))
    marks = cross_check(CERTIFICATE, record, Decimal("0.1"))
    assert (
        "保証期限（令和9年9月30日）が工期の完成日（令和9年12月20日）より前に終わります。"
        in (marks["warning"])
    )


def test_a_contract_guarantee_below_the_orderers_minimum_is_warned():
    contract = CertificateFacts(**{**CERTIFICATE.__dict__, "kind": GuaranteeKind.CONTRACT,
                                   "amount": 5_000_000})  # fmt: skip
    assert cross_check(contract, OrdererRecord(), Decimal("0.1")) == {}
    marks = cross_check(contract, OrdererRecord(), Decimal("0.3"))
    assert marks["warning"] == "契約保証金額が請負金額の30%（15,000,000円）を下回っています。"
