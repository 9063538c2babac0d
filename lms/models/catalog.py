"""What is taught: programmes, courses, lessons, their versions, quizzes and media."""
import enum
from datetime import datetime
from typing import Optional

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint, false as sa_false, true as sa_true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lms.extensions import db
from lms.models.base import UTCDateTime, utcnow


class ProgrammeKind(str, enum.Enum):
    LITERACY_1 = "literacy-1"
    LITERACY_2 = "literacy-2"
    DIGITAL = "digital"
    NEEDS = "needs"


class LessonStatus(str, enum.Enum):
    DRAFT = "draft"
    PUBLISHED = "published"
    UNPUBLISHED = "unpublished"


class QuestionKind(str, enum.Enum):
    SINGLE = "single"
    MULTIPLE = "multiple"
    TRUE_FALSE = "true-false"


def _enum(cls):
    return db.Enum(cls, native_enum=False, length=20, values_callable=lambda e: [m.value for m in e])


class Programme(db.Model):
    __tablename__ = "programmes"
    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    kind: Mapped[ProgrammeKind] = mapped_column(_enum(ProgrammeKind))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(default=0)

    courses: Mapped[list["Course"]] = relationship(back_populates="programme", order_by="Course.position")


class Course(db.Model):
    __tablename__ = "courses"
    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"))
    slug: Mapped[str] = mapped_column(String(80))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    subject: Mapped[Optional[str]] = mapped_column(String(80))
    term: Mapped[Optional[int]]
    language: Mapped[str] = mapped_column(String(10), default="vi")
    position: Mapped[int] = mapped_column(default=0)
    # None: the shared library shipped with the system; otherwise the center that wrote it.
    center_id: Mapped[Optional[int]] = mapped_column(ForeignKey("centers.id"), index=True)

    programme: Mapped[Programme] = relationship(back_populates="courses")
    lessons: Mapped[list["Lesson"]] = relationship(back_populates="course", order_by="Lesson.position")

    __table_args__ = (
        UniqueConstraint("programme_id", "slug"),
        Index("ix_courses_programme_position", "programme_id", "position"),
    )


class Lesson(db.Model):
    """A lesson; what learners see is its published version."""

    __tablename__ = "lessons"
    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"))
    slug: Mapped[str] = mapped_column(String(80))
    position: Mapped[int] = mapped_column(default=0)
    status: Mapped[LessonStatus] = mapped_column(_enum(LessonStatus), default=LessonStatus.DRAFT)
    published_version_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("lesson_versions.id", use_alter=True, name="fk_lessons_published_version_id_lesson_versions")
    )
    author_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))
    # Its teacher may turn the machine voice off (a recorded voice always wins anyway).
    machine_voice: Mapped[bool] = mapped_column(default=True, server_default=sa_true())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    course: Mapped[Course] = relationship(back_populates="lessons")
    published_version: Mapped[Optional["LessonVersion"]] = relationship(foreign_keys=[published_version_id])

    __table_args__ = (
        UniqueConstraint("course_id", "slug"),
        Index("ix_lessons_course_status_position", "course_id", "status", "position"),
    )


class LessonVersion(db.Model):
    """One saved state of a lesson: its Markdown, the sanitised HTML rendered once from it, and its quiz."""

    __tablename__ = "lesson_versions"
    id: Mapped[int] = mapped_column(primary_key=True)
    lesson_id: Mapped[int] = mapped_column(ForeignKey("lessons.id"), index=True)
    number: Mapped[int]
    title: Mapped[str] = mapped_column(String(200))
    minutes: Mapped[int] = mapped_column(default=5)
    language: Mapped[str] = mapped_column(String(10), default="vi")
    tags: Mapped[str] = mapped_column(String(400), default="")  # comma-separated
    markdown: Mapped[str] = mapped_column(Text)
    html: Mapped[str] = mapped_column(Text)
    pass_mark: Mapped[Optional[int]]  # percent; None means the site's setting
    narration_id: Mapped[Optional[int]] = mapped_column(ForeignKey("media_assets.id"))
    # Hash of everything imported for this version, so an unchanged pack changes nothing.
    source_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Set when the version is published; only published versions may be studied and graded against.
    published_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)
    created_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))

    lesson: Mapped[Lesson] = relationship(foreign_keys=[lesson_id])
    questions: Mapped[list["QuizQuestion"]] = relationship(
        back_populates="version", order_by="QuizQuestion.position", cascade="all, delete-orphan"
    )
    media: Mapped[list["VersionMedia"]] = relationship(cascade="all, delete-orphan")
    narration: Mapped[Optional["MediaAsset"]] = relationship()

    __table_args__ = (UniqueConstraint("lesson_id", "number"),)


class QuizQuestion(db.Model):
    __tablename__ = "quiz_questions"
    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("lesson_versions.id"), index=True)
    position: Mapped[int]
    kind: Mapped[QuestionKind] = mapped_column(_enum(QuestionKind), default=QuestionKind.SINGLE)
    text: Mapped[str] = mapped_column(Text)
    explanation: Mapped[str] = mapped_column(Text, default="")
    audio_id: Mapped[Optional[int]] = mapped_column(ForeignKey("media_assets.id"))  # the question read aloud

    version: Mapped[LessonVersion] = relationship(back_populates="questions")
    audio: Mapped[Optional["MediaAsset"]] = relationship()
    choices: Mapped[list["QuizChoice"]] = relationship(
        back_populates="question", order_by="QuizChoice.position", cascade="all, delete-orphan"
    )


class QuizChoice(db.Model):
    __tablename__ = "quiz_choices"
    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("quiz_questions.id"), index=True)
    position: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    is_correct: Mapped[bool] = mapped_column(default=False)
    audio_id: Mapped[Optional[int]] = mapped_column(ForeignKey("media_assets.id"))  # the choice read aloud
    # A choice may be a picture; its text is then the picture's description (alt text).
    image_id: Mapped[Optional[int]] = mapped_column(ForeignKey("media_assets.id"))

    question: Mapped[QuizQuestion] = relationship(back_populates="choices")
    audio: Mapped[Optional["MediaAsset"]] = relationship(foreign_keys=[audio_id])
    image: Mapped[Optional["MediaAsset"]] = relationship(foreign_keys=[image_id])


class MediaAsset(db.Model):
    """A picture or a sound, stored once under its content hash."""

    __tablename__ = "media_assets"
    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(10))  # "image" | "audio"
    mime: Mapped[str] = mapped_column(String(40))
    extension: Mapped[str] = mapped_column(String(8))  # of the kept original
    size: Mapped[int]
    width: Mapped[Optional[int]]
    height: Mapped[Optional[int]]
    widths: Mapped[str] = mapped_column(String(60), default="")  # resized widths, comma-separated
    # A sound made by the speech engine rather than recorded by a person; source_key names what it says.
    machine_voice: Mapped[bool] = mapped_column(default=False, server_default=sa_false())
    source_key: Mapped[Optional[str]] = mapped_column(String(64), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class VersionMedia(db.Model):
    """Which file a lesson version's Markdown means by a relative path such as `media/tay.png`."""

    __tablename__ = "version_media"
    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("lesson_versions.id"), index=True)
    path: Mapped[str] = mapped_column(String(200))
    asset_id: Mapped[int] = mapped_column(ForeignKey("media_assets.id"))
    # A picture's clip: its description read aloud, recorded by a person or made by the machine voice.
    audio_id: Mapped[Optional[int]] = mapped_column(ForeignKey("media_assets.id"))

    asset: Mapped[MediaAsset] = relationship(foreign_keys=[asset_id])
    audio: Mapped[Optional[MediaAsset]] = relationship(foreign_keys=[audio_id])

    __table_args__ = (UniqueConstraint("version_id", "path"),)
