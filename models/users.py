"""People who log in; each belongs to exactly one organisation and has one role."""

import enum
from datetime import datetime

from flask import current_app
from flask_login import UserMixin
from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from extensions import db
from models.organisations import Branch, Contractor, Orderer
from models.types import UTCDateTime, utcnow


class Role(enum.StrEnum):
    """What a user does, and so which blueprint is theirs."""

    APPLICANT = "applicant"
    BRANCH = "branch"
    VERIFIER = "verifier"

    @property
    def label(self) -> str:
        return {"applicant": "申込者", "branch": "保証会社", "verifier": "発注者"}[self.value]


class User(UserMixin, db.Model):
    """A login of a contractor's staff (applicant), the surety's staff or an orderer's staff."""

    id: Mapped[int] = mapped_column(primary_key=True)
    login_id: Mapped[str] = mapped_column(String(50), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    name: Mapped[str] = mapped_column(String(100))
    role: Mapped[Role]
    contractor_id: Mapped[int | None] = mapped_column(ForeignKey("contractor.id"))
    branch_id: Mapped[int | None] = mapped_column(ForeignKey("branch.id"))
    orderer_id: Mapped[int | None] = mapped_column(ForeignKey("orderer.id"))
    #: Where set-password and reset links are sent; several accounts may share one.
    email: Mapped[str] = mapped_column(String(254), default="", index=True)
    is_active: Mapped[bool] = mapped_column(default=True)
    #: Set until the person chooses a password through the mailed one-time link: until then
    #: the account cannot log in (nobody else ever knows a password that opens it).
    must_change_password: Mapped[bool] = mapped_column(default=False)
    #: 会社管理者: a contractor's user who adds and disables the company's users.
    is_company_admin: Mapped[bool] = mapped_column(default=False)
    #: 発注者管理者: an orderer's user who adds, disables and re-enables the orderer's clerks.
    is_orderer_admin: Mapped[bool] = mapped_column(default=False)
    #: 連携システム: an orderer's system calling the API with a token; it never logs in.
    is_system: Mapped[bool] = mapped_column(default=False)
    #: Part of the id kept in each session: raising it ends every session of the user.
    session_version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    contractor: Mapped[Contractor | None] = relationship()
    branch: Mapped[Branch | None] = relationship()
    orderer: Mapped[Orderer | None] = relationship()

    __table_args__ = (
        CheckConstraint(
            "(role = 'APPLICANT' AND contractor_id IS NOT NULL"
            " AND branch_id IS NULL AND orderer_id IS NULL)"
            " OR (role = 'BRANCH' AND branch_id IS NOT NULL"
            " AND contractor_id IS NULL AND orderer_id IS NULL)"
            " OR (role = 'VERIFIER' AND orderer_id IS NOT NULL"
            " AND contractor_id IS NULL AND branch_id IS NULL)",
            name="one_organisation_per_role",
        ),
    )

    def get_id(self) -> str:
        """The id a session keeps: the user id and the session version, e.g. "12.3"."""
        return f"{self.id}.{self.session_version or 1}"

    def end_sessions(self) -> None:
        """Make every existing session of this user invalid at its next request."""
        self.session_version = (self.session_version or 1) + 1

    def set_password(self, password: str) -> None:
        method = current_app.config["PASSWORD_HASH_METHOD"]
        self.password_hash = generate_password_hash(password, method=method)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    @property
    def may_act(self) -> bool:
        """An active account of an organisation that is not disabled (an orderer may be)."""
        return self.is_active and (self.orderer is None or self.orderer.is_active)

    @property
    def may_log_in(self) -> bool:
        """A person who may act and has chosen their own password; a 連携システム never logs
        in (it calls the API with a token)."""
        return self.may_act and not self.is_system and not self.must_change_password

    @property
    def is_head_office(self) -> bool:
        """Head-office staff administer orderers and branches and see every branch's work."""
        return self.role is Role.BRANCH and self.branch is not None and self.branch.is_head_office

    @property
    def organisation_name(self) -> str:
        """The name shown beside the user's own name in the header."""
        organisation = self.contractor or self.branch or self.orderer
        return organisation.name if organisation else ""
