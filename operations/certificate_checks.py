"""A check by number and key that answers with facts instead of a page: the API's and the
bulk check's. It runs the lookup page's own operation (the same oracle, lockout and limits)
and stamps 電子保証発行日時 as the page's first view does."""

from dataclasses import dataclass
from datetime import date, datetime

from clock import today
from domain.lifecycle import Standing
from models import GuaranteeContract, ShownVersion, User
from operations.verification import open_certificate, since_checked, view_version


@dataclass(frozen=True)
class Checked:
    """What a successful check tells: the certificate as it stands, and its standing."""

    contract: GuaranteeContract
    shown: ShownVersion
    #: 有効 / 変更あり (changed since the orderer's last check) / 解約 / 期限満了.
    status: str
    #: 電子保証発行日時: when this version first reached the orderer.
    issued_at: datetime

    @property
    def snapshot(self) -> dict:
        return self.shown.snapshot

    def facts(self) -> dict:
        s = self.snapshot
        contractor = s["contractor_name"]
        if s.get("jv_name"):
            contractor = f"{s['jv_name']}（代表者 {contractor}）"
        return {
            "contractor": contractor,
            "orderer": s["orderer_name"],
            "surety": s["issuer_name"],
            "work_name": s["work_name"],
            "contract_price": s["contract_price"],
            "contract_date": date.fromisoformat(s["contract_date"]),
            "work_start": date.fromisoformat(s["work_start"]),
            "work_end": date.fromisoformat(s["work_end"]),
            "amount": s["amount"],
            "guarantee_end": date.fromisoformat(s["guarantee_end"]),
        }


def check_certificate(user: User, number: str, key: str, address: str) -> Checked:
    """Open the certificate as the lookup page does (raising its NotFound, Mistyped, Locked
    or Suspended), then view its current version: the first view stamps 電子保証発行日時."""
    contract = open_certificate(user, number, key, address)
    shown = contract.last_shown
    standing = contract.standing_on(today())
    if standing is Standing.ACTIVE and Standing.CHANGED in since_checked(contract):
        standing = Standing.CHANGED
    confirmation = view_version(user, shown)
    return Checked(contract, shown, standing.label, confirmation.first_viewed_at)
