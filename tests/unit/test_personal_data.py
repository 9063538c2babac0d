"""Personal data (Decree 13/2023): the export holds all of a person and nobody else; erasure keeps every figure."""
import json
from datetime import datetime, timezone

import pytest
from sqlalchemy import func, select

from lms.auth import load_user
from lms.extensions import db as _db
from lms.models import (
    AuditEntry, ClassMember, CourseCompletion, Enrolment, LearnerDay, LessonProgress, PhaseConfirmation,
    ProgrammeCompletion, ProgressEvent, QuizAnswer, QuizAttempt, Role, User,
)
from lms.services import accounts, classes, personal_data, stats, summaries
from lms.services.personal_data import PersonalDataError
from lms.services.stats import Period, Scope
from tests.unit.test_stats import PERIOD, SETTINGS, world  # noqa: F401  (the hand-counted data set)

pytestmark = pytest.mark.usefixtures("in_english")
NOW = datetime(2026, 7, 1, 3, 0, tzinfo=timezone.utc)


def person(username) -> User:
    return _db.session.scalar(select(User).where(User.username == username))


@pytest.fixture
def admin(make):
    return make.user(Role.ADMIN, username="quantri", name="Quản Trị")


@pytest.fixture
def answered(world, db):  # noqa: F811
    """u1's finished attempts carry answers; their phase confirmation a teacher's note."""
    u1, u2 = person("u1"), person("u2")
    for user in (u1, u2):
        for attempt in db.session.scalars(select(QuizAttempt).where(QuizAttempt.user_id == user.id)):
            question_id = _question(db, attempt.version_id)
            db.session.add(QuizAnswer(attempt_id=attempt.id, question_id=question_id, choice_ids="1",
                                      is_correct=bool(attempt.passed), answered_at=attempt.finished_at))
    db.session.execute(PhaseConfirmation.__table__.update().where(PhaseConfirmation.user_id == u1.id)
                       .values(note="Chị đọc chậm, mắt kém"))
    db.session.commit()
    return world


def _question(db, version_id):
    from lms.models import QuizQuestion
    question = db.session.scalar(select(QuizQuestion).where(QuizQuestion.version_id == version_id))
    if question is None:
        question = QuizQuestion(version_id=version_id, position=1, text="?")
        db.session.add(question)
        db.session.flush()
    return question.id


def test_every_column_that_points_at_a_person_is_in_the_export():
    pointing = {(table.name, fk.parent.name) for table in _db.metadata.sorted_tables for fk in table.foreign_keys
                if fk.column.table.name == "users"}
    assert pointing == set(personal_data.COVERED)


def test_the_export_holds_all_of_the_persons_rows_and_nothing_of_anyone_else(answered, db):
    u1, u2 = person("u1"), person("u2")
    document = personal_data.export_person(u1, now=NOW)
    text = json.dumps(document, ensure_ascii=False)
    assert document["person"]["username"] == "u1" and document["person"]["center"]["code"] == "C1"
    assert "secret_hash" not in document["person"] and u1.secret_hash not in text

    def ids(model):
        return sorted(db.session.scalars(select(model.id).where(model.user_id == u1.id)))
    for key, model in (("enrolments", Enrolment), ("lesson_progress", LessonProgress), ("quiz_attempts", QuizAttempt),
                       ("progress_events", ProgressEvent), ("course_completions", CourseCompletion),
                       ("programme_completions", ProgrammeCompletion), ("class_memberships", ClassMember),
                       ("phase_confirmations", PhaseConfirmation)):
        assert sorted(row["id"] for row in document[key]) == ids(model), key
        assert all(row["user_id"] == u1.id for row in document[key]), key
        assert ids(model), key  # the data set gives u1 at least one row of each
    answers = [a for attempt in document["quiz_attempts"] for a in attempt["answers"]]
    assert sorted(a["id"] for a in answers) == sorted(db.session.scalars(
        select(QuizAnswer.id).join(QuizAttempt).where(QuizAttempt.user_id == u1.id)))
    assert document["phase_confirmations"][0]["note"] == "Chị đọc chậm, mắt kém"
    assert "confirmed_by_id" not in document["phase_confirmations"][0]  # the teacher is someone else
    assert document["summaries"]["learner_facts"]["user_id"] == u1.id
    assert document["summaries"]["active_days"] == [d.isoformat() for d in db.session.scalars(
        select(LearnerDay.day).where(LearnerDay.user_id == u1.id).order_by(LearnerDay.day))]
    # u2 shares u1's class and lessons: nothing of theirs is in u1's document.
    assert '"u2"' not in text and u2.display_name not in text
    others = set(db.session.scalars(select(LessonProgress.id).where(LessonProgress.user_id == u2.id)))
    assert not others & {row["id"] for row in document["lesson_progress"]}


def test_a_staff_persons_export_lists_their_work_without_other_peoples_data(answered, db, admin):
    teacher = db.session.scalar(select(User).where(User.role == Role.TEACHER))
    document = personal_data.export_person(teacher, now=NOW)
    assert document["as_staff"]["phase_confirmations_recorded"] == 2
    assert document["enrolments"] == [] and document["person"]["role"] == "teacher"
    assert "u1" not in json.dumps(document["as_staff"]) and "Chị đọc chậm" not in json.dumps(document)


def _figures(world):  # noqa: F811
    """Every figure the reports show for the center and its province, from the progress and the summary tables."""
    center, province = Scope(center_id=world["c1"].id), Scope(province_id=world["c1"].commune.province_id)
    figures = {dimension: stats.figures(center, PERIOD, dimension=dimension, settings=SETTINGS)
               for dimension in stats.DIMENSIONS if dimension != "center"}
    figures["province"] = stats.figures(province, PERIOD, dimension="center", settings=SETTINGS)
    figures["summarised"] = stats.center_figures(province, PERIOD, SETTINGS)
    figures["monthly"] = stats.monthly(center, PERIOD, settings=SETTINGS)
    figures["funnel"] = stats.funnel(center, PERIOD, settings=SETTINGS)
    figures["mobilisation"] = {k: vars(v) for k, v in stats.mobilisation(center, 2026, SETTINGS).items()}
    figures["june"] = stats.center_figures(province, Period(PERIOD.end.replace(day=1), PERIOD.end), SETTINGS)
    return figures


def test_erasing_people_changes_no_figure(answered, db, admin):
    before = _figures(answered)
    for name in ("u1", "u2", "u4"):
        assert personal_data.erase_person(person(name), by=admin) is True
    assert _figures(answered) == before   # the summary tables as they are...
    summaries.rebuild()
    assert _figures(answered) == before   # ...and rebuilt from the progress tables


def test_an_erased_person_is_anonymous_and_can_no_longer_sign_in(answered, db, admin):
    u1 = person("u1")
    old_session = u1.get_id()
    classes_before = db.session.scalar(select(func.count()).select_from(ClassMember)
                                       .where(ClassMember.user_id == u1.id))
    assert personal_data.erase_person(u1, by=admin) is True
    db.session.expire_all()
    u1 = db.session.get(User, u1.id)
    assert (u1.display_name, u1.username) == (f"Đã xóa #{u1.id}", f"erased-{u1.id}")
    assert not u1.is_active and u1.language is None and u1.last_seen_at is None
    assert (u1.role, u1.sex, u1.birth_year, u1.ethnic_code, u1.center_id) == (Role.LEARNER, "F", 1990, "01",
                                                                             answered["c1"].id)
    assert db.session.scalar(select(func.count()).select_from(ClassMember).where(
        ClassMember.user_id == u1.id)) == classes_before
    assert db.session.scalar(select(PhaseConfirmation.note).where(PhaseConfirmation.user_id == u1.id)) == ""
    assert load_user(old_session) is None  # signed out on every phone
    for username in ("u1", u1.username):
        with pytest.raises(accounts.SignInRefused):
            accounts.authenticate(username, "1234", NOW, max_failures=5, lock_seconds=60)
    # Even re-activated by mistake, no PIN opens the account.
    u1.is_active_account = True
    with pytest.raises(accounts.SignInRefused):
        accounts.authenticate(u1.username, "1234", NOW, max_failures=5, lock_seconds=60)


def test_erasure_takes_the_name_out_of_the_audit_log_and_is_logged(world, db, admin):  # noqa: F811
    teacher = db.session.scalar(select(User).where(User.role == Role.TEACHER))
    cls = world["k1"]
    login = classes.add_learner(cls, display_name="Giàng Thị Hoa", this_year=2026, by=teacher)
    personal_data.record_export(login.user, by=admin)
    personal_data.erase_person(login.user, by=admin)
    personal_data.erase_person(teacher, by=admin)
    text = " ".join(f"{e.actor_name} {e.target} {e.details}" for e in db.session.scalars(select(AuditEntry)))
    assert "Giàng Thị Hoa" not in text and "hoa.giang" not in text and f"Đã xóa #{login.user.id}" in text
    assert teacher.username.startswith("erased-")
    actions = [e.action for e in db.session.scalars(select(AuditEntry).where(AuditEntry.subject_id == login.user.id)
                                                    .order_by(AuditEntry.id))]
    assert actions == ["learner.create", "person.export", "person.erase"]
    [erased] = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "person.erase",
                                                          AuditEntry.subject_id == login.user.id)).all()
    assert erased.actor_id == admin.id and erased.center_id == world["c1"].id


def test_a_second_erasure_changes_nothing(world, db, admin):  # noqa: F811
    u1 = person("u1")
    assert personal_data.erase_person(u1, by=admin) is True
    state = (u1.username, u1.display_name, u1.session_version, u1.secret_hash)
    assert personal_data.erase_person(u1, by=admin) is False
    assert (u1.username, u1.display_name, u1.session_version, u1.secret_hash) == state
    assert db.session.scalar(select(func.count()).select_from(AuditEntry).where(
        AuditEntry.action == "person.erase")) == 1


def test_nobody_erases_themself(world, db, admin):  # noqa: F811
    with pytest.raises(PersonalDataError, match="your own account"):
        personal_data.erase_person(admin, by=admin)
    assert admin.is_active and not personal_data.is_erased(admin)


def test_an_erased_username_taken_by_hand_stays_unique(world, db, admin, make):  # noqa: F811
    u1 = person("u1")
    make.user(Role.LEARNER, center=world["c1"], username=f"erased-{u1.id}")
    personal_data.erase_person(u1, by=admin)
    assert u1.username.startswith(f"erased-{u1.id}-")


def test_search_finds_people_by_name_or_username_a_page_at_a_time(world, db, admin):  # noqa: F811
    found, total = personal_data.search("u")
    assert total >= 8 and all(isinstance(p, User) for p in found)
    found, total = personal_data.search("quản")
    assert [p.username for p in found] == ["quantri"] and total == 1
    page2, total = personal_data.search("", page=2, per_page=3)
    assert len(page2) == 3 and total == db.session.scalar(select(func.count()).select_from(User))
    assert personal_data.counts(person("u1")) == {"enrolments": 1, "lessons_started": 2, "lessons_completed": 2,
                                                  "quiz_attempts": 2, "events": 3, "classes": 1}
