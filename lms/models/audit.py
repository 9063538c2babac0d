"""The audit log: administrative actions, each written in the same transaction as the action itself."""
import json
from datetime import datetime
from typing import Optional

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from lms.extensions import db
from lms.models.base import UTCDateTime, utcnow


class AuditEntry(db.Model):
    """Who did what to what, and when. Names are snapshots, so the entry still reads right after a rename."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    actor_name: Mapped[str] = mapped_column(String(200), default="")
    action: Mapped[str] = mapped_column(String(40))    # "token.create", "person.erase", …
    target: Mapped[str] = mapped_column(String(300), default="")
    # The one person the action is about, if any: their export lists it, their erasure rewrites `target`.
    subject_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    center_id: Mapped[Optional[int]] = mapped_column(ForeignKey("centers.id", ondelete="SET NULL"))
    details: Mapped[str] = mapped_column(Text, default="{}")  # a small JSON object: ids, counts, formats

    __table_args__ = (Index("ix_audit_log_at", "at"), Index("ix_audit_log_center_at", "center_id", "at"))

    @property
    def data(self) -> dict:
        try:
            value = json.loads(self.details or "{}")
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}
