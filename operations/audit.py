"""The audit trail: who did what to which record, and when (and what changed)."""

from datetime import date, datetime
from decimal import Decimal
from enum import Enum

from clock import now
from domain.japan_time import day_text, jst_text
from extensions import db
from models.audit import AuditEntry

_KEEP = "keep_despite_refusal"


def keep_despite_refusal() -> None:
    """Commit this request's records even though it ends refused (a failed key must count)."""
    db.session.info[_KEEP] = True


def kept_despite_refusal() -> bool:
    """Whether an operation asked to keep the records of a refused request (asked once)."""
    return db.session.info.pop(_KEEP, False)


def record(actor, action: str, subject, detail: str = "") -> None:
    """Add one audit entry for `action` by `actor` on `subject` (any model with an id)."""
    if subject.id is None:
        db.session.flush()  # a new record gets its id here
    db.session.add(
        AuditEntry(
            at=now(),
            user_id=actor.id if actor is not None else None,
            action=action,
            subject_type=type(subject).__name__,
            subject_id=subject.id,
            detail=detail,
        )
    )


def snapshot(subject, labels: dict[str, str]) -> dict[str, str]:
    """The fields of `subject` named in `labels`, as label → readable text (for `changes`)."""
    return {label: _readable(getattr(subject, name)) for name, label in labels.items()}


def changes(before: dict[str, str], after: dict[str, str]) -> str:
    """One line per changed item: 「項目: 前 → 後」; a new record (no before) lists its items."""
    if not before:
        return "\n".join(f"{label}: {value}" for label, value in after.items() if value)
    return "\n".join(
        f"{label}: {before.get(label, '')} → {value}"
        for label, value in after.items()
        if before.get(label, "") != value
    )


def _readable(value) -> str:
    if value is None:
        return "（なし）"
    if isinstance(value, bool):
        return "はい" if value else "いいえ"
    if isinstance(value, Enum):
        return getattr(value, "label", value.name)
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    if isinstance(value, datetime):
        return jst_text(value)
    if isinstance(value, date):
        return day_text(value)
    return str(value)


def record_mail(actor, subject, mail, reason_without: str = "") -> None:
    """Note which mail was queued about `subject`, or why none was."""
    if mail is not None:
        record(actor, "mail.queued", subject, f"{mail.subject}（宛先 {mail.to}）")
    elif reason_without:
        record(actor, "mail.not_sent", subject, reason_without)
