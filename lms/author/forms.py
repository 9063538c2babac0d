from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional


class ActionForm(FlaskForm):
    """A button that changes something: only the CSRF token."""


class CourseForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(_l("Give the course a title.")), Length(max=200)])
    description = TextAreaField(_l("What it teaches, and for whom"), validators=[Length(max=2000)])
    subject = StringField(_l("Subject (optional)"), validators=[Length(max=80)])
    term = IntegerField(_l("Term (optional, 1 to 5)"), validators=[Optional(), NumberRange(1, 5)])
    language = StringField(_l("Language code"), default="vi", validators=[DataRequired(), Length(max=10)])


class NewCourseForm(CourseForm):
    programme = SelectField(_l("Programme"), coerce=int)


class NewLessonForm(FlaskForm):
    title = StringField(_l("Title of the new lesson"), id="new-lesson-title",
                        validators=[DataRequired(_l("Give the lesson a title.")), Length(max=200)])


class EditorForm(FlaskForm):
    """The text of a draft. Saved by editor.js as the teacher types, or by the Save button without JavaScript."""

    title = StringField(_l("Title"), validators=[Length(max=200)])
    markdown = TextAreaField(_l("Text of the lesson"))
    minutes = IntegerField(_l("Minutes to study it"), default=5, validators=[NumberRange(1, 120)])
    language = StringField(_l("Language code"), default="vi", validators=[DataRequired(), Length(max=10)])
    tags = StringField(_l("Tags, separated by commas (optional)"), validators=[Length(max=400)])
    pass_mark = IntegerField(_l("Pass mark in percent (optional)"), validators=[Optional(), NumberRange(1, 100)])
    revision = HiddenField()


class PictureForm(FlaskForm):
    picture = FileField(_l("Picture from the camera or the gallery"))
    alt = StringField(_l("What the picture shows (for learners who cannot see it)"), validators=[Length(max=300)])
    revision = HiddenField()


class AudioForm(FlaskForm):
    audio = FileField(_l("Sound file (Ogg, MP3 or M4A)"))


class VoiceForm(FlaskForm):
    machine_voice = BooleanField(_l("Read this lesson with the machine voice where nobody recorded it"))


class CopyForm(FlaskForm):
    course = SelectField(_l("Copy into the course"), coerce=int)


class PackForm(FlaskForm):
    pack = FileField(_l("Content pack (.zip)"))
