"""Guarantee contracts (保証契約), their certificate versions and the per-branch serials."""

import enum
from datetime import date, datetime
from decimal import Decimal
from typing import ClassVar

from sqlalchemy import (
    JSON,
    CheckConstraint,
    ForeignKey,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    event,
    inspect,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from domain.changes import VersionKind
from domain.fees import FeeRate
from domain.kinds import CertificateForm, GuaranteeKind
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
    key_issued_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
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

    @property
    def rate(self) -> FeeRate:
        return FeeRate(self.annual_rate, self.minimum_fee)

    @property
    def is_electronic(self) -> bool:
        return self.certificate_form is CertificateForm.ELECTRONIC

    @property
    def visible_versions(self) -> list["CertificateVersion"]:
        return [v for v in self.versions if v.visible]

    @property
    def current_version(self) -> "CertificateVersion":
        return self.versions[-1]


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

    contract: Mapped[GuaranteeContract] = relationship(back_populates="versions")
    issued_by: Mapped[User] = relationship()

    __table_args__ = (UniqueConstraint("contract_id", "seq"),)


@event.listens_for(CertificateVersion, "before_update")
def _refuse_update(mapper, connection, target) -> None:
    """Issued content is immutable: a correction adds a version, it never edits one."""
    state = inspect(target)
    if any(state.attrs[column.key].history.has_changes() for column in mapper.column_attrs):
        raise ValueError("a certificate version is never updated; add a new version instead")
