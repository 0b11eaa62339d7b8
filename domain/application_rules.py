"""The rules an application must meet before it is sent: required items, dates, amounts, 電子保証.

Problems are keyed by the application form's field names (e.g. ``advance-amount``), so the
form shows each message beside its field and the branch sees the same keys on review.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from domain.eligibility import ESuretyRules, WorkDates, e_surety_refusal
from domain.kinds import ApplicationKind, CertificateForm, GuaranteeKind, PaymentMethod
from domain.ratios import (
    AmountRules,
    advance_limit,
    check_amounts,
    contract_minimum,
    interim_limit,
    ratio_percent,
)
from domain.reservations import check_reservation
from domain.yen import format_yen

#: The labels of the form's fields, as the seed writes them.
LABELS = {
    "orderer_id": "発注者",
    "work_name": "工事名",
    "work_place": "工事場所",
    "contract_price": "請負金額",
    "work_start": "工期（着工日）",
    "work_end": "工期（完成日）",
    "contract_date": "請負契約日",
    "announcement_date": "入札公告日",
    "nomination_date": "指名日",
    "jv_name": "JV名",
    "joint_venture_id": "登録済みの共同企業体",
    "this_year_amount": "今年度対象額",
    "branch_id": "申込送信先",
    "notify_by_mail": "電子保証発行完了のお知らせ",
    "notify_email": "メールアドレス",
    "contact_department": "担当部署",
    "contact_title": "役職",
    "contact_name": "担当者名",
    "contact_phone": "連絡先電話番号",
    "message_to_branch": "お客様から弊社への連絡事項",
}
_REQUIRED = ("work_name", "contract_price", "work_start", "work_end", "contract_date")
_REQUIRED_CHOICES = ("orderer_id", "branch_id")
_REQUIRED_CONTACT = ("contact_name", "contact_phone")
_RESERVATION_FIELDS = (
    *_REQUIRED, *_REQUIRED_CHOICES, *_REQUIRED_CONTACT, "reserved_amount", "announcement_date",
)  # fmt: skip
#: The items of a requested guarantee that must be answered before it is sent.
_REQUIRED_PER_GUARANTEE = ("certificate_form", "amount", "payment_method", "wants_fee_statement")
#: Where a problem with the application as a whole is shown.
GUARANTEES_KEY = "guarantees"


@dataclass
class GuaranteeTerms:
    """What the applicant asks for one guarantee; None means not answered yet."""

    certificate_form: CertificateForm | None = None
    amount: int | None = None
    deposit_bank: str = ""
    uses_redeposit: bool = False
    payment_method: PaymentMethod | None = None
    fee_payer: str = ""
    wants_fee_statement: bool | None = None


@dataclass
class ApplicationTerms:
    """Everything on the application form, as plain values (a draft may leave any empty)."""

    orderer_id: int | None = None
    work_name: str = ""
    work_place: str = ""
    contract_price: int | None = None
    work_start: date | None = None
    work_end: date | None = None
    contract_date: date | None = None
    announcement_date: date | None = None
    nomination_date: date | None = None
    jv_name: str = ""
    #: The registered JV the application is for (its representative applies); None: none.
    joint_venture_id: int | None = None
    this_year_amount: int | None = None
    #: Only the guarantees the applicant asks for.
    guarantees: dict[GuaranteeKind, GuaranteeTerms] = field(default_factory=dict)
    branch_id: int | None = None
    notify_by_mail: bool = False
    notify_email: str = ""
    contact_department: str = ""
    contact_title: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    message_to_branch: str = ""
    #: A 契約保証予約 asks for no guarantee: it reserves `reserved_amount` of a contract
    #: guarantee on a bid of `contract_price` (the 入札金額).
    kind: ApplicationKind = ApplicationKind.GUARANTEE
    reserved_amount: int | None = None

    @property
    def work_dates(self) -> WorkDates:
        return WorkDates(self.announcement_date, self.nomination_date, self.contract_date)


@dataclass(frozen=True)
class OrdererTerms:
    """What the rules need to know of the chosen orderer."""

    name: str
    amounts: AmountRules
    e_surety: ESuretyRules
    #: False once head office has disabled the orderer: no new application may name it.
    active: bool = True


def unavailable_orderer(name: str) -> str:
    """Why a disabled orderer cannot be chosen for an application or a draft."""
    return f"{name}は現在お取り扱いしていないため選べません。一覧から発注者を選択してください。"


def orderer_problems(orderer: OrdererTerms | None) -> dict[str, str]:
    """The message beside 発注者 when the chosen orderer may not be named (disabled)."""
    if orderer is not None and not orderer.active:
        return {"orderer_id": unavailable_orderer(orderer.name)}
    return {}


def guarantee_key(kind: GuaranteeKind, name: str) -> str:
    """The form field name of one item of a guarantee block, e.g. advance-amount."""
    return f"{kind.value}-{name}"


def amount_label(kind: GuaranteeKind) -> str:
    return f"{kind.label}金額"


def takes_deposit_bank(kind: GuaranteeKind) -> bool:
    """Advances are paid into a 預託金融機関; a contract guarantee has none."""
    return kind is not GuaranteeKind.CONTRACT


def guarantee_ratio(terms: ApplicationTerms, kind: GuaranteeKind) -> Decimal | None:
    """The amount as a percentage of its base: 今年度対象額 when given (advances), else 請負金額."""
    guarantee = terms.guarantees.get(kind)
    if guarantee is None or guarantee.amount is None:
        return None
    base = terms.contract_price
    if kind is not GuaranteeKind.CONTRACT and terms.this_year_amount:
        base = terms.this_year_amount
    return ratio_percent(guarantee.amount, base) if base else None


@dataclass(frozen=True)
class AmountBound:
    """The orderer's bound on a guarantee amount, as the form shows it beside the ratio: the
    largest advance (or interim) its ratio and rounding allow, or the smallest 契約保証."""

    amount: int
    #: 上限 or 下限
    side: str
    #: The ratio in words, e.g. 40%
    percent: str
    #: Whether the amount typed is past the bound
    past: bool

    @property
    def words(self) -> str:
        """「上限（40%）を超えています」 / 「下限（10%）を下回っています」 when past, else ""."""
        if not self.past:
            return ""
        verb = "を超えています" if self.side == "上限" else "を下回っています"
        return f"{self.side}（{self.percent}）{verb}"

    @property
    def amount_text(self) -> str:
        return format_yen(self.amount)


def amount_bound(
    terms: ApplicationTerms, kind: GuaranteeKind, rules: AmountRules | None
) -> AmountBound | None:
    """The bound of a guarantee's amount under the orderer's rules (None without a base)."""
    if rules is None:
        return None
    guarantee = terms.guarantees.get(kind)
    typed = guarantee.amount if guarantee else None
    if kind is GuaranteeKind.CONTRACT:
        if not terms.contract_price:
            return None
        minimum = contract_minimum(terms.contract_price, rules)
        past = typed is not None and typed < minimum
        return AmountBound(minimum, "下限", _percent(rules.contract_min_ratio), past)
    base = terms.this_year_amount or terms.contract_price
    if not base:
        return None
    advance = kind is GuaranteeKind.ADVANCE
    limit = (advance_limit if advance else interim_limit)(base, rules)
    ratio = rules.advance_ratio if advance else rules.interim_ratio
    return AmountBound(limit, "上限", _percent(ratio), typed is not None and typed > limit)


def _percent(ratio: Decimal) -> str:
    """An orderer's ratio (a fraction) in words, e.g. 0.4 → 40%, 0.375 → 37.5%."""
    return f"{(ratio * 100).normalize():f}%"


def ratio_basis(kind: GuaranteeKind) -> str:
    """The seed's words after the ratio, e.g. (請負金額もしくは今年度対象額に対する…の割合)."""
    base = "請負金額" if kind is GuaranteeKind.CONTRACT else "請負金額もしくは今年度対象額"
    return f"({base}に対する{amount_label(kind)}の割合)"


def required_item(name: str) -> bool:
    """Whether an item of the application (e.g. work_name) must be filled before it is sent."""
    return name in (*_REQUIRED, *_REQUIRED_CHOICES, *_REQUIRED_CONTACT)


def required_guarantee_item(kind: GuaranteeKind, item: str) -> bool:
    """Whether an item of a guarantee (e.g. amount) must be filled when it is requested."""
    return item in _REQUIRED_PER_GUARANTEE or (item == "deposit_bank" and takes_deposit_bank(kind))


def check_application(terms: ApplicationTerms, orderer: OrdererTerms | None) -> dict[str, str]:
    """Every problem that stops the application from being sent, keyed by form field."""
    if terms.kind is ApplicationKind.RESERVATION:
        values = {name: getattr(terms, name) for name in _RESERVATION_FIELDS}
        rules = orderer.amounts if orderer else None
        return check_reservation(values, rules, bool(terms.guarantees)) | orderer_problems(orderer)
    problems = _missing_items(terms) | orderer_problems(orderer)
    if terms.work_start and terms.work_end and terms.work_end < terms.work_start:
        problems["work_end"] = "工期の完成日は着工日以降の日付にしてください。"
    if terms.notify_by_mail and not terms.notify_email:
        problems["notify_email"] = (
            "「希望する」を選んだ場合は、お知らせを送るメールアドレスを入力してください。"
        )
    if orderer is not None:
        problems = _orderer_rules(terms, orderer) | problems
    return problems


def _missing_items(terms: ApplicationTerms) -> dict[str, str]:
    """A message for every required item left empty."""
    problems = {}
    for name in (*_REQUIRED, *_REQUIRED_CONTACT):
        if getattr(terms, name) in (None, ""):
            problems[name] = f"{LABELS[name]}を入力してください。"
    for name in _REQUIRED_CHOICES:
        if getattr(terms, name) is None:
            problems[name] = f"{LABELS[name]}を選択してください。"
    if not terms.guarantees:
        problems[GUARANTEES_KEY] = "申し込む保証を1つ以上選んでください。"
    for kind, guarantee in terms.guarantees.items():
        if guarantee.certificate_form is None:
            problems[guarantee_key(kind, "certificate_form")] = "保証証書の形式を選択してください。"
        if guarantee.amount is None:
            problems[guarantee_key(kind, "amount")] = f"{amount_label(kind)}を入力してください。"
        if takes_deposit_bank(kind) and not guarantee.deposit_bank:
            problems[guarantee_key(kind, "deposit_bank")] = "預託金融機関を入力してください。"
        if guarantee.payment_method is None:
            problems[guarantee_key(kind, "payment_method")] = "保証料支払方法を選択してください。"
        if guarantee.wants_fee_statement is None:
            problems[guarantee_key(kind, "wants_fee_statement")] = (
                "保証料計算書(紙)の希望の有無を選択してください。"
            )
    return problems


def _orderer_rules(terms: ApplicationTerms, orderer: OrdererTerms) -> dict[str, str]:
    """The orderer's limits on amounts and its conditions for 電子保証."""

    def amount(kind: GuaranteeKind) -> int | None:
        guarantee = terms.guarantees.get(kind)
        return guarantee.amount if guarantee else None

    amount_problems = check_amounts(
        terms.contract_price,
        terms.this_year_amount,
        amount(GuaranteeKind.ADVANCE),
        amount(GuaranteeKind.INTERIM),
        amount(GuaranteeKind.CONTRACT),
        orderer.amounts,
    )
    problems = {
        # check_amounts names fields advance_amount, …; the form names them advance-amount.
        key.replace("_amount", "-amount") if key != "this_year_amount" else key: message
        for key, message in amount_problems.items()
    }
    for kind, guarantee in terms.guarantees.items():
        if guarantee.certificate_form is CertificateForm.ELECTRONIC:
            refusal = e_surety_refusal(orderer.e_surety, kind, terms.work_dates, orderer.name)
            if refusal:
                problems[guarantee_key(kind, "certificate_form")] = refusal
    return problems
