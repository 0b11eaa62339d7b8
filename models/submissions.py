"""提出: a contractor hands a 電子保証 (its key) to the orderer inside the service."""

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from extensions import db
from models.contracts import GuaranteeContract
from models.organisations import Orderer
from models.types import UTCDateTime
from models.users import User


class SubmissionState(enum.StrEnum):
    """未確認 until the orderer opens it, then 確認済; 取下げ by the contractor before that;
    再提出待ち once a key reissue voided the handed-over key."""

    SUBMITTED = "submitted"
    OPENED = "opened"
    WITHDRAWN = "withdrawn"
    REVOKED = "revoked"

    @property
    def label(self) -> str:
        return {
            "submitted": "未確認",
            "opened": "確認済",
            "withdrawn": "取下げ",
            "revoked": "再提出待ち",
        }[self.value]

    @property
    def badge(self) -> str:
        """The colour of its status badge (static/app.css .status-<badge>)."""
        return {"opened": "issued", "revoked": "returned"}.get(self.value, "submitted")

    @property
    def stands(self) -> bool:
        """The handed-over key still counts: the orderer may open the contract from its inbox."""
        return self in (SubmissionState.SUBMITTED, SubmissionState.OPENED)


class Submission(db.Model):
    """One handing-over of a contract to its orderer (who, when, to which 担当課) and its end."""

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("guarantee_contract.id"), index=True)
    orderer_id: Mapped[int] = mapped_column(ForeignKey("orderer.id"))
    #: The 担当課 named at submission ("" when the orderer keeps no list).
    department: Mapped[str] = mapped_column(String(50), default="")
    state: Mapped[SubmissionState] = mapped_column(default=SubmissionState.SUBMITTED)
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime)
    submitted_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    #: The orderer's first opening from the inbox.
    opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    opened_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    #: 取下げ or 再提出待ち: when the submission stopped standing.
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    contract: Mapped[GuaranteeContract] = relationship()
    orderer: Mapped[Orderer] = relationship()
    submitted_by: Mapped[User] = relationship(foreign_keys=[submitted_by_id])
    opened_by: Mapped[User | None] = relationship(foreign_keys=[opened_by_id])

    __table_args__ = (Index("ix_submission_orderer_submitted", "orderer_id", "submitted_at"),)
