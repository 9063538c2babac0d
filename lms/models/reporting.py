"""What reporting needs beyond progress: yearly mobilisation baselines and API tokens for the sector's database."""
from datetime import datetime
from typing import Optional

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from lms.extensions import db
from lms.models.base import UTCDateTime, utcnow


class MobilisationBase(db.Model):
    """A commune's figures for one year, entered by its center's manager, against which mobilisation is measured."""

    __tablename__ = "mobilisation_bases"
    id: Mapped[int] = mapped_column(primary_key=True)
    center_id: Mapped[int] = mapped_column(ForeignKey("centers.id"))
    year: Mapped[int]
    illiterate: Mapped[int]            # people of the literacy age range who cannot read (the base for phase 1)
    phase1_completed: Mapped[int]      # people who completed phase 1 (the base for phase 2)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))

    __table_args__ = (UniqueConstraint("center_id", "year"),)


class ApiToken(db.Model):
    """A read-only token for the statistics API, scoped to a province or a center; only its hash is kept."""

    __tablename__ = "api_tokens"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    province_id: Mapped[Optional[int]] = mapped_column(ForeignKey("provinces.id"))
    center_id: Mapped[Optional[int]] = mapped_column(ForeignKey("centers.id"))
    created_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)
    revoked_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)
