"""The advance after issuance: the use statements (前払金使途内訳明細書) of an advance guarantee,
the deposit received into its dedicated account, and the withdrawals (払出依頼書) from it."""

import enum
from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from domain.advance_uses import UseCategory, UseRow, declared_by_use, declared_total
from extensions import db
from models.contracts import GuaranteeContract
from models.types import UTCDateTime, Yen
from models.users import User


class UseStatementStatus(enum.StrEnum):
    """下書き → 審査中 → 承諾済, or 差戻し (edited and sent again)."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    RETURNED = "returned"

    @property
    def label(self) -> str:
        return {
            "draft": "下書き",
            "submitted": "審査中",
            "accepted": "承諾済",
            "returned": "差戻し",
        }[self.value]

    @property
    def editable(self) -> bool:
        return self in (UseStatementStatus.DRAFT, UseStatementStatus.RETURNED)


class UseStatement(db.Model):
    """One version of a contract's 前払金使途内訳明細書: 1 is the first statement, each later
    one a 使途変更. An accepted version is never edited; a change is a new version."""

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("guarantee_contract.id"), index=True)
    #: 1, 2, 3 … per contract, in the order the versions were started.
    seq: Mapped[int]
    status: Mapped[UseStatementStatus] = mapped_column(default=UseStatementStatus.DRAFT)
    #: The rows as entered: [{"category": "materials", "description": "…", "amount": 1000}, …].
    rows: Mapped[list] = mapped_column(JSON, default=list)
    #: The branch's message when it returned the version (弊社からのお知らせ).
    message: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))

    contract: Mapped[GuaranteeContract] = relationship()
    updated_by: Mapped[User] = relationship(foreign_keys=[updated_by_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])

    __table_args__ = (UniqueConstraint("contract_id", "seq"),)

    @property
    def label(self) -> str:
        """当初 for the first statement, 使途変更-N for the N-th change."""
        return "当初" if self.seq == 1 else f"使途変更-{self.seq - 1}"

    @property
    def use_rows(self) -> list[UseRow]:
        return [
            UseRow(UseCategory(r["category"]) if r.get("category") else None,
                   r.get("description", ""), r.get("amount"))
            for r in self.rows
        ]  # fmt: skip

    @property
    def declared(self) -> dict[UseCategory, int]:
        return declared_by_use(self.use_rows)

    @property
    def total(self) -> int:
        return declared_total(self.use_rows)


class AdvanceDeposit(db.Model):
    """The advance received into the contract's dedicated account (預託金). One per contract;
    its row is the lock every withdrawal takes, so two at once never overdraw."""

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("guarantee_contract.id"), unique=True)
    received_on: Mapped[date]
    amount: Mapped[int] = mapped_column(Yen)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    #: When branch staff last corrected it (the audit trail keeps before → after).
    corrected_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    contract: Mapped[GuaranteeContract] = relationship(backref=db.backref("deposit", uselist=False))
    recorded_by: Mapped[User] = relationship()

    __table_args__ = (CheckConstraint("amount > 0", name="deposit_positive"),)


class WithdrawalStatus(enum.StrEnum):
    """A 払出依頼書 is prepared (the amount reserved), then recorded as paid by the bank, or
    cancelled before it was taken to the bank (the amount is free again)."""

    PREPARED = "prepared"
    PAID = "paid"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return {"prepared": "払出依頼中", "paid": "払出済", "cancelled": "取消"}[self.value]


class Withdrawal(db.Model):
    """One 払出依頼書: payee, use and amount, taken to the bank counter."""

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("guarantee_contract.id"), index=True)
    #: 1, 2, 3 … per contract, printed on the 払出依頼書.
    number: Mapped[int]
    payee: Mapped[str] = mapped_column(String(100))
    category: Mapped[UseCategory]
    amount: Mapped[int] = mapped_column(Yen)
    wished_on: Mapped[date]
    status: Mapped[WithdrawalStatus] = mapped_column(default=WithdrawalStatus.PREPARED)
    prepared_at: Mapped[datetime] = mapped_column(UTCDateTime)
    prepared_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    paid_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    paid_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))

    contract: Mapped[GuaranteeContract] = relationship()
    prepared_by: Mapped[User] = relationship(foreign_keys=[prepared_by_id])
    paid_by: Mapped[User | None] = relationship(foreign_keys=[paid_by_id])

    __table_args__ = (
        UniqueConstraint("contract_id", "number"),
        CheckConstraint("amount > 0", name="withdrawal_positive"),
    )

    @property
    def is_paid(self) -> bool:
        return self.status is WithdrawalStatus.PAID

    @property
    def is_cancelled(self) -> bool:
        return self.status is WithdrawalStatus.CANCELLED

    @property
    def is_pending(self) -> bool:
        return self.status is WithdrawalStatus.PREPARED
