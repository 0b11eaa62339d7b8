"""A certificate version (保証証券) as people read it, from its immutable snapshot.

The applicant's view, the orderer's view and the PDF all show this one object, so what the
orderer sees is what the contractor was shown.
"""

from dataclasses import dataclass
from datetime import date

from domain.kinds import GuaranteeKind
from domain.wareki import to_wareki
from domain.yen import format_yen

#: The conditions each guarantee is given under, named in the certificate's statement.
CONDITIONS = {
    GuaranteeKind.ADVANCE: "前払金保証約款",
    GuaranteeKind.INTERIM: "中間前払金保証約款",
    GuaranteeKind.CONTRACT: "契約保証約款",
}
NOTES = (
    "保証契約を変更する場合は、表題の下に「変更-N」の表示と変更の発生番号を付記し、"
    "変更後の契約内容を表示します。",
    "請負金額のみの変更の場合は、この保証契約の効力に影響を及ぼさないので、"
    "保証契約の変更の手続きは必要ありません。",
)


@dataclass(frozen=True)
class CertificateView:
    """Every line of one certificate version, formatted for reading and printing."""

    title: str
    version_label: str
    issued_on: str
    rows: tuple[tuple[str, str], ...]
    statement: str
    issuer: tuple[str, ...]
    office: tuple[str, ...]
    #: 版の指紋 of the version whose content this is (see domain.chain.fingerprint).
    fingerprint: str | None = None
    notes: tuple[str, ...] = NOTES

    @property
    def shows_version_label(self) -> bool:
        """Only a change is marked under the title (新規 is not)."""
        return self.version_label != "新規"


def certificate_view(snapshot: dict, fingerprint: str | None = None) -> CertificateView:
    """The readable certificate of a version's snapshot, with the version's fingerprint."""
    kind = GuaranteeKind(snapshot["kind"])
    contractor = snapshot["contractor_name"]
    if snapshot.get("jv_name"):
        contractor = f"{snapshot['jv_name']}（代表者 {contractor}）"
    rows = [
        ("保証契約番号", snapshot["contract_number"]),
        ("保証契約者", f"{snapshot.get('contractor_address', '')}　{contractor}".strip("　")),
        _party(snapshot),
        ("保証金額 (総額)", format_yen(snapshot["amount"])),
        ("保証期限", _wareki(snapshot["guarantee_end"])),
        ("工事名", snapshot["work_name"]),
        ("請負金額 (総額)", format_yen(snapshot["contract_price"])),
        ("工期", f"{_wareki(snapshot['work_start'])} ～ {_wareki(snapshot['work_end'])}"),
        ("請負契約日", _wareki(snapshot["contract_date"])),
    ]
    if kind is not GuaranteeKind.CONTRACT:
        rows.append(("保証金融機関", snapshot.get("deposit_bank") or "—"))
    return CertificateView(
        title=f"保証証券 ({kind.label})",
        version_label=snapshot["version_label"],
        issued_on=_wareki(snapshot["issued_on"]),
        rows=tuple(rows),
        statement=f"当社は、{CONDITIONS[kind]}に基づき上記のとおり保証契約を締結し、その責に任じます。",
        issuer=(
            snapshot["issuer_address"],
            snapshot["issuer_name"],
            snapshot["issuer_representative"],
        ),
        office=(
            f"取扱箇所 {snapshot['office_name']}",
            f"TEL: {snapshot['office_phone']}",
            f"FAX: {snapshot['office_fax']}",
        ),
        fingerprint=fingerprint,
    )


def _party(snapshot: dict) -> tuple[str, str]:
    """保証債権者 (the orderer's head); versions issued before it was kept name the orderer."""
    if "creditor_name" in snapshot:
        return ("保証債権者", snapshot["creditor_name"])
    return ("発注者", snapshot["orderer_name"])


def _wareki(iso: str) -> str:
    return to_wareki(date.fromisoformat(iso))
