"""The form pieces every blueprint shares: base forms with Japanese messages, fields that read
what people type the way Japanese forms are filled in, and the usual validators with their
messages. A blueprint's own forms and fields stay in its own forms module."""

import re

from flask_wtf import FlaskForm
from wtforms import DateField, FieldList, Form, FormField, SelectChoice, StringField
from wtforms.meta import DefaultMeta
from wtforms.validators import Email, InputRequired, Length, Optional, Regexp

from domain.fullwidth import normalise_fullwidth
from domain.yen import parse_yen

#: Dates outside this range are typing mistakes in this domain.
EARLIEST_YEAR, LATEST_YEAR = 2000, 2099


#: Characters nobody types on purpose (NUL, escapes); PostgreSQL refuses NUL outright.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def strip_control_characters(value):
    """Text without control characters (line breaks and tabs stay); other values unchanged."""
    return _CONTROL_CHARACTERS.sub("", value) if isinstance(value, str) else value


class JapaneseMeta:
    """WTForms' own messages (e.g. an invalid choice) in Japanese; control characters dropped."""

    locales = ("ja_JP", "ja")

    def bind_field(self, form, unbound_field, options):
        """Every field filters out control characters before any other filter or validator."""
        if issubclass(unbound_field.field_class, (FormField, FieldList)):
            return unbound_field.bind(form=form, **options)  # the enclosed fields filter themselves
        filters = (strip_control_characters, *unbound_field.kwargs.get("filters", ()))
        return unbound_field.bind(form=form, filters=filters, **options)

    def get_translations(self, form):
        """WTForms' own Japanese catalogue (Flask-WTF would look for Flask-Babel, not installed)."""
        return DefaultMeta.get_translations(self, form)


class JapaneseForm(FlaskForm):
    """A CSRF-protected form whose built-in messages are Japanese."""

    class Meta(JapaneseMeta):
        pass


class JapaneseSubform(Form):
    """A nested form (no CSRF of its own) with Japanese built-in messages."""

    class Meta(JapaneseMeta):
        pass


class YenField(StringField):
    """Whole yen: accepts 20,000,000 / ２０，０００，０００円; empty means not given (None)."""

    def process_formdata(self, valuelist):
        self.raw = valuelist[0] if valuelist else ""
        self.data = None
        if self.raw.strip():
            self.data = parse_yen(self.raw)  # a ValueError becomes this field's message

    def _value(self) -> str:
        if self.errors or self.data is None:
            return getattr(self, "raw", "")
        return f"{self.data:,}"


class FullWidthField(StringField):
    """Text kept full-width: half-width input is converted where that is unambiguous.
    `subject` names the field in its message (預託金融機関は全角で…), the label by default."""

    def __init__(self, label=None, validators=None, subject: str | None = None, **kwargs):
        super().__init__(label, validators, **kwargs)
        self.subject = subject or self.label.text

    def process_formdata(self, valuelist):
        self.data = ""
        text = valuelist[0] if valuelist else ""
        self.raw = text
        if text.strip():
            try:
                self.data = normalise_fullwidth(text)
            except ValueError as error:
                raise ValueError(f"{self.subject}は{error}") from None

    def _value(self) -> str:
        return getattr(self, "raw", "") if self.errors else (self.data or "")


class JapaneseDateField(DateField):
    """A date (YYYY-MM-DD, as a date input sends it, or YYYY/MM/DD as people write it) with a
    Japanese message when it is not; the input's value stays ISO."""

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators, format=["%Y-%m-%d", "%Y/%m/%d"], **kwargs)

    def process_formdata(self, valuelist):
        self.data = None
        if not valuelist or not valuelist[0].strip():
            return
        try:
            super().process_formdata([valuelist[0].strip()])
        except ValueError as error:
            raise ValueError(
                f"{self.label.text}は日付（例：2026/04/01）で入力してください。"
            ) from error
        if not EARLIEST_YEAR <= self.data.year <= LATEST_YEAR:
            self.data = None
            raise ValueError(
                f"{self.label.text}は{EARLIEST_YEAR}年から{LATEST_YEAR}年までの日付で入力してください。"
            )


PHONE = Regexp(r"^[0-9０-９()（）\-－‐ ]+$", message="電話番号は数字とハイフンで入力してください。")


def required(label: str) -> InputRequired:
    """Something must be typed or chosen: 「〇〇を入力してください。」"""
    return InputRequired(f"{label}を入力してください。")


def at_most(label: str, length: int) -> Length:
    """At most `length` characters: 「〇〇は200文字以内で入力してください。」"""
    return Length(max=length, message=f"{label}は{length}文字以内で入力してください。")


def email_field(label: str = "メールアドレス", needed: bool = True) -> StringField:
    """An e-mail address (required unless `needed` is False)."""
    return StringField(
        label,
        [
            required(label) if needed else Optional(),
            at_most(label, 254),
            Email("メールアドレスの形式が正しくありません（例：soumu@example.co.jp）。"),
        ],
    )


def posted_int(value: str | None) -> int | None:
    """A hidden number field as posted (a revision, a record's id), or None when missing or
    tampered with."""
    try:
        return int(value) if value else None
    except ValueError:
        return None


def options(pairs) -> list[SelectChoice]:
    """(value, label) pairs as the choices of a select or radio field."""
    return [SelectChoice(value, label) for value, label in pairs]
