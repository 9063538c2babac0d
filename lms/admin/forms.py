"""Forms of the administration pages."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length


class ActionForm(FlaskForm):
    """A button that does something: only its CSRF token."""


class EraseForm(FlaskForm):
    username = StringField(_l("Type the person's username to confirm"),
                           validators=[DataRequired(_l("Type the username to confirm.")), Length(max=64)])
