"""The members and shares of a 共同企業体."""

from decimal import Decimal

import pytest

from domain.joint_ventures import check_shares


def test_shares_that_make_a_whole_are_accepted():
    assert check_shares([Decimal(60), Decimal(40)], [1, 2]) is None
    assert check_shares([Decimal("33.34"), Decimal("33.33"), Decimal("33.33")], [1, 2, 3]) is None


@pytest.mark.parametrize(
    ("shares", "members", "message"),
    [
        ([Decimal(100)], [1], "1社以上の構成員"),
        ([Decimal(60), Decimal(40)], [1, 1], "同じ会社を2回以上"),
        ([Decimal(100), Decimal(0)], [1, 2], "0より大きく100以下"),
        ([Decimal(60), Decimal(50)], [1, 2], "合計が100%になるようにしてください（現在 110%）"),
        ([Decimal("60.005"), Decimal("39.995")], [1, 2], "小数点以下2桁まで"),
    ],
)
def test_other_shares_are_refused_with_the_reason(shares, members, message):
    assert message in check_shares(shares, members)
