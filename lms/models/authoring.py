"""Lessons being written: the working copy (draft) a teacher edits between publishes, with its quiz and files.

A draft is never seen by learners. Publishing turns it into a new LessonVersion (lms/services/authoring.py);
its text carries a revision number so that two people saving the same draft cannot overwrite each other unseen.
"""
from datetime import datetime
from typing import Optional

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lms.extensions import db
from lms.models.accounts import User
from lms.models.base import UTCDateTime, utcnow
from lms.models.catalog import Lesson, MediaAsset, QuestionKind, _enum


class LessonDraft(db.Model):
    """The working copy of one lesson: its text fields, narration, files and quiz."""

    __tablename__ = "lesson_drafts"
    id: Mapped[int] = mapped_column(primary_key=True)
    lesson_id: Mapped[int] = mapped_column(ForeignKey("lessons.id"), unique=True)
    title: Mapped[str] = mapped_column(String(200), default="")
    minutes: Mapped[int] = mapped_column(default=5)
    language: Mapped[str] = mapped_column(String(10), default="vi")
    tags: Mapped[str] = mapped_column(String(400), default="")  # comma-separated, as in LessonVersion
    markdown: Mapped[str] = mapped_column(Text, default="")
    pass_mark: Mapped[Optional[int]]
    narration_id: Mapped[Optional[int]] = mapped_column(ForeignKey("media_assets.id"))
    # Bumped by every save of the text fields; a save made from an older revision is refused (optimistic locking).
    revision: Mapped[int] = mapped_column(default=1)
    # The editor (a browser tab) that made the last save, so a save resent after its answer was lost is not a conflict.
    editor_key: Mapped[Optional[str]] = mapped_column(String(36))
    updated_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    lesson: Mapped[Lesson] = relationship()
    narration: Mapped[Optional[MediaAsset]] = relationship()
    updated_by: Mapped[Optional[User]] = relationship()
    media: Mapped[list["DraftMedia"]] = relationship(cascade="all, delete-orphan", order_by="DraftMedia.path")
    questions: Mapped[list["DraftQuestion"]] = relationship(
        back_populates="draft", order_by="DraftQuestion.position", cascade="all, delete-orphan")


class DraftMedia(db.Model):
    """Which stored file a draft's Markdown means by a path such as `media/tay.png` (VersionMedia of a draft)."""

    __tablename__ = "draft_media"
    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("lesson_drafts.id"), index=True)
    path: Mapped[str] = mapped_column(String(200))
    asset_id: Mapped[int] = mapped_column(ForeignKey("media_assets.id"))
    # A picture's short recorded clip (its description read aloud), for learners who cannot read yet.
    audio_id: Mapped[Optional[int]] = mapped_column(ForeignKey("media_assets.id"))

    asset: Mapped[MediaAsset] = relationship(foreign_keys=[asset_id])
    audio: Mapped[Optional[MediaAsset]] = relationship(foreign_keys=[audio_id])

    __table_args__ = (UniqueConstraint("draft_id", "path"),)


class DraftQuestion(db.Model):
    """A quiz question being written; it has its own revision, as it is edited on its own form."""

    __tablename__ = "draft_questions"
    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("lesson_drafts.id"), index=True)
    position: Mapped[int]
    kind: Mapped[QuestionKind] = mapped_column(_enum(QuestionKind), default=QuestionKind.SINGLE)
    text: Mapped[str] = mapped_column(Text, default="")
    explanation: Mapped[str] = mapped_column(Text, default="")
    audio_id: Mapped[Optional[int]] = mapped_column(ForeignKey("media_assets.id"))  # a recorded clip
    revision: Mapped[int] = mapped_column(default=1)

    draft: Mapped[LessonDraft] = relationship(back_populates="questions")
    audio: Mapped[Optional[MediaAsset]] = relationship()
    choices: Mapped[list["DraftChoice"]] = relationship(
        back_populates="question", order_by="DraftChoice.position", cascade="all, delete-orphan")


class DraftChoice(db.Model):
    """A choice of a draft question: a text, or a picture whose description is the text."""

    __tablename__ = "draft_choices"
    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("draft_questions.id"), index=True)
    position: Mapped[int]
    text: Mapped[str] = mapped_column(Text, default="")
    is_correct: Mapped[bool] = mapped_column(default=False)
    image_id: Mapped[Optional[int]] = mapped_column(ForeignKey("media_assets.id"))

    question: Mapped[DraftQuestion] = relationship(back_populates="choices")
    image: Mapped[Optional[MediaAsset]] = relationship()
