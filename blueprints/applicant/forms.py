"""The Net Desk application form (申込作成), with one nested block per guarantee."""

from wtforms import (
    BooleanField,
    FormField,
    HiddenField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Email, Length, Optional, Regexp, ValidationError

from blueprints.fields import (
    FullWidthField,
    JapaneseDateField,
    JapaneseForm,
    JapaneseSubform,
    YenField,
    options,
)
from domain.application_rules import (
    GUARANTEES_KEY,
    LABELS,
    ApplicationTerms,
    GuaranteeTerms,
    amount_label,
    required_guarantee_item,
    required_item,
    takes_deposit_bank,
    unavailable_orderer,
)
from domain.kinds import CertificateForm, GuaranteeKind, PaymentMethod

YES_NO = [("yes", "希望する"), ("no", "希望しない")]


def _text(name: str, max_length: int = 100) -> StringField:
    return StringField(
        LABELS[name],
        [
            Optional(),
            Length(
                max=max_length, message=f"{LABELS[name]}は{max_length}文字以内で入力してください。"
            ),
        ],
    )


def _choice(label: str, choices, default=None) -> RadioField:
    return RadioField(
        label,
        [Optional()],
        choices=options(choices),
        default=default,
        invalid_choice_message=f"{label}は選択肢から選んでください。",
    )


def _select(name: str) -> SelectField:
    return SelectField(
        LABELS[name],
        [Optional()],
        choices=[],
        invalid_choice_message=f"{LABELS[name]}は一覧から選択してください。",
    )


class OrdererField(SelectField):
    """発注者: offers the orderers that may be named; a disabled one posted (from a page drawn
    before it was disabled, or forged) is refused with why."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        #: id (as posted) → name of each disabled orderer.
        self.unavailable: dict[str, str] = {}

    def offer(self, orderers) -> None:
        """Offer the active orderers of `orderers`; remember the disabled ones."""
        self.choices = options(
            [("", "選択してください")] + [(str(o.id), o.name) for o in orderers if o.is_active]
        )
        self.unavailable = {str(o.id): o.name for o in orderers if not o.is_active}

    def unavailable_message(self) -> str | None:
        """Why the orderer in the field cannot be chosen (None: it can, or none is)."""
        name = self.unavailable.get(self.data or "")
        return unavailable_orderer(name) if name else None

    def flag_if_unavailable(self) -> None:
        """A stored draft naming a disabled orderer opens with the reason beside the field."""
        if message := self.unavailable_message():
            self.errors = [message]

    def pre_validate(self, form) -> None:
        if message := self.unavailable_message():
            raise ValidationError(message)
        super().pre_validate(form)


def orderer_select() -> OrdererField:
    return OrdererField(
        LABELS["orderer_id"],
        [Optional()],
        choices=[],
        invalid_choice_message=f"{LABELS['orderer_id']}は一覧から選択してください。",
    )


def _yes_no(value: str | None) -> bool | None:
    return {"yes": True, "no": False}.get(value or "")


def _yes_no_value(flag: bool | None) -> str | None:
    return None if flag is None else ("yes" if flag else "no")


def guarantee_form_class(kind: GuaranteeKind) -> type[JapaneseSubform]:
    """The block of one guarantee, with the seed's labels for that kind."""

    class GuaranteeForm(JapaneseSubform):
        requested = BooleanField(f"{kind.label}を申し込む")
        certificate_form = _choice(
            "保証証書の形式について", [(form.value, form.label) for form in CertificateForm]
        )
        amount = YenField(amount_label(kind))
        payment_method = _choice(
            f"{kind.label}料支払方法",
            [(method.value, method.label) for method in PaymentMethod],
            default=PaymentMethod.LUMP_SUM.value,
        )
        fee_payer = StringField(
            f"{kind.label}料請求先",
            [Optional(), Length(max=100, message="請求先は100文字以内で入力してください。")],
        )
        wants_fee_statement = _choice("保証料計算書(紙)について", YES_NO)

    if takes_deposit_bank(kind):
        GuaranteeForm.deposit_bank = FullWidthField(
            "預託金融機関(全角)",
            [Length(max=50, message="預託金融機関は50文字以内で入力してください。")],
            subject="預託金融機関",
        )
        GuaranteeForm.uses_redeposit = _choice(
            "再預託利用区分",
            [("no", "再預託を利用しない"), ("yes", "再預託を利用する")],
            default="no",
        )
    GuaranteeForm.kind = kind
    return GuaranteeForm


class ApplicationFormBase(JapaneseForm):
    """What every application form carries: its token and revision, the 連絡先 and the
    message to the branch."""

    form_token = HiddenField()
    revision = HiddenField()

    contact_department = _text("contact_department")
    contact_title = _text("contact_title")
    contact_name = _text("contact_name")
    contact_phone = StringField(
        LABELS["contact_phone"],
        [
            Optional(),
            Length(max=20, message="連絡先電話番号は20文字以内で入力してください。"),
            Regexp(
                r"^[0-9０-９()（）\-－‐ ]+$", message="電話番号は数字とハイフンで入力してください。"
            ),
        ],
    )
    message_to_branch = TextAreaField(
        LABELS["message_to_branch"],
        [Optional(), Length(max=2000, message="連絡事項は2000文字以内で入力してください。")],
    )


class ApplicationForm(ApplicationFormBase):
    """申込作成: 請負工事の情報, 保証の申込内容, インフォメーション, 連絡先."""

    orderer_id = orderer_select()
    work_name = _text("work_name", 200)
    work_place = _text("work_place", 200)
    contract_price = YenField(LABELS["contract_price"])
    work_start = JapaneseDateField(LABELS["work_start"])
    work_end = JapaneseDateField(LABELS["work_end"])
    contract_date = JapaneseDateField(LABELS["contract_date"])
    announcement_date = JapaneseDateField(LABELS["announcement_date"])
    nomination_date = JapaneseDateField(LABELS["nomination_date"])
    jv_name = _text("jv_name", 200)
    joint_venture_id = _select("joint_venture_id")
    this_year_amount = YenField(LABELS["this_year_amount"])

    advance = FormField(guarantee_form_class(GuaranteeKind.ADVANCE))
    interim = FormField(guarantee_form_class(GuaranteeKind.INTERIM))
    contract = FormField(guarantee_form_class(GuaranteeKind.CONTRACT))

    branch_id = _select("branch_id")
    notify_by_mail = _choice(LABELS["notify_by_mail"], YES_NO, default="no")
    notify_email = StringField(
        LABELS["notify_email"],
        [
            Optional(),
            Length(max=254, message="メールアドレスは254文字以内で入力してください。"),
            Email("メールアドレスの形式が正しくありません（例：soumu@example.co.jp）。"),
        ],
    )

    def __init__(self, *args, orderers=(), branches=(), joint_ventures=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.orderer_id.offer(orderers)
        self.joint_venture_id.choices = options(
            [("", "（登録済みのJVではない）")] + [(str(j.id), j.name) for j in joint_ventures]
        )
        self.branch_id.choices = options(
            [("", "選択してください")] + [(str(b.id), b.name) for b in branches]
        )
        #: Messages that belong to a whole section, e.g. no guarantee chosen.
        self.group_errors: dict[str, str] = {}

    @property
    def guarantee_blocks(self) -> list[FormField]:
        return [self.advance, self.interim, self.contract]

    def terms(self) -> ApplicationTerms:
        """The form's values as plain terms (call after validate)."""
        return ApplicationTerms(
            orderer_id=_chosen_id(self.orderer_id),
            work_name=(self.work_name.data or "").strip(),
            work_place=(self.work_place.data or "").strip(),
            contract_price=self.contract_price.data,
            work_start=self.work_start.data,
            work_end=self.work_end.data,
            contract_date=self.contract_date.data,
            announcement_date=self.announcement_date.data,
            nomination_date=self.nomination_date.data,
            jv_name=(self.jv_name.data or "").strip(),
            joint_venture_id=_chosen_id(self.joint_venture_id),
            this_year_amount=self.this_year_amount.data,
            guarantees={
                block.form.kind: _guarantee_terms(block.form)
                for block in self.guarantee_blocks
                if block.form.requested.data
            },
            branch_id=_chosen_id(self.branch_id),
            notify_by_mail=bool(_yes_no(self.notify_by_mail.data)),
            notify_email=(self.notify_email.data or "").strip(),
            contact_department=(self.contact_department.data or "").strip(),
            contact_title=(self.contact_title.data or "").strip(),
            contact_name=(self.contact_name.data or "").strip(),
            contact_phone=(self.contact_phone.data or "").strip(),
            message_to_branch=(self.message_to_branch.data or "").strip(),
        )

    def need(self, field) -> dict:
        """What a field's label says it needs (必須 / 任意 / when it is needed) and whether it is
        required as the form stands (aria-required): the `need` of the field macros."""
        block_name, _, item = field.name.partition("-")
        if item:
            block = self[block_name].form
            if item == "requested":
                return {}
            if not required_guarantee_item(block.kind, item):
                return {"text": "任意", "required": False}
            required = bool(block.requested.data)
            return {"text": "申し込む場合は必須", "required": required, "when_requested": True}
        if field.name == "notify_email":
            return {
                "text": "「希望する」の場合は必須",
                "required": self.notify_by_mail.data == "yes",
            }
        if required_item(field.name):
            return {"text": "必須", "required": True}
        return {"text": "任意", "required": False}

    def unchoose_refused(self, refusals: dict) -> None:
        """A 電子保証 that can no longer be chosen (its reason in `refusals`) is unchosen, so the
        page never shows it chosen but off, to be dropped silently when sent."""
        for block in self.guarantee_blocks:
            if refusals.get(block.form.kind) and block.form.certificate_form.data == "electronic":
                block.form.certificate_form.data = None

    def error_summary(self) -> list[tuple[str, str]]:
        """Every message beside a field or a section, in the order of the page, each with the
        id of the element it belongs to (the link of the summary at the top)."""
        items = []
        for field in self:
            if field is self.advance and GUARANTEES_KEY in self.group_errors:
                items.append(("section-guarantees", self.group_errors[GUARANTEES_KEY]))
            fields = field.form if isinstance(field, FormField) else [field]
            for each in fields:
                anchor = f"{each.id}-0" if isinstance(each, RadioField) else each.id
                if each.type in ("HiddenField", "CSRFTokenField"):
                    anchor = "application-form"  # nothing to type there: the form itself
                items.extend((anchor, message) for message in each.errors)
        return items

    def field_by_name(self, name: str):
        """The field posted as `name` (e.g. advance-amount), or None."""
        block_name, _, item = name.partition("-")
        if block_name not in self:
            return None
        field = self[block_name]
        if not item:
            return field
        if not isinstance(field, FormField) or item not in field.form:
            return None
        return field.form[item]


def form_data(terms: ApplicationTerms) -> dict:
    """Terms as the `data` that fills the form again (editing a draft)."""
    data = {
        name: getattr(terms, name)
        for name in (
            "work_name", "work_place", "contract_price", "work_start", "work_end",
            "contract_date", "announcement_date", "nomination_date", "jv_name",
            "this_year_amount", "notify_email", "contact_department", "contact_title",
            "contact_name", "contact_phone", "message_to_branch",
        )
    }  # fmt: skip
    data["orderer_id"] = str(terms.orderer_id or "")
    data["branch_id"] = str(terms.branch_id or "")
    data["joint_venture_id"] = str(terms.joint_venture_id or "")
    data["notify_by_mail"] = _yes_no_value(terms.notify_by_mail)
    for kind in GuaranteeKind:
        guarantee = terms.guarantees.get(kind)
        data[kind.value] = _guarantee_data(guarantee) if guarantee else {"requested": False}
    return data


def _guarantee_terms(block) -> GuaranteeTerms:
    return GuaranteeTerms(
        certificate_form=_enum_or_none(CertificateForm, block.certificate_form.data),
        amount=block.amount.data,
        deposit_bank=block.deposit_bank.data if "deposit_bank" in block else "",
        uses_redeposit=bool(_yes_no(block.uses_redeposit.data))
        if "uses_redeposit" in block
        else False,
        payment_method=_enum_or_none(PaymentMethod, block.payment_method.data),
        fee_payer=(block.fee_payer.data or "").strip(),
        wants_fee_statement=_yes_no(block.wants_fee_statement.data),
    )


def _guarantee_data(guarantee: GuaranteeTerms) -> dict:
    return {
        "requested": True,
        "certificate_form": guarantee.certificate_form.value
        if guarantee.certificate_form
        else None,
        "amount": guarantee.amount,
        "deposit_bank": guarantee.deposit_bank,
        "uses_redeposit": "yes" if guarantee.uses_redeposit else "no",
        "payment_method": guarantee.payment_method.value if guarantee.payment_method else None,
        "fee_payer": guarantee.fee_payer,
        "wants_fee_statement": _yes_no_value(guarantee.wants_fee_statement),
    }


def _chosen_id(field: SelectField) -> int | None:
    """The id chosen among the field's options; anything forged is no choice (its field says so)."""
    offered = {choice.value for choice in field.choices if choice.value}
    return int(field.data) if field.data in offered else None


def _enum_or_none(enum_class, value: str | None):
    """A radio's value as its enum; a forged value is no answer (its field already says so)."""
    try:
        return enum_class(value) if value else None
    except ValueError:
        return None


class ContractSearchForm(JapaneseForm):
    """検索 of the 保証契約一覧: 工事名 or 保証契約番号, 発注者, and the issue period."""

    class Meta(JapaneseForm.Meta):
        csrf = False  # a GET search changes nothing

    q = StringField(
        "工事名・保証契約番号",
        [Optional(), Length(max=100, message="検索語は100文字以内で入力してください。")],
    )
    orderer_id = SelectField("発注者", [Optional()], choices=[])
    issued_from = JapaneseDateField("発行日（から）")
    issued_to = JapaneseDateField("発行日（まで）")

    def __init__(self, *args, orderers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.orderer_id.choices = options(
            [("", "すべて")] + [(str(o.id), o.name) for o in orderers]
        )


class FeeStatementSearchForm(JapaneseForm):
    """検索 of the 保証料計算書一覧: 工事名, 保証契約番号 or 予約番号."""

    class Meta(JapaneseForm.Meta):
        csrf = False  # a GET search changes nothing

    q = StringField(
        "工事名・保証契約番号・予約番号",
        [Optional(), Length(max=100, message="検索語は100文字以内で入力してください。")],
    )


class SubmissionForm(JapaneseForm):
    """「発注者へ提出」: the 担当課 to hand the contract to, when the orderer keeps a list."""

    department = SelectField("提出先の担当課", choices=[], validate_choice=False)

    def __init__(self, *args, departments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.department.choices = options(
            [("", "選択してください")] + [(d, d) for d in departments]
        )
