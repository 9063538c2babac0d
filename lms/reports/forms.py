from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, StringField
from wtforms.validators import DataRequired, Length, NumberRange


class BaseForm(FlaskForm):
    year = IntegerField(_l("Year"), validators=[DataRequired(), NumberRange(2000, 2100)])
    illiterate = IntegerField(_l("Illiterate people aged 15–60 in the commune"),
                              validators=[NumberRange(0, 10_000_000, _l("Enter a number of people (0 or more)."))])
    phase1_completed = IntegerField(_l("People who have completed literacy phase 1 (the base for phase 2)"),
                                    validators=[NumberRange(0, 10_000_000, _l("Enter a number of people (0 or more)."))])


class TokenForm(FlaskForm):
    name = StringField(_l("What the token is for"), validators=[DataRequired(), Length(max=120)])
    scope = SelectField(_l("Figures it may read"), validators=[DataRequired()])


class ConfirmForm(FlaskForm):
    """A button that changes something: only its CSRF token."""
