"""The outbox page: every mail to the branch's applicants, with its delivery state."""

from flask import render_template, request
from sqlalchemy import select

from blueprints.branch import bp
from blueprints.branch.scope import mail_or_404, my_mails
from extensions import db
from models import MailState, OutboxMail
from notifications.outbox import mail_configured

PER_PAGE = 30


@bp.get("/outbox")
def outbox():
    """送信メール: newest first, filterable by state; readable even when no server is set."""
    state = next((s for s in MailState if s.value == request.args.get("state")), None)
    statement = select(OutboxMail).where(my_mails())
    if state is not None:
        statement = statement.where(OutboxMail.state == state)
    page = db.paginate(statement.order_by(OutboxMail.id.desc()), per_page=PER_PAGE, error_out=False)
    return render_template(
        "branch/outbox.html",
        page=page,
        state=state,
        states=list(MailState),
        configured=mail_configured(),
    )


@bp.get("/outbox/<int:mail_id>")
def outbox_mail(mail_id: int):
    """One mail as it was (or will be) sent."""
    return render_template("branch/outbox_mail.html", mail=mail_or_404(mail_id))
