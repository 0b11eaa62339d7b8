"""Forms of the branch console: decisions on applications, fee rates, contract changes."""

from wtforms import HiddenField, RadioField, SelectChoice, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from blueprints.fields import JapaneseDateField, JapaneseForm, YenField
from domain.changes import RequestedChange, VersionKind
from domain.numbers import decimals, read_number

#: Rates are entered in percent with at most this many decimals (stored as a fraction).
PERCENT_DECIMALS = 4
#: Whole yen has at most this many digits.
YEN_DIGITS = 13


class PercentField(StringField):
    """An annual rate typed in percent (0.45 or ０．４５％); `data` is the fraction (0.0045)."""

    def process_formdata(self, valuelist):
        self.raw = valuelist[0] if valuelist else ""
        self.data = None
        try:
            percent = read_number(self.raw, "%")
        except ValueError:
            raise ValueError("年率は数字で入力してください（例：0.45）。") from None
        if percent is None:
            return
        if decimals(percent) > PERCENT_DECIMALS:
            raise ValueError(f"年率は小数点以下{PERCENT_DECIMALS}桁までで入力してください。")
        self.data = percent / 100

    def _value(self) -> str:
        if self.errors or self.data is None:
            return getattr(self, "raw", "")
        return f"{self.data * 100:.4f}".rstrip("0").rstrip(".")


class WholeYenField(StringField):
    """Whole yen where zero is allowed (e.g. a minimum fee); negatives reach the rule checks."""

    def process_formdata(self, valuelist):
        self.raw = valuelist[0] if valuelist else ""
        self.data = None
        try:
            self.data = _whole_yen(self.raw)
        except ValueError:
            raise ValueError("金額は円単位の整数で入力してください（例：5,000）。") from None

    def _value(self) -> str:
        if self.errors or self.data is None:
            return getattr(self, "raw", "")
        return f"{self.data:,}"


def _whole_yen(text: str) -> int | None:
    """Whole yen of at most YEN_DIGITS digits, zero and negatives included; None if empty."""
    amount = read_number(text, "円")
    if amount is None:
        return None
    if decimals(amount) or len(str(abs(int(amount)))) > YEN_DIGITS:
        raise ValueError(f"not whole yen: {text!r}")
    return int(amount)


class ReturnForm(JapaneseForm):
    """差戻し with 弊社からお客様へのお知らせ."""

    revision = HiddenField()
    message = TextAreaField(
        "お客様へのお知らせ（差戻しの理由）",
        [
            DataRequired("お客様へのお知らせを入力してください。"),
            Length(max=2000, message="お知らせは2000文字以内で入力してください。"),
        ],
    )


class DeclineForm(JapaneseForm):
    """謝絶 with its reason."""

    revision = HiddenField()
    reason = TextAreaField(
        "謝絶の理由",
        [
            DataRequired("謝絶の理由を入力してください。"),
            Length(max=2000, message="理由は2000文字以内で入力してください。"),
        ],
    )


class RevisionForm(JapaneseForm):
    """A button that acts on a record as the user saw it (issue, ship, cancel, reissue…)."""

    revision = HiddenField()
    reason = TextAreaField(
        "理由・メモ", [Optional(), Length(max=2000, message="2000文字以内で入力してください。")]
    )


class FeeRateForm(JapaneseForm):
    """One entry of the fee schedule."""

    based_on = HiddenField()
    annual_rate = PercentField("年率（％）")
    minimum_fee = WholeYenField("最低保証料（円）")


CHANGE_CHOICES = [
    SelectChoice(kind.value, kind.label)
    for kind in (
        VersionKind.INCREASE,
        VersionKind.DECREASE,
        VersionKind.EXTENSION,
        VersionKind.CONTRACT_FACTS,
        VersionKind.CORRECTION,
    )
]


class ChangeForm(JapaneseForm):
    """増額, 減額, 保証期限変更, 請負契約の変更 or 訂正 of an issued guarantee, with the new
    contract facts (請負金額, 工期) where they changed."""

    revision = HiddenField()
    kind = RadioField(
        "変更の種類", [InputRequired("変更の種類を選択してください。")], choices=CHANGE_CHOICES
    )
    new_amount = YenField("変更後の保証金額")
    new_end = JapaneseDateField("変更後の保証期限")
    new_contract_price = YenField("変更後の請負金額")
    new_work_start = JapaneseDateField("変更後の工期（着工日）")
    new_work_end = JapaneseDateField("変更後の工期（完成日）")
    reason = TextAreaField(
        "理由・メモ", [Optional(), Length(max=2000, message="2000文字以内で入力してください。")]
    )

    @property
    def requested_change(self) -> RequestedChange:
        return RequestedChange(
            kind=VersionKind(self.kind.data),
            new_amount=self.new_amount.data,
            new_end=self.new_end.data,
            new_contract_price=self.new_contract_price.data,
            new_work_start=self.new_work_start.data,
            new_work_end=self.new_work_end.data,
        )
