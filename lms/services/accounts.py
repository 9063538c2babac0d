"""Accounts: creating people, hashing secrets, signing in with throttling."""
import re
from datetime import datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import delete, func, select
from werkzeug.security import check_password_hash, generate_password_hash

from lms.extensions import db
from lms.models import Role, SignInFailure, User
from lms.services.reference import ETHNIC_GROUPS

PIN_PATTERN = re.compile(r"^[0-9]{4,6}$")
USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
# Compared against when the username is unknown, so a miss costs as long as a hit.
_DUMMY_HASH = generate_password_hash("not-a-real-secret")


class AccountError(Exception):
    """A problem a person can fix; the message is already in their language."""


class SignInRefused(AccountError):
    pass


def hash_secret(secret: str) -> str:
    return generate_password_hash(secret)


def validate_secret(role: Role, secret: str) -> None:
    """Learners have a 4–6 digit PIN; staff a password of at least 8 characters."""
    if role is Role.LEARNER:
        if not PIN_PATTERN.match(secret):
            raise AccountError(_("A PIN has 4 to 6 digits."))
    elif len(secret) < 8:
        raise AccountError(_("A password needs at least 8 characters."))


def create_user(*, username: str, display_name: str, role: Role, secret: str, center_id=None,
                province_id=None, sex=None, birth_year=None, ethnic_code=None, language=None) -> User:
    """Add a user (not committed) after checking the fields a person could get wrong."""
    username = username.strip().lower()
    if not USERNAME_PATTERN.match(username):
        raise AccountError(_("A username uses lower-case letters without accents, digits, dots or hyphens."))
    if db.session.scalar(select(User.id).where(User.username == username)):
        raise AccountError(_("The username %(username)s is already taken.", username=username))
    validate_secret(role, secret)
    if ethnic_code is not None and ethnic_code not in ETHNIC_GROUPS:
        raise AccountError(_("Unknown ethnic group code."))
    if sex not in (None, "F", "M"):
        raise AccountError(_("Unknown sex."))
    user = User(username=username, display_name=display_name.strip(), role=role, secret_hash=hash_secret(secret),
                center_id=center_id, province_id=province_id, sex=sex, birth_year=birth_year,
                ethnic_code=ethnic_code, language=language)
    db.session.add(user)
    return user


def set_secret(user: User, secret: str) -> None:
    """Change a PIN or password; every session signed in with the old one ends."""
    validate_secret(user.role, secret)
    user.secret_hash = hash_secret(secret)
    user.session_version += 1
    user.failed_logins = 0
    user.locked_until = None


def authenticate(username: str, secret: str, now: datetime, *, max_failures: int, lock_seconds: int,
                 address: str | None = None, address_limit: tuple[int, int] = (50, 900)) -> User:
    """Return the user whose secret matches, or raise SignInRefused.

    Failures lock the account for a while (against guessing one PIN), and too many failures from one network
    address within `address_limit` (failures, seconds) refuse that address for a while (against trying one PIN on
    many accounts). The address limit is generous because a commune center's learners share one connection.
    """
    if address is not None:
        _check_address(address, now, *address_limit)
    user = db.session.scalar(select(User).where(User.username == username.strip().lower()))
    if user is None or not user.is_active:
        check_password_hash(_DUMMY_HASH, secret)
        _failed(address, now, address_limit[1])
        raise SignInRefused(_("Wrong username or PIN/password."))
    if user.locked_until and user.locked_until > now:
        wait = int((user.locked_until - now).total_seconds()) + 1
        raise SignInRefused(_("Too many wrong tries. Please wait %(seconds)s seconds and try again.", seconds=wait))
    if not check_password_hash(user.secret_hash, secret):
        user.failed_logins += 1
        if user.failed_logins >= max_failures:
            # Each further failure doubles the wait, so guessing a 4-digit PIN takes years.
            extra = min(user.failed_logins - max_failures, 10)
            user.locked_until = now + timedelta(seconds=lock_seconds * 2 ** extra)
        _failed(address, now, address_limit[1])
        raise SignInRefused(_("Wrong username or PIN/password."))
    user.failed_logins = 0
    user.locked_until = None
    user.last_seen_at = now
    db.session.commit()
    return user


def _check_address(address: str, now: datetime, limit: int, window: int) -> None:
    since = now - timedelta(seconds=window)
    recent = select(SignInFailure.at).where(SignInFailure.address == address, SignInFailure.at > since)
    if db.session.scalar(select(func.count()).select_from(recent.subquery())) >= limit:
        # The oldest counted failure leaves the window first; then one more try is allowed.
        oldest = db.session.scalar(select(func.min(SignInFailure.at)).where(
            SignInFailure.address == address, SignInFailure.at > since))
        wait = int((oldest + timedelta(seconds=window) - now).total_seconds()) + 1
        raise SignInRefused(_("Too many wrong tries from this network. Please wait %(seconds)s seconds and try "
                              "again.", seconds=wait))


def _failed(address: str | None, now: datetime, window: int) -> None:
    """Count a failure against its address, forget failures older than any window, and commit."""
    if address is not None:
        db.session.add(SignInFailure(address=address, at=now))
        db.session.execute(delete(SignInFailure).where(SignInFailure.at < now - timedelta(seconds=window)))
    db.session.commit()


TEXT_SIZES = (100, 125, 150)


def set_reading_comfort(user: User, *, text_size: int, high_contrast: bool) -> None:
    """Remember how this person reads best (kept with the person, on any phone)."""
    if text_size not in TEXT_SIZES:
        raise AccountError(_("Unknown text size."))
    user.text_size, user.high_contrast = text_size, high_contrast
    db.session.commit()
