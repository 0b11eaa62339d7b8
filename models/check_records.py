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

    The re-check code printed on the record is kept here only as `code_digest` (SHA-256 of the
    normalised code, see domain.check_records): /verify-record finds the row by the digest of
    what is typed (the unique index makes that one lookup), and this table, its exports and
    its query logs show no code to confirm someone's record with. The record's kept PDF
    (stored_document "check-record/<id>", served only to the record's orderer) does carry the
    code, as printed: it is the same document the clerk filed.
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

    user: Mapped[User] = relationship()
    orderer: Mapped[Orderer] = relationship()
    contract: Mapped[GuaranteeContract] = relationship()
    version: Mapped[CertificateVersion] = relationship()
