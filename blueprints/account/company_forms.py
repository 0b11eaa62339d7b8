"""Forms about contractor companies: 利用申込, and registration by branch staff."""

from wtforms import SelectField, StringField
from wtforms.validators import InputRequired

from blueprints.account.forms import LinkedAccountForm
from blueprints.admin.forms import PHONE, at_most, email_field, required
from blueprints.fields import JapaneseForm, options
from operations.contractors import CompanyDetails, RequestDetails


class CompanyForm(JapaneseForm):
    """The company as it introduces itself."""

    company_name = StringField("会社名（商号）", [required("会社名"), at_most("会社名", 100)])
    representative = StringField(
        "代表者（役職・氏名）", [required("代表者"), at_most("代表者", 100)]
    )
    address = StringField("所在地", [required("所在地"), at_most("所在地", 200)])
    permit_number = StringField(
        "建設業許可番号", [required("建設業許可番号"), at_most("建設業許可番号", 50)]
    )
    phone = StringField("電話番号", [required("電話番号"), at_most("電話番号", 20), PHONE])

    def company(self) -> CompanyDetails:
        return CompanyDetails(
            name=self.company_name.data or "",
            representative=self.representative.data or "",
            address=self.address.data or "",
            permit_number=self.permit_number.data or "",
            phone=self.phone.data or "",
        )


class SignupForm(CompanyForm):
    """利用申込: the company, the person to contact, and the branch it chooses."""

    contact_name = StringField("ご担当者名", [required("ご担当者名"), at_most("ご担当者名", 100)])
    email = email_field("ご担当者のメールアドレス")
    branch_id = SelectField(
        "お申込先（営業部・支店）", [InputRequired("お申込先を選んでください。")], choices=[]
    )

    def __init__(self, *args, branches=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.branch_id.choices = options(
            [("", "選択してください")] + [(str(b.id), b.name) for b in branches]
        )

    def details(self) -> RequestDetails:
        return RequestDetails(
            company=self.company(),
            contact_name=self.contact_name.data or "",
            email=self.email.data or "",
            branch_id=int(self.branch_id.data),
        )


class ContractorForm(CompanyForm, LinkedAccountForm):
    """Branch staff register a company with its first user (会社管理者, who sets a password
    through a mailed link)."""
