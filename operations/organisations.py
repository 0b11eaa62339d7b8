"""Head-office administration of orderers (and their 電子保証 rules) and branches."""

from sqlalchemy import exists, func, select

from domain.kinds import GuaranteeKind
from domain.orderer_rules import OrdererSettings, check_orderer_settings
from domain.submissions import SubmissionDetails
from extensions import db
from models import Application, Branch, Orderer, User
from operations.audit import changes, record, snapshot
from operations.errors import INVALID_INPUT, DomainError

ORDERER_LABELS = {
    "name": "発注者名",
    "creditor_name": "保証債権者",
    "category": "発注者区分",
    "contact": "連絡先",
    "accepts_e_advance": "電子保証（前払金保証）",
    "accepts_e_interim": "電子保証（中間前払金保証）",
    "accepts_e_contract": "電子保証（契約保証）",
    "e_surety_start": "開始日",
    "e_surety_basis": "基準日",
    "advance_ratio": "前払金の割合",
    "rounding_unit": "端数処理の単位",
    "contract_min_ratio": "契約保証の最低割合",
    "submission_email": "提出先メールアドレス",
    "submission_subject": "件名の形式",
    "submission_attachments": "添付する書類",
    "submission_notes": "提出についての備考",
    "notification_email": "通知先メールアドレス",
    "accepts_submission_in_service": "サービス内での提出",
    "departments": "担当課",
}
BRANCH_LABELS = {
    "name": "名称", "code": "支店コード", "address": "所在地", "phone": "電話番号",
    "fax": "FAX番号", "email": "メールアドレス",
}  # fmt: skip
_KIND_FLAGS = {
    GuaranteeKind.ADVANCE: "accepts_e_advance",
    GuaranteeKind.INTERIM: "accepts_e_interim",
    GuaranteeKind.CONTRACT: "accepts_e_contract",
}


def save_orderer(actor: User, settings: OrdererSettings, orderer: Orderer | None = None) -> Orderer:
    """Add an orderer, or change one; its rules apply to applications from now on."""
    problems = check_orderer_settings(settings)
    name = settings.name.strip()
    if "name" not in problems and _name_taken(Orderer, name, orderer):
        problems["name"] = f"「{name}」は既に登録されています。"
    if problems:
        raise DomainError(INVALID_INPUT, problems)
    before = snapshot(orderer, ORDERER_LABELS) if orderer else {}
    if orderer is None:
        orderer = Orderer()
        db.session.add(orderer)
    orderer.name = name
    orderer.creditor_name = settings.creditor_name.strip()
    orderer.category = settings.category
    orderer.contact = settings.contact.strip()
    for kind, flag in _KIND_FLAGS.items():
        setattr(orderer, flag, kind in settings.accepted_kinds)
    orderer.e_surety_start = settings.e_surety_start
    orderer.e_surety_basis = settings.e_surety_basis
    orderer.advance_ratio = settings.advance_ratio
    orderer.rounding_unit = settings.rounding_unit
    orderer.contract_min_ratio = settings.contract_min_ratio
    _set_submission_details(orderer, settings.submission)
    action = "orderer.changed" if before else "orderer.added"
    record(actor, action, orderer, changes(before, snapshot(orderer, ORDERER_LABELS)))
    return orderer


def _set_submission_details(orderer: Orderer, details: SubmissionDetails) -> None:
    orderer.submission_email = details.email.strip()
    orderer.submission_subject = details.subject.strip()
    orderer.submission_attachments = details.attachments.strip()
    orderer.submission_notes = details.notes.strip()
    orderer.notification_email = details.notification_email.strip()
    orderer.accepts_submission_in_service = details.in_service
    orderer.departments = "\n".join(details.departments)


def branch_code_locked(branch: Branch) -> bool:
    """Whether the branch code is fixed: once numbers may carry it, it never changes.

    For now an application sent to the branch fixes it; the guarantee table adds its own test.
    """
    if branch.id is None:
        return False
    sent = exists().where(Application.branch_id == branch.id, Application.submitted_at.is_not(None))
    return bool(db.session.scalar(select(sent)))


def save_branch(actor: User, fields: dict[str, str], branch: Branch | None = None) -> Branch:
    """Add a branch of the actor's company, or change one (its code only while unused)."""
    fields = {name: (value or "").strip() for name, value in fields.items()}
    problems = {}
    if branch is not None and fields["code"] != branch.code and branch_code_locked(branch):
        problems["code"] = "この支店コードは申込・保証契約番号で使われているため変更できません。"
    elif _code_taken(fields["code"], branch):
        problems["code"] = f"支店コード {fields['code']} は既に使われています。"
    if _name_taken(Branch, fields["name"], branch):
        problems["name"] = f"「{fields['name']}」は既に登録されています。"
    if problems:
        raise DomainError(INVALID_INPUT, problems)
    before = snapshot(branch, BRANCH_LABELS) if branch else {}
    if branch is None:
        branch = Branch(company_id=actor.branch.company_id, is_head_office=False)
        db.session.add(branch)
    for name in BRANCH_LABELS:
        setattr(branch, name, fields[name])
    action = "branch.changed" if before else "branch.added"
    record(actor, action, branch, changes(before, snapshot(branch, BRANCH_LABELS)))
    return branch


def _name_taken(model, name: str, current) -> bool:
    query = select(model.id).where(func.lower(model.name) == name.lower())
    if current is not None:
        query = query.where(model.id != current.id)
    return db.session.scalar(query.limit(1)) is not None


def _code_taken(code: str, current: Branch | None) -> bool:
    query = select(Branch.id).where(Branch.code == code)
    if current is not None:
        query = query.where(Branch.id != current.id)
    return db.session.scalar(query.limit(1)) is not None
