"""Tests for the domain vocabularies."""

import pytest

from domain.kinds import GuaranteeKind, OrdererCategory, StartBasis


@pytest.mark.parametrize(
    ("kind", "label", "short_label"),
    [
        (GuaranteeKind.ADVANCE, "前払金保証", "前払"),
        (GuaranteeKind.INTERIM, "中間前払金保証", "中間前払"),
        (GuaranteeKind.CONTRACT, "契約保証", "契約"),
    ],
)
def test_guarantee_kind_labels(kind: GuaranteeKind, label: str, short_label: str) -> None:
    assert (kind.label, kind.short_label) == (label, short_label)


@pytest.mark.parametrize(
    ("member", "value", "label"),
    [
        (StartBasis.ANNOUNCEMENT, "announcement", "入札公告日"),
        (StartBasis.NOMINATION, "nomination", "指名日"),
        (StartBasis.CONTRACT, "contract", "請負契約日"),
        (OrdererCategory.NATIONAL, "national", "国"),
        (OrdererCategory.PREFECTURE, "prefecture", "都道府県"),
        (OrdererCategory.MUNICIPALITY, "municipality", "市区町村"),
        (OrdererCategory.OTHER, "other", "その他"),
    ],
)
def test_values_and_labels(member: StartBasis | OrdererCategory, value: str, label: str) -> None:
    assert member == value
    assert type(member)(value) is member
    assert member.label == label


def test_every_member_has_labels() -> None:
    for enum_class in (GuaranteeKind, StartBasis, OrdererCategory):
        assert all(member.label for member in enum_class)
