"""共同企業体 (JV): contractors who take one work together; the representative applies."""

from datetime import datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from extensions import db
from models.organisations import Contractor
from models.types import UTCDateTime, utcnow


class JointVenture(db.Model):
    """A JV (e.g. 大曲・秋田特定建設工事共同企業体); its representative's users apply for it."""

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    representative_id: Mapped[int] = mapped_column(ForeignKey("contractor.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    representative: Mapped[Contractor] = relationship()
    members: Mapped[list["JointVentureMember"]] = relationship(
        back_populates="joint_venture",
        cascade="all, delete-orphan",
        order_by="JointVentureMember.position",
    )


class JointVentureMember(db.Model):
    """A member of a JV (the representative is one, at position 0) and its 出資比率."""

    id: Mapped[int] = mapped_column(primary_key=True)
    joint_venture_id: Mapped[int] = mapped_column(ForeignKey("joint_venture.id"))
    contractor_id: Mapped[int] = mapped_column(ForeignKey("contractor.id"))
    position: Mapped[int]
    #: 出資比率 in percent, e.g. 60.00.
    share: Mapped[Decimal] = mapped_column(Numeric(5, 2))

    joint_venture: Mapped[JointVenture] = relationship(back_populates="members")
    contractor: Mapped[Contractor] = relationship()

    __table_args__ = (UniqueConstraint("joint_venture_id", "contractor_id"),)
