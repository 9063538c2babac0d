"""Summary tables for province-wide figures, kept up to date as progress arrives (lms/services/summaries.py).

They are derived data: `lms stats rebuild` recomputes them from the progress tables, and a test holds the
province figures computed from them equal to the same figures computed from the progress tables directly.
"""
from datetime import date, datetime
from typing import Optional

from sqlalchemy import ForeignKey, Index
from sqlalchemy.orm import Mapped, mapped_column

from lms.extensions import db
from lms.models.base import UTCDateTime


class LearnerFacts(db.Model):
    """When a learner first enrolled: in anything, in literacy phase 1, in literacy phase 2."""

    __tablename__ = "learner_facts"
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    center_id: Mapped[Optional[int]] = mapped_column(ForeignKey("centers.id"), index=True)
    first_enrolled_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)
    first_literacy1_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)
    first_literacy2_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)


class CenterDay(db.Model):
    """Counts of one center's learners on one local day: enrolments made, lessons and courses completed."""

    __tablename__ = "center_days"
    center_id: Mapped[int] = mapped_column(ForeignKey("centers.id"), primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)
    enrolments: Mapped[int] = mapped_column(default=0)
    lessons_completed: Mapped[int] = mapped_column(default=0)
    courses_completed: Mapped[int] = mapped_column(default=0)


class LearnerDay(db.Model):
    """A learner did something (any progress event) on that local day."""

    __tablename__ = "learner_days"
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)
    center_id: Mapped[Optional[int]] = mapped_column(ForeignKey("centers.id"))

    __table_args__ = (Index("ix_learner_days_center_day", "center_id", "day"),)
