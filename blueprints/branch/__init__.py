"""The branch console for the surety's staff: review, fees, issuance, contracts, outbox."""

from flask import Blueprint

from blueprints.access import restrict_to
from blueprints.branch.labels import audit_label
from domain.application_rules import ratio_basis
from domain.fees import format_rate
from models import Role

bp = Blueprint("branch", __name__)
restrict_to(bp, Role.BRANCH)


@bp.context_processor
def _summary_helpers():
    """What templates/applicant/_summary.html needs besides the application."""
    return {"ratio_basis": ratio_basis}


bp.add_app_template_filter(format_rate, "rate_percent")
bp.add_app_template_filter(audit_label)

from blueprints.branch import advance, contracts, fees, outbox, review  # noqa: E402, F401  (routes)
