"""The completion rules and event handling, without HTTP."""
import itertools
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select

from lms.models import (
    CourseCompletion, EventKind, Lesson, LessonProgress, ProgrammeCompletion, ProgressEvent, QuizAnswer, Role,
)
from lms.services import packs, progress
from lms.services.progress import EventIn

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=timezone.utc)
NOW = datetime(2026, 3, 10, 8, 0, tzinfo=timezone.utc)


def lessons(db):
    return {lesson.slug: lesson for lesson in db.session.scalars(select(Lesson))}


def event(kind, lesson, at, **extra):
    return EventIn(uuid=str(uuid.uuid4()), kind=kind, lesson_id=lesson.id, version_id=lesson.published_version_id,
                   occurred_at=at, **extra)


def answers(lesson, at, attempt=None, right=True):
    """Events answering every question of a lesson's quiz (all right, or all wrong)."""
    attempt = attempt or str(uuid.uuid4())
    out = []
    for n, question in enumerate(lesson.published_version.questions):
        pick = [c.id for c in question.choices if c.is_correct == right]
        if question.kind.value != "multiple":
            pick = pick[:1]
        out.append(event(EventKind.ANSWERED, lesson, at + timedelta(seconds=n), attempt=attempt,
                         question_id=question.id, choice_ids=tuple(pick)))
    return out


def apply(user, events, pass_mark=80):
    return progress.record(user, events, now=NOW, pass_mark=pass_mark)


def state(db, user, lesson):
    return db.session.scalar(select(LessonProgress).filter_by(user_id=user.id, lesson_id=lesson.id))


@pytest.fixture
def world(make, db):
    make.pack()
    center = make.center()
    return make.user(Role.LEARNER, center=center), lessons(db)


def test_reading_a_lesson_without_quiz_completes_it_at_the_read_time(world, db):
    user, ls = world
    apply(user, [event(EventKind.READ, ls["chu-b"], T0)])
    assert state(db, user, ls["chu-b"]).completed_at == T0


def test_a_lesson_with_quiz_needs_reading_and_passing(world, db):
    user, ls = world
    a = ls["chu-a"]
    apply(user, [event(EventKind.READ, a, T0)])
    assert state(db, user, a).completed_at is None
    apply(user, answers(a, T0 + timedelta(minutes=5), right=False))
    s = state(db, user, a)
    assert (s.completed_at, s.attempts, s.best_score) == (None, 1, 0)
    passing = answers(a, T0 + timedelta(minutes=10))
    apply(user, passing)
    s = state(db, user, a)
    assert s.best_score == 100 and s.attempts == 2
    assert s.completed_at == passing[-1].occurred_at  # the event that completed it


def test_passing_before_reading_completes_at_the_reading(world, db):
    user, ls = world
    a = ls["chu-a"]
    apply(user, answers(a, T0))
    apply(user, [event(EventKind.READ, a, T0 + timedelta(hours=1))])
    assert state(db, user, a).completed_at == T0 + timedelta(hours=1)


def test_the_same_event_twice_counts_once(world, db):
    user, ls = world
    a = ls["chu-a"]
    batch = answers(a, T0)
    first = apply(user, batch)
    again = apply(user, batch)
    assert [r.status for r in first] == ["accepted"] * len(batch)
    assert [r.status for r in again] == ["duplicate"] * len(batch)
    assert db.session.scalar(select(func.count()).select_from(ProgressEvent)) == len(batch)
    assert db.session.scalar(select(func.count()).select_from(QuizAnswer)) == len(batch)
    assert state(db, user, a).attempts == 1


def test_an_id_used_by_someone_else_is_rejected(world, make, db):
    user, ls = world
    other = make.user(Role.LEARNER, center=user.center)
    e = event(EventKind.READ, ls["chu-b"], T0)
    apply(user, [e])
    [result] = apply(other, [e])
    assert result.status == "rejected"
    assert state(db, other, ls["chu-b"]) is None


def test_within_one_batch_an_event_sent_twice_counts_once_and_an_attempt_stays_with_its_quiz(world, db):
    """A phone's batch is applied together: what an earlier event of the batch did is seen by the later ones."""
    user, ls = world
    a, b = ls["chu-a"], ls["chu-b"]
    quiz = answers(a, T0)
    borrowed = EventIn(**{**vars(quiz[0]), "uuid": str(uuid.uuid4()), "lesson_id": b.id,
                          "version_id": b.published_version_id})
    results = apply(user, [*quiz, quiz[0], borrowed, event(EventKind.READ, a, T0)])
    assert [r.status for r in results] == ["accepted"] * len(quiz) + ["duplicate", "rejected", "accepted"]
    assert db.session.scalar(select(func.count()).select_from(ProgressEvent)) == len(quiz) + 1
    assert db.session.scalar(select(func.count()).select_from(QuizAnswer)) == len(quiz)
    assert state(db, user, a).completed_at == T0 + timedelta(seconds=len(quiz) - 1)
    assert state(db, user, b) is None


def test_a_batch_costs_the_same_statements_whatever_its_number_of_events(world, db):
    """Sync must keep up with a province's phones (DESIGN.md: 1,000 events/s on 2 cores): a batch reads and writes
    set-wise, so three lessons' worth of events cost no more statements than one."""
    from sqlalchemy import event as sa_event
    user, ls = world
    quizzed = [lesson for lesson in ls.values() if lesson.published_version.questions]

    def studied(times):  # what a phone sends after studying each quizzed lesson `times` times
        return [e for _ in range(times) for lesson in quizzed
                for e in (event(EventKind.OPENED, lesson, T0), event(EventKind.READ, lesson, T0), *answers(lesson, T0))]
    apply(user, studied(1))  # first time: progress rows, enrolments and completions are made
    db.session.expire_all()
    statements = []

    def seen(conn, cursor, statement, *args):
        statements.append(statement)
    sa_event.listen(db.engine, "before_cursor_execute", seen)
    try:
        counts = []
        for times in (1, 3):
            batch = studied(times)
            statements.clear()
            results = apply(user, batch)
            assert {r.status for r in results} == {"accepted"}
            counts.append(len(statements))
            db.session.expire_all()
    finally:
        sa_event.remove(db.engine, "before_cursor_execute", seen)
    assert counts[1] == counts[0] < 20, counts


def renamed(n, key):
    """The same id, made unique per learner, so each learner replays the same events as their own."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{n}-{key}"))


def _snapshot(db, user):
    rows = db.session.scalars(select(LessonProgress).filter_by(user_id=user.id).order_by(LessonProgress.lesson_id))
    lesson_part = [(r.lesson_id, r.first_opened_at, r.read_at, r.passed_at, r.completed_at, r.best_score, r.attempts)
                   for r in rows]
    course = db.session.scalars(select(CourseCompletion.completed_at).filter_by(user_id=user.id)).all()
    programme = db.session.scalars(select(ProgrammeCompletion.completed_at).filter_by(user_id=user.id)).all()
    return lesson_part, course, programme


def test_events_in_any_order_give_the_same_result(world, make, db):
    user, ls = world
    a, b = ls["chu-a"], ls["chu-b"]
    attempt_fail = answers(a, T0 + timedelta(minutes=2), right=False)
    attempt_pass = answers(a, T0 + timedelta(minutes=4))
    groups = [
        [event(EventKind.OPENED, a, T0)],
        [event(EventKind.READ, a, T0 + timedelta(minutes=1))],
        attempt_fail,
        attempt_pass,
        [event(EventKind.READ, b, T0 + timedelta(minutes=9))],
        [event(EventKind.READ, a, T0 + timedelta(minutes=30))],  # read again later: changes nothing
    ]
    snapshots = set()
    for n, order in enumerate(itertools.islice(itertools.permutations(groups), 0, None, 37)):
        learner = make.user(Role.LEARNER, center=user.center)
        for group in order:
            fresh = [EventIn(**{**vars(e), "uuid": renamed(n, e.uuid), "attempt": e.attempt and renamed(n, e.attempt)})
                     for e in group]
            for e in reversed(fresh):  # also reverse the answers inside an attempt
                results = apply(learner, [e])
                assert results[0].status == "accepted", results
        lesson_part, course, programme = _snapshot(db, learner)
        snapshots.add((tuple((row[1:]) for row in lesson_part), tuple(course), tuple(programme)))
    assert len(snapshots) == 1, "\n".join(map(repr, snapshots))
    lesson_part, course, programme = snapshots.pop()
    assert course == (T0 + timedelta(minutes=9),)
    assert programme == (T0 + timedelta(minutes=9),)
    assert lesson_part[0][3] == attempt_pass[-1].occurred_at  # lesson a completed when the passing attempt ended


def test_completion_time_is_the_event_time_not_the_sync_time(world, db):
    user, ls = world
    old = NOW - timedelta(days=5)
    apply(user, [event(EventKind.READ, ls["chu-b"], old)])
    assert state(db, user, ls["chu-b"]).completed_at == old


def test_a_clock_in_the_future_is_brought_back_to_now(world, db):
    user, ls = world
    apply(user, [event(EventKind.READ, ls["chu-b"], NOW + timedelta(days=400))])
    assert state(db, user, ls["chu-b"]).completed_at == NOW


def test_course_and_programme_complete_when_all_lessons_are(world, db):
    user, ls = world
    a, b = ls["chu-a"], ls["chu-b"]
    apply(user, [event(EventKind.READ, b, T0)])
    assert db.session.scalar(select(CourseCompletion)) is None
    apply(user, [event(EventKind.READ, a, T0 + timedelta(hours=1))] + answers(a, T0 + timedelta(hours=2)))
    course = db.session.scalar(select(CourseCompletion))
    assert course.completed_at == T0 + timedelta(hours=2, seconds=4)
    assert db.session.scalar(select(ProgrammeCompletion)).completed_at == course.completed_at


def test_two_phones_finishing_a_course_s_last_lessons_at_once_complete_the_course(world, db, app, monkeypatch):
    """On PostgreSQL two batches run side by side; each would count only its own lesson as done and neither would
    complete the course, had the learner's completions not been counted one request at a time."""
    import threading
    import time as clock
    from lms.models import User
    user, ls = world
    a, b = ls["chu-a"], ls["chu-b"]
    apply(user, [event(EventKind.OPENED, a, T0), event(EventKind.OPENED, b, T0)])
    batches = [[event(EventKind.READ, b, T0 + timedelta(days=1))], [event(EventKind.READ, a, T0)] + answers(a, T0)]
    user_id = user.id
    db.session.commit()
    counted = progress._course_completed_at

    def slowly_counted(*args):  # widens the moment between counting and committing
        found = counted(*args)
        clock.sleep(0.3)
        return found
    monkeypatch.setattr(progress, "_course_completed_at", slowly_counted)
    failures = []

    def phone(batch):
        try:
            with app.app_context():
                progress.record(db.session.get(User, user_id), batch, now=NOW, pass_mark=80)
        except Exception as error:  # noqa: BLE001 - reported below
            failures.append(repr(error))
    threads = [threading.Thread(target=phone, args=(batch,)) for batch in batches]
    for thread in threads:
        thread.start()
        clock.sleep(0.05)
    for thread in threads:
        thread.join(30)
    db.session.expire_all()
    assert failures == []
    assert db.session.scalar(select(CourseCompletion)).completed_at == T0 + timedelta(days=1)
    assert db.session.scalar(select(ProgrammeCompletion)) is not None


def test_an_answer_counts_with_what_others_stored_meanwhile_not_with_what_the_page_had_loaded(world, db, app):
    """The quiz page loads the attempt before it records an answer; a phone's sync may change the attempt between."""
    import threading
    from lms.models import QuizAttempt, User
    user, ls = world
    a = ls["chu-a"]
    key = str(uuid.uuid4())
    right = answers(a, T0, attempt=key)
    earlier_wrong = answers(a, T0 - timedelta(minutes=1), attempt=key, right=False)[:2]
    apply(user, right[:-1])
    user_id = user.id
    db.session.commit()
    loaded, _answers = progress.attempt_for(user, key)  # the page holds it while the phone syncs

    def phone():
        with app.app_context():
            progress.record(db.session.get(User, user_id), earlier_wrong, now=NOW, pass_mark=80)
    thread = threading.Thread(target=phone)
    thread.start()
    thread.join(30)
    apply(user, right[-1:])
    assert loaded.correct == 3  # refreshed, not the 4 it was loaded with, plus one
    db.session.expire_all()
    attempt = db.session.scalar(select(QuizAttempt).where(QuizAttempt.key == key))
    assert (attempt.answered, attempt.correct, attempt.score, attempt.passed) == (5, 3, 60, False)
    assert state(db, user, a).passed_at is None


@pytest.mark.parametrize("correct,total,mark,expected", [
    (4, 5, 80, True), (3, 5, 80, False), (5, 5, 100, True), (3, 5, 60, True), (0, 0, 80, False), (2, 3, 67, False),
])
def test_pass_rule(correct, total, mark, expected):
    assert progress.passes(correct, total, mark) is expected


def test_pass_mark_is_a_setting(world, db):
    user, ls = world
    a = ls["chu-a"]
    batch = answers(a, T0)
    # Get exactly three of five right.
    wrong = answers(a, T0, attempt=batch[0].attempt, right=False)
    mixed = batch[:3] + wrong[3:]
    apply(user, [event(EventKind.READ, a, T0)] + mixed, pass_mark=60)
    s = state(db, user, a)
    assert s.best_score == 60 and s.completed_at is not None


def test_a_quiz_is_graded_against_the_version_the_learner_answered(world, make, db, tmp_path):
    user, ls = world
    a = ls["chu-a"]
    old = answers(a, T0)
    apply(user, old[:2])
    # A new version changes the right answer of the first question.
    pack = tmp_path / "pack"
    import shutil
    shutil.copytree(make_pack_path(), pack)
    lesson_file = pack / "chu-cai" / "01-lam-quen" / "01-chu-a.md"
    lesson_file.write_text(lesson_file.read_text(encoding="utf-8").replace('answer: "a"', 'answer: "o"'), encoding="utf-8")
    make.pack(pack)
    db.session.refresh(a)
    assert a.published_version.number == 2
    results = apply(user, old[2:])
    assert all(r.status == "accepted" for r in results)
    s = state(db, user, a)
    assert s.best_score == 100  # graded on version 1, where "a" was right


def make_pack_path():
    from tests.conftest import BASIC_PACK
    return BASIC_PACK


@pytest.mark.parametrize("change,reason", [
    (lambda e, ls: {"version_id": 99999}, "version"),
    (lambda e, ls: {"question_id": 99999}, "question"),
    (lambda e, ls: {"choice_ids": (99999,)}, "choice"),
    (lambda e, ls: {"choice_ids": tuple(c.id for c in ls["chu-a"].published_version.questions[0].choices[:2])}, "one"),
])
def test_bad_events_are_rejected_with_a_reason_and_change_nothing(world, db, change, reason, app):
    user, ls = world
    e = answers(ls["chu-a"], T0)[0]
    bad = EventIn(**{**vars(e), **change(e, ls)})
    with app.test_request_context(headers={"Accept-Language": "en"}):
        [result] = apply(user, [bad])
    assert result.status == "rejected" and result.reason
    assert db.session.scalar(select(func.count()).select_from(ProgressEvent)) == 0


def test_an_attempt_cannot_be_borrowed_by_another_learner(world, make, db):
    user, ls = world
    other = make.user(Role.LEARNER, center=user.center)
    batch = answers(ls["chu-a"], T0)
    apply(user, batch[:1])
    [result] = apply(other, batch[1:2])
    assert result.status == "rejected"


@pytest.mark.parametrize("raw", [
    None, {}, {"id": "x", "type": "read", "lesson": 1, "version": 1, "at": "2026-01-01T00:00:00Z"},
    {"id": str(uuid.uuid4()), "type": "jumped", "lesson": 1, "version": 1, "at": "2026-01-01T00:00:00Z"},
    {"id": str(uuid.uuid4()), "type": "read", "lesson": "1", "version": 1, "at": "2026-01-01T00:00:00Z"},
    {"id": str(uuid.uuid4()), "type": "read", "lesson": 1, "version": 1, "at": "yesterday"},
    {"id": str(uuid.uuid4()), "type": "answered", "lesson": 1, "version": 1, "at": "2026-01-01T00:00:00Z",
     "attempt": str(uuid.uuid4()), "question": 1, "choices": []},
])
def test_malformed_events_are_refused_when_parsed(raw, app):
    with app.test_request_context():
        with pytest.raises(progress.EventRejected):
            progress.parse_event(raw)


def test_a_naive_time_is_taken_as_utc():
    assert progress.parse_time("2026-01-01T07:00:00") == datetime(2026, 1, 1, 7, tzinfo=timezone.utc)
    assert progress.parse_time("2026-01-01T14:00:00+07:00") == datetime(2026, 1, 1, 7, tzinfo=timezone.utc)


def test_a_batch_refused_by_a_locked_database_is_tried_again_and_counted_once(world, db, monkeypatch):
    """SQLite refuses a writer whose snapshot another writer overtook; the batch is applied again, idempotently."""
    from sqlalchemy.exc import OperationalError
    user, ls = world
    real_commit = db.session.commit
    calls = []

    def flaky_commit():
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("COMMIT", {}, Exception("database is locked"))
        return real_commit()

    monkeypatch.setattr(db.session, "commit", flaky_commit)
    results = apply(user, [event(EventKind.READ, ls["chu-b"], T0)])
    monkeypatch.undo()
    # (sqlite3 may already have committed the event when its savepoint was released: then it is a duplicate)
    assert [r.status for r in results] in (["accepted"], ["duplicate"]) and len(calls) == 2
    assert db.session.scalar(select(func.count()).select_from(ProgressEvent)) == 1


def test_phones_syncing_at_once_wait_for_each_other_instead_of_starting_again(world, make, db, app, monkeypatch):
    """Several batches at the same moment: each waits for the database's one writer and is applied once, without
    a batch being refused half-way and tried again (under load that had batches fail after 30 tries)."""
    import threading
    from lms.models import User
    first, ls = world
    learners = [first.id] + [make.user(Role.LEARNER, center=first.center).id for _ in range(3)]
    db.session.commit()
    retries, failures = [], []
    monkeypatch.setattr(progress.time, "sleep", lambda seconds: retries.append(seconds))

    def phone(user_id):
        try:
            with app.app_context():
                user = db.session.get(User, user_id)
                for _ in range(5):
                    batch = [event(kind, lesson, T0) for lesson in ls.values() for kind in (EventKind.OPENED, EventKind.READ)]
                    assert {r.status for r in progress.record(user, batch, now=NOW, pass_mark=80)} == {"accepted"}
        except Exception as error:  # noqa: BLE001 - reported below, with the thread's own traceback lost
            failures.append(repr(error))
    threads = [threading.Thread(target=phone, args=(user_id,)) for user_id in learners]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == [] and retries == []
    assert db.session.scalar(select(func.count()).select_from(ProgressEvent)) == 4 * 5 * 2 * len(ls)


def test_on_sqlite_a_batch_queues_for_the_writer_behind_a_file_lock(world, db, app):
    """SQLite's own wait for its one writer sleeps up to 100 ms at a time; the site's processes queue on a file
    lock instead, which lets the next one in as soon as the lock is free."""
    import fcntl
    import threading
    from lms.models import User
    if db.engine.dialect.name != "sqlite":
        pytest.skip("a SQLite matter")
    user, ls = world
    user_id, read = user.id, event(EventKind.READ, ls["chu-b"], T0)
    db.session.commit()
    done = threading.Event()

    def phone():
        with app.app_context():
            learner = db.session.get(User, user_id)
            progress.record(learner, [read], now=NOW, pass_mark=80)
            done.set()
    with open(f"{db.engine.url.database}-writers", "a") as queue:
        fcntl.flock(queue, fcntl.LOCK_EX)
        thread = threading.Thread(target=phone)
        thread.start()
        assert not done.wait(0.5)  # its turn has not come
    thread.join(10)
    assert done.is_set()
    assert db.session.scalar(select(func.count()).select_from(ProgressEvent)) == 1
