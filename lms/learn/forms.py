from flask_wtf import FlaskForm
from wtforms import HiddenField
from wtforms.validators import DataRequired, UUID


class EventForm(FlaskForm):
    """A learner action sent by a plain HTML form; the id is made when the page is drawn, so a resend counts once."""

    event_id = HiddenField(validators=[DataRequired(), UUID()])
