"""Forms of the class pages. The services check what people choose and word the messages; these parse."""
from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length

from lms.models import PhaseResult
from lms.services.reference import ETHNIC_GROUPS

RESULT_LABELS = {
    PhaseResult.VERY_GOOD: _l("Completed well"),
    PhaseResult.COMPLETED: _l("Completed"),
    PhaseResult.NOT_YET: _l("Not yet completed"),
}
TOO_LONG = _l("This is too long.")


def _optional_int(value):
    return int(value) if value not in (None, "", "0", 0) else None


def ethnic_choices():
    return [SelectChoice("", _l("Not given"))] + [SelectChoice(code, f"{name} ({code})")
                                                  for code, name in ETHNIC_GROUPS.items()]


def language_choices():
    return [SelectChoice("", _l("As the phone is set")), SelectChoice("vi", "Tiếng Việt"),
            SelectChoice("en", "English")]


class YearField(IntegerField):
    """A year written with digits, or nothing."""

    def process_formdata(self, valuelist):
        self.data = None
        if valuelist and valuelist[0].strip():
            try:
                self.data = int(valuelist[0].strip())
            except ValueError:
                raise ValueError(_l("Please write the year with digits, for example 1985."))


class DayField(DateField):
    def process_formdata(self, valuelist):
        self.data = None
        if valuelist and valuelist[0].strip():
            try:
                self.data = date.fromisoformat(valuelist[0].strip())
            except ValueError:
                raise ValueError(_l("Please give the date."))


class ClassForm(FlaskForm):
    name = StringField(_l("Class name"), validators=[DataRequired(_l("Please give the class a name.")),
                                                     Length(max=120, message=TOO_LONG)])
    programme_id = SelectField(_l("Programme"), coerce=_optional_int, validate_choice=False)
    place = StringField(_l("Where it meets"), validators=[Length(max=200, message=TOO_LONG)],
                        description=_l("For example: the village cultural house"))
    schedule = StringField(_l("When it meets"), validators=[Length(max=200, message=TOO_LONG)],
                           description=_l("For example: Tuesday and Thursday, 19:00"))
    center_id = SelectField(_l("Center"), coerce=_optional_int, validate_choice=False)
    teacher_id = SelectField(_l("Teacher"), coerce=_optional_int, validate_choice=False)


class LearnerForm(FlaskForm):
    display_name = StringField(_l("Full name"), validators=[DataRequired(_l("Please enter the learner's name."))])
    sex = SelectField(_l("Sex"), choices=[SelectChoice("", _l("Not given")), SelectChoice("F", _l("Female")),
                                           SelectChoice("M", _l("Male"))], validate_choice=False)
    birth_year = YearField(_l("Year of birth"))
    ethnic_code = SelectField(_l("Ethnic group"), choices=ethnic_choices, validate_choice=False)
    language = SelectField(_l("Language of the site"), choices=language_choices, validate_choice=False)


class PasteForm(FlaskForm):
    names = TextAreaField(_l("Names, one a line"), validators=[DataRequired(_l("Paste at least one name, one a line.")),
                                                                Length(max=20000, message=TOO_LONG)])
    ethnic_code = SelectField(_l("Ethnic group of everyone on the list"), choices=ethnic_choices, validate_choice=False)
    language = SelectField(_l("Language of the site"), choices=language_choices, validate_choice=False)
    step = HiddenField(default="check")


class ConfirmationForm(FlaskForm):
    result = RadioField(_l("Result"), choices=[SelectChoice(r.value, label) for r, label in RESULT_LABELS.items()],
                        validators=[InputRequired(_l("Please choose a result."))], validate_choice=False)
    confirmed_on = DayField(_l("Date"), validators=[InputRequired(_l("Please give the date."))])
    note = TextAreaField(_l("Note (optional)"), validators=[Length(max=2000, message=TOO_LONG)])


class ActionForm(FlaskForm):
    """A button that changes something: only the CSRF token."""
