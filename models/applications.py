"""An application (保証申込) and the guarantees it requests, one block per kind."""

import enum
from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from domain.kinds import ApplicationKind, CertificateForm, GuaranteeKind, PaymentMethod
from domain.lifecycle import application_progress
from extensions import db
from models.joint_ventures import JointVenture
from models.organisations import Branch, Contractor, Orderer
from models.types import UTCDateTime, Yen, utcnow
from models.users import User


class ApplicationStatus(enum.StrEnum):
    """手続状況 of an application."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    REVIEWING = "reviewing"
    RETURNED = "returned"
    ISSUED = "issued"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]

    @property
    def editable(self) -> bool:
        """The applicant may still change the application."""
        return self in (ApplicationStatus.DRAFT, ApplicationStatus.RETURNED)


_STATUS_LABELS = {
    ApplicationStatus.DRAFT: "下書き",
    ApplicationStatus.SUBMITTED: "送信済",
    ApplicationStatus.REVIEWING: "審査中",
    ApplicationStatus.RETURNED: "差戻し",
    ApplicationStatus.ISSUED: "発行済",
    ApplicationStatus.DECLINED: "謝絶",
    ApplicationStatus.WITHDRAWN: "取下げ",
}


class Application(db.Model):
    """What a contractor's staff fill in on the Net Desk form; a draft until sent."""

    id: Mapped[int] = mapped_column(primary_key=True)
    contractor_id: Mapped[int] = mapped_column(ForeignKey("contractor.id"), index=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    status: Mapped[ApplicationStatus] = mapped_column(default=ApplicationStatus.DRAFT, index=True)
    #: Guarantees after the award, or a 契約保証予約 before it.
    kind: Mapped[ApplicationKind] = mapped_column(
        default=ApplicationKind.GUARANTEE, server_default=ApplicationKind.GUARANTEE.name
    )
    #: The token of the form that created it: a repeated POST finds this draft again.
    form_token: Mapped[str] = mapped_column(String(64), unique=True)
    #: Bumped on every change; a form carrying an older value is stale.
    revision: Mapped[int] = mapped_column(default=1)

    # 請負工事の情報
    orderer_id: Mapped[int | None] = mapped_column(ForeignKey("orderer.id"))
    work_name: Mapped[str] = mapped_column(String(200), default="")
    work_place: Mapped[str] = mapped_column(String(200), default="")
    contract_price: Mapped[int | None] = mapped_column(Yen)
    work_start: Mapped[date | None]
    work_end: Mapped[date | None]
    contract_date: Mapped[date | None]
    announcement_date: Mapped[date | None]
    nomination_date: Mapped[date | None]
    jv_name: Mapped[str] = mapped_column(String(200), default="")
    #: The registered JV (共同企業体) whose work this is: its members see the contracts.
    joint_venture_id: Mapped[int | None] = mapped_column(ForeignKey("joint_venture.id"), index=True)
    #: 今年度対象額: this fiscal year's share of a multi-year contract; the advance base.
    this_year_amount: Mapped[int | None] = mapped_column(Yen)
    #: 契約保証予約 only: the contract guarantee amount reserved (請負金額 holds the 入札金額).
    reserved_amount: Mapped[int | None] = mapped_column(Yen)
    #: A 契約保証 application made by 「契約保証へ切替」: the 予約 it came from (one each).
    converted_from_id: Mapped[int | None] = mapped_column(ForeignKey("application.id"), unique=True)

    # インフォメーション
    branch_id: Mapped[int | None] = mapped_column(ForeignKey("branch.id"), index=True)
    notify_by_mail: Mapped[bool] = mapped_column(default=False)
    notify_email: Mapped[str] = mapped_column(String(254), default="")

    # 連絡先
    contact_department: Mapped[str] = mapped_column(String(100), default="")
    contact_title: Mapped[str] = mapped_column(String(100), default="")
    contact_name: Mapped[str] = mapped_column(String(100), default="")
    contact_phone: Mapped[str] = mapped_column(String(30), default="")
    message_to_branch: Mapped[str] = mapped_column(Text, default="")
    #: 弊社からお客様へのお知らせ: the branch's message, e.g. why it was returned.
    message_from_branch: Mapped[str] = mapped_column(Text, default="")

    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    contractor: Mapped[Contractor] = relationship()
    created_by: Mapped[User] = relationship()
    orderer: Mapped[Orderer | None] = relationship()
    branch: Mapped[Branch | None] = relationship()
    joint_venture: Mapped["JointVenture | None"] = relationship()
    converted_from: Mapped["Application | None"] = relationship(
        remote_side=[id], backref=db.backref("converted_to", uselist=False)
    )
    guarantees: Mapped[list["GuaranteeRequest"]] = relationship(
        back_populates="application",
        cascade="all, delete-orphan",
        order_by="GuaranteeRequest.kind_order",
    )

    @property
    def number(self) -> str:
        """申込番号 shown to people: the id, zero-padded."""
        return f"{self.id:08d}"

    @property
    def is_reservation(self) -> bool:
        return self.kind is ApplicationKind.RESERVATION

    @property
    def progress_label(self) -> str:
        """手続状況 as shown: the status, or 一部解約 / 解約 once guarantees are cancelled."""
        contracts = [g.contract for g in self.guarantees if g.contract is not None]
        cancelled = sum(1 for contract in contracts if contract.is_cancelled)
        return application_progress(self.status.label, cancelled, len(contracts))

    __mapper_args__ = {"version_id_col": revision}
    __table_args__ = (
        # The branch queue, newest first, for one branch and for head office.
        Index("ix_application_branch_updated", "branch_id", "updated_at"),
        Index("ix_application_updated_at", "updated_at"),
        # The queue's other sorts, and 1-2 character terms as a prefix of 工事名. Terms of 3+
        # characters use a trigram index the migration makes outside the models (pg_trgm GIN
        # on PostgreSQL, the FTS5 table application_fts on SQLite): blueprints/search.py.
        Index("ix_application_branch_submitted", "branch_id", "submitted_at", "id"),
        Index("ix_application_branch_work_name", "branch_id", "work_name", "id"),
        Index("ix_application_work_name", "work_name"),
        # The applicant's lists, newest first, for one company.
        Index("ix_application_contractor_updated", "contractor_id", "updated_at", "id"),
        # The applicant's counts by 手続状況 (each up to the cap) read the index alone.
        Index("ix_application_contractor_status", "contractor_id", "status"),
        # A 1-2 character term's count (blueprints/search.py): the 工事名 that start with it,
        # not drafts, read from the index alone, for one branch and for head office.
        Index("ix_application_branch_work_name_status", "branch_id", "work_name", "status", "id"),
        Index("ix_application_work_name_status", "work_name", "status", "id"),
    )

    def guarantee(self, kind: GuaranteeKind) -> "GuaranteeRequest | None":
        return next((g for g in self.guarantees if g.kind is kind), None)


class GuaranteeRequest(db.Model):
    """One requested guarantee (前払金保証, 中間前払金保証 or 契約保証) of an application."""

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"))
    kind: Mapped[GuaranteeKind]
    #: 0, 1, 2 for advance, interim, contract: the order of the seed's form.
    kind_order: Mapped[int]
    certificate_form: Mapped[CertificateForm | None]
    amount: Mapped[int | None] = mapped_column(Yen)
    #: 預託金融機関 (advance and interim only), stored full-width.
    deposit_bank: Mapped[str] = mapped_column(String(100), default="")
    uses_redeposit: Mapped[bool] = mapped_column(default=False)
    payment_method: Mapped[PaymentMethod | None]
    fee_payer: Mapped[str] = mapped_column(String(100), default="")
    wants_fee_statement: Mapped[bool] = mapped_column(default=False)

    application: Mapped[Application] = relationship(back_populates="guarantees")

    __table_args__ = (UniqueConstraint("application_id", "kind"),)
