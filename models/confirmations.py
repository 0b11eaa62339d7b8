"""確認記録: the moment a certificate version first reached its orderer (電子保証発行日時)."""

from datetime import datetime

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column, relationship

from extensions import db
from models.contracts import CertificateVersion
from models.organisations import Orderer
from models.types import UTCDateTime
from models.users import User


class VersionConfirmation(db.Model):
    """The first successful view of a version by its orderer; later views are only audited.

    Kept apart from CertificateVersion because an issued version is never updated.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    #: One stamp per version: the unique index refuses a second first view.
    version_id: Mapped[int] = mapped_column(ForeignKey("certificate_version.id"), unique=True)
    orderer_id: Mapped[int] = mapped_column(ForeignKey("orderer.id"))
    viewed_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    #: 電子保証発行日時.
    first_viewed_at: Mapped[datetime] = mapped_column(UTCDateTime)

    version: Mapped[CertificateVersion] = relationship(
        backref=db.backref("confirmation", uselist=False)
    )
    orderer: Mapped[Orderer] = relationship()
    viewed_by: Mapped[User] = relationship()
