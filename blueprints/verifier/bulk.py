"""一括確認: the clerk uploads a CSV of numbers and keys and gets a CSV of results back."""

from flask import request
from flask_login import current_user
from flask_wtf.file import FileField, FileRequired
from sqlalchemy import select

from blueprints.downloads import csv_download
from blueprints.fields import JapaneseForm
from blueprints.htmx import render_page_or_fragment
from blueprints.security import never_stored
from blueprints.verifier.routes import bp
from domain.bulk_checks import FORMAT, MAX_LINES, BulkFileError, read_lines
from domain.japan_time import to_jst
from extensions import db
from models import BulkCheck
from operations.bulk_checks import BULK_BUDGET, budget_left, run_bulk_check
from operations.errors import DomainError

#: Largest upload: 500 lines of number, key and the optional values fit well within it.
MAX_BYTES = 1024 * 1024


class BulkCheckForm(JapaneseForm):
    csv = FileField("確認する CSV ファイル", [FileRequired("CSV ファイルを選んでください。")])


def _render(form: BulkCheckForm, status: int = 200, bulk: BulkCheck | None = None):
    return render_page_or_fragment(
        "verifier/bulk.html",
        "verifier/_bulk.html",
        status,
        form=form,
        bulk=bulk,
        left=budget_left(current_user),
        budget=BULK_BUDGET,
        max_lines=MAX_LINES,
        columns=FORMAT,
    )


@bp.route("/bulk", methods=["GET", "POST"])
def bulk_check():
    """一括確認: every line is one lookup (the same lockout rules); a budget of its own."""
    form = BulkCheckForm()
    if not form.validate_on_submit():
        return _render(form, 422 if form.errors else 200)
    try:
        lines = read_lines(form.csv.data.read(MAX_BYTES + 1))
        bulk = run_bulk_check(current_user, lines, request.remote_addr or "")
    except (BulkFileError, DomainError) as error:
        form.csv.errors = [getattr(error, "message", None) or str(error)]
        return _render(form, 422)
    return _render(BulkCheckForm(formdata=None), bulk=bulk)


@bp.get("/bulk/<int:bulk_id>.csv")
@never_stored
def bulk_result(bulk_id: int):
    """The result CSV of an upload, to its orderer's staff only (as a 確認記録票)."""
    bulk = db.first_or_404(
        select(BulkCheck).where(
            BulkCheck.id == bulk_id, BulkCheck.orderer_id == current_user.orderer_id
        )
    )
    return csv_download(bulk.result, f"一括確認結果_{to_jst(bulk.at):%Y%m%d_%H%M}.csv")
