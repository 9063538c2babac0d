"""Classes without HTTP: usernames and PINs, duplicates, enrolment, the needs-help and inactive rules, confirmations."""
import re
import uuid
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import event, func, select
from werkzeug.security import check_password_hash

from lms.models import (
    ClassMember, Course, Enrolment, EventKind, LearningClass, Lesson, LessonProgress, PhaseConfirmation, PhaseResult,
    Programme, ProgressEvent, QuizAttempt, Role, User,
)
from lms.services import classes
from lms.services.classes import ClassError, NotFound

NOW = datetime(2026, 3, 20, 8, 0, tzinfo=timezone.utc)


# --- usernames and PINs ----------------------------------------------------------------------------

@pytest.mark.parametrize("name,expected", [
    ("Giàng Thị Hoa", "hoa.giang"),
    ("Đặng Văn Đức", "duc.dang"),
    ("Nguyễn Thị Minh Khai", "khai.nguyen"),
    ("  Lò   Văn  Minh ", "minh.lo"),
    ("Hoa", "hoa"),
    ("Y Bhiăo Niê", "nie.y"),
    ("Ma Seo Chứ", "chu.ma"),
    ("A", "hva"),  # a username has two characters at least
])
def test_usernames_are_given_name_then_family_name_in_ascii(name, expected):
    assert classes.username_base(name) == expected


def test_usernames_are_unique_among_users_and_within_the_list(make, db):
    center = make.center()
    make.user(Role.LEARNER, center=center, username="hoa.giang")
    make.user(Role.LEARNER, center=center, username="hoa.giang3")
    make.user(Role.LEARNER, center=center, username="hoa.giangx")  # shares the prefix, takes no number
    names = classes.unique_usernames(["Giàng Thị Hoa", "Giang Thi Hoa", "GIÀNG THỊ HOA", "Lò Văn Minh"])
    assert names == ["hoa.giang2", "hoa.giang4", "hoa.giang5", "minh.lo"]
    assert classes.unique_usernames([]) == []


def test_pins_are_random_digits_and_never_the_obvious_ones():
    pins = {classes.new_pin() for _ in range(500)}
    assert all(re.fullmatch(r"[0-9]{4}", pin) for pin in pins)
    assert len(pins) > 300
    for weak in ("0000", "7777", "1234", "0123", "9876", "3210"):
        assert classes._weak(weak)
        assert weak not in pins
    assert not classes._weak("1243")
    assert re.fullmatch(r"[0-9]{6}", classes.new_pin(6))


def test_a_pasted_list_loses_blank_lines_and_list_markers():
    text = "1. Giàng Thị Hoa\n\n  - Lò  Văn Minh\n• Trần Thị Lan\n2) Hà Văn Tú\r\nMùa A Páo"
    assert classes.parse_names(text) == [
        "Giàng Thị Hoa", "Lò Văn Minh", "Trần Thị Lan", "Hà Văn Tú", "Mùa A Páo"]
    with pytest.raises(ClassError):
        classes.parse_names("\n \n")
    with pytest.raises(ClassError):
        classes.parse_names("Hoa\n12345")  # no letter: not a name
    with pytest.raises(ClassError):
        classes.parse_names("\n".join(f"Người {n}" for n in range(classes.MAX_NAMES + 1)))


# --- classes and enrolment -------------------------------------------------------------------------

@pytest.fixture
def world(make, db):
    make.pack()
    center = make.center("C1")
    other = make.center("C2")
    teacher = make.user(Role.TEACHER, center=center)
    programme = db.session.scalar(select(Programme))
    learning_class = classes.create_class(teacher, center_id=center.id, programme_id=programme.id, name=" Lớp  Hoa ",
                                          place="Nhà văn hóa thôn", schedule="Tối thứ Ba")
    return dict(center=center, other=other, teacher=teacher, programme=programme, cls=learning_class)


def test_a_teacher_creates_a_class_at_their_center_and_teaches_it(world, make, db):
    cls = world["cls"]
    assert (cls.center_id, cls.teacher_id, cls.name, cls.place) == (
        world["center"].id, world["teacher"].id, "Lớp Hoa", "Nhà văn hóa thôn")
    with pytest.raises(ClassError):
        classes.create_class(world["teacher"], center_id=world["other"].id, programme_id=world["programme"].id,
                             name="Lớp khác")
    stranger = make.user(Role.TEACHER, center=world["other"])
    with pytest.raises(ClassError):  # the named teacher must work at the class's center
        classes.update_class(cls, programme_id=cls.programme_id, name="Lớp Hoa", teacher_id=stranger.id)
    assert [row.learning_class.id for row in classes.classes_for(world["teacher"])] == [cls.id]
    assert classes.classes_for(stranger) == []
    assert classes.classes_for(make.user(Role.LEARNER, center=world["center"])) == []
    classes.set_archived(cls, True)
    assert classes.classes_for(world["teacher"]) == []
    assert [row.members for row in classes.classes_for(world["teacher"], archived=True)] == [0]


def test_likely_duplicates_are_found_in_the_center_and_in_the_list(world, make, db):
    hoa = make.user(Role.LEARNER, center=world["center"], name="Giàng Thị Hoa")
    make.user(Role.LEARNER, center=world["other"], name="Lò Văn Minh")   # another center: not a duplicate
    make.user(Role.TEACHER, center=world["center"], name="Trần Thị Lan")  # staff: not a learner
    lines = classes.check_names(world["cls"], ["giang thi hoa", "Lò Văn Minh", "Trần Thị Lan", "LÒ VĂN  MINH"])
    assert [[u.id for u in line.same_name] for line in lines] == [[hoa.id], [], [], []]
    assert [line.repeats_line for line in lines] == [None, None, None, 1]
    assert [line.doubtful for line in lines] == [True, False, False, True]
    classes.add_existing(world["cls"], [hoa.id])
    [line] = classes.check_names(world["cls"], ["Giàng Thị Hoa"])
    assert line.in_class == {hoa.id}


def test_enrolling_many_creates_learners_with_pins_and_enrols_them(world, make, db):
    cls = world["cls"]
    hoa = make.user(Role.LEARNER, center=world["center"], name="Giàng Thị Hoa", username="hoa.giang")
    names = ["Giàng Thị Hoa", "Lò Văn Minh", "Trần Thị Lan", "Giàng Thị Hoa", "Hà Văn Tú"]
    result = classes.enrol_many(cls, names, {0: str(hoa.id), 2: classes.SKIP, 3: classes.NEW}, ethnic_code="08")
    assert [login.user.display_name for login in result.created] == [
        "Lò Văn Minh", "Giàng Thị Hoa", "Hà Văn Tú"]
    assert [login.user.username for login in result.created] == ["minh.lo", "hoa.giang2", "tu.ha"]
    assert result.added == [hoa] and result.skipped == ["Trần Thị Lan"]
    for login in result.created:
        user = db.session.get(User, login.user.id)
        assert (user.role, user.center_id, user.ethnic_code) == (Role.LEARNER, world["center"].id, "08")
        assert check_password_hash(user.secret_hash, login.pin) and login.pin not in user.secret_hash
    members = set(db.session.scalars(select(ClassMember.user_id).where(ClassMember.class_id == cls.id)))
    assert members == {hoa.id} | {login.user.id for login in result.created}
    courses = [c.id for c in classes.programme_courses(cls)]
    assert courses == [c.id for c in db.session.scalars(select(Course))]
    enrolled = db.session.execute(select(Enrolment.user_id, Enrolment.course_id)).all()
    assert sorted(enrolled) == sorted((m, c) for m in members for c in courses)
    # The same learner again changes nothing; another center's learner is refused.
    assert classes.enrol_many(cls, ["Giàng Thị Hoa"], {0: str(hoa.id)}).skipped == ["Giàng Thị Hoa"]
    stranger = make.user(Role.LEARNER, center=world["other"])
    with pytest.raises(ClassError):
        classes.enrol_many(cls, ["X Y"], {0: str(stranger.id)})
    with pytest.raises(ClassError):
        classes.add_existing(cls, [stranger.id])
    assert db.session.scalar(select(func.count()).select_from(ClassMember)) == 4


def test_an_archived_class_takes_no_learners_and_nothing_is_left_half_done(world, db):
    classes.set_archived(world["cls"], True)
    before = db.session.scalar(select(func.count()).select_from(User))
    with pytest.raises(ClassError):
        classes.enrol_many(world["cls"], ["Giàng Thị Hoa"], {})
    with pytest.raises(ClassError):
        classes.add_learner(world["cls"], display_name="Lò Văn Minh", this_year=2026)
    assert db.session.scalar(select(func.count()).select_from(User)) == before


def test_one_learner_with_a_profile(world, db):
    login = classes.add_learner(world["cls"], display_name="Giàng Thị Hoa", sex="F", birth_year=1990,
                                ethnic_code="08", language="vi", this_year=2026)
    user = db.session.get(User, login.user.id)
    assert (user.username, user.sex, user.birth_year, user.ethnic_code, user.language) == (
        "hoa.giang", "F", 1990, "08", "vi")
    for bad in (dict(birth_year=2031), dict(ethnic_code="99"), dict(sex="X"), dict(language="fr")):
        with pytest.raises(ClassError):
            classes.add_learner(world["cls"], display_name="Lò Văn Minh", this_year=2026, **bad)
    classes.update_learner(user, display_name="Giàng Thị Hoa", sex="F", birth_year=1991, ethnic_code="01",
                           language="", this_year=2026)
    assert (user.birth_year, user.ethnic_code, user.language, user.username) == (1991, "01", None, "hoa.giang")


def test_a_new_pin_replaces_the_old_one_and_ends_the_sessions(world, make, db):
    cls = world["cls"]
    [login] = classes.enrol_many(cls, ["Giàng Thị Hoa"], {}).created
    user = login.user
    version = user.session_version
    [again] = classes.reset_pins(cls, [user.id])
    assert again.user.id == user.id
    assert check_password_hash(user.secret_hash, again.pin)
    assert again.pin == login.pin or not check_password_hash(user.secret_hash, login.pin)
    assert user.session_version == version + 1
    outsider = make.user(Role.LEARNER, center=world["center"])  # of the center, not of the class
    with pytest.raises(NotFound):
        classes.reset_pins(cls, [outsider.id])
    with pytest.raises(ClassError):
        classes.reset_pins(cls, [])


# --- what the teacher watches ----------------------------------------------------------------------

def _lessons(db):
    return {lesson.slug: lesson for lesson in db.session.scalars(select(Lesson))}


def _attempt(user, lesson, at, passed, finished=True):
    return QuizAttempt(key=str(uuid.uuid4()), user_id=user.id, lesson_id=lesson.id,
                       version_id=lesson.published_version_id, total=5, answered=5 if finished else 2,
                       correct=5 if passed else 1, score=100 if passed else 20, passed=passed if finished else None,
                       finished_at=at if finished else None)


def _member(db, cls, user, joined):
    db.session.add(ClassMember(class_id=cls.id, user_id=user.id, joined_at=joined))


def test_needs_help_is_two_failures_with_no_pass_since(world, make, db):
    cls, ls = world["cls"], _lessons(db)
    a = ls["chu-a"]
    day = timedelta(days=1)
    cases = {
        "twice": [(1, False), (2, False)],
        "passed-after": [(1, False), (2, False), (3, True)],
        "once": [(1, False)],
        "passed-then-twice": [(1, True), (2, False), (3, False)],
        "fail-pass-fail": [(1, False), (2, True), (3, False)],
    }
    people = {}
    for name, attempts in cases.items():
        people[name] = user = make.user(Role.LEARNER, center=world["center"], name=name)
        _member(db, cls, user, NOW - 30 * day)
        for n, passed in attempts:
            db.session.add(_attempt(user, a, NOW - 10 * day + n * day, passed))
    unfinished = people["unfinished"] = make.user(Role.LEARNER, center=world["center"], name="unfinished")
    _member(db, cls, unfinished, NOW - 30 * day)
    db.session.add_all([_attempt(unfinished, a, NOW - 3 * day, False),
                        _attempt(unfinished, a, NOW - 2 * day, False, finished=False)])
    db.session.commit()
    ids = [u.id for u in people.values()]
    stuck = classes.needs_help(ids, [a.id, ls["chu-b"].id])
    assert stuck == {(people["twice"].id, a.id), (people["passed-then-twice"].id, a.id)}
    assert classes.needs_help(ids, [ls["chu-b"].id]) == set()  # only the programme's lessons count
    report = classes.class_progress(cls, NOW)
    assert [row.user.display_name for row in report.needing_help] == ["passed-then-twice", "twice"]
    assert [lesson.id for lesson in report.needing_help[0].stuck_on] == [a.id]
    assert report.cell(people["twice"].id, a.id).needs_help


def test_inactive_is_no_event_for_seven_days_after_joining(world, make, db):
    cls, a = world["cls"], _lessons(db)["chu-a"]

    def learner(name, joined_days_ago, studied_days_ago=None):
        user = make.user(Role.LEARNER, center=world["center"], name=name)
        _member(db, cls, user, NOW - timedelta(days=joined_days_ago))
        if studied_days_ago is not None:
            db.session.add(ProgressEvent(uuid=str(uuid.uuid4()), user_id=user.id, lesson_id=a.id,
                                         version_id=a.published_version_id, kind=EventKind.OPENED,
                                         occurred_at=NOW - timedelta(days=studied_days_ago)))
        db.session.commit()
        return user

    learner("studied 8 days ago", 30, 8)
    learner("studied 6 days ago", 30, 6)
    learner("never studied, joined 10 days ago", 10)
    learner("never studied, joined yesterday", 1)
    learner("studied before joining, joined 3 days ago", 3, 20)
    report = classes.class_progress(cls, NOW)
    assert sorted(row.user.display_name for row in report.inactive) == [
        "never studied, joined 10 days ago", "studied 8 days ago"]
    last = {row.user.display_name: row.last_active for row in report.learners}
    assert last["studied 6 days ago"] == NOW - timedelta(days=6)
    assert last["never studied, joined yesterday"] is None


def test_the_grid_shows_each_lesson_state_and_counts(world, make, db):
    cls, ls = world["cls"], _lessons(db)
    a, b = ls["chu-a"], ls["chu-b"]
    hoa = make.user(Role.LEARNER, center=world["center"], name="Hoa")
    minh = make.user(Role.LEARNER, center=world["center"], name="Minh")
    for user in (hoa, minh):
        _member(db, cls, user, NOW)
    db.session.add_all([
        LessonProgress(user_id=hoa.id, lesson_id=a.id, course_id=a.course_id, first_opened_at=NOW, read_at=NOW,
                       passed_at=NOW, completed_at=NOW, best_score=80, attempts=2),
        LessonProgress(user_id=hoa.id, lesson_id=b.id, course_id=b.course_id, first_opened_at=NOW, attempts=0),
        LessonProgress(user_id=minh.id, lesson_id=a.id, course_id=a.course_id, first_opened_at=NOW, best_score=40,
                       attempts=1),
    ])
    db.session.commit()
    report = classes.class_progress(cls, NOW)
    assert [(lesson.code, lesson.has_quiz) for lesson in report.lessons] == [("1.1", True), ("1.2", False)]
    assert (report.cell(hoa.id, a.id).state, report.cell(hoa.id, a.id).score) == ("done", 80)
    assert report.cell(hoa.id, b.id).state == "started"
    assert (report.cell(minh.id, a.id).state, report.cell(minh.id, a.id).score) == ("started", 40)
    assert report.cell(minh.id, b.id).state == "todo"
    assert [(row.user.display_name, row.done, row.started) for row in report.learners] == [
        ("Hoa", 1, 1), ("Minh", 0, 1)]


def test_the_progress_report_takes_the_same_few_queries_for_any_class_size(world, make, db, app):
    cls, a = world["cls"], _lessons(db)["chu-a"]

    def queries():
        count = [0]

        def counter(*_args):
            count[0] += 1
        engine = db.engine
        event.listen(engine, "before_cursor_execute", counter)
        try:
            db.session.rollback()  # ends the read snapshot: see what others committed
            classes.class_progress(db.session.get(LearningClass, cls.id), NOW)
        finally:
            event.remove(engine, "before_cursor_execute", counter)
        return count[0]

    def add(n):
        for _ in range(n):
            user = make.user(Role.LEARNER, center=world["center"])
            _member(db, cls, user, NOW)
            db.session.add(_attempt(user, a, NOW, False))
            db.session.add(LessonProgress(user_id=user.id, lesson_id=a.id, course_id=a.course_id, first_opened_at=NOW,
                                          attempts=1))
        db.session.commit()

    add(2)
    few = queries()
    add(15)
    assert queries() == few


# --- phase confirmations ---------------------------------------------------------------------------

def test_confirmations_keep_their_history_and_the_latest_counts(world, make, db):
    teacher, programme = world["teacher"], world["programme"]
    hoa = make.user(Role.LEARNER, center=world["center"])
    minh = make.user(Role.LEARNER, center=world["center"])
    today = date(2026, 5, 30)

    def record(user, result, on, note=""):
        return classes.record_confirmation(learner=user, programme_id=programme.id, result=result, confirmed_on=on,
                                           note=note, by=teacher, today=today)

    record(hoa, PhaseResult.NOT_YET, date(2026, 1, 15))
    record(hoa, "hoan-thanh", date(2026, 5, 20))
    # The same day again: the later entry wins.
    record(hoa, PhaseResult.VERY_GOOD, date(2026, 5, 20), note="Sửa lại sau khi chấm bài kiểm tra")
    record(hoa, PhaseResult.NOT_YET, date(2026, 3, 1))  # entered late, for an earlier date: history only
    record(minh, PhaseResult.COMPLETED, date(2026, 5, 1))
    history = classes.confirmation_history(hoa.id, programme.id)
    assert [(c.result, c.confirmed_on) for c, _by in history] == [
        (PhaseResult.VERY_GOOD, date(2026, 5, 20)), (PhaseResult.COMPLETED, date(2026, 5, 20)),
        (PhaseResult.NOT_YET, date(2026, 3, 1)), (PhaseResult.NOT_YET, date(2026, 1, 15))]
    assert {by.id for _c, by in history} == {teacher.id}
    latest = classes.latest_confirmations([hoa.id, minh.id], programme.id)
    assert (latest[hoa.id].result, latest[minh.id].result) == (PhaseResult.VERY_GOOD, PhaseResult.COMPLETED)
    assert latest[hoa.id].result.completes
    [(shown_programme, shown)] = classes.confirmations_of(hoa)
    assert shown_programme.id == programme.id and shown.id == latest[hoa.id].id
    assert db.session.scalar(select(func.count()).select_from(PhaseConfirmation)) == 5
    with pytest.raises(ClassError):
        record(hoa, PhaseResult.COMPLETED, today + timedelta(days=1))
    with pytest.raises(ClassError):
        record(hoa, "xuat-sac", today)
    with pytest.raises(ClassError):
        record(teacher, PhaseResult.COMPLETED, today)
    assert db.session.scalar(select(func.count()).select_from(PhaseConfirmation)) == 5
