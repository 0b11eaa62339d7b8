"""The fictional demo world: a surety, its branches, orderers, contractors and their staff."""

from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select

from clock import today
from domain.application_rules import ApplicationTerms, GuaranteeTerms
from domain.kinds import (
    ApplicationKind,
    CertificateForm,
    GuaranteeKind,
    OrdererCategory,
    PaymentMethod,
    StartBasis,
)
from extensions import db
from models import Branch, Contractor, Orderer, Role, SuretyCompany, User
from operations.applications import prepare_to_send, save_draft, submit_application
from operations.fees import seed_sample_rates
from operations.issuance import issue_guarantees
from operations.reservations import issue_reservation
from operations.review import open_for_review, return_application

DEMO_PASSWORD = "esurety-demo"  # noqa: S105  (published in the README on purpose)

_USERS = (
    ("applicant", "申込 花子", Role.APPLICANT, "大曲建設株式会社"),
    ("applicant2", "土木 次郎", Role.APPLICANT, "秋田土木工業株式会社"),
    ("branch", "審査 一郎", Role.BRANCH, "秋田支店"),
    ("hq", "本店 統括", Role.BRANCH, "本店営業部"),
    ("verifier", "確認 大仙", Role.VERIFIER, "大仙市"),
    ("verifier2", "確認 秋田", Role.VERIFIER, "秋田県"),
    ("verifier-admin", "管理 大仙", Role.VERIFIER, "大仙市"),
)
#: The demo's 発注者管理者, who manages 大仙市's staff.
_ORDERER_ADMINS = {"verifier-admin"}


def demo_accounts() -> list[tuple[str, str]]:
    """(login ID, who it is) for every demo user."""
    return [
        (login, f"{role.label}・{org} {name}{'（発注者管理者）' * (login in _ORDERER_ADMINS)}")
        for login, name, role, org in _USERS
    ]


def load_demo_data() -> bool:
    """Create the demo world unless a surety company exists already; True when created."""
    if db.session.scalar(select(SuretyCompany.id).limit(1)) is not None:
        return False
    company = SuretyCompany(
        name="サンプル建設業保証株式会社",
        address="東京都中央区サンプル町一丁目1番1号",
        representative="取締役社長　保証　太郎",
    )
    branches = {
        "本店営業部": Branch(
            company=company, name="本店営業部", code="10001", is_head_office=True,
            address="東京都中央区サンプル町一丁目1番1号", phone="03-0000-0001",
            fax="03-0000-0002", email="honten@surety.example.jp",
        ),
        "秋田支店": Branch(
            company=company, name="秋田支店", code="10501",
            address="秋田県秋田市サンプル通二丁目2番2号", phone="018-000-0001",
            fax="018-000-0002", email="akita@surety.example.jp",
        ),
    }  # fmt: skip
    orderers = {
        "大仙市": Orderer(
            name="大仙市", creditor_name="大仙市長", category=OrdererCategory.MUNICIPALITY,
            contact="大仙市 契約検査課",
            accepts_e_advance=True, accepts_e_interim=True, accepts_e_contract=True,
            e_surety_start=date(2023, 12, 1), e_surety_basis=StartBasis.ANNOUNCEMENT,
            rounding_unit=10_000,
        ),
        "秋田県": Orderer(
            name="秋田県", creditor_name="秋田県知事", category=OrdererCategory.PREFECTURE,
            contact="秋田県 出納局",
            accepts_e_advance=True, accepts_e_interim=True, accepts_e_contract=True,
            e_surety_start=date(2024, 4, 1), e_surety_basis=StartBasis.CONTRACT,
            rounding_unit=10_000,
        ),
        "サンプル町": Orderer(
            name="サンプル町", creditor_name="サンプル町長", category=OrdererCategory.MUNICIPALITY,
            contact="サンプル町 建設課",
            contract_min_ratio=Decimal("0.1"),
        ),
    }  # fmt: skip
    contractors = {
        "大曲建設株式会社": Contractor(
            name="大曲建設株式会社", representative="代表取締役　大曲　一郎",
            address="秋田県大仙市大曲サンプル町1番地", home_branch=branches["秋田支店"],
        ),
        "秋田土木工業株式会社": Contractor(
            name="秋田土木工業株式会社", representative="代表取締役　秋田　二郎",
            address="秋田県秋田市サンプル町2番地", home_branch=branches["秋田支店"],
        ),
    }  # fmt: skip
    organisations = {**branches, **orderers, **contractors}
    users = {}
    for login_id, name, role, org in _USERS:
        user = User(
            login_id=login_id, name=name, role=role, email=f"{login_id}@demo.example.jp",
            is_company_admin=role is Role.APPLICANT,  # each demo company's first user
            is_orderer_admin=login_id in _ORDERER_ADMINS,
        )  # fmt: skip
        setattr(
            user,
            {"applicant": "contractor", "branch": "branch", "verifier": "orderer"}[role.value],
            organisations[org],
        )
        user.set_password(DEMO_PASSWORD)
        users[login_id] = user
    db.session.add_all([company, *organisations.values(), *users.values()])
    db.session.flush()
    seed_sample_rates()
    _demo_applications(users, orderers, branches)
    _demo_decisions(users, orderers, branches)
    _demo_reservations(users, orderers, branches)
    return True


def _demo_applications(users, orderers, branches) -> None:
    """A sent application, a draft and another company's application, so pages have content."""
    daisen, akita_branch = orderers["大仙市"], branches["秋田支店"]
    sent = prepare_to_send(
        users["applicant"],
        _terms(
            daisen,
            akita_branch,
            "市道大曲中央線道路改良工事",
            50_000_000,
            CertificateForm.ELECTRONIC,
        ),
        "demo-sent-application",
    )
    db.session.flush()
    submit_application(users["applicant"], sent, sent.revision)
    draft = _terms(daisen, akita_branch, "大仙市立サンプル小学校体育館改修工事", 32_000_000, None)
    save_draft(users["applicant"], draft, "demo-draft-application")
    other = prepare_to_send(
        users["applicant2"],
        _terms(
            orderers["秋田県"],
            akita_branch,
            "県道秋田サンプル線橋梁補修工事",
            80_000_000,
            CertificateForm.PAPER,
        ),
        "demo-other-application",
    )
    db.session.flush()
    submit_application(users["applicant2"], other, other.revision)


def _demo_decisions(users, orderers, branches) -> None:
    """An application issued as 電子保証 (both guarantees) and one returned with a message."""
    daisen, akita_branch, staff = orderers["大仙市"], branches["秋田支店"], users["branch"]
    start = today() + timedelta(days=14)
    issued = _sent(
        users["applicant"],
        _terms(daisen, akita_branch, "大仙市サンプル地区排水路整備工事", 24_000_000,
               CertificateForm.ELECTRONIC, start, start + timedelta(days=240)),
        "demo-issued-application",
    )  # fmt: skip
    open_for_review(staff, issued)
    issue_guarantees(staff, issued, issued.revision)
    returned = _sent(
        users["applicant"],
        _terms(daisen, akita_branch, "大仙市サンプル公園遊具更新工事", 12_000_000,
               CertificateForm.PAPER, start, start + timedelta(days=120)),
        "demo-returned-application",
    )  # fmt: skip
    open_for_review(staff, returned)
    return_application(
        staff, returned, returned.revision,
        "前払金保証の預託金融機関の支店名をご確認ください。発注者の指定口座と異なるようです。",
    )  # fmt: skip
    db.session.flush()


def _demo_reservations(users, orderers, branches) -> None:
    """A 契約保証予約 issued (to convert after the award) and one awaiting the branch."""
    akita_branch, staff = branches["秋田支店"], users["branch"]
    issued = _sent(
        users["applicant"],
        _reservation_terms(
            orderers["大仙市"], akita_branch, "大仙市サンプル地区道路改良工事", 45_000_000
        ),
        "demo-issued-reservation",
    )
    open_for_review(staff, issued)
    issue_reservation(staff, issued, issued.revision)
    _sent(
        users["applicant"],
        _reservation_terms(
            orderers["秋田県"], akita_branch, "県道大曲サンプル線舗装補修工事", 18_000_000
        ),
        "demo-pending-reservation",
    )


def _reservation_terms(orderer, branch, work_name, bid_price) -> ApplicationTerms:
    """A 予約 bid a few days after the 入札公告, reserving 1/10 of the bid."""
    start = today() + timedelta(days=60)
    return ApplicationTerms(
        kind=ApplicationKind.RESERVATION, orderer_id=orderer.id, work_name=work_name,
        work_place=f"{orderer.name}内", contract_price=bid_price, work_start=start,
        work_end=start + timedelta(days=180), announcement_date=today() - timedelta(days=3),
        reserved_amount=bid_price // 10, branch_id=branch.id, contact_department="工事部",
        contact_name="申込 花子", contact_phone="0187-00-0000",
    )  # fmt: skip


def _sent(user, terms, token):
    """An application prepared and sent by `user`."""
    application = prepare_to_send(user, terms, token)
    db.session.flush()
    submit_application(user, application, application.revision)
    db.session.flush()
    return application


def _terms(
    orderer, branch, work_name, price, form, start=date(2026, 12, 1), end=date(2027, 9, 30)
) -> ApplicationTerms:
    def guarantee(amount, bank=""):
        return GuaranteeTerms(
            certificate_form=form, amount=amount, deposit_bank=bank,
            payment_method=PaymentMethod.LUMP_SUM, wants_fee_statement=False,
        )  # fmt: skip

    return ApplicationTerms(
        orderer_id=orderer.id, work_name=work_name, work_place=f"{orderer.name}内",
        contract_price=price, work_start=start, work_end=end,
        contract_date=start - timedelta(days=11), announcement_date=start - timedelta(days=47),
        guarantees={
            GuaranteeKind.ADVANCE: guarantee(price * 4 // 10, "秋田中央銀行　大曲支店"),
            GuaranteeKind.CONTRACT: guarantee(price // 10),
        },
        branch_id=branch.id, notify_by_mail=True, notify_email="soumu@example.co.jp",
        contact_department="工事部", contact_name="申込 花子", contact_phone="0187-00-0000",
    )  # fmt: skip
