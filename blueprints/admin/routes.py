"""The staff administration blueprint: its gate, its top page, and its parts."""

from flask import Blueprint, render_template

from blueprints.access import restrict_to
from models import Role

bp = Blueprint("admin", __name__)
restrict_to(bp, Role.BRANCH)


@bp.get("/")
def home():
    """管理メニュー: what this member of staff may administer."""
    return render_template("admin/home.html")


# The parts attach their views to `bp`.
from blueprints.admin import (  # noqa: E402, F401
    audit,
    branches,
    contractors,
    joint_ventures,
    orderers,
    requests,
    reservation_fees,
)
