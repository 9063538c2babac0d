"""Classes a teacher runs at a center, their learners, and the teacher's confirmation of a programme phase."""
import enum
from datetime import date, datetime
from typing import Optional

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lms.extensions import db
from lms.models.base import UTCDateTime, utcnow


class PhaseResult(str, enum.Enum):
    """The literacy assessment's result for a phase (Thông tư 10/2022)."""

    VERY_GOOD = "hoan-thanh-tot"   # Hoàn thành tốt
    COMPLETED = "hoan-thanh"       # Hoàn thành
    NOT_YET = "chua-hoan-thanh"    # Chưa hoàn thành

    @property
    def completes(self) -> bool:
        return self is not PhaseResult.NOT_YET


class LearningClass(db.Model):
    """A class (lớp học) of one center following one programme."""

    __tablename__ = "classes"
    id: Mapped[int] = mapped_column(primary_key=True)
    center_id: Mapped[int] = mapped_column(ForeignKey("centers.id"), index=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"))
    teacher_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))
    name: Mapped[str] = mapped_column(String(120))
    place: Mapped[str] = mapped_column(String(200), default="")      # where it meets
    schedule: Mapped[str] = mapped_column(String(200), default="")   # when it meets
    archived: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    members: Mapped[list["ClassMember"]] = relationship(back_populates="learning_class", cascade="all, delete-orphan")


class ClassMember(db.Model):
    __tablename__ = "class_members"
    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    learning_class: Mapped[LearningClass] = relationship(back_populates="members")

    __table_args__ = (UniqueConstraint("class_id", "user_id"),)


class PhaseConfirmation(db.Model):
    """A teacher's record that a learner's phase was assessed; the latest one per learner and programme counts."""

    __tablename__ = "phase_confirmations"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"))
    result: Mapped[PhaseResult] = mapped_column(
        db.Enum(PhaseResult, native_enum=False, length=20, values_callable=lambda e: [m.value for m in e]))
    confirmed_on: Mapped[date]
    confirmed_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (Index("ix_phase_confirmations_user_programme", "user_id", "programme_id", "confirmed_on"),
                      Index("ix_phase_confirmations_programme_on", "programme_id", "confirmed_on"))
