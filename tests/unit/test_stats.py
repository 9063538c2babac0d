"""Statistics on a small hand-built data set whose every expected number was counted by hand (docs/indicators.md)."""
import uuid
from datetime import date, datetime, timezone

import pytest

from lms.models import (
    ClassMember, Course, CourseCompletion, Enrolment, EventKind, LearningClass, Lesson, LessonProgress, LessonStatus,
    LessonVersion, MobilisationBase, PhaseConfirmation, PhaseResult, Programme, ProgrammeCompletion, ProgrammeKind,
    ProgressEvent, QuizAttempt, Role,
)
from lms.services import stats, summaries
from lms.services.stats import Filters, Period, Scope, Settings

PERIOD = Period(date(2026, 1, 1), date(2026, 6, 30))
SETTINGS = Settings(now=datetime(2026, 7, 1, 3, 0, tzinfo=timezone.utc))


def at(day: str) -> datetime:
    """A moment on that day, mid-afternoon in Vietnam, far from any midnight."""
    return datetime.fromisoformat(day + "T08:00:00+00:00")


@pytest.fixture
def world(make, db):
    def programme(slug, kind, lessons):
        p = Programme(slug=slug, kind=kind, title=slug)
        course = Course(programme=p, slug=slug + "-c", title="Khóa " + slug)
        db.session.add_all([p, course])
        db.session.flush()
        made = []
        for n in range(lessons):
            lesson = Lesson(course_id=course.id, slug=f"{slug}{n + 1}", position=n + 1, status=LessonStatus.PUBLISHED)
            db.session.add(lesson)
            db.session.flush()
            version = LessonVersion(lesson_id=lesson.id, number=1, title="x", markdown="x", html="x", source_hash="x",
                                    published_at=at("2025-01-01"))
            db.session.add(version)
            db.session.flush()
            lesson.published_version_id = version.id
            made.append(lesson)
        return p, course, made

    l1, a, (a1, a2) = programme("l1", ProgrammeKind.LITERACY_1, 2)
    l2, b, (b1,) = programme("l2", ProgrammeKind.LITERACY_2, 1)
    needs, c, (c1,) = programme("nb", ProgrammeKind.NEEDS, 1)
    c1_center, c2_center = make.center("C1", "P1"), make.center("C2", "P1")
    c3_center = make.center("C3", "P2")
    people = {
        "u1": dict(sex="F", birth_year=1990, ethnic_code="01"), "u2": dict(sex="M", birth_year=2000, ethnic_code="08"),
        "u3": dict(sex="F", birth_year=2008, ethnic_code="03"), "u4": dict(sex="F"),
        "u5": dict(sex="M", birth_year=1950, ethnic_code="01"), "u8": dict(sex="M", birth_year=1980, ethnic_code="01"),
    }
    u = {name: make.user(Role.LEARNER, center=c1_center, username=name, **fields) for name, fields in people.items()}
    u["u6"] = make.user(Role.LEARNER, center=c2_center, username="u6", sex="F", birth_year=1995)
    u["u7"] = make.user(Role.LEARNER, center=c3_center, username="u7", sex="F", birth_year=1995)
    teacher = make.user(Role.TEACHER, center=c1_center)

    def enrol(who, course, day):
        db.session.add(Enrolment(user_id=u[who].id, course_id=course.id, enrolled_at=at(day)))

    def done(who, lesson, day, event=True):
        db.session.add(LessonProgress(user_id=u[who].id, lesson_id=lesson.id, course_id=lesson.course_id,
                                      first_opened_at=at(day), read_at=at(day), completed_at=at(day), attempts=0))
        if event:
            touch(who, lesson, day)

    def touch(who, lesson, day):
        db.session.add(ProgressEvent(uuid=str(uuid.uuid4()), user_id=u[who].id, lesson_id=lesson.id,
                                     version_id=lesson.published_version_id, kind=EventKind.READ, occurred_at=at(day)))

    def attempt(who, lesson, day, passed):
        db.session.add(QuizAttempt(key=str(uuid.uuid4()), user_id=u[who].id, lesson_id=lesson.id,
                                   version_id=lesson.published_version_id, total=1, answered=1, correct=int(passed),
                                   score=100 * passed, passed=passed, finished_at=at(day)))

    enrol("u1", a, "2026-02-01"); done("u1", a1, "2026-02-02"); done("u1", a2, "2026-02-10"); touch("u1", a1, "2026-06-28")
    db.session.add(CourseCompletion(user_id=u["u1"].id, course_id=a.id, completed_at=at("2026-02-10")))
    db.session.add(ProgrammeCompletion(user_id=u["u1"].id, programme_id=l1.id, completed_at=at("2026-02-10")))
    attempt("u1", a1, "2026-02-02", False); attempt("u1", a1, "2026-02-03", True)
    enrol("u2", a, "2026-03-01"); done("u2", a1, "2026-03-05"); touch("u2", a2, "2026-06-10")
    attempt("u2", a1, "2026-03-05", True)
    enrol("u3", a, "2025-12-15"); enrol("u3", c, "2026-04-01")
    enrol("u4", b, "2026-05-01"); done("u4", b1, "2026-05-02")
    db.session.add(CourseCompletion(user_id=u["u4"].id, course_id=b.id, completed_at=at("2026-05-02")))
    db.session.add(ProgrammeCompletion(user_id=u["u4"].id, programme_id=l2.id, completed_at=at("2026-05-02")))
    enrol("u5", c, "2025-06-01")
    enrol("u8", b, "2026-06-01")
    enrol("u6", a, "2026-01-10"); done("u6", a1, "2026-01-11")
    enrol("u7", a, "2026-01-10"); done("u7", a1, "2026-01-11")
    for who, result in (("u1", PhaseResult.COMPLETED), ("u2", PhaseResult.NOT_YET)):
        db.session.add(PhaseConfirmation(user_id=u[who].id, programme_id=l1.id, result=result,
                                         confirmed_on=date(2026, 6, 15), confirmed_by_id=teacher.id))
    k1 = LearningClass(center_id=c1_center.id, programme_id=l1.id, name="K1")
    k2 = LearningClass(center_id=c1_center.id, programme_id=l1.id, name="K2")
    db.session.add_all([k1, k2])
    db.session.flush()
    db.session.add_all([ClassMember(class_id=k1.id, user_id=u["u1"].id), ClassMember(class_id=k1.id, user_id=u["u2"].id),
                        ClassMember(class_id=k2.id, user_id=u["u2"].id)])
    db.session.add(MobilisationBase(center_id=c1_center.id, year=2026, illiterate=40, phase1_completed=20))
    db.session.commit()
    summaries.rebuild()  # the rows above went in around the services
    return {"c1": c1_center, "c2": c2_center, "c3": c3_center, "a": a, "b": b, "c": c, "l1": l1, "k1": k1, "k2": k2}


def test_the_center_figures(world):
    [(group, f)] = stats.figures(Scope(center_id=world["c1"].id), PERIOD, settings=SETTINGS).items()
    assert group == "all"
    assert f == {"enrolled": 6, "new_enrolled": 5, "active_7": 1, "active_30": 2, "lessons_completed": 4,
                 "courses_completed": 2, "phases_online": 2, "phases_confirmed": 1, "completion_rate": 28.6,
                 "median_days": 5.0, "quiz_pass_rate": 66.7}


def test_by_sex(world):
    f = stats.figures(Scope(center_id=world["c1"].id), PERIOD, dimension="sex", settings=SETTINGS)
    assert f["F"] == {"enrolled": 3, "new_enrolled": 3, "active_7": 1, "active_30": 1, "lessons_completed": 3,
                      "courses_completed": 2, "phases_online": 2, "phases_confirmed": 1, "completion_rate": 50.0,
                      "median_days": 5.0, "quiz_pass_rate": 50.0}
    assert f["M"] == {"enrolled": 3, "new_enrolled": 2, "active_7": 0, "active_30": 1, "lessons_completed": 1,
                      "courses_completed": 0, "phases_online": 0, "phases_confirmed": 0, "completion_rate": 0.0,
                      "median_days": None, "quiz_pass_rate": 100.0}


def test_by_ethnic_group_age_band_and_class(world):
    scope = Scope(center_id=world["c1"].id)
    kinh = stats.figures(scope, PERIOD, dimension="kinh", settings=SETTINGS)
    assert {g: v["enrolled"] for g, v in kinh.items()} == {"kinh": 3, "minority": 2, "?": 1}
    ethnic = stats.figures(scope, PERIOD, dimension="ethnic", settings=SETTINGS)
    assert {g: v["enrolled"] for g, v in ethnic.items()} == {"01": 3, "03": 1, "08": 1, "?": 1}
    age = stats.figures(scope, PERIOD, dimension="age", settings=SETTINGS)
    assert {g: v["enrolled"] for g, v in age.items()} == {"15-25": 1, "26-35": 1, "36-60": 2, "other": 1, "?": 1}
    assert age["36-60"]["lessons_completed"] == 2 and age["?"]["courses_completed"] == 1
    classes = stats.figures(scope, PERIOD, dimension="class", settings=SETTINGS)
    k1, k2 = str(world["k1"].id), str(world["k2"].id)
    assert {g: v["enrolled"] for g, v in classes.items()} == {k1: 2, k2: 1, "none": 4}
    assert classes[k1]["lessons_completed"] == 3 and classes[k2]["lessons_completed"] == 1


def test_filters_by_programme_course_and_class(world):
    scope = Scope(center_id=world["c1"].id)
    [f] = stats.figures(scope, PERIOD, Filters(course_id=world["a"].id), settings=SETTINGS).values()
    assert (f["enrolled"], f["lessons_completed"], f["courses_completed"], f["completion_rate"]) == (3, 3, 1, 33.3)
    [f] = stats.figures(scope, PERIOD, Filters(programme_id=world["l1"].id, class_id=world["k1"].id),
                        settings=SETTINGS).values()
    assert (f["enrolled"], f["new_enrolled"], f["phases_online"], f["phases_confirmed"]) == (2, 2, 1, 1)


def test_the_province_table_and_its_borders(world):
    table = stats.figures(Scope(province_id=world["c1"].commune.province_id), PERIOD, dimension="center",
                          settings=SETTINGS)
    assert set(table) == {world["c1"].id, world["c2"].id}  # the center of another province is not there
    assert table[world["c2"].id]["enrolled"] == 1 and table[world["c2"].id]["lessons_completed"] == 1
    assert table[world["c1"].id]["enrolled"] == 6


def test_month_by_month(world):
    months = stats.monthly(Scope(center_id=world["c1"].id), PERIOD, settings=SETTINGS)
    assert [m["month"] for m in months] == ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"]
    assert [m["new_enrolled"] for m in months] == [0, 1, 1, 1, 1, 1]
    assert [m["active"] for m in months] == [0, 1, 1, 0, 1, 2]
    assert [m["lessons_completed"] for m in months] == [0, 2, 1, 0, 1, 0]


def test_funnel_per_course(world):
    rows = {r["course_id"]: r for r in stats.funnel(Scope(center_id=world["c1"].id), PERIOD, settings=SETTINGS)}
    steps = ("enrolled", "started", "half_way", "completed")
    assert tuple(rows[world["a"].id][s] for s in steps) == (3, 2, 2, 1)
    assert tuple(rows[world["b"].id][s] for s in steps) == (2, 1, 1, 1)
    assert tuple(rows[world["c"].id][s] for s in steps) == (2, 0, 0, 0)


def test_mobilisation_against_the_targets(world):
    [m] = stats.mobilisation(Scope(center_id=world["c1"].id), 2026, SETTINGS).values()
    assert (m.illiterate, m.phase1_new, m.phase1_rate) == (40, 2, 5.0)
    assert (m.phase1_completed, m.phase2_new, m.phase2_rate) == (20, 1, 5.0)
    assert (m.needs_learners, m.needs_learners_before, m.needs_growth) == (1, 1, 0.0)
    assert m.met == {"phase1": False, "phase2": True, "needs_growth": False}
    by_center = stats.mobilisation(Scope(province_id=world["c1"].commune.province_id), 2026, SETTINGS, by_center=True)
    assert by_center[world["c2"].id].illiterate is None and by_center[world["c2"].id].met["phase1"] is None
    assert by_center[world["c1"].id].phase1_rate == 5.0


def test_targets_and_age_bands_are_settings(world):
    settings = Settings(now=SETTINGS.now, age_bands=((15, 30), (31, 60)), targets={"phase1": 5, "phase2": 2,
                                                                                     "needs_growth": 0})
    age = stats.figures(Scope(center_id=world["c1"].id), PERIOD, dimension="age", settings=settings)
    assert {g: v["enrolled"] for g, v in age.items()} == {"15-30": 2, "31-60": 2, "other": 1, "?": 1}
    [m] = stats.mobilisation(Scope(center_id=world["c1"].id), 2026, settings).values()
    assert m.met == {"phase1": True, "phase2": True, "needs_growth": True}


def test_the_summary_tables_give_the_province_table_the_same_numbers(world):
    scope = Scope(province_id=world["c1"].commune.province_id)
    for period in (PERIOD, Period(date(2026, 2, 1), date(2026, 2, 28)), Period(date(2026, 6, 1), date(2026, 12, 31))):
        live = stats.figures(scope, period, dimension="center", settings=SETTINGS, only=stats.SUMMARISED)
        assert stats.center_figures(scope, period, SETTINGS) == live
    assert stats.center_figures(scope, PERIOD, SETTINGS)[world["c1"].id]["completion_rate"] == 28.6
