"""All models, imported here so Alembic and the app see one metadata."""
from lms.models.accounts import Center, Commune, Province, Role, User
from lms.models.catalog import (
    Course, LessonStatus, Lesson, LessonVersion, MediaAsset, Programme, ProgrammeKind,
    QuestionKind, QuizChoice, QuizQuestion, VersionMedia,
)
from lms.models.progress import (
    CourseCompletion, Enrolment, EventKind, LessonProgress, ProgressEvent, ProgrammeCompletion,
    QuizAnswer, QuizAttempt,
)

__all__ = [
    "Center", "Commune", "Province", "Role", "User",
    "Course", "LessonStatus", "Lesson", "LessonVersion", "MediaAsset", "Programme", "ProgrammeKind",
    "QuestionKind", "QuizChoice", "QuizQuestion", "VersionMedia",
    "CourseCompletion", "Enrolment", "EventKind", "LessonProgress", "ProgressEvent",
    "ProgrammeCompletion", "QuizAnswer", "QuizAttempt",
]
