"""The applicant's side of an application: drafts, sending, withdrawing."""

import re

from clock import now
from domain.application_rules import (
    ApplicationTerms,
    GuaranteeTerms,
    OrdererTerms,
    check_application,
    orderer_problems,
)
from domain.eligibility import e_surety_refusal
from domain.kinds import GuaranteeKind
from extensions import db
from models import (
    Application,
    ApplicationStatus,
    GuaranteeRequest,
    JointVenture,
    Orderer,
    User,
)
from operations.audit import record
from operations.errors import INVALID_INPUT, DomainError, StaleError
from operations.locks import insert_once

_SCALAR_TERMS = (
    "orderer_id", "work_name", "work_place", "contract_price", "work_start", "work_end",
    "contract_date", "announcement_date", "nomination_date", "jv_name", "this_year_amount",
    "branch_id", "notify_by_mail", "notify_email", "contact_department", "contact_title",
    "contact_name", "contact_phone", "message_to_branch", "kind", "reserved_amount",
    "joint_venture_id",
)  # fmt: skip
_GUARANTEE_TERMS = (
    "certificate_form", "amount", "deposit_bank", "uses_redeposit", "payment_method",
    "fee_payer", "wants_fee_statement",
)  # fmt: skip
#: What the new-application form carries to recognise a repeated POST (secrets.token_urlsafe).
_FORM_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")
_SUBMITTABLE = (ApplicationStatus.DRAFT, ApplicationStatus.RETURNED)
_WITHDRAWABLE = (ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED, ApplicationStatus.RETURNED)


def orderer_terms(orderer: Orderer | None) -> OrdererTerms | None:
    """What the application rules need to know of an orderer."""
    if orderer is None:
        return None
    return OrdererTerms(
        orderer.name, orderer.amount_rules(), orderer.e_surety_rules(), orderer.is_active
    )


def problems_with(terms: ApplicationTerms) -> dict[str, str]:
    """Every rule the terms break, against the orderer's current rules."""
    orderer = db.session.get(Orderer, terms.orderer_id) if terms.orderer_id else None
    return check_application(terms, orderer_terms(orderer))


def e_surety_refusals(terms: ApplicationTerms) -> dict[GuaranteeKind, str | None]:
    """Per guarantee kind, why 電子保証 cannot be chosen (None: it can, or no orderer yet)."""
    orderer = db.session.get(Orderer, terms.orderer_id) if terms.orderer_id else None
    return {
        kind: e_surety_refusal(orderer.e_surety_rules(), kind, terms.work_dates, orderer.name)
        if orderer
        else None
        for kind in GuaranteeKind
    }


def application_terms(application: Application) -> ApplicationTerms:
    """The stored application as plain terms (to check again, or to fill the form)."""
    terms = ApplicationTerms(**{name: getattr(application, name) for name in _SCALAR_TERMS})
    terms.guarantees = {
        g.kind: GuaranteeTerms(**{name: getattr(g, name) for name in _GUARANTEE_TERMS})
        for g in application.guarantees
    }
    return terms


def save_draft(
    user: User,
    terms: ApplicationTerms,
    form_token: str,
    application: Application | None = None,
    revision: int | None = None,
) -> Application:
    """Keep what was entered so far (下書き保存); a repeated new form finds its draft again."""
    _refuse_unavailable_orderer(terms)
    if application is None:
        application = _draft_of_token(user, form_token) or _new_application(user, form_token)
    elif revision != application.revision:
        raise StaleError()
    if not application.status.editable:
        raise DomainError(f"{application.status.label}の申込は変更できません。")
    _write_terms(application, terms)
    record(user, "application.saved", application)
    return application


def prepare_to_send(
    user: User,
    terms: ApplicationTerms,
    form_token: str,
    application: Application | None = None,
    revision: int | None = None,
) -> Application:
    """申込確認: refuse terms that break a rule; otherwise keep them for the confirm page."""
    if application is not None and revision != application.revision:
        raise StaleError()  # before the rules: their messages would be about an old form
    problems = problems_with(terms)
    if problems:
        raise DomainError(INVALID_INPUT, problems)
    return save_draft(user, terms, form_token, application, revision)


def submit_application(user: User, application: Application, revision: int) -> None:
    """送信: send a draft (or a returned application) to its branch, checked once more."""
    if application.status is ApplicationStatus.SUBMITTED and revision == application.revision - 1:
        return  # the same 送信する clicked twice: it was sent once, and that is all
    if revision != application.revision:
        raise StaleError()
    if application.status not in _SUBMITTABLE:
        raise DomainError(f"{application.status.label}の申込は送信できません。")
    problems = problems_with(application_terms(application))
    if problems:
        raise DomainError("入力内容に誤りがあります。修正してから送信してください。", problems)
    application.status = ApplicationStatus.SUBMITTED
    application.submitted_at = application.updated_at = now()
    record(user, "application.submitted", application)


def withdraw_application(user: User, application: Application, revision: int) -> None:
    """取下げ: the applicant takes the application back before the branch reviews it."""
    if revision != application.revision:
        raise StaleError()
    if application.status not in _WITHDRAWABLE:
        raise DomainError(f"{application.status.label}の申込は取り下げできません。")
    application.status = ApplicationStatus.WITHDRAWN
    application.updated_at = now()
    record(user, "application.withdrawn", application)


def _refuse_unavailable_orderer(terms: ApplicationTerms) -> None:
    """A draft may not name a disabled orderer (nor one that does not exist)."""
    if terms.orderer_id is None:
        return
    orderer = db.session.get(Orderer, terms.orderer_id)
    problems = (
        orderer_problems(orderer_terms(orderer))
        if orderer
        else {"orderer_id": "発注者は一覧から選択してください。"}
    )
    if problems:
        raise DomainError(INVALID_INPUT, problems)


def _draft_of_token(user: User, form_token: str) -> Application | None:
    if not _FORM_TOKEN.fullmatch(form_token or ""):
        raise DomainError(
            "画面の有効期限が切れたか、正しくない送信です。申込の作成からやり直してください。"
        )
    application = db.session.scalar(
        db.select(Application).where(Application.form_token == form_token)
    )
    if application is not None and application.contractor_id != user.contractor_id:
        raise DomainError("この申込は保存できません。画面を読み込み直してください。")
    return application


def _new_application(user: User, form_token: str) -> Application:
    """A new draft for the form's token; the same form posted twice at once makes one draft."""
    insert_once(
        Application,
        contractor_id=user.contractor_id,
        created_by_id=user.id,
        form_token=form_token,
        status=ApplicationStatus.DRAFT,
    )
    return _draft_of_token(user, form_token)


def _write_terms(application: Application, terms: ApplicationTerms) -> None:
    for name in _SCALAR_TERMS:
        setattr(application, name, getattr(terms, name))
    if terms.joint_venture_id is not None:
        joint_venture = db.session.get(JointVenture, terms.joint_venture_id)
        if joint_venture is None or joint_venture.representative_id != application.contractor_id:
            raise DomainError(
                "登録済みの共同企業体は、代表者の会社の利用者だけが選べます。",
                {"joint_venture_id": "一覧から選択してください。"},
            )
        application.jv_name = joint_venture.name
    by_kind = {g.kind: g for g in application.guarantees}
    for kind in GuaranteeKind:
        wanted, stored = terms.guarantees.get(kind), by_kind.get(kind)
        if wanted is None:
            if stored is not None:
                application.guarantees.remove(stored)
            continue
        if stored is None:
            stored = GuaranteeRequest(kind=kind, kind_order=list(GuaranteeKind).index(kind))
            application.guarantees.append(stored)
        for name in _GUARANTEE_TERMS:
            setattr(stored, name, getattr(wanted, name))
    application.updated_at = now()
