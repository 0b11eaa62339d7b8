"""The audit trail: who did what to which record, and when."""

from extensions import db
from models.audit import AuditEntry
from operations.clock import now


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


def record_mail(actor, subject, mail, reason_without: str = "") -> None:
    """Note which mail was queued about `subject`, or why none was."""
    if mail is not None:
        record(actor, "mail.queued", subject, f"{mail.subject}（宛先 {mail.to}）")
    elif reason_without:
        record(actor, "mail.not_sent", subject, reason_without)
