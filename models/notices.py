"""What an orderer keeps to watch on a checked guarantee, the notices it was told once, and
the notices an orderer or a contractor company switched off."""

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from extensions import db
from models.contracts import GuaranteeContract
from models.types import UTCDateTime, Yen
from models.users import User


class CoverageWatch(db.Model):
    """The orderer's own 工期 end and 請負金額 kept on a checked contract (only its own orderer
    checks a contract, so one watch per contract), and the guarantee amount at that time."""

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("guarantee_contract.id"), unique=True)
    work_end: Mapped[date | None]
    contract_price: Mapped[int | None] = mapped_column(Yen)
    amount_then: Mapped[int] = mapped_column(Yen)
    kept_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    kept_at: Mapped[datetime] = mapped_column(UTCDateTime)

    contract: Mapped[GuaranteeContract] = relationship(
        backref=db.backref("coverage_watch", uselist=False)
    )
    kept_by: Mapped[User] = relationship()


class OrdererNotice(db.Model):
    """A notice the orderer is told once per contract (期限間近, each coverage gap)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("guarantee_contract.id"))
    cause: Mapped[str] = mapped_column(String(40))
    told_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (UniqueConstraint("contract_id", "cause"),)


class NoticeOptOut(db.Model):
    """A kind of notice (domain.notices.NoticeKind) switched off by an orderer or a company."""

    id: Mapped[int] = mapped_column(primary_key=True)
    orderer_id: Mapped[int | None] = mapped_column(ForeignKey("orderer.id"))
    contractor_id: Mapped[int | None] = mapped_column(ForeignKey("contractor.id"))
    kind: Mapped[str] = mapped_column(String(20))

    __table_args__ = (
        UniqueConstraint("orderer_id", "kind"),
        UniqueConstraint("contractor_id", "kind"),
        CheckConstraint("(orderer_id IS NULL) <> (contractor_id IS NULL)", name="one_owner"),
    )
