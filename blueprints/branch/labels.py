"""How the branch console names audit actions."""

AUDIT_LABELS = {
    "application.saved": "下書き保存",
    "application.submitted": "申込送信",
    "application.withdrawn": "取下げ",
    "application.review_started": "審査開始",
    "application.returned": "差戻し",
    "application.declined": "謝絶",
    "application.issued": "発行",
    "contract.issued": "保証契約の発行",
    "contract.shipped": "保証証書の発送",
    "contract.increase": "増額",
    "contract.decrease": "減額",
    "contract.extension": "保証期限変更",
    "contract.correction": "訂正",
    "contract.undo": "変更取消",
    "contract.cancelled": "解約",
    "contract.key_reissued": "認証キー再発行",
    "contract.lockout_lifted": "ロック解除",
    "submission.submitted": "発注者へ提出",
    "submission.withdrawn": "提出の取下げ",
    "submission.opened": "提出の開封（発注者）",
    "submission.revoked": "提出の無効（認証キー再発行）",
    "system_account.created": "連携システムの追加",
    "api_token.issued": "API トークンの発行",
    "api_token.revoked": "API トークンの無効化",
    "certificate.bulk_checked": "一括確認",
    "use_statement.saved": "使途内訳明細書の下書き保存",
    "use_statement.submitted": "使途内訳明細書の提出",
    "use_statement.accepted": "使途内訳明細書の承諾",
    "use_statement.returned": "使途内訳明細書の差戻し",
    "advance.deposit_recorded": "前払金の受入",
    "advance.deposit_corrected": "前払金の受入の訂正",
    "advance.withdrawal_prepared": "払出依頼書の作成",
    "advance.withdrawal_paid": "払出済",
    "advance.withdrawal_cancelled": "払出依頼書の取消",
    "mail.queued": "メール作成",
    "mail.not_sent": "メール送信なし",
}


def audit_label(action: str) -> str:
    return AUDIT_LABELS.get(action, action)
