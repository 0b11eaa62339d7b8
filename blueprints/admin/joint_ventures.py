"""共同企業体 (JV): registered by branch staff with the representative, members and shares."""

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from blueprints.admin.forms import JointVentureForm
from blueprints.admin.routes import bp
from blueprints.refusals import render_form, show_refusal
from extensions import db
from models import Contractor, JointVenture
from operations.errors import DomainError
from operations.joint_ventures import MEMBERS_KEY, register_joint_venture


@bp.get("/jvs")
def joint_ventures():
    """共同企業体一覧."""
    listed = db.session.scalars(select(JointVenture).order_by(JointVenture.name)).all()
    return render_template("admin/joint_ventures.html", joint_ventures=listed)


@bp.route("/jvs/new", methods=["GET", "POST"])
def new_joint_venture():
    """共同企業体の登録."""
    contractors = db.session.scalars(select(Contractor).order_by(Contractor.name)).all()
    form = JointVentureForm(contractors=contractors)
    if request.method == "POST" and form.validate():
        if problem := form.members_problem():
            form.group_errors[MEMBERS_KEY] = problem
        else:
            try:
                saved = register_joint_venture(current_user, form.name.data, form.chosen_members())
            except DomainError as error:
                show_refusal(form, error)
            else:
                flash(f"「{saved.name}」を登録しました。")
                return redirect(url_for(".joint_ventures"), code=303)
    return render_form("admin/joint_venture_form.html", form)
