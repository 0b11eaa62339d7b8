"""Forms of 連携システム: name a system account, issue it a token."""

from wtforms import IntegerField, StringField
from wtforms.validators import InputRequired, Length, NumberRange

from blueprints.fields import JapaneseForm
from operations.api_tokens import DEFAULT_VALIDITY, MAX_VALIDITY_DAYS


class SystemAccountForm(JapaneseForm):
    name = StringField(
        "連携システム名",
        [
            InputRequired("連携システム名を入力してください。"),
            Length(max=100, message="連携システム名は100文字までで入力してください。"),
        ],
    )


class TokenForm(JapaneseForm):
    days = IntegerField(
        "有効期間（日）",
        [
            InputRequired("有効期間を日数で入力してください。"),
            NumberRange(
                min=1,
                max=MAX_VALIDITY_DAYS,
                message=f"有効期間は1日から{MAX_VALIDITY_DAYS}日までで指定してください。",
            ),
        ],
        default=DEFAULT_VALIDITY.days,
    )
