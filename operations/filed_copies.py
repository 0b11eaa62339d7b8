"""「PDFを検証」: is a filed certificate PDF one we issued, and is it still the certificate?

A check only: the PDF is never kept, nothing is stamped (電子保証発行日時 stays with the lookup
by number and key), and a PDF is not a submission.
"""

from dataclasses import dataclass

from documents.signing import UnreadablePdf, signed_by_us
from models import GuaranteeContract, User
from operations.documents import issued_certificate
from operations.errors import DomainError
from operations.verification import NotFound

NOT_OURS = "当社が発行したものと一致しません"
LATEST = "この版は最新です"
CANCELLED = "解約されています"
UNREADABLE = "PDF として読み取れませんでした。保存した PDF ファイルをそのまま選んでください。"


@dataclass(frozen=True)
class FiledCopyAnswer:
    """What the check found: the answer, and the certificate when it is ours."""

    answer: str
    contract: GuaranteeContract | None = None
    label: str | None = None

    @property
    def matched(self) -> bool:
        return self.contract is not None

    @property
    def is_latest(self) -> bool:
        return self.answer == LATEST


def check_filed_copy(user: User, data: bytes) -> FiledCopyAnswer:
    """Compare an uploaded certificate PDF with what we issued; NotFound for a certificate of
    another orderer (the lookup's answer), DomainError for a file that is not a readable PDF."""
    try:
        ours = signed_by_us(data)
    except UnreadablePdf as error:
        raise DomainError(UNREADABLE, {"pdf": UNREADABLE}) from error
    issued = issued_certificate(data) if ours else None
    if issued is None:
        return FiledCopyAnswer(NOT_OURS)
    version, content = issued
    contract = version.contract
    if not contract.is_electronic or contract.application.orderer_id != user.orderer_id:
        raise NotFound()
    latest = contract.last_shown
    if contract.cancelled_at is not None:
        answer = CANCELLED
    elif latest.version is version and latest.content is content:
        answer = LATEST
    else:
        answer = f"後に変更があります（{latest.label}）"
    return FiledCopyAnswer(answer, contract, version.label)
