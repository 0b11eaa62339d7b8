"""Every attempt of an orderer's staff to open a certificate: for the lockout and the audit."""

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from extensions import db
from models.organisations import Orderer
from models.types import UTCDateTime
from models.users import User


class LookupOutcome(enum.StrEnum):
    """What an attempt came to. The key typed is never kept.

    WRONG_KEY is only ever the contract's own orderer's miss (it counts towards the contract's
    lock); any other miss is NOT_FOUND (it counts towards the typist's own limit).
    """

    OPENED = "opened"
    WRONG_KEY = "wrong_key"
    NOT_FOUND = "not_found"
    LOCKED = "locked"
    SUSPENDED = "suspended"
    #: The own orderer typed a key whose check character does not match: a slip of the hand,
    #: counted towards no lock.
    MISTYPED = "mistyped"

    @property
    def label(self) -> str:
        return {
            "opened": "表示",
            "wrong_key": "認証キー誤り",
            "not_found": "該当なし",
            "locked": "ロック中のため拒否",
            "suspended": "誤入力が続いたため停止中",
            "mistyped": "認証キー入力誤り（チェック文字）",
        }[self.value]


class LookupAttempt(db.Model):
    """One lookup by number and key: who, from where, when, and what came of it."""

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    orderer_id: Mapped[int] = mapped_column(ForeignKey("orderer.id"))
    #: The contract the number named, if any (also when it belongs to another orderer).
    contract_id: Mapped[int | None] = mapped_column(ForeignKey("guarantee_contract.id"))
    #: The number as normalised, or what was typed when it was no number at all (cut short).
    number: Mapped[str] = mapped_column(String(40))
    address: Mapped[str] = mapped_column(String(45))
    outcome: Mapped[LookupOutcome]

    user: Mapped[User] = relationship()
    orderer: Mapped[Orderer] = relationship()

    __table_args__ = (
        Index("ix_lookup_attempt_contract_at", "contract_id", "at"),
        Index("ix_lookup_attempt_user_at", "user_id", "at"),
        Index("ix_lookup_attempt_orderer_at", "orderer_id", "at"),
    )
