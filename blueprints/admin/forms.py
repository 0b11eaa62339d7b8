"""Forms of staff administration: orderers and their rules, branches, contractor companies
(registered by staff), account requests, JVs."""

import re
import unicodedata
from decimal import Decimal

from wtforms import (
    BooleanField,
    FieldList,
    FormField,
    HiddenField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Optional, Regexp

from blueprints.account.forms import CompanyForm, LinkedAccountForm
from blueprints.fields import (
    PHONE,
    JapaneseDateField,
    JapaneseForm,
    JapaneseSubform,
    YenField,
    at_most,
    email_field,
    options,
    required,
)
from domain.kinds import GuaranteeKind, OrdererCategory, StartBasis
from domain.numbers import read_number
from domain.orderer_rules import OrdererSettings
from domain.reservations import MAX_FEE_BANDS
from domain.submissions import SubmissionDetails, department_lines

#: Rows of the JV form: the representative and up to four members.
MEMBER_ROWS = 5
_BAND_FIELD = re.compile(r"bands-(\d+)-(upper|fee)")


class RatioField(StringField):
    """A ratio such as 0.4 (full-width digits accepted); the range is a domain rule."""

    def process_formdata(self, valuelist):
        self.raw = valuelist[0] if valuelist else ""
        self.data = None
        try:
            self.data = read_number(self.raw)
        except ValueError:
            raise ValueError(f"{self.label.text}は数で入力してください（例：0.4）。") from None
        if self.data is None:
            raise ValueError(f"{self.label.text}を入力してください（例：0.4）。")

    def _value(self) -> str:
        if self.errors or self.data is None:
            return getattr(self, "raw", "")
        return f"{self.data.normalize():f}"


class OrdererForm(JapaneseForm):
    """An orderer: name, 保証債権者, 発注者区分, contact and its rules for advances and 電子保証."""

    name = StringField("発注者名", [required("発注者名"), at_most("発注者名", 100)])
    creditor_name = StringField("保証債権者", [required("保証債権者"), at_most("保証債権者", 100)])
    category = SelectField(
        "発注者区分",
        choices=options((c.value, c.label) for c in OrdererCategory),
        default="municipality",
    )
    contact = StringField("連絡先（担当部署など）", [Optional(), at_most("連絡先", 200)])
    accepts_e_advance = BooleanField(GuaranteeKind.ADVANCE.label)
    accepts_e_interim = BooleanField(GuaranteeKind.INTERIM.label)
    accepts_e_contract = BooleanField(GuaranteeKind.CONTRACT.label)
    e_surety_start = JapaneseDateField("開始日")
    e_surety_basis = SelectField(
        "基準日", choices=options([("", "選択しない")] + [(b.value, b.label) for b in StartBasis])
    )
    advance_ratio = RatioField("前払金の割合", default=Decimal("0.4"))
    rounding_unit = YenField("端数処理の単位", [required("端数処理の単位")], default=1)
    contract_min_ratio = RatioField("契約保証の最低割合", default=Decimal("0.1"))
    # 提出: how contractors hand the 電子保証 over, and where the orderer's notifications go.
    submission_email = email_field("提出先メールアドレス", needed=False)
    submission_subject = StringField("件名の形式", [Optional(), at_most("件名の形式", 200)])
    submission_attachments = TextAreaField(
        "添付する書類", [Optional(), at_most("添付する書類", 1000)]
    )
    submission_notes = TextAreaField(
        "提出についての備考", [Optional(), at_most("提出についての備考", 2000)]
    )
    notification_email = email_field("通知先メールアドレス", needed=False)
    accepts_submission_in_service = BooleanField(
        "サービス内での提出（「発注者へ提出」）を受け付ける"
    )
    departments = TextAreaField("担当課（1行に1つ）", [Optional(), at_most("担当課", 3000)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        #: Messages about the accepted kinds as a group (shown beside the checkboxes).
        self.group_errors: dict[str, str] = {}

    def settings(self) -> OrdererSettings:
        """The form's values for the domain check (call after validate)."""
        flags = {
            GuaranteeKind.ADVANCE: self.accepts_e_advance.data,
            GuaranteeKind.INTERIM: self.accepts_e_interim.data,
            GuaranteeKind.CONTRACT: self.accepts_e_contract.data,
        }
        return OrdererSettings(
            name=self.name.data or "",
            creditor_name=self.creditor_name.data or "",
            category=OrdererCategory(self.category.data),
            contact=self.contact.data or "",
            accepted_kinds=frozenset(kind for kind, on in flags.items() if on),
            e_surety_start=self.e_surety_start.data,
            e_surety_basis=StartBasis(self.e_surety_basis.data)
            if self.e_surety_basis.data
            else None,
            advance_ratio=self.advance_ratio.data,
            rounding_unit=self.rounding_unit.data,
            contract_min_ratio=self.contract_min_ratio.data,
            submission=SubmissionDetails(
                email=self.submission_email.data or "",
                subject=self.submission_subject.data or "",
                attachments=self.submission_attachments.data or "",
                notes=self.submission_notes.data or "",
                notification_email=self.notification_email.data or "",
                in_service=self.accepts_submission_in_service.data,
                departments=department_lines(self.departments.data or ""),
            ),
        )

    @classmethod
    def data_of(cls, orderer) -> dict:
        """An orderer as the data that fills the form for editing."""
        return {
            "name": orderer.name, "creditor_name": orderer.creditor_name,
            "category": orderer.category.value, "contact": orderer.contact,
            "accepts_e_advance": orderer.accepts_e_advance,
            "accepts_e_interim": orderer.accepts_e_interim,
            "accepts_e_contract": orderer.accepts_e_contract,
            "e_surety_start": orderer.e_surety_start,
            "e_surety_basis": orderer.e_surety_basis.value if orderer.e_surety_basis else "",
            "advance_ratio": orderer.advance_ratio, "rounding_unit": orderer.rounding_unit,
            "contract_min_ratio": orderer.contract_min_ratio,
            "submission_email": orderer.submission_email,
            "submission_subject": orderer.submission_subject,
            "submission_attachments": orderer.submission_attachments,
            "submission_notes": orderer.submission_notes,
            "notification_email": orderer.notification_email,
            "accepts_submission_in_service": orderer.accepts_submission_in_service,
            "departments": orderer.departments,
        }  # fmt: skip


class BranchForm(JapaneseForm):
    """A branch (支店・営業部) and how customers reach it."""

    name = StringField("名称", [required("名称"), at_most("名称", 50)])
    code = StringField(
        "支店コード",
        [
            required("支店コード"),
            Regexp(r"^[0-9]{5}$", message="支店コードは半角数字5桁で入力してください。"),
        ],
        filters=[lambda value: unicodedata.normalize("NFKC", value).strip() if value else value],
    )
    address = StringField("所在地", [required("所在地"), at_most("所在地", 200)])
    phone = StringField("電話番号", [required("電話番号"), at_most("電話番号", 20), PHONE])
    fax = StringField("FAX番号", [Optional(), at_most("FAX番号", 20), PHONE])
    email = email_field(needed=False)

    def fields(self) -> dict[str, str]:
        return {
            name: self[name].data for name in ("name", "code", "address", "phone", "fax", "email")
        }


class ApproveForm(JapaneseForm):
    """承認: the login ID of the company's first user."""

    login_id = StringField("ログインID", [required("ログインID"), at_most("ログインID", 50)])


class HomeBranchForm(JapaneseForm):
    """担当支店: the branch whose staff manage the company's users (set by head office)."""

    branch_id = SelectField("担当支店", [InputRequired("担当支店を選んでください。")], choices=[])

    def __init__(self, *args, branches=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.branch_id.choices = options([(str(b.id), b.name) for b in branches])


class DeclineForm(JapaneseForm):
    """謝絶: the reason, mailed to the company."""

    reason = TextAreaField(
        "謝絶の理由（お客様にメールでお知らせします）",
        [required("謝絶の理由"), at_most("謝絶の理由", 1000)],
    )


class MemberForm(JapaneseSubform):
    """One member row of a JV: the company and its 出資比率."""

    contractor_id = SelectField("会社", choices=[], default="")
    share = StringField("出資比率（%）")

    def parsed_share(self) -> Decimal | None:
        """The 出資比率 as typed (40 or ４０％), or None when it is empty or not a number."""
        try:
            return read_number(self.share.data, "%")
        except ValueError:
            return None


class JointVentureForm(JapaneseForm):
    """共同企業体の登録: the name, the representative (first row) and the members."""

    name = StringField("共同企業体名", [required("共同企業体名"), at_most("共同企業体名", 200)])
    members = FieldList(FormField(MemberForm), min_entries=MEMBER_ROWS, max_entries=MEMBER_ROWS)

    def __init__(self, *args, contractors=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = options([("", "選択しない")] + [(str(c.id), c.name) for c in contractors])
        for row in self.members:
            row.form.contractor_id.choices = choices
        self.group_errors: dict[str, str] = {}

    def members_problem(self) -> str | None:
        """What is missing in the member rows before the domain can check them, or None."""
        if not self.members[0].form.contractor_id.data:
            return "1行目に代表者の会社を選んでください。"
        for row in self.members:
            if row.form.contractor_id.data and row.form.parsed_share() is None:
                return "選んだ会社ごとに、出資比率を数（%）で入力してください。"
        return None

    def chosen_members(self) -> list[tuple[int, Decimal]]:
        """(contractor id, share) of the filled rows, the representative first."""
        return [
            (int(row.form.contractor_id.data), row.form.parsed_share())
            for row in self.members
            if row.form.contractor_id.data
        ]


class ContractorForm(CompanyForm, LinkedAccountForm):
    """Branch staff register a company with its first user (会社管理者, who sets a password
    through a mailed link)."""


class FeeBandForm(JapaneseSubform):
    """One band of the 予約手数料 table: up to which 入札金額, and its fee before tax."""

    upper = YenField("入札金額の上限")
    fee = YenField("予約手数料（税抜）")


class ReservationFeeForm(JapaneseForm):
    """予約手数料表の変更: the bands in rising order, the last without an upper bound; an empty
    row is left out. `based_on` is the table the page showed (a later edit makes it stale)."""

    based_on = HiddenField()
    bands = FieldList(FormField(FeeBandForm), min_entries=1, max_entries=MAX_FEE_BANDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        #: A message about the table as a whole (no band entered).
        self.group_errors: dict[str, str] = {}

    def rows(self) -> list[tuple[int | None, int | None]]:
        """(上限, 手数料) of every row as entered (call after validate)."""
        return [(entry.form.upper.data, entry.form.fee.data) for entry in self.bands]

    def field_by_name(self, name: str):
        """The cell posted as `name` (bands-N-upper …), or None (a message about the table)."""
        cell = _BAND_FIELD.fullmatch(name)
        if cell and int(cell.group(1)) < len(self.bands.entries):
            return self.bands.entries[int(cell.group(1))].form[cell.group(2)]
        return None


def reservation_fee_data(bands) -> dict:
    """The table's bands as the form's data, with an empty row to add one (up to the most)."""
    rows = [{"upper": upper, "fee": fee} for upper, fee in bands]
    if len(rows) < MAX_FEE_BANDS:
        rows.append({"upper": None, "fee": None})
    return {"bands": rows}
