"""Completion statistics for centers and provinces, computed by SQL aggregation in the database.

Every figure is defined in docs/indicators.md. A figure is always computed over a population of
learners (a center's or a province's, optionally one class's) and a period of local dates, and can be
broken down by a dimension of the learner (sex, ethnic group, age band, class, center).
"""
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from typing import Optional
from zoneinfo import ZoneInfo

from sqlalchemy import Interval, and_, case, cast, distinct, func, literal, or_, select
from sqlalchemy.sql import ColumnElement

from lms.extensions import db
from lms.models import (
    Center, ClassMember, Commune, Course, CourseCompletion, Enrolment, Lesson, LessonProgress, LessonStatus,
    MobilisationBase, PhaseConfirmation, PhaseResult, Programme, ProgrammeCompletion, ProgrammeKind, ProgressEvent,
    QuizAttempt, Role, User,
)
from lms.services.reference import ETHNIC_GROUPS, KINH

DIMENSIONS = ("all", "sex", "kinh", "ethnic", "age", "class", "center")


@dataclass(frozen=True)
class Period:
    """Local calendar dates, both ends included."""

    start: date
    end: date
    zone: str = "Asia/Ho_Chi_Minh"

    def bounds(self) -> tuple[datetime, datetime]:
        """[start, end) in UTC, from local midnights."""
        tz = ZoneInfo(self.zone)
        start = datetime.combine(self.start, time(), tz).astimezone(timezone.utc)
        end = datetime.combine(self.end + timedelta(days=1), time(), tz).astimezone(timezone.utc)
        return start, end

    @property
    def utc_offset_hours(self) -> float:
        return ZoneInfo(self.zone).utcoffset(datetime.combine(self.start, time())).total_seconds() / 3600


@dataclass(frozen=True)
class Scope:
    """Whose learners: one center, or every center of a province."""

    center_id: Optional[int] = None
    province_id: Optional[int] = None


@dataclass(frozen=True)
class Filters:
    programme_id: Optional[int] = None
    course_id: Optional[int] = None
    class_id: Optional[int] = None


@dataclass(frozen=True)
class Settings:
    age_bands: tuple[tuple[int, int], ...] = ((15, 25), (26, 35), (36, 60))
    literacy_ages: tuple[int, int] = (15, 60)
    targets: dict = field(default_factory=lambda: {"phase1": 10.5, "phase2": 2.0, "needs_growth": 5.0})
    now: Optional[datetime] = None  # for tests; the real clock otherwise


INDICATORS = ("enrolled", "new_enrolled", "active_7", "active_30", "lessons_completed", "courses_completed",
              "phases_online", "phases_confirmed", "completion_rate", "median_days", "quiz_pass_rate")


# --- building blocks ----------------------------------------------------------------------------

def _dimension(name: str, settings: Settings, year: int) -> ColumnElement:
    if name == "all":
        return literal("all")
    if name == "sex":
        return func.coalesce(User.sex, "?")
    if name == "ethnic":
        return func.coalesce(User.ethnic_code, "?")
    if name == "kinh":
        return case((User.ethnic_code == KINH, "kinh"), (User.ethnic_code.is_(None), "?"), else_="minority")
    if name == "age":
        age = year - User.birth_year
        bands = [(age.between(low, high), f"{low}-{high}") for low, high in settings.age_bands]
        return case((User.birth_year.is_(None), "?"), *bands, else_="other")
    if name == "class":
        return func.coalesce(cast(ClassMember.class_id, db.String), "none")
    if name == "center":
        return User.center_id
    raise ValueError(name)


def learners(scope: Scope, filters: Filters, dimension: str, settings: Settings, year: int):
    """A subquery of the population: (user_id, grp) — a learner in several classes appears in each."""
    query = select(User.id.label("user_id"), _dimension(dimension, settings, year).label("grp")).where(
        User.role == Role.LEARNER)
    if scope.center_id is not None:
        query = query.where(User.center_id == scope.center_id)
    elif scope.province_id is not None:
        query = query.join(Center, Center.id == User.center_id).join(Commune, Commune.id == Center.commune_id).where(
            Commune.province_id == scope.province_id)
    if dimension == "class" or filters.class_id is not None:
        joined = (ClassMember.user_id == User.id) if filters.class_id is None else and_(
            ClassMember.user_id == User.id, ClassMember.class_id == filters.class_id)
        query = query.join(ClassMember, joined, isouter=filters.class_id is None)
    return query.subquery("population")


def _courses(filters: Filters):
    """The courses the figures are about (all, a programme's, or one)."""
    query = select(Course.id)
    if filters.course_id is not None:
        query = query.where(Course.id == filters.course_id)
    elif filters.programme_id is not None:
        query = query.where(Course.programme_id == filters.programme_id)
    return query


def _days_between(later, earlier):
    if db.engine.dialect.name == "sqlite":
        return func.julianday(later) - func.julianday(earlier)
    return func.extract("epoch", later - earlier) / 86400.0


def _month(column, offset_hours: float):
    """The local month of a UTC timestamp, as 'YYYY-MM'."""
    if db.engine.dialect.name == "sqlite":
        return func.strftime("%Y-%m", column, f"{offset_hours:+.0f} hours")
    return func.to_char(column + literal(timedelta(hours=offset_hours), Interval()), "YYYY-MM")


def _grouped(query) -> dict:
    return {grp: value for grp, value in db.session.execute(query).all()}


# --- the figures ----------------------------------------------------------------------------------

def figures(scope: Scope, period: Period, filters: Filters = Filters(), dimension: str = "all",
            settings: Settings = Settings(), only: tuple[str, ...] = INDICATORS,
            every_group: bool = True) -> dict[str, dict]:
    """The indicators (all, or `only` these) for every group of the dimension: {group: {indicator: value}}.

    With `every_group` False, only the groups that have something to count (saves a pass over the population)."""
    start, end = period.bounds()
    pop = learners(scope, filters, dimension, settings, period.end.year)
    courses = _courses(filters)
    programmes = select(Course.programme_id).where(Course.id.in_(courses))
    g = pop.c.grp
    enrolment = and_(Enrolment.user_id == pop.c.user_id, Enrolment.course_id.in_(courses))

    def learners_enrolled(since=None):
        query = select(g, func.count(distinct(pop.c.user_id))).select_from(pop).join(Enrolment, enrolment).where(
            Enrolment.enrolled_at < end)
        return _grouped((query if since is None else query.where(Enrolment.enrolled_at >= since)).group_by(g))

    def active(days):
        since, until = active_window(period, settings, days).bounds()
        return _grouped(select(g, func.count(distinct(pop.c.user_id))).select_from(pop)
                        .join(ProgressEvent, ProgressEvent.user_id == pop.c.user_id)
                        .where(ProgressEvent.occurred_at >= since, ProgressEvent.occurred_at < until,
                               ProgressEvent.lesson_id.in_(select(Lesson.id).where(Lesson.course_id.in_(courses))))
                        .group_by(g))

    def completions(model, column, owner):
        return _grouped(select(g, func.count()).select_from(pop).join(model, model.user_id == pop.c.user_id)
                        .where(owner.in_(courses if owner is not ProgrammeCompletion.programme_id else programmes),
                               column >= start, column < end).group_by(g))

    def confirmed():
        pairs = (select(g.label("grp"), PhaseConfirmation.user_id, PhaseConfirmation.programme_id).distinct()
                 .select_from(pop).join(PhaseConfirmation, PhaseConfirmation.user_id == pop.c.user_id)
                 .where(PhaseConfirmation.programme_id.in_(programmes),
                        PhaseConfirmation.result.in_([r for r in PhaseResult if r.completes]),
                        PhaseConfirmation.confirmed_on >= period.start, PhaseConfirmation.confirmed_on <= period.end)
                 .subquery())
        return _grouped(select(pairs.c.grp, func.count()).group_by(pairs.c.grp))

    def completion_rate():
        # Of the (learner, course) enrolments made by the end, the share completed by then.
        rows = db.session.execute(
            select(g, func.count(), func.count(CourseCompletion.id)).select_from(pop).join(Enrolment, enrolment)
            .outerjoin(CourseCompletion, and_(CourseCompletion.user_id == Enrolment.user_id,
                                              CourseCompletion.course_id == Enrolment.course_id,
                                              CourseCompletion.completed_at < end))
            .where(Enrolment.enrolled_at < end).group_by(g)).all()
        return {grp: _percent(done, total) for grp, total, done in rows}

    def quiz_pass_rate():
        rows = db.session.execute(
            select(g, func.count(), func.count(case((QuizAttempt.passed.is_(True), 1))))
            .select_from(pop).join(QuizAttempt, QuizAttempt.user_id == pop.c.user_id)
            .join(Lesson, Lesson.id == QuizAttempt.lesson_id)
            .where(Lesson.course_id.in_(courses), QuizAttempt.finished_at >= start, QuizAttempt.finished_at < end)
            .group_by(g)).all()
        return {grp: _percent(passed, total) for grp, total, passed in rows}

    compute = {
        "enrolled": learners_enrolled,
        "new_enrolled": lambda: learners_enrolled(since=start),
        "active_7": lambda: active(7),
        "active_30": lambda: active(30),
        "lessons_completed": lambda: completions(LessonProgress, LessonProgress.completed_at, LessonProgress.course_id),
        "courses_completed": lambda: completions(CourseCompletion, CourseCompletion.completed_at,
                                                 CourseCompletion.course_id),
        "phases_online": lambda: completions(ProgrammeCompletion, ProgrammeCompletion.completed_at,
                                             ProgrammeCompletion.programme_id),
        "phases_confirmed": confirmed,
        "completion_rate": completion_rate,
        "median_days": lambda: _median_days(pop, courses, start, end),
        "quiz_pass_rate": quiz_pass_rate,
    }
    results = {name: compute[name]() for name in only}
    if every_group:
        # A center without learners yet still has its one "all" row, of zeros.
        groups = _all_groups(pop) or (["all"] if dimension == "all" else [])
    else:
        groups = sorted({group for values in results.values() for group in values}, key=lambda v: (v is None, str(v)))
    return {group: {name: results[name].get(group, empty(name)) for name in only} for group in groups}


def active_window(period: Period, settings: Settings, days: int) -> Period:
    """The `days` local days ending with the period's last day (or today, if the period has not ended yet)."""
    today = (settings.now or datetime.now(timezone.utc)).astimezone(ZoneInfo(period.zone)).date()
    last = min(period.end, today)
    return Period(last - timedelta(days=days - 1), last, period.zone)


SUMMARISED = ("enrolled", "active_30", "lessons_completed", "courses_completed", "completion_rate",
              "phases_confirmed")


def center_figures(scope: Scope, period: Period, settings: Settings = Settings()) -> dict[int, dict]:
    """The province table's figures per center, from the summary tables: the same numbers as `figures` with
    dimension "center" and no filters, read from a few thousand summary rows instead of millions of progress rows."""
    from lms.models import CenterDay, LearnerDay, LearnerFacts
    _, end = period.bounds()
    centers = _centers(scope)
    out: dict[int, dict] = {}

    def put(name, rows):
        for center_id, value in rows:
            out.setdefault(center_id, {n: empty(n) for n in SUMMARISED})[name] = value

    put("enrolled", db.session.execute(
        select(LearnerFacts.center_id, func.count()).where(LearnerFacts.center_id.in_(centers),
                                                           LearnerFacts.first_enrolled_at < end)
        .group_by(LearnerFacts.center_id)).all())
    window = active_window(period, settings, 30)
    put("active_30", db.session.execute(
        select(LearnerDay.center_id, func.count(distinct(LearnerDay.user_id)))
        .where(LearnerDay.center_id.in_(centers), LearnerDay.day >= window.start, LearnerDay.day <= window.end)
        .group_by(LearnerDay.center_id)).all())
    in_period = (CenterDay.day >= period.start, CenterDay.day <= period.end)
    sums = db.session.execute(
        select(CenterDay.center_id, func.sum(CenterDay.lessons_completed), func.sum(CenterDay.courses_completed))
        .where(CenterDay.center_id.in_(centers), *in_period).group_by(CenterDay.center_id)).all()
    put("lessons_completed", [(c, int(lessons)) for c, lessons, _ in sums])
    put("courses_completed", [(c, int(courses)) for c, _, courses in sums])
    put("completion_rate", [(c, _percent(int(done), int(total))) for c, total, done in db.session.execute(
        select(CenterDay.center_id, func.sum(CenterDay.enrolments), func.sum(CenterDay.courses_completed))
        .where(CenterDay.center_id.in_(centers), CenterDay.day <= period.end).group_by(CenterDay.center_id)).all()])
    confirmed = figures(scope, period, Filters(), "center", settings, only=("phases_confirmed",), every_group=False)
    put("phases_confirmed", [(c, v["phases_confirmed"]) for c, v in confirmed.items()])
    return out


def empty(name: str):
    """The value of an indicator with nothing to count: 0, or no value for a rate or a median."""
    return None if name in ("completion_rate", "median_days", "quiz_pass_rate") else 0


def _percent(part: int, whole: int) -> Optional[float]:
    return round(100.0 * part / whole, 1) if whole else None


def _all_groups(pop) -> list:
    """Every group of the population, also those with nothing to count, in a stable order."""
    return sorted(db.session.scalars(select(pop.c.grp).distinct()).all(), key=lambda v: (v is None, str(v)))


def _median_days(pop, courses, start, end) -> dict:
    """Median days from enrolment to completion of the courses completed in the period, per group (window functions)."""
    days = (select(pop.c.grp.label("grp"), _days_between(CourseCompletion.completed_at, Enrolment.enrolled_at)
                   .label("days"))
            .select_from(pop).join(CourseCompletion, CourseCompletion.user_id == pop.c.user_id)
            .join(Enrolment, and_(Enrolment.user_id == CourseCompletion.user_id,
                                  Enrolment.course_id == CourseCompletion.course_id))
            .where(CourseCompletion.course_id.in_(courses), CourseCompletion.completed_at >= start,
                   CourseCompletion.completed_at < end).subquery())
    ranked = select(days.c.grp, days.c.days,
                    func.row_number().over(partition_by=days.c.grp, order_by=days.c.days).label("rn"),
                    func.count().over(partition_by=days.c.grp).label("n")).subquery()
    middle = (select(ranked.c.grp, func.avg(ranked.c.days))
              .where(or_(ranked.c.rn == (ranked.c.n + 1) // 2, ranked.c.rn == (ranked.c.n + 2) // 2))
              .group_by(ranked.c.grp))
    return {grp: round(float(value), 1) for grp, value in db.session.execute(middle).all()}


def monthly(scope: Scope, period: Period, filters: Filters = Filters(), settings: Settings = Settings()) -> list[dict]:
    """Per local month of the period: new enrolments, active learners and lessons completed."""
    start, end = period.bounds()
    pop = learners(scope, filters, "all", settings, period.end.year)
    courses = _courses(filters)
    offset = period.utc_offset_hours
    rows: dict[str, dict] = {}
    month = _month(Enrolment.enrolled_at, offset)
    for key, value in db.session.execute(
            select(month, func.count(distinct(pop.c.user_id))).select_from(pop)
            .join(Enrolment, and_(Enrolment.user_id == pop.c.user_id, Enrolment.course_id.in_(courses)))
            .where(Enrolment.enrolled_at >= start, Enrolment.enrolled_at < end).group_by(month)).all():
        rows.setdefault(key, {})["new_enrolled"] = value
    month = _month(ProgressEvent.occurred_at, offset)
    for key, value in db.session.execute(
            select(month, func.count(distinct(pop.c.user_id))).select_from(pop)
            .join(ProgressEvent, ProgressEvent.user_id == pop.c.user_id)
            .where(ProgressEvent.occurred_at >= start, ProgressEvent.occurred_at < end,
                   ProgressEvent.lesson_id.in_(select(Lesson.id).where(Lesson.course_id.in_(courses))))
            .group_by(month)).all():
        rows.setdefault(key, {})["active"] = value
    month = _month(LessonProgress.completed_at, offset)
    for key, value in db.session.execute(
            select(month, func.count()).select_from(pop).join(LessonProgress, LessonProgress.user_id == pop.c.user_id)
            .where(LessonProgress.course_id.in_(courses), LessonProgress.completed_at >= start,
                   LessonProgress.completed_at < end).group_by(month)).all():
        rows.setdefault(key, {})["lessons_completed"] = value
    months = []
    cursor = date(period.start.year, period.start.month, 1)
    while cursor <= period.end:
        key = f"{cursor.year:04d}-{cursor.month:02d}"
        months.append({"month": key, **{k: rows.get(key, {}).get(k, 0) for k in ("new_enrolled", "active",
                                                                                "lessons_completed")}})
        cursor = date(cursor.year + cursor.month // 12, cursor.month % 12 + 1, 1)
    return months


def funnel(scope: Scope, period: Period, filters: Filters = Filters(), settings: Settings = Settings()) -> list[dict]:
    """Per course, as of the end of the period: enrolled → started → half-way → completed (learners)."""
    _, end = period.bounds()
    pop = learners(scope, filters, "all", settings, period.end.year)
    published = (select(Lesson.course_id, func.count().label("lessons")).where(Lesson.status == LessonStatus.PUBLISHED)
                 .group_by(Lesson.course_id).subquery())
    done = (select(LessonProgress.user_id, LessonProgress.course_id,
                   func.count(LessonProgress.completed_at).label("done"), func.count().label("touched"))
            .where(LessonProgress.user_id.in_(select(pop.c.user_id)))  # so the database groups only these learners
            .where(or_(LessonProgress.completed_at.is_(None), LessonProgress.completed_at < end))
            .where(or_(LessonProgress.first_opened_at < end, LessonProgress.read_at < end))
            .group_by(LessonProgress.user_id, LessonProgress.course_id).subquery())
    query = (select(Course.id, Course.title,
                    func.count(distinct(Enrolment.user_id)),
                    func.count(distinct(done.c.user_id)),
                    func.count(distinct(case((done.c.done * 2 >= published.c.lessons, done.c.user_id)))),
                    func.count(distinct(CourseCompletion.user_id)))
             .select_from(pop).join(Enrolment, Enrolment.user_id == pop.c.user_id)
             .join(Course, Course.id == Enrolment.course_id)
             .join(published, published.c.course_id == Course.id)
             .outerjoin(done, and_(done.c.user_id == Enrolment.user_id, done.c.course_id == Enrolment.course_id))
             .outerjoin(CourseCompletion, and_(CourseCompletion.user_id == Enrolment.user_id,
                                               CourseCompletion.course_id == Enrolment.course_id,
                                               CourseCompletion.completed_at < end))
             .where(Enrolment.enrolled_at < end, Course.id.in_(_courses(filters)))
             .group_by(Course.id, Course.title, Course.position).order_by(Course.programme_id, Course.position))
    return [{"course_id": cid, "course": title, "enrolled": e, "started": s, "half_way": h, "completed": c}
            for cid, title, e, s, h, c in db.session.execute(query).all()]


# --- mobilisation against the national targets -------------------------------------------------

@dataclass
class Mobilisation:
    year: int
    illiterate: Optional[int]
    phase1_completed: Optional[int]
    phase1_new: int
    phase2_new: int
    needs_learners: int
    needs_learners_before: int
    targets: dict

    @property
    def phase1_rate(self) -> Optional[float]:
        return _percent(self.phase1_new, self.illiterate) if self.illiterate else None

    @property
    def phase2_rate(self) -> Optional[float]:
        return _percent(self.phase2_new, self.phase1_completed) if self.phase1_completed else None

    @property
    def needs_growth(self) -> Optional[float]:
        before = self.needs_learners_before
        return round(100.0 * (self.needs_learners - before) / before, 1) if before else None

    @property
    def met(self) -> dict:
        def meets(value, target):
            return None if value is None else value >= target
        return {"phase1": meets(self.phase1_rate, self.targets["phase1"]),
                "phase2": meets(self.phase2_rate, self.targets["phase2"]),
                "needs_growth": meets(self.needs_growth, self.targets["needs_growth"])}


def _year_bounds(year: int) -> tuple[datetime, datetime]:
    return Period(date(year, 1, 1), date(year, 12, 31)).bounds()


def _mobilised(pop, kind: ProgrammeKind, year: int, settings: Settings) -> dict:
    """Per group: learners of the literacy ages whose first enrolment in this kind of programme falls in the year
    (read from the learner facts summary, which keeps each learner's first enrolments)."""
    from lms.models import LearnerFacts
    start, end = _year_bounds(year)
    first = LearnerFacts.first_literacy1_at if kind is ProgrammeKind.LITERACY_1 else LearnerFacts.first_literacy2_at
    low, high = settings.literacy_ages
    return _grouped(select(pop.c.grp, func.count()).select_from(pop)
                    .join(LearnerFacts, LearnerFacts.user_id == pop.c.user_id).join(User, User.id == pop.c.user_id)
                    .where(first >= start, first < end, (year - User.birth_year).between(low, high))
                    .group_by(pop.c.grp))


def _enrolled_during(pop, kind: ProgrammeKind, year: int) -> dict:
    """Per group: distinct learners enrolled during the year in programmes of this kind."""
    start, end = _year_bounds(year)
    return _grouped(select(pop.c.grp, func.count(distinct(pop.c.user_id))).select_from(pop)
                    .join(Enrolment, Enrolment.user_id == pop.c.user_id).join(Course, Course.id == Enrolment.course_id)
                    .join(Programme, Programme.id == Course.programme_id)
                    .where(Programme.kind == kind, Enrolment.enrolled_at >= start, Enrolment.enrolled_at < end)
                    .group_by(pop.c.grp))


def mobilisation(scope: Scope, year: int, settings: Settings = Settings(), by_center: bool = False,
                 needs: bool = True) -> dict:
    """The year's mobilisation for literacy phases 1 and 2 and needs-based growth: {group: Mobilisation}.

    The group is "all", or each center of the scope with `by_center` (the province table). Without `needs` the
    needs-based counts (which the province table does not show) are left at 0."""
    pop = learners(scope, Filters(), "center" if by_center else "all", settings, year)
    bases = (select(MobilisationBase.center_id if by_center else literal("all"),
                    func.sum(MobilisationBase.illiterate), func.sum(MobilisationBase.phase1_completed))
             .where(MobilisationBase.year == year, MobilisationBase.center_id.in_(_centers(scope))))
    if by_center:
        bases = bases.group_by(MobilisationBase.center_id)
    base = {grp: (illiterate, done) for grp, illiterate, done in db.session.execute(bases).all() if illiterate is not None}
    phase1 = _mobilised(pop, ProgrammeKind.LITERACY_1, year, settings)
    phase2 = _mobilised(pop, ProgrammeKind.LITERACY_2, year, settings)
    needs_now = _enrolled_during(pop, ProgrammeKind.NEEDS, year) if needs else {}
    needs_before = _enrolled_during(pop, ProgrammeKind.NEEDS, year - 1) if needs else {}
    groups = _centers_list(scope) if by_center else ["all"]
    return {grp: Mobilisation(year, *base.get(grp, (None, None)), phase1.get(grp, 0), phase2.get(grp, 0),
                              needs_now.get(grp, 0), needs_before.get(grp, 0), settings.targets)
            for grp in groups}


def _centers(scope: Scope):
    if scope.center_id is not None:
        return select(literal(scope.center_id))
    return select(Center.id).join(Commune, Commune.id == Center.commune_id).where(
        Commune.province_id == scope.province_id)


def _centers_list(scope: Scope) -> list[int]:
    return list(db.session.scalars(_centers(scope)))


def set_base(center_id: int, year: int, illiterate: int, phase1_completed: int, by_user_id: Optional[int]) -> None:
    """Enter or correct a commune's figures for a year."""
    if illiterate < 0 or phase1_completed < 0 or not 2000 <= year <= 2100:
        raise ValueError("figures must be positive and the year plausible")
    row = db.session.scalar(select(MobilisationBase).where(MobilisationBase.center_id == center_id,
                                                            MobilisationBase.year == year))
    if row is None:
        row = MobilisationBase(center_id=center_id, year=year, illiterate=0, phase1_completed=0)
        db.session.add(row)
    row.illiterate, row.phase1_completed, row.updated_by_id = illiterate, phase1_completed, by_user_id
    db.session.commit()
