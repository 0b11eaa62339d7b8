"""Pages anyone may read: the top page, the orderers that accept 電子保証, the guide."""

from flask import Blueprint, current_app, redirect, render_template
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from blueprints.access import home_url
from blueprints.public.forms import RecordCodeForm
from blueprints.refusals import render_form
from domain.check_records import CHECK_ITEMS
from extensions import db, limiter
from models import Branch, Orderer
from operations.check_records import find_check_record

bp = Blueprint("public", __name__)


@bp.get("/")
def index():
    """The top page; a logged-in user goes to the top page of their role."""
    if current_user.is_authenticated:
        return redirect(home_url(current_user))
    return render_template("public/index.html")


@bp.get("/orderers")
def orderers():
    """The orderers that accept 電子保証 (a disabled one no longer does), with their start date,
    basis and accepted kinds."""
    listed = db.session.scalars(select(Orderer).order_by(Orderer.category, Orderer.name)).all()
    return render_template(
        "public/orderers.html",
        orderers=[o for o in listed if o.accepts_e_surety and o.is_active],
    )


@bp.get("/health")
def health():
    """For the load balancer: 200 when the database answers, else 503; the second line says
    whether the rate limits are counted in their shared storage or, while it is unreachable,
    in this process's memory (requests are served either way)."""
    try:
        db.session.execute(select(1))
    except SQLAlchemyError:
        db.session.rollback()
        return "database unreachable\n", 503, HEALTH_HEADERS
    if limiter.storage.check():
        storage = "rate-limit storage: reachable"
    else:
        storage = "rate-limit storage: unreachable, falling back to in-memory counting"
    return f"ok\n{storage}\n", 200, HEALTH_HEADERS


HEALTH_HEADERS = {"Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store"}


@bp.get("/guide")
def guide():
    """How 電子保証 works and the steps for contractors and orderers, with whom to ask."""
    branches = db.session.scalars(select(Branch).order_by(Branch.code)).all()
    return render_template("public/guide.html", branches=branches)


#: One answer for every code that is not a filed record's, whatever is wrong with it.
RECORD_NOT_FOUND = (
    "この確認コードの確認記録は見つかりません。確認記録票に印字された確認コードを"
    "もう一度お確かめください。"
)


@bp.route("/verify-record", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOOKUP_LIMIT_PER_ADDRESS"], methods=["POST"])
def verify_record():
    """確認記録票の照合: the facts of the record a 確認コード was printed on (never the clerk)."""
    form = RecordCodeForm()
    if form.validate_on_submit():
        check = find_check_record(form.code.data)
        if check is not None:
            return render_template(
                "public/verify_record.html",
                form=RecordCodeForm(formdata=None),
                check=check,
                items=CHECK_ITEMS,
            )
        form.code.errors.append(RECORD_NOT_FOUND)
    return render_form("public/verify_record.html", form, check=None)
