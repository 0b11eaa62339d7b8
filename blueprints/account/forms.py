"""Forms about accounts: a new account, a password change, a password set through a link,
and 利用申込 (a company asking for its first account)."""

from wtforms import BooleanField, PasswordField, SelectField, StringField
from wtforms.validators import EqualTo, InputRequired, Length

from blueprints.fields import PHONE, JapaneseForm, at_most, email_field, options, required
from domain.credentials import MAX_LENGTH, MIN_LENGTH
from operations.accounts import NewAccount
from operations.contractors import CompanyDetails, RequestDetails

PASSWORD_HELP = (
    f"{MIN_LENGTH}文字以上。ログインIDを含むもの、"
    "よく使われるもの（password123 など）は使えません。"
)


def _password(label: str) -> PasswordField:
    return PasswordField(label, [required(label), Length(max=MAX_LENGTH * 2)])


def _confirmation(of: str) -> PasswordField:
    return PasswordField(
        "確認のためもう一度",
        [required("確認のためのパスワード"), EqualTo(of, "確認のためのパスワードが一致しません。")],
    )


class LinkedAccountForm(JapaneseForm):
    """An account made by someone else: the person sets their own password through a mailed
    one-time link (whoever adds them never chooses it)."""

    login_id = StringField("ログインID", [required("ログインID"), at_most("ログインID", 50)])
    name = StringField("氏名", [required("氏名"), at_most("氏名", 100)])
    email = email_field()

    def account(self, admin: bool = False) -> NewAccount:
        return NewAccount(
            login_id=self.login_id.data or "",
            name=self.name.data or "",
            email=self.email.data or "",
            admin=admin,
        )


class CompanyAccountForm(LinkedAccountForm):
    """A contractor's account, added by staff or by its 会社管理者, possibly a 会社管理者."""

    company_admin = BooleanField("会社管理者にする（この会社の利用者を追加・無効化できます）")


class OrdererAccountForm(LinkedAccountForm):
    """An orderer's account (set-password link), possibly a 発注者管理者."""

    orderer_admin = BooleanField("発注者管理者にする（この発注者の職員を追加・無効化できます）")


class ChangePasswordForm(JapaneseForm):
    current_password = _password("現在のパスワード")
    new_password = _password("新しいパスワード")
    confirm = _confirmation("new_password")


class SetPasswordForm(JapaneseForm):
    password = _password("新しいパスワード")
    confirm = _confirmation("password")


class ResetRequestForm(JapaneseForm):
    email = email_field("登録のメールアドレス")


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
