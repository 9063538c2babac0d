"""The audit log of administrative actions: written with the action, read by administrators.

`record` only adds the entry to the current session: the service that does the action commits both, or a
rollback drops both, so the log never shows an action that did not happen nor misses one that did.
"""
import csv
import io
import json
from dataclasses import dataclass
from typing import Iterator, Optional

from sqlalchemy import func, select

from lms.extensions import db
from lms.models import AuditEntry, Center, User

PER_PAGE = 50
MAX_DETAILS = 2000  # characters of JSON; details are ids, counts and formats, never documents


def actor_label(user) -> str:
    """How an actor is remembered: name and username as they are now."""
    if user is None or getattr(user, "id", None) is None:
        return ""
    return f"{user.display_name} ({user.username})"[:200]


def record(actor, action: str, target: str, *, center_id: Optional[int] = None, subject: Optional[User] = None,
           **details) -> AuditEntry:
    """Add an entry for an action to the current transaction (the caller's commit keeps it, a rollback drops it)."""
    details = {key: value for key, value in details.items() if value is not None}
    text = json.dumps(details, ensure_ascii=False, sort_keys=True, default=str) if details else "{}"
    if len(text) > MAX_DETAILS:
        text = json.dumps({"truncated": True})
    entry = AuditEntry(actor_id=getattr(actor, "id", None), actor_name=actor_label(actor), action=action,
                       target=str(target)[:300], subject_id=subject.id if subject is not None else None,
                       center_id=center_id, details=text)
    db.session.add(entry)
    return entry


@dataclass(frozen=True)
class Filter:
    action: Optional[str] = None
    center_id: Optional[int] = None


def _filtered(query, chosen: Filter):
    if chosen.action:
        query = query.where(AuditEntry.action == chosen.action)
    if chosen.center_id:
        query = query.where(AuditEntry.center_id == chosen.center_id)
    return query


@dataclass
class Page:
    entries: list[AuditEntry]
    centers: dict[int, str]   # names of the centers the entries mention
    page: int
    total: int
    per_page: int = PER_PAGE

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page * self.per_page < self.total


def _center_names(ids) -> dict[int, str]:
    ids = {i for i in ids if i is not None}
    if not ids:
        return {}
    return dict(db.session.execute(select(Center.id, Center.name).where(Center.id.in_(ids))).all())


def page(chosen: Filter, number: int = 1, per_page: int = PER_PAGE) -> Page:
    """One page of entries, newest first."""
    number = max(number, 1)
    query = _filtered(select(AuditEntry), chosen)
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    entries = db.session.scalars(query.order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
                                 .limit(per_page).offset((number - 1) * per_page)).all()
    return Page(entries, _center_names(e.center_id for e in entries), number, total, per_page)


def actions_used() -> list[str]:
    """The actions that appear in the log, for the filter."""
    return list(db.session.scalars(select(AuditEntry.action).distinct().order_by(AuditEntry.action)))


def centers() -> list[Center]:
    return db.session.scalars(select(Center).order_by(Center.name)).all()


def _rows(chosen: Filter, batch: int = 1000) -> Iterator[tuple[AuditEntry, Optional[str]]]:
    query = _filtered(select(AuditEntry, Center.name).outerjoin(Center, Center.id == AuditEntry.center_id), chosen)
    query = query.order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    yield from db.session.execute(query.execution_options(yield_per=batch))


def export(chosen: Filter, headers: list[str], *, by) -> bytes:
    """The filtered log as CSV; the export itself is logged (and committed)."""
    data = to_csv(chosen, headers)
    record(by, "audit.export", chosen.action or "*", center_id=chosen.center_id, filter_action=chosen.action)
    db.session.commit()
    return data


def to_csv(chosen: Filter, headers: list[str]) -> bytes:
    """The filtered log as CSV (UTF-8 with a byte-order mark, for spreadsheet programs), newest first."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    for entry, center_name in _rows(chosen):
        writer.writerow([entry.at.strftime("%Y-%m-%d %H:%M:%S"), entry.actor_id or "", entry.actor_name,
                         entry.action, entry.target, entry.subject_id or "", entry.center_id or "", center_name or "",
                         entry.details])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
