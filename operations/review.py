"""The branch's review of a sent application: open it, return it, or decline it."""

from sqlalchemy import update

from clock import now
from extensions import db
from models import Application, ApplicationStatus, User
from notifications import mails
from operations.audit import record, record_mail
from operations.errors import DomainError, StaleError
from operations.locks import locked

#: The states in which the branch may still decide (return, decline or issue).
REVIEWABLE = (ApplicationStatus.SUBMITTED, ApplicationStatus.REVIEWING)
NO_ADDRESS = "申込にメールアドレスの登録がないため、お知らせメールは送信していません。"


def open_for_review(user: User, application: Application) -> None:
    """審査中: the first time branch staff open a sent application (others do nothing)."""
    if application.status is not ApplicationStatus.SUBMITTED:
        return
    # A conditional UPDATE, so two staff opening it at once, or the applicant withdrawing
    # it meanwhile, never collide: only the first change of a sent application applies.
    changed = db.session.execute(
        update(Application)
        .where(Application.id == application.id, Application.status == ApplicationStatus.SUBMITTED)
        .values(
            status=ApplicationStatus.REVIEWING,
            revision=Application.revision + 1,
            updated_at=now(),
        )
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.refresh(application)
    if changed:
        record(user, "application.review_started", application)


def return_application(
    user: User, application: Application, revision: int | None, message: str
) -> None:
    """差戻し: send the application back to the applicant with a message, and mail them."""
    application = lock_for_decision(application, revision)
    message = message.strip()
    if not message:
        raise DomainError(
            "差戻しの理由を入力してください。",
            {"message": "お客様へのお知らせを入力してください。"},
        )
    application.status = ApplicationStatus.RETURNED
    application.message_from_branch = message
    application.updated_at = now()
    record(user, "application.returned", application, message)
    record_mail(user, application, mails.application_returned(application), NO_ADDRESS)


def decline_application(
    user: User, application: Application, revision: int | None, reason: str
) -> None:
    """謝絶: refuse the application for a reason the applicant is told, and mail them."""
    application = lock_for_decision(application, revision)
    reason = reason.strip()
    if not reason:
        raise DomainError(
            "謝絶の理由を入力してください。", {"reason": "謝絶の理由を入力してください。"}
        )
    application.status = ApplicationStatus.DECLINED
    application.message_from_branch = reason
    application.updated_at = now()
    record(user, "application.declined", application, reason)
    record_mail(user, application, mails.application_declined(application), NO_ADDRESS)


def lock_for_decision(application: Application, revision: int | None) -> Application:
    """The application locked, still as the user saw it, and still awaiting a decision."""
    application = locked(Application, application.id)
    if revision != application.revision:
        raise StaleError()
    if application.status not in REVIEWABLE:
        raise DomainError(f"{application.status.label}の申込にはこの操作はできません。")
    return application
