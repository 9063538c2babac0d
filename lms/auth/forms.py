from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, PasswordField, StringField
from wtforms.validators import DataRequired, Length


class LoginForm(FlaskForm):
    username = StringField(_l("Username"), validators=[DataRequired(_l("Please enter your username.")), Length(max=64)])
    secret = PasswordField(_l("PIN"), validators=[DataRequired(_l("Please enter your PIN or password.")), Length(max=200)])
    next = HiddenField()


class ForgetForm(FlaskForm):
    username = HiddenField(validators=[DataRequired()])
