"""The closed vocabularies of the domain: kinds, forms, payment, start bases, categories."""

import enum


class GuaranteeKind(enum.StrEnum):
    """A guarantee product."""

    ADVANCE = "advance"
    INTERIM = "interim"
    CONTRACT = "contract"

    @property
    def label(self) -> str:
        """The full Japanese name, e.g. 前払金保証."""
        return _KIND_LABELS[self]

    @property
    def short_label(self) -> str:
        """The short Japanese name used in tight places, e.g. 前払."""
        return _KIND_SHORT_LABELS[self]


class ApplicationKind(enum.StrEnum):
    """What an application asks for: guarantees after the award, or a 契約保証予約 before it."""

    GUARANTEE = "guarantee"
    RESERVATION = "reservation"

    @property
    def label(self) -> str:
        """The Japanese name, e.g. 契約保証予約."""
        return "保証申込" if self is ApplicationKind.GUARANTEE else "契約保証予約"


class StartBasis(enum.StrEnum):
    """The work date an orderer counts its 電子保証 start from."""

    ANNOUNCEMENT = "announcement"
    NOMINATION = "nomination"
    CONTRACT = "contract"

    @property
    def label(self) -> str:
        """The Japanese name of the date, e.g. 入札公告日."""
        return _BASIS_LABELS[self]


class OrdererCategory(enum.StrEnum):
    """The 発注者区分 that selects a fee table."""

    NATIONAL = "national"
    PREFECTURE = "prefecture"
    MUNICIPALITY = "municipality"
    OTHER = "other"

    @property
    def label(self) -> str:
        """The Japanese name, e.g. 都道府県."""
        return _CATEGORY_LABELS[self]


class CertificateForm(enum.StrEnum):
    """保証証書の形式: paper, or 電子保証 opened with number and key."""

    PAPER = "paper"
    ELECTRONIC = "electronic"

    @property
    def label(self) -> str:
        """The seed's wording, e.g. 電子保証(認証キーを含む)."""
        return "証書(紙)" if self is CertificateForm.PAPER else "電子保証(認証キーを含む)"


class PaymentMethod(enum.StrEnum):
    """保証料支払方法: one monthly bill per 請求先, or a payment per guarantee."""

    LUMP_SUM = "lump_sum"
    EACH_TIME = "each_time"

    @property
    def label(self) -> str:
        """The Japanese name, e.g. 一括納付."""
        return "一括納付" if self is PaymentMethod.LUMP_SUM else "都度納付"


_KIND_LABELS = {
    GuaranteeKind.ADVANCE: "前払金保証",
    GuaranteeKind.INTERIM: "中間前払金保証",
    GuaranteeKind.CONTRACT: "契約保証",
}
_KIND_SHORT_LABELS = {
    GuaranteeKind.ADVANCE: "前払",
    GuaranteeKind.INTERIM: "中間前払",
    GuaranteeKind.CONTRACT: "契約",
}
_BASIS_LABELS = {
    StartBasis.ANNOUNCEMENT: "入札公告日",
    StartBasis.NOMINATION: "指名日",
    StartBasis.CONTRACT: "請負契約日",
}
_CATEGORY_LABELS = {
    OrdererCategory.NATIONAL: "国",
    OrdererCategory.PREFECTURE: "都道府県",
    OrdererCategory.MUNICIPALITY: "市区町村",
    OrdererCategory.OTHER: "その他",
}
