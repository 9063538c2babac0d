from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField
from wtforms.validators import DataRequired, UUID


class EventForm(FlaskForm):
    """A learner action sent by a plain HTML form; the id is made when the page is drawn, so a resend counts once."""

    event_id = HiddenField(validators=[DataRequired(), UUID()])


class SettingsForm(FlaskForm):
    save_data = BooleanField(_l("Save data: show pictures only when I tap them"))
