"""連携システム of an orderer by head office (until the orderer has its own 発注者管理者)."""

from flask import url_for

from blueprints.access import head_office_only
from blueprints.admin.routes import bp
from blueprints.orderer_staff.systems import (
    SystemsDesk,
    add_system,
    add_token,
    revoke_one,
    systems_page,
)
from blueprints.security import never_stored
from extensions import db
from models import Orderer


def _desk(orderer_id: int) -> SystemsDesk:
    orderer = db.get_or_404(Orderer, orderer_id)
    return SystemsDesk(
        orderer,
        url_for("admin.orderer_systems", orderer_id=orderer.id),
        url_for("admin.new_orderer_system", orderer_id=orderer.id),
        lambda account: url_for(
            "admin.new_orderer_token", orderer_id=orderer.id, account_id=account.id
        ),
        lambda token: url_for(
            "admin.revoke_orderer_token", orderer_id=orderer.id, token_id=token.id
        ),
    )


@bp.get("/orderers/<int:orderer_id>/systems")
@head_office_only
def orderer_systems(orderer_id: int):
    return systems_page(_desk(orderer_id))


@bp.post("/orderers/<int:orderer_id>/systems")
@head_office_only
def new_orderer_system(orderer_id: int):
    return add_system(_desk(orderer_id))


@bp.post("/orderers/<int:orderer_id>/systems/<int:account_id>/tokens")
@head_office_only
@never_stored
def new_orderer_token(orderer_id: int, account_id: int):
    return add_token(_desk(orderer_id), account_id)


@bp.post("/orderers/<int:orderer_id>/systems/tokens/<int:token_id>/revoke")
@head_office_only
def revoke_orderer_token(orderer_id: int, token_id: int):
    return revoke_one(_desk(orderer_id), token_id)
