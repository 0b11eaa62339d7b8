"""Forms of the login page."""

from wtforms import PasswordField, StringField
from wtforms.validators import InputRequired, Length

from blueprints.fields import JapaneseForm


class LoginForm(JapaneseForm):
    login_id = StringField(
        "ログインID", validators=[InputRequired("ログインIDを入力してください。"), Length(max=50)]
    )
    password = PasswordField(
        "パスワード", validators=[InputRequired("パスワードを入力してください。"), Length(max=200)]
    )
