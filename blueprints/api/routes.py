"""POST /api/v1/verifications: a certificate by number and key, for an orderer's system."""

from flask import current_app, g, request
from flask_smorest import Blueprint

from blueprints.api.problems import CONTENT_TYPE, problem
from blueprints.api.schemas import Problem, Verification, VerificationRequest
from domain.japan_time import to_jst
from extensions import limiter
from operations.api_tokens import account_of
from operations.certificate_checks import check_certificate
from operations.verification import Locked, Mistyped, NotFound, Suspended

bp = Blueprint(
    "api",
    __name__,
    url_prefix="/api/v1",
    description="保証契約番号と認証キーによる電子保証の確認",
)


@bp.before_request
def _authenticate():
    """The system account of the bearer token; anything else (a session cookie) is 401."""
    kind, _, secret = request.headers.get("Authorization", "").partition(" ")
    account = account_of(secret.strip()) if kind.lower() == "bearer" else None
    if account is None:
        return problem(401)
    g.api_account = account
    return None


def _per_account() -> str:
    return f"api:{g.api_account.id}"


def _refusal(status: int, description: str) -> dict:
    return {
        "status_code": status,
        "schema": Problem,
        "content_type": CONTENT_TYPE,
        "description": description,
    }


@bp.route("/verifications", methods=["POST"])
@bp.doc(security=[{"bearerAuth": []}])
@bp.arguments(VerificationRequest, location="json")
@bp.response(200, Verification, description="確認できました")
@bp.alt_response(**_refusal(400, "JSON として読めません"))
@bp.alt_response(**_refusal(401, "API トークンがないか、無効・失効・期限切れです"))
@bp.alt_response(
    **_refusal(404, "確認できません（番号・キーの誤り、該当なし、他の発注者の保証を区別しません）")
)
@bp.alt_response(**_refusal(415, "JSON ではありません"))
@bp.alt_response(
    **_refusal(
        422, "入力内容の誤り（項目ごと。自らの保証で認証キーのチェック文字が合わないときも）"
    )
)
@bp.alt_response(**_refusal(423, "認証キーの誤りが続いたため、この番号の確認を一時停止中です"))
@bp.alt_response(**_refusal(429, "呼び出しまたは誤りが多すぎます"))
@limiter.limit(lambda: current_app.config["LOOKUP_LIMIT_PER_USER"], key_func=_per_account)
def verify(body: dict):
    """電子保証の確認

    保証契約番号と認証キーで保証証券を確認します。確認できた保証証券の内容・状態・版・
    電子保証発行日時を返します。この呼び出しが発注者として初めての確認であれば、
    その時刻が電子保証発行日時になります。誤りの理由は区別せず、すべて 404 で答えます。
    """
    account = g.api_account
    try:
        checked = check_certificate(account, body["number"], body["key"], request.remote_addr or "")
    except NotFound as error:
        return problem(404, error.message)
    except Mistyped as error:
        return problem(422, error.message, errors={"key": error.message})
    except Locked as error:
        return problem(423, error.message)
    except Suspended as error:
        return problem(429, error.message, headers={"Retry-After": "900"})
    return {
        "number": checked.contract.number,
        "kind": checked.contract.kind.label,
        "status": checked.status,
        "version": checked.shown.label,
        "issued_at": to_jst(checked.issued_at),
        "certificate": checked.facts(),
    }
