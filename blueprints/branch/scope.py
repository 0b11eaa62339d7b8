"""What a branch's staff may see: their branch's records; head office sees every branch's."""

from flask import abort
from flask_login import current_user
from sqlalchemy import select, true

from extensions import db
from models import Application, ApplicationStatus, GuaranteeContract, OutboxMail
from notifications.outbox import READABLE_BY_STAFF


def of_my_branch(branch_column):
    """The condition that keeps a query to the user's branch (none for head office)."""
    if current_user.branch.is_head_office:
        return true()
    return branch_column == current_user.branch_id


def sent_applications():
    """Applications sent to the user's branch; drafts are the applicant's own business."""
    return of_my_branch(Application.branch_id) & (Application.status != ApplicationStatus.DRAFT)


def application_or_404(application_id: int) -> Application:
    return _one_or_404(
        select(Application).where(Application.id == application_id, sent_applications())
    )


def contract_or_404(contract_id: int) -> GuaranteeContract:
    return _one_or_404(
        select(GuaranteeContract).where(
            GuaranteeContract.id == contract_id, of_my_branch(GuaranteeContract.branch_id)
        )
    )


def my_mails():
    """The mails this user may read: the branch's (all for head office), no password links."""
    return of_my_branch(OutboxMail.branch_id) & READABLE_BY_STAFF


def mail_or_404(mail_id: int) -> OutboxMail:
    return _one_or_404(select(OutboxMail).where(OutboxMail.id == mail_id, my_mails()))


def _one_or_404(statement):
    """The record, or 404: another branch's record looks the same as none."""
    found = db.session.scalar(statement)
    if found is None:
        abort(404)
    return found
