"""What a branch's staff may see: their branch's records; head office sees every branch's."""

from flask_login import current_user
from sqlalchemy import select, true

from extensions import db
from models import Application, ApplicationStatus, GuaranteeContract, OutboxMail, Reservation
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
    """Get an application by id, checking that it was sent to the user's branch.

    :param application_id: id of the application to get
    :return: the application
    :raise 404: if there is no such application, it is a draft, or it is another branch's
        (head office sees every branch's); each looks the same as none
    """
    return db.first_or_404(
        select(Application).where(Application.id == application_id, sent_applications())
    )


def reservation_or_404(application_id: int) -> Reservation:
    """Get the issued 契約保証予約 of an application sent to the user's branch.

    :raise 404: if the application is not the branch's (or head office's) or has no 予約
    """
    return db.first_or_404(
        select(Reservation)
        .join(Application)
        .where(Application.id == application_id, sent_applications())
    )


def contract_or_404(contract_id: int) -> GuaranteeContract:
    """Get a guarantee contract by id, checking that it is the user's branch's.

    :param contract_id: id of the contract to get
    :return: the contract
    :raise 404: if there is no such contract or it is another branch's (head office: any)
    """
    return db.first_or_404(
        select(GuaranteeContract).where(
            GuaranteeContract.id == contract_id, of_my_branch(GuaranteeContract.branch_id)
        )
    )


def my_mails():
    """The mails this user may read: the branch's (all for head office), no password links."""
    return of_my_branch(OutboxMail.branch_id) & READABLE_BY_STAFF


def mail_or_404(mail_id: int) -> OutboxMail:
    """Get a queued mail by id, checking that the user may read it (see `my_mails`).

    :param mail_id: id of the mail to get
    :return: the mail
    :raise 404: if there is no such mail or it is not the user's to read
    """
    return db.first_or_404(select(OutboxMail).where(OutboxMail.id == mail_id, my_mails()))
