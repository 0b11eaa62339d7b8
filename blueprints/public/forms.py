"""Forms anyone may fill in: the re-check of a 確認記録票."""

from wtforms import StringField
from wtforms.validators import InputRequired, Length

from blueprints.fields import JapaneseForm


class RecordCodeForm(JapaneseForm):
    """確認記録票の照合: the 確認コード printed on the record."""

    code = StringField(
        "確認コード",
        [
            InputRequired("確認コードを入力してください。"),
            Length(max=60, message="確認コードが長すぎます。"),
        ],
    )
