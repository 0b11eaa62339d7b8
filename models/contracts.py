"""Guarantee contracts (保証契約), their certificate versions and the per-branch serials."""

import enum
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import ClassVar

from sqlalchemy import (
    JSON,
    CheckConstraint,
    ForeignKey,
    Index,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    and_,
    event,
    exists,
    false,
    inspect,
)
from sqlalchemy.orm import Mapped, aliased, mapped_column, relationship

from domain.chain import fingerprint
from domain.changes import CertificateTerms, ContractFacts, VersionKind
from domain.fees import FeeRate
from domain.kinds import CertificateForm, GuaranteeKind
from domain.lifecycle import Standing, contract_standing, shown_versions
from extensions import db
from models.applications import Application, GuaranteeRequest
from models.fees import FeeRateEntry
from models.organisations import Branch
from models.types import UTCDateTime, Yen
from models.users import User


class ContractStatus(enum.StrEnum):
    """The state of a guarantee contract."""

    ACTIVE = "active"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return {"active": "有効", "cancelled": "解約"}[self.value]


class Shipping(enum.StrEnum):
    """Where a paper certificate is: waiting to be posted, or posted."""

    AWAITING = "awaiting"
    SHIPPED = "shipped"

    @property
    def label(self) -> str:
        return {"awaiting": "発送待ち", "shipped": "発送済"}[self.value]


class BranchSerial(db.Model):
    """The last serial a branch used in a 保証契約番号; only ever counts up."""

    branch_id: Mapped[int] = mapped_column(ForeignKey("branch.id"), primary_key=True)
    last_serial: Mapped[int] = mapped_column(default=0)

    __table_args__ = (
        CheckConstraint("last_serial >= 0 AND last_serial <= 999999", name="serial_range"),
    )


class GuaranteeContract(db.Model):
    """One issued guarantee: its number, current terms, the fee rate it keeps, and its key."""

    id: Mapped[int] = mapped_column(primary_key=True)
    #: 保証契約番号 NNNNN-NNNNNN; unique as the backstop of the serial counter.
    number: Mapped[str] = mapped_column(String(12), unique=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), index=True)
    #: One contract per requested guarantee: the backstop against issuing twice.
    guarantee_request_id: Mapped[int] = mapped_column(
        ForeignKey("guarantee_request.id"), unique=True
    )
    branch_id: Mapped[int] = mapped_column(ForeignKey("branch.id"), index=True)
    kind: Mapped[GuaranteeKind]
    certificate_form: Mapped[CertificateForm]
    status: Mapped[ContractStatus] = mapped_column(default=ContractStatus.ACTIVE)
    #: Current 保証金額 and 保証期限 (each version keeps its own in its snapshot).
    amount: Mapped[int] = mapped_column(Yen)
    guarantee_end: Mapped[date]
    #: Current 請負金額 and 工期 the guarantee rests on: the application's, until a change
    #: records new ones (each version keeps its own in its snapshot).
    contract_price: Mapped[int] = mapped_column(Yen)
    work_start: Mapped[date]
    work_end: Mapped[date]
    #: The rate the guarantee was issued with, kept even when the schedule changes.
    fee_rate_entry_id: Mapped[int] = mapped_column(ForeignKey("fee_rate_entry.id"))
    annual_rate: Mapped[Decimal] = mapped_column(Numeric(7, 6))
    minimum_fee: Mapped[int] = mapped_column(Yen)
    fee: Mapped[int] = mapped_column(Yen)
    issued_on: Mapped[date]
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime)
    issued_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    #: 電子保証 only: HMAC of the 認証キー (for the verifier) and its encrypted copy.
    key_digest: Mapped[str | None] = mapped_column(String(64))
    key_ciphertext: Mapped[str | None] = mapped_column(Text)
    #: Fingerprint of the key secrets that made the digest and the ciphertext; None for
    #: rows from before it was kept. `flask keys rehash` redoes every row not made by the
    #: current ones.
    key_secrets_id: Mapped[str | None] = mapped_column(String(16))
    key_issued_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Whether the key ends with a check character (keys issued before it was added do not).
    key_has_check: Mapped[bool] = mapped_column(default=False, server_default=false())
    #: When branch staff last lifted the key lockout: wrong keys before it no longer count.
    lock_lifted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Paper only: 発送待ち → 発送済.
    shipping: Mapped[Shipping | None]
    shipped_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Bumped on every change; a form carrying an older value is stale.
    revision: Mapped[int] = mapped_column(default=1)

    application: Mapped[Application] = relationship()
    guarantee_request: Mapped[GuaranteeRequest] = relationship(
        backref=db.backref("contract", uselist=False)
    )
    branch: Mapped[Branch] = relationship()
    fee_rate_entry: Mapped[FeeRateEntry] = relationship()
    issued_by: Mapped[User] = relationship()
    versions: Mapped[list["CertificateVersion"]] = relationship(
        back_populates="contract", order_by="CertificateVersion.seq"
    )

    __mapper_args__: ClassVar[dict] = {"version_id_col": revision}
    __table_args__ = (
        # The applicant's contract list, newest first (a company's contracts are found
        # walking it when it has many; blueprints/applicant/routes.py).
        Index("ix_guarantee_contract_issued", "issued_at", "id"),
    )

    @property
    def rate(self) -> FeeRate:
        return FeeRate(self.annual_rate, self.minimum_fee)

    @property
    def terms(self) -> CertificateTerms:
        """What its certificate states now: amount, 保証期限 and the contract facts."""
        return CertificateTerms(
            self.amount,
            self.guarantee_end,
            ContractFacts(self.contract_price, self.work_start, self.work_end),
        )

    @terms.setter
    def terms(self, terms: CertificateTerms) -> None:
        self.amount, self.guarantee_end = terms.amount, terms.end
        facts = terms.facts
        self.contract_price, self.work_start, self.work_end = (
            facts.contract_price,
            facts.work_start,
            facts.work_end,
        )

    @property
    def is_electronic(self) -> bool:
        return self.certificate_form is CertificateForm.ELECTRONIC

    @property
    def is_cancelled(self) -> bool:
        return self.status is ContractStatus.CANCELLED

    @property
    def offers_key(self) -> bool:
        """The 認証キー and its notice are given out: 電子保証 not cancelled."""
        return self.is_electronic and not self.is_cancelled

    def standing_on(self, today: date) -> Standing:
        """有効, 期限満了 or 解約 on `today` (a date in Japan)."""
        return contract_standing(self.is_cancelled, self.guarantee_end, today)

    @property
    def visible_versions(self) -> list["ShownVersion"]:
        """The history everyone outside the branch sees: 新規 and 変更-N with their current
        content (訂正 and 変更取消 hidden, an undone change gone)."""
        by_seq = {v.seq: v for v in self.versions}
        return [
            ShownVersion(by_seq[shown.seq], by_seq[shown.content_seq])
            for shown in shown_versions((v.seq, v.kind) for v in self.versions)
        ]

    @property
    def last_shown(self) -> "ShownVersion":
        """The contract as it stands now, under the label of its last visible version."""
        return self.visible_versions[-1]

    def shown_version(self, seq: int) -> "ShownVersion | None":
        """The visible version numbered `seq`; None for a hidden, undone or unknown one."""
        return next((v for v in self.visible_versions if v.seq == seq), None)


class CertificateVersion(db.Model):
    """An immutable snapshot of every field printed on the certificate (保証証券)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("guarantee_contract.id"))
    #: 1 for 新規, then 2, 3, … in the order the versions were made.
    seq: Mapped[int]
    kind: Mapped[VersionKind]
    #: 新規, 変更-N, 訂正 or 変更取消, as printed under the title.
    label: Mapped[str] = mapped_column(String(20))
    #: False for 訂正 and 変更取消: hidden from the history list.
    visible: Mapped[bool]
    #: Every certificate field as it was issued (dates as ISO strings, yen as ints).
    snapshot: Mapped[dict] = mapped_column(JSON)
    #: Additional fee (+) or refund (−) of a change; None for 新規.
    fee_difference: Mapped[int | None] = mapped_column(Yen)
    reason: Mapped[str] = mapped_column(Text, default="")
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime)
    issued_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    #: SHA-256 over this version and the previous version's hash (domain.chain): the
    #: contract's versions form a chain that an edit behind the service's back breaks.
    chain_hash: Mapped[str] = mapped_column(String(64))

    contract: Mapped[GuaranteeContract] = relationship(back_populates="versions")
    issued_by: Mapped[User] = relationship()

    __table_args__ = (
        UniqueConstraint("contract_id", "seq"),
        #: The daily seal reads the versions issued on one day.
        Index("ix_certificate_version_issued_at", "issued_at"),
    )

    @classmethod
    def still_shown(cls):
        """SQL: the version is in the visible history (see GuaranteeContract.visible_versions):
        a 新規 or 変更 that no 変更取消 undid (a 変更取消 always follows the change it undoes)."""
        undo = aliased(cls)
        return and_(
            cls.visible,
            ~exists().where(
                undo.contract_id == cls.contract_id,
                undo.seq == cls.seq + 1,
                undo.kind == VersionKind.UNDO,
            ),
        )

    @property
    def fingerprint(self) -> str:
        """版の指紋: the start of its chain hash, printed on its certificate."""
        return fingerprint(self.chain_hash)

    @property
    def fee_statement_title(self) -> str | None:
        """The statement of this version's fee: 保証料返還計算書 for a 減額 or a refund,
        追加保証料計算書 otherwise; None for 新規 (its fee is on the 保証料計算書)."""
        if self.fee_difference is None:
            return None
        if self.kind is VersionKind.DECREASE or self.fee_difference < 0:
            return "保証料返還計算書"
        return "追加保証料計算書"


@dataclass(frozen=True)
class ShownVersion:
    """A visible version as the orderer, the contractor and every document see it: the label,
    stamp and fee of `version`, with the current content of `content` (a later 訂正 or
    変更取消, or the version itself)."""

    version: CertificateVersion
    content: CertificateVersion

    @property
    def seq(self) -> int:
        return self.version.seq

    @property
    def label(self) -> str:
        return self.version.label

    @property
    def kind(self) -> VersionKind:
        return self.version.kind

    @property
    def confirmation(self):
        return self.version.confirmation

    @property
    def fee_difference(self) -> int | None:
        return self.version.fee_difference

    @property
    def issued_at(self) -> datetime:
        return self.version.issued_at

    @property
    def contract(self) -> GuaranteeContract:
        return self.version.contract

    @property
    def fee_statement_title(self) -> str | None:
        return self.version.fee_statement_title

    @property
    def corrected(self) -> bool:
        """Its content came from a later 訂正 or 変更取消."""
        return self.content is not self.version

    @property
    def fingerprint(self) -> str:
        """版の指紋 of the version whose content is shown."""
        return self.content.fingerprint

    @property
    def snapshot(self) -> dict:
        """The current content, labelled as the visible version."""
        return {**self.content.snapshot, "version_label": self.version.label}


@event.listens_for(CertificateVersion, "before_update")
def _refuse_update(mapper, connection, target) -> None:
    """Issued content is immutable: a correction adds a version, it never edits one."""
    state = inspect(target)
    if any(state.attrs[column.key].history.has_changes() for column in mapper.column_attrs):
        raise ValueError("a certificate version is never updated; add a new version instead")
