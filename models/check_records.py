"""確認記録票: one row per record a clerk downloaded after opening a certificate."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from domain.lifecycle import Standing
from extensions import db
from models.contracts import CertificateVersion, GuaranteeContract
from models.organisations import Orderer
from models.types import UTCDateTime
from models.users import User


class CheckRecord(db.Model):
    """What the clerk saw and checked, as printed on the record; never changed once filed.

    The re-check code printed on the record is nowhere in the database: it derives from
    `code_nonce` and the CHECK_CODE_SECRET (domain.check_records.derived_code), and is kept
    here only as `code_digest` (SHA-256 of the normalised code): /verify-record finds the row
    by the digest of what is typed (the unique index makes that one lookup). The PDF is not
    kept either: each download renders it again from this row (`content_version`, `printed`)
    with the same code. A record filed before that has no nonce and keeps its PDF, code
    included, in stored_document "check-record/<id>".
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    orderer_id: Mapped[int] = mapped_column(ForeignKey("orderer.id"), index=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("guarantee_contract.id"))
    version_id: Mapped[int] = mapped_column(ForeignKey("certificate_version.id"))
    #: The visible version's label when seen (a later undone change can renumber labels).
    version_label: Mapped[str] = mapped_column(String(20))
    #: This view's time (確認日時).
    viewed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: 一致 / 不一致 / 未入力 per item of domain.check_records.CHECK_ITEMS.
    results: Mapped[dict] = mapped_column(JSON)
    #: The contract's standing at that moment (有効 / 期限満了 / 解約).
    standing: Mapped[Standing]
    code_digest: Mapped[str] = mapped_column(String(64), unique=True)
    #: Random; with the CHECK_CODE_SECRET it gives the code (None: a record with a kept PDF).
    code_nonce: Mapped[str | None] = mapped_column(String(32))
    #: The version whose content was seen (a later 訂正 or 変更取消 does not change the record).
    content_version_id: Mapped[int | None] = mapped_column(ForeignKey("certificate_version.id"))
    #: What the record prints that could change later: orderer, clerk, 照合 warning.
    printed: Mapped[dict | None] = mapped_column(JSON)

    user: Mapped[User] = relationship()
    orderer: Mapped[Orderer] = relationship()
    contract: Mapped[GuaranteeContract] = relationship()
    version: Mapped[CertificateVersion] = relationship(foreign_keys=[version_id])
    content_version: Mapped[CertificateVersion | None] = relationship(
        foreign_keys=[content_version_id]
    )
