"""The sample refund rules of 減額 and 解約 (保証料返還計算書)."""

from datetime import date
from decimal import Decimal

from domain.fees import SAMPLE_REFUND_HANDLING_FEE, FeeRate, refund_due

RATE = FeeRate(Decimal("0.0045"), 5_000)
END = date(2027, 9, 30)


def test_the_unexpired_fee_of_the_released_amount_less_the_handling_charge_is_returned():
    refund = refund_due(5_000_000, RATE, date(2027, 4, 1), END)  # 183 days
    assert (refund.days, refund.unexpired_fee) == (183, 11_280)
    assert refund.amount == 11_280 - SAMPLE_REFUND_HANDLING_FEE
    assert refund.reason_none == ""


def test_nothing_is_returned_when_the_unexpired_fee_does_not_exceed_the_charge():
    refund = refund_due(100_000, RATE, date(2027, 4, 1), END)  # 225円
    assert refund.amount == 0
    assert refund.reason_none.startswith("未経過期間の保証料（225円）が事務手数料（1,000円）以下")


def test_nothing_is_returned_after_the_guarantee_ended():
    refund = refund_due(5_000_000, RATE, date(2027, 10, 1), END)
    assert (refund.days, refund.amount) == (0, 0)
    assert refund.reason_none == "保証期限を過ぎているため、返還する保証料はありません。"
