"""API tokens for the statistics API: shown once when made, kept only as a hash, revocable."""
import hashlib
import secrets
from datetime import datetime
from typing import Optional

from sqlalchemy import select

from lms.extensions import db
from lms.models import ApiToken, User
from lms.models.base import utcnow
from lms.services import audit


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create(name: str, *, province_id: Optional[int], center_id: Optional[int], by_user_id: int) -> tuple[ApiToken, str]:
    """Make a token scoped to a province or a center; the plain token is returned this once only."""
    if (province_id is None) == (center_id is None):
        raise ValueError("a token is scoped to exactly one province or one center")
    plain = "lms_" + secrets.token_urlsafe(32)
    token = ApiToken(name=name.strip()[:120] or "token", token_hash=_hash(plain), province_id=province_id,
                     center_id=center_id, created_by_id=by_user_id)
    db.session.add(token)
    audit.record(db.session.get(User, by_user_id), "token.create", token.name, center_id=center_id,
                 province_id=province_id)
    db.session.commit()
    return token, plain


def verify(plain: str, now: Optional[datetime] = None) -> Optional[ApiToken]:
    """The live token with this value, or None."""
    if not plain:
        return None
    token = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == _hash(plain),
                                                     ApiToken.revoked_at.is_(None)))
    if token is not None:
        token.last_used_at = now or utcnow()
        db.session.commit()
    return token


def revoke(token: ApiToken, *, by: Optional[User] = None) -> None:
    if token.revoked_at is None:
        audit.record(by, "token.revoke", token.name, center_id=token.center_id, token_id=token.id)
    token.revoked_at = token.revoked_at or utcnow()
    db.session.commit()
