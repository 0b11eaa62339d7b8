"""操作履歴: the audit trail, for head-office staff."""

from flask import render_template, request
from sqlalchemy import select

from blueprints.access import head_office_only
from blueprints.admin.routes import bp
from extensions import db
from models import AuditEntry

PER_PAGE = 50

#: What each recorded action is called on the page (unknown ones are shown as recorded).
ACTION_LABELS = {
    "orderer.added": "発注者の登録", "orderer.changed": "発注者の変更",
    "branch.added": "支店の登録", "branch.changed": "支店の変更",
    "user.added": "アカウントの追加", "user.disabled": "アカウントの無効化",
    "user.enabled": "アカウントの有効化", "account.password_changed": "パスワードの変更",
    "account.set_password": "パスワードの設定（リンク）",
    "account.reset_password": "パスワードの再設定（リンク）",
    "account.reset_requested": "パスワード再設定の申込",
    "account_request.received": "利用申込の受付", "account_request.approved": "利用申込の承認",
    "account_request.declined": "利用申込の謝絶", "contractor.added": "受注者の登録",
    "joint_venture.added": "共同企業体の登録", "contractor.changed": "受注者の変更",
    "contractor.home_branch_changed": "担当支店の変更",
    "orderer.disabled": "発注者の無効化", "orderer.enabled": "発注者の有効化",
    "reservation.issued": "契約保証予約の発行", "reservation.converted": "契約保証へ切替",
    "application.saved": "申込の下書き保存", "application.submitted": "申込の送信",
    "application.withdrawn": "申込の取下げ", "reservation_fees.set": "予約手数料表の変更",
}  # fmt: skip
SUBJECT_LABELS = {
    "Orderer": "発注者", "Branch": "支店", "User": "アカウント", "Contractor": "受注者",
    "AccountRequest": "利用申込", "JointVenture": "共同企業体", "Application": "申込",
    "ReservationFeeTable": "予約手数料表",
}  # fmt: skip


@bp.get("/audit")
@head_office_only
def audit():
    """操作履歴: who did what to which record, when, and what changed; newest first."""
    subject = request.args.get("subject", "")
    query = select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    if subject in SUBJECT_LABELS:
        query = query.where(AuditEntry.subject_type == subject)
    page = db.paginate(query, per_page=PER_PAGE, error_out=False)
    return render_template(
        "admin/audit.html",
        page=page,
        subject=subject,
        actions=ACTION_LABELS,
        subjects=SUBJECT_LABELS,
    )
