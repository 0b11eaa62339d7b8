"""確認済み一覧 as a CSV for the orderer's year-end records (UTF-8 with BOM, for Excel)."""

from domain.japan_time import jst_text
from domain.spreadsheet import spreadsheet_csv

HEADER = (
    "保証契約番号", "保証の種類", "工事名", "受注者", "現在の状況", "お知らせ",
    "保証金額", "保証期限", "請負金額", "工期（着工日）", "工期（完成日）",
    "最後に確認した版", "確認日時", "保存した工期（完成日）", "保存した請負金額",
)  # fmt: skip


def checked_list_csv(rows, today) -> bytes:
    """One line per checked guarantee (rows of operations.verification.checked_by), as it
    stands `today`; every cell a spreadsheet would run as a formula is neutralised."""
    return spreadsheet_csv(HEADER, (_cells(row, today) for row in rows))


def _cells(row, today) -> tuple:
    """One guarantee's cells, in HEADER's order."""
    contract, watch = row.contract, row.contract.coverage_watch
    return (
        contract.number,
        contract.kind.label,
        contract.application.work_name,
        contract.application.contractor.name,
        contract.standing_on(today).label,
        "・".join(flag.label for flag in row.flags),
        contract.amount,
        contract.guarantee_end.isoformat(),
        contract.contract_price,
        contract.work_start.isoformat(),
        contract.work_end.isoformat(),
        row.version.label,
        jst_text(row.version.confirmation.first_viewed_at),
        watch.work_end.isoformat() if watch and watch.work_end else "",
        watch.contract_price if watch and watch.contract_price is not None else "",
    )
