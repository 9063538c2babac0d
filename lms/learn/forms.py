from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, RadioField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, UUID


class EventForm(FlaskForm):
    """A learner action sent by a plain HTML form; the id is made when the page is drawn, so a resend counts once."""

    event_id = HiddenField(validators=[DataRequired(), UUID()])


class SettingsForm(FlaskForm):
    text_size = RadioField(_l("Text size"), coerce=int, choices=[
        SelectChoice(100, _l("Normal")), SelectChoice(125, _l("Large")), SelectChoice(150, _l("Very large"))])
    high_contrast = BooleanField(_l("High contrast: white text on black"))
    save_data = BooleanField(_l("Save data: show pictures only when I tap them"))
