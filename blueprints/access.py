"""Role gates: every blueprint of one audience admits only users of that role."""

from functools import wraps

from flask import Blueprint, abort, url_for
from flask_login import current_user

from models import Role

#: The page each role lands on after logging in.
HOME_ENDPOINTS = {
    Role.APPLICANT: "applicant.home",
    Role.BRANCH: "branch.queue",
    Role.VERIFIER: "verifier.lookup",
}


def home_url(user) -> str:
    """The top page of the user's role."""
    return url_for(HOME_ENDPOINTS[user.role])


def restrict_to(bp: Blueprint, role: Role) -> None:
    """Make every view of `bp` require a logged-in user of `role` (others get 403)."""

    @bp.before_request
    def _require_role():
        from extensions import login_manager

        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        if current_user.role is not role:
            abort(403)
        return None


def head_office_only(view):
    """Let only head-office staff (本店営業部) use `view`; other users get 403."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        if not current_user.is_head_office:
            abort(403)
        return view(*args, **kwargs)

    return wrapper


def company_admin_only(view):
    """Let only a contractor's 会社管理者 use `view`; other users get 403."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        if current_user.role is not Role.APPLICANT or not current_user.is_company_admin:
            abort(403)
        return view(*args, **kwargs)

    return wrapper


def orderer_admin_only(view):
    """Let only an orderer's 発注者管理者 use `view`; other users (its clerks) get 403."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        if current_user.role is not Role.VERIFIER or not current_user.is_orderer_admin:
            abort(403)
        return view(*args, **kwargs)

    return wrapper
