"""What learners did: the append-only event log and the progress derived from it."""
import enum
from datetime import datetime
from typing import Optional

from sqlalchemy import BigInteger, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from lms.extensions import db
from lms.models.base import UTCDateTime, utcnow

# SQLite only auto-increments INTEGER PRIMARY KEY; PostgreSQL gets a 64-bit key for the biggest table.
BigId = BigInteger().with_variant(db.Integer, "sqlite")


class EventKind(str, enum.Enum):
    OPENED = "opened"
    READ = "read"
    ANSWERED = "answered"


class ProgressEvent(db.Model):
    """One learner action, identified by the UUID the client made for it. Never updated or deleted."""

    __tablename__ = "progress_events"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    lesson_id: Mapped[int] = mapped_column(ForeignKey("lessons.id"), index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("lesson_versions.id"))
    kind: Mapped[EventKind] = mapped_column(
        db.Enum(EventKind, native_enum=False, length=12, values_callable=lambda e: [m.value for m in e])
    )
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    attempt: Mapped[Optional[str]] = mapped_column(String(36))
    question_id: Mapped[Optional[int]] = mapped_column(ForeignKey("quiz_questions.id"))
    choice_ids: Mapped[Optional[str]] = mapped_column(String(200))

    __table_args__ = (Index("ix_progress_events_user_occurred", "user_id", "occurred_at"),)


class Enrolment(db.Model):
    __tablename__ = "enrolments"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"), index=True)
    enrolled_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (UniqueConstraint("user_id", "course_id"),)


class LessonProgress(db.Model):
    """A learner's state in one lesson, derived from events by commutative rules (min/max)."""

    __tablename__ = "lesson_progress"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    lesson_id: Mapped[int] = mapped_column(ForeignKey("lessons.id"))
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"))
    first_opened_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)
    last_opened_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)
    read_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)
    passed_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)
    completed_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)
    best_score: Mapped[Optional[int]]  # percent
    attempts: Mapped[int] = mapped_column(default=0)

    __table_args__ = (
        UniqueConstraint("user_id", "lesson_id"),
        Index("ix_lesson_progress_user_course", "user_id", "course_id"),
        Index("ix_lesson_progress_course_completed", "course_id", "completed_at"),
        # A center's learners' completions in a period: a short range per learner, not a scan of every row.
        Index("ix_lesson_progress_user_completed", "user_id", "completed_at"),
    )


class QuizAttempt(db.Model):
    """One try at a lesson's quiz, graded against the version the learner answered."""

    __tablename__ = "quiz_attempts"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    key: Mapped[str] = mapped_column(String(36), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    lesson_id: Mapped[int] = mapped_column(ForeignKey("lessons.id"))
    version_id: Mapped[int] = mapped_column(ForeignKey("lesson_versions.id"))
    total: Mapped[int]
    answered: Mapped[int] = mapped_column(default=0)
    correct: Mapped[int] = mapped_column(default=0)
    score: Mapped[Optional[int]]  # percent, once every question is answered
    passed: Mapped[Optional[bool]]
    finished_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)

    __table_args__ = (Index("ix_quiz_attempts_user_lesson", "user_id", "lesson_id"),
                      Index("ix_quiz_attempts_user_finished", "user_id", "finished_at"))


class QuizAnswer(db.Model):
    """The first answer given to a question within an attempt; a later-arriving earlier answer replaces it."""

    __tablename__ = "quiz_answers"
    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("quiz_attempts.id"))
    question_id: Mapped[int] = mapped_column(ForeignKey("quiz_questions.id"))
    choice_ids: Mapped[str] = mapped_column(String(200))
    is_correct: Mapped[bool]
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (UniqueConstraint("attempt_id", "question_id"),)


class CourseCompletion(db.Model):
    __tablename__ = "course_completions"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"))
    completed_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (
        UniqueConstraint("user_id", "course_id"),
        Index("ix_course_completions_course_completed", "course_id", "completed_at"),
    )


class ProgrammeCompletion(db.Model):
    __tablename__ = "programme_completions"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"))
    completed_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (
        UniqueConstraint("user_id", "programme_id"),
        Index("ix_programme_completions_programme_completed", "programme_id", "completed_at"),
    )
