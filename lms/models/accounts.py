"""People and places: provinces, communes, centers and user accounts."""
import enum
from datetime import datetime
from typing import Optional

from flask_login import UserMixin
from sqlalchemy import ForeignKey, Index, String, false as sa_false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lms.extensions import db
from lms.models.base import UTCDateTime, utcnow


class Role(str, enum.Enum):
    LEARNER = "learner"
    TEACHER = "teacher"
    MANAGER = "manager"
    OFFICER = "officer"
    ADMIN = "admin"

    @property
    def is_staff(self) -> bool:
        return self is not Role.LEARNER


class Province(db.Model):
    __tablename__ = "provinces"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(10), unique=True)
    name: Mapped[str] = mapped_column(String(120))


class Commune(db.Model):
    """A commune-level unit (xã, phường or đặc khu) of a province."""

    __tablename__ = "communes"
    id: Mapped[int] = mapped_column(primary_key=True)
    province_id: Mapped[int] = mapped_column(ForeignKey("provinces.id"), index=True)
    code: Mapped[str] = mapped_column(String(10), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    province: Mapped[Province] = relationship()


class Center(db.Model):
    """A community learning center; one per commune."""

    __tablename__ = "centers"
    id: Mapped[int] = mapped_column(primary_key=True)
    commune_id: Mapped[int] = mapped_column(ForeignKey("communes.id"), unique=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    commune: Mapped[Commune] = relationship()

    @property
    def province_id(self) -> int:
        return self.commune.province_id


class User(UserMixin, db.Model):
    """Anyone who signs in. Learners use a numeric PIN, staff a password; both are hashed in `secret_hash`."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[Role] = mapped_column(db.Enum(Role, native_enum=False, length=16, values_callable=lambda e: [m.value for m in e]))
    center_id: Mapped[Optional[int]] = mapped_column(ForeignKey("centers.id"), index=True)
    province_id: Mapped[Optional[int]] = mapped_column(ForeignKey("provinces.id"), index=True)
    secret_hash: Mapped[str] = mapped_column(String(255))
    sex: Mapped[Optional[str]] = mapped_column(String(1))  # "F", "M"
    birth_year: Mapped[Optional[int]]
    ethnic_code: Mapped[Optional[str]] = mapped_column(String(2))  # statistics office list, "01" = Kinh
    # The interface language this person chose; None means "not chosen": the phone's choice applies.
    language: Mapped[Optional[str]] = mapped_column(String(10))
    # Reading comfort, remembered per person whatever phone they use: text size in percent, high contrast.
    text_size: Mapped[int] = mapped_column(default=100, server_default="100")
    high_contrast: Mapped[bool] = mapped_column(default=False, server_default=sa_false())
    is_active_account: Mapped[bool] = mapped_column(default=True)
    # Bumped when the PIN or password changes: every older session stops working.
    session_version: Mapped[int] = mapped_column(default=1)
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)

    center: Mapped[Optional[Center]] = relationship()
    province: Mapped[Optional[Province]] = relationship()

    __table_args__ = (Index("ix_users_center_role", "center_id", "role"),)

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    @property
    def is_active(self) -> bool:
        return self.is_active_account


class SignInFailure(db.Model):
    """One refused sign-in from a network address: counted to slow down guessing across many accounts."""
    __tablename__ = "sign_in_failures"
    id: Mapped[int] = mapped_column(primary_key=True)
    address: Mapped[str] = mapped_column(String(45))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)

    __table_args__ = (Index("ix_sign_in_failures_address_at", "address", "at"),)
