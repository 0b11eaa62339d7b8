"""The organisations people belong to: the surety and its branches, contractors, orderers."""

from datetime import date
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Numeric, String, Text, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from domain.eligibility import ESuretyRules
from domain.kinds import GuaranteeKind, OrdererCategory, StartBasis
from domain.ratios import AmountRules
from domain.submissions import department_lines, fill_subject
from extensions import db


class SuretyCompany(db.Model):
    """The guarantor (保証事業会社) that issues every guarantee."""

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    address: Mapped[str] = mapped_column(String(200))
    #: 代表者 named on certificates, e.g. 「取締役社長 山田 太郎」.
    representative: Mapped[str] = mapped_column(String(100))

    branches: Mapped[list["Branch"]] = relationship(back_populates="company")


class Branch(db.Model):
    """A 支店・営業部: receives applications (申込送信先) and handles guarantees (取扱箇所)."""

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("surety_company.id"))
    name: Mapped[str] = mapped_column(String(50))
    #: Five digits; the first half of every 保証契約番号 the branch issues.
    code: Mapped[str] = mapped_column(String(5), unique=True)
    address: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str] = mapped_column(String(20))
    fax: Mapped[str] = mapped_column(String(20))
    email: Mapped[str] = mapped_column(String(254), default="")
    #: Head-office staff (本店営業部) see the applications of every branch.
    is_head_office: Mapped[bool] = mapped_column(default=False)

    company: Mapped[SuretyCompany] = relationship(back_populates="branches")

    __table_args__ = (CheckConstraint("length(code) = 5", name="code_five_digits"),)


class Contractor(db.Model):
    """A contractor company (受注者) whose staff apply for guarantees."""

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Indexed for a search by the start of the name (blueprints/search.py).
    name: Mapped[str] = mapped_column(String(100), index=True)
    representative: Mapped[str] = mapped_column(String(100), default="")
    address: Mapped[str] = mapped_column(String(200), default="")
    #: 建設業許可番号, as written on the licence.
    permit_number: Mapped[str] = mapped_column(String(50), default="")
    phone: Mapped[str] = mapped_column(String(20), default="")
    #: The branch that approved its 利用申込 or registered it: only its staff (and head
    #: office) manage the company's users. Head office can reassign it.
    home_branch_id: Mapped[int] = mapped_column(ForeignKey("branch.id"), index=True)

    home_branch: Mapped[Branch] = relationship()


class Orderer(db.Model):
    """An orderer (発注者) and its rules for advances, contract guarantees and 電子保証."""

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    #: 保証債権者: whom the certificate names as creditor, the orderer's head (e.g. 大仙市長).
    creditor_name: Mapped[str] = mapped_column(String(100))
    category: Mapped[OrdererCategory]
    contact: Mapped[str] = mapped_column(String(200), default="")
    accepts_e_advance: Mapped[bool] = mapped_column(default=False)
    accepts_e_interim: Mapped[bool] = mapped_column(default=False)
    accepts_e_contract: Mapped[bool] = mapped_column(default=False)
    #: 電子保証 applies to works whose `e_surety_basis` date is on or after this date.
    e_surety_start: Mapped[date | None]
    e_surety_basis: Mapped[StartBasis | None]
    advance_ratio: Mapped[Decimal] = mapped_column(Numeric(4, 3), default=Decimal("0.4"))
    #: Advances are cut down to a multiple of this many yen (many orderers use 100,000).
    rounding_unit: Mapped[int] = mapped_column(default=1)
    contract_min_ratio: Mapped[Decimal] = mapped_column(Numeric(4, 3), default=Decimal("0.1"))
    # How contractors hand the 電子保証 over (提出), told on /orderers, the 電子保証概要 and the
    # key notice: by mail to 提出先 with this subject and these attachments, or (when the
    # orderer's 約款 allow it) inside the service, naming one of its 担当課.
    submission_email: Mapped[str] = mapped_column(String(254), default="")
    #: e.g. 「【電子保証】{工事名} {保証契約番号}」 (domain.submissions.SUBJECT_PLACEHOLDERS).
    submission_subject: Mapped[str] = mapped_column(String(200), default="")
    submission_attachments: Mapped[str] = mapped_column(Text, default="")
    submission_notes: Mapped[str] = mapped_column(Text, default="")
    #: Where notifications to the orderer go; empty: the 提出先.
    notification_email: Mapped[str] = mapped_column(String(254), default="")
    accepts_submission_in_service: Mapped[bool] = mapped_column(default=False)
    #: 担当課, one per line (a submission keeps the name it was given).
    departments: Mapped[str] = mapped_column(Text, default="")
    #: False once head office disables the orderer: its clerks can no longer log in; its
    #: certificates, checks and history stay as they were.
    is_active: Mapped[bool] = mapped_column(default=True, server_default=true())

    __table_args__ = (
        CheckConstraint("advance_ratio > 0 AND advance_ratio <= 1", name="advance_ratio_range"),
        CheckConstraint(
            "contract_min_ratio > 0 AND contract_min_ratio <= 1", name="contract_ratio_range"
        ),
        CheckConstraint("rounding_unit >= 1", name="rounding_unit_positive"),
    )

    @property
    def accepted_e_kinds(self) -> tuple[GuaranteeKind, ...]:
        """The guarantee kinds this orderer accepts as 電子保証, in the form's order."""
        flags = {
            GuaranteeKind.ADVANCE: self.accepts_e_advance,
            GuaranteeKind.INTERIM: self.accepts_e_interim,
            GuaranteeKind.CONTRACT: self.accepts_e_contract,
        }
        return tuple(kind for kind in GuaranteeKind if flags[kind])

    @property
    def accepts_e_surety(self) -> bool:
        return bool(self.accepted_e_kinds)

    def e_surety_rules(self) -> ESuretyRules:
        return ESuretyRules(
            frozenset(self.accepted_e_kinds), self.e_surety_start, self.e_surety_basis
        )

    @property
    def notification_address(self) -> str | None:
        """Where mail to the orderer goes: the 通知先, else the 提出先; None when neither is set."""
        return self.notification_email or self.submission_email or None

    @property
    def department_list(self) -> list[str]:
        """The 担当課 a contractor may name when submitting in the service."""
        return department_lines(self.departments)

    def submission_subject_for(self, contract) -> str:
        """The mail subject the orderer asks for, filled in for `contract`."""
        application = contract.application
        return fill_subject(
            self.submission_subject,
            {
                "工事名": application.work_name,
                "保証契約番号": contract.number,
                "受注者": application.contractor.name,
                "保証種類": contract.kind.label,
                "発注者": self.name,
            },
        )

    def amount_rules(self) -> AmountRules:
        return AmountRules(
            advance_ratio=self.advance_ratio,
            rounding_unit=self.rounding_unit,
            contract_min_ratio=self.contract_min_ratio,
        )
