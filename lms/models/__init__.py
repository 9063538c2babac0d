"""All models, imported here so Alembic and the app see one metadata."""
from lms.models.accounts import Center, Commune, Province, Role, SignInFailure, User
from lms.models.audit import AuditEntry
from lms.models.authoring import DraftChoice, DraftMedia, DraftQuestion, LessonDraft
from lms.models.catalog import (
    Course, LessonStatus, Lesson, LessonVersion, MediaAsset, Programme, ProgrammeKind,
    QuestionKind, QuizChoice, QuizQuestion, VersionMedia,
)
from lms.models.classes import ClassMember, LearningClass, PhaseConfirmation, PhaseResult
from lms.models.progress import (
    CourseCompletion, Enrolment, EventKind, LessonProgress, ProgressEvent, ProgrammeCompletion,
    QuizAnswer, QuizAttempt,
)
from lms.models.reporting import ApiToken, MobilisationBase
from lms.models.summaries import CenterDay, LearnerDay, LearnerFacts

__all__ = [
    "Center", "Commune", "Province", "Role", "SignInFailure", "User",
    "Course", "LessonStatus", "Lesson", "LessonVersion", "MediaAsset", "Programme", "ProgrammeKind",
    "QuestionKind", "QuizChoice", "QuizQuestion", "VersionMedia",
    "CourseCompletion", "Enrolment", "EventKind", "LessonProgress", "ProgressEvent",
    "ProgrammeCompletion", "QuizAnswer", "QuizAttempt",
    "ClassMember", "LearningClass", "PhaseConfirmation", "PhaseResult",
    "ApiToken", "MobilisationBase", "CenterDay", "LearnerDay", "LearnerFacts",
    "DraftChoice", "DraftMedia", "DraftQuestion", "LessonDraft", "AuditEntry",
]
