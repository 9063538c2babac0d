"""Keeping the summary tables (lms/models/summaries.py) equal to what the progress tables say.

Each change to progress calls one of the `on_*` functions in the same transaction; the updates are
single atomic upserts, so concurrent workers cannot lose a count. `rebuild` recomputes everything in SQL.
Days are local calendar days of the site's time zone (a fixed offset: Vietnam has no daylight saving).
"""
from datetime import date, datetime, timedelta
from typing import Optional
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context
from sqlalchemy import case, delete, func, insert, literal, select
from sqlalchemy.dialects import postgresql, sqlite

from lms.extensions import db
from lms.models import (
    Course, CourseCompletion, Enrolment, LessonProgress, Programme, ProgrammeKind, ProgressEvent, Role, User,
)
from lms.models.summaries import CenterDay, LearnerDay, LearnerFacts

_LEARNERS = (User.role == Role.LEARNER, User.center_id.is_not(None))
_KIND_COLUMN = {ProgrammeKind.LITERACY_1: "first_literacy1_at", ProgrammeKind.LITERACY_2: "first_literacy2_at"}


def zone() -> ZoneInfo:
    return ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"] if has_app_context() else "Asia/Ho_Chi_Minh")


def offset_hours() -> float:
    return zone().utcoffset(datetime(2026, 1, 1)).total_seconds() / 3600


def local_day(moment: datetime) -> date:
    return moment.astimezone(zone()).date()


def _insert(model):
    dialect = postgresql if db.engine.dialect.name == "postgresql" else sqlite
    return dialect.insert(model)


def _counted(user: User) -> bool:
    """Figures are about learners (staff who try lessons are not counted) of a center."""
    return user.role is Role.LEARNER and user.center_id is not None


def _count(center_id: Optional[int], day: date, column: str, change: int) -> None:
    if center_id is None or change == 0:
        return
    values = {"center_id": center_id, "day": day, "enrolments": 0, "lessons_completed": 0, "courses_completed": 0}
    statement = _insert(CenterDay).values(**{**values, column: change})
    db.session.execute(statement.on_conflict_do_update(
        index_elements=["center_id", "day"],
        set_={column: getattr(CenterDay, column) + getattr(statement.excluded, column)}))
    if change < 0:  # a day left with nothing to count goes, as a rebuild would not make it
        db.session.execute(delete(CenterDay).where(
            CenterDay.center_id == center_id, CenterDay.day == day, CenterDay.enrolments == 0,
            CenterDay.lessons_completed == 0, CenterDay.courses_completed == 0))


def _moved(center_id: Optional[int], column: str, before: Optional[datetime], after: Optional[datetime]) -> None:
    """A completion appeared, or moved to an earlier moment because an earlier event arrived late."""
    if before is not None:
        _count(center_id, local_day(before), column, -1)
    if after is not None:
        _count(center_id, local_day(after), column, +1)


def on_enrolment(user: User, course: Course, enrolled_at: datetime) -> None:
    if not _counted(user):
        return
    _count(user.center_id, local_day(enrolled_at), "enrolments", +1)
    kind_column = _KIND_COLUMN.get(course.programme.kind)
    values = {"user_id": user.id, "center_id": user.center_id, "first_enrolled_at": enrolled_at,
              "first_literacy1_at": None, "first_literacy2_at": None}
    if kind_column:
        values[kind_column] = enrolled_at
    statement = _insert(LearnerFacts).values(**values)

    def earliest(name):
        mine, theirs = getattr(LearnerFacts, name), getattr(statement.excluded, name)
        return case((mine.is_(None), theirs), (theirs.is_(None), mine), (theirs < mine, theirs), else_=mine)
    updates = {"first_enrolled_at": earliest("first_enrolled_at")}
    if kind_column:
        updates[kind_column] = earliest(kind_column)
    db.session.execute(statement.on_conflict_do_update(index_elements=["user_id"], set_=updates))


def on_lesson_completed(user: User, before: Optional[datetime], after: datetime) -> None:
    if _counted(user):
        _moved(user.center_id, "lessons_completed", before, after)


def on_course_completed(user: User, before: Optional[datetime], after: datetime) -> None:
    if _counted(user):
        _moved(user.center_id, "courses_completed", before, after)


def on_activity(user: User, at: datetime) -> None:
    if not _counted(user):
        return
    statement = _insert(LearnerDay).values(user_id=user.id, day=local_day(at), center_id=user.center_id)
    db.session.execute(statement.on_conflict_do_nothing(index_elements=["user_id", "day"]))


def _sql_day(column):
    hours = offset_hours()
    if db.engine.dialect.name == "sqlite":
        return func.date(column, f"{hours:+.0f} hours")
    return func.date(column + literal(timedelta(hours=hours)))


def rebuild() -> None:
    """Recompute every summary table from the progress tables, in one transaction (`lms stats rebuild`)."""
    for model in (CenterDay, LearnerDay, LearnerFacts):
        db.session.execute(delete(model))
    first = (select(Enrolment.user_id, func.min(Enrolment.enrolled_at).label("first_enrolled_at"),
                    *(func.min(case((Programme.kind == kind, Enrolment.enrolled_at))).label(name)
                      for kind, name in _KIND_COLUMN.items()))
             .join(Course, Course.id == Enrolment.course_id).join(Programme, Programme.id == Course.programme_id)
             .group_by(Enrolment.user_id).subquery())
    db.session.execute(insert(LearnerFacts).from_select(
        ["user_id", "center_id", "first_enrolled_at", "first_literacy1_at", "first_literacy2_at"],
        select(first.c.user_id, User.center_id, first.c.first_enrolled_at, first.c.first_literacy1_at,
               first.c.first_literacy2_at).join(User, User.id == first.c.user_id).where(*_LEARNERS)))
    db.session.execute(insert(LearnerDay).from_select(
        ["user_id", "day", "center_id"],
        select(ProgressEvent.user_id, _sql_day(ProgressEvent.occurred_at), User.center_id).distinct()
        .join(User, User.id == ProgressEvent.user_id).where(*_LEARNERS)))
    counts = {}
    for column, model, moment in (("enrolments", Enrolment, Enrolment.enrolled_at),
                                  ("lessons_completed", LessonProgress, LessonProgress.completed_at),
                                  ("courses_completed", CourseCompletion, CourseCompletion.completed_at)):
        day = _sql_day(moment)
        for center_id, when, n in db.session.execute(
                select(User.center_id, day, func.count()).join(User, User.id == model.user_id)
                .where(moment.is_not(None), *_LEARNERS).group_by(User.center_id, day)):
            when = when if isinstance(when, date) else date.fromisoformat(when)
            counts.setdefault((center_id, when), {"enrolments": 0, "lessons_completed": 0,
                                                  "courses_completed": 0})[column] = n
    rows = [{"center_id": c, "day": d, **values} for (c, d), values in counts.items()]
    for start in range(0, len(rows), 20000):
        db.session.execute(insert(CenterDay), rows[start:start + 20000])
    db.session.commit()
