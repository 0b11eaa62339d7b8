"""Forms of the login page."""

from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import InputRequired, Length


class LoginForm(FlaskForm):
    login_id = StringField(
        "ログインID", validators=[InputRequired("ログインIDを入力してください。"), Length(max=50)]
    )
    password = PasswordField(
        "パスワード", validators=[InputRequired("パスワードを入力してください。"), Length(max=200)]
    )
