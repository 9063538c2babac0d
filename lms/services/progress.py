"""Learner progress: events applied idempotently, in any order, and the completion rules.

Every derived value is a min or max over events, so the same set of events gives the same
state whatever order they arrive in, and an event sent twice counts once.
"""
import fcntl
import random
import time
import uuid as uuidlib
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Optional

from flask_babel import gettext as _
from sqlalchemy import case, func, insert, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import joinedload, selectinload

from lms.extensions import db
from lms.models import (
    Course, CourseCompletion, Enrolment, Programme, EventKind, Lesson, LessonProgress, LessonStatus, LessonVersion,
    ProgrammeCompletion, ProgressEvent, QuestionKind, QuizAnswer, QuizAttempt, QuizQuestion, User,
)
from lms.models.base import utcnow
from lms.permissions import can_study
from lms.services import catalog, summaries


class EventRejected(Exception):
    """An event that can never be applied; the reason goes back to the client."""


@dataclass(frozen=True)
class EventIn:
    uuid: str
    kind: EventKind
    lesson_id: int
    version_id: int
    occurred_at: datetime
    attempt: Optional[str] = None
    question_id: Optional[int] = None
    choice_ids: tuple[int, ...] = ()


@dataclass
class EventResult:
    id: str
    status: str  # "accepted" | "duplicate" | "rejected"
    reason: Optional[str] = None
    correct: Optional[bool] = None


def new_id() -> str:
    return str(uuidlib.uuid4())


def is_uuid(value) -> bool:
    try:
        uuidlib.UUID(str(value))
    except ValueError:
        return False
    return True


def _uuid(value, name: str) -> str:
    try:
        return str(uuidlib.UUID(str(value)))
    except (ValueError, TypeError, AttributeError):
        raise EventRejected(_("%(name)s is not a UUID", name=name))


def _int(value, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise EventRejected(_("%(name)s must be a number", name=name))
    return value


def parse_time(value) -> datetime:
    """An ISO 8601 time, in UTC; without a zone it is taken as UTC.

    A time that has no UTC equivalent within Python's years 1 to 9999 (such as 0001-01-01T00:00+05:00) is refused
    here rather than failing later when it is stored."""
    try:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        return (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).astimezone(timezone.utc)
    except (ValueError, OverflowError):
        raise EventRejected(_("at is not an ISO 8601 time"))


def parse_event(raw) -> EventIn:
    """Turn one JSON event from a client into an EventIn, or raise EventRejected."""
    if not isinstance(raw, dict):
        raise EventRejected(_("an event must be an object"))
    try:
        kind = EventKind(raw.get("type"))
    except ValueError:
        raise EventRejected(_("type must be opened, read or answered"))
    event = dict(uuid=_uuid(raw.get("id"), "id"), kind=kind, lesson_id=_int(raw.get("lesson"), "lesson"),
                 version_id=_int(raw.get("version"), "version"), occurred_at=parse_time(raw.get("at")))
    if kind is EventKind.ANSWERED:
        choices = raw.get("choices")
        if not isinstance(choices, list) or not choices:
            raise EventRejected(_("choices must be a non-empty list"))
        event.update(attempt=_uuid(raw.get("attempt"), "attempt"), question_id=_int(raw.get("question"), "question"),
                     choice_ids=tuple(sorted({_int(c, "choices") for c in choices})))
    return EventIn(**event)


LOCK_RETRIES = 30
_TRY_AGAIN = ("40001", "40P01")  # PostgreSQL: serialization failure, deadlock detected


def record(user: User, events: list, *, now: datetime, pass_mark: int) -> list[EventResult]:
    """Apply a batch of events (EventIn, or EventRejected for ones that failed to parse) and commit once.

    Applying events is idempotent, so when the database refuses the batch part-way it is simply tried again:
    SQLite refuses at once a transaction whose snapshot another writer overtook ("database is locked"), two
    requests may store the same event or create the same row at the same moment (the second finds it next time),
    and PostgreSQL may end one of two transactions that wait for each other (a deadlock)."""
    for attempt in range(LOCK_RETRIES):
        try:
            with _writer_turn():
                results = _Batch(user, now, pass_mark).apply(events)
                db.session.commit()
            return results
        except (OperationalError, IntegrityError) as error:
            locked = (isinstance(error, IntegrityError) or "database is locked" in str(error)
                      or getattr(error.orig, "sqlstate", None) in _TRY_AGAIN)
            if not locked or attempt == LOCK_RETRIES - 1:
                raise
            db.session.rollback()
            time.sleep(random.uniform(0.002, 0.02) * (attempt + 1))
    raise AssertionError("unreachable")


@contextmanager
def _writer_turn():
    """On SQLite, take the one writer's lock before reading anything, and queue for it in the kernel first.

    Without the lock the batch reads from a snapshot, another writer commits, and SQLite refuses our first write
    at once (waiting would not help). SQLite's own wait polls with sleeps growing to 100 ms, so under a few
    phones syncing and lessons opening together some requests slept for a second; a file lock (flock) wakes the
    next process as soon as the last one commits. Other writers (authoring, sign-in) still wait in SQLite."""
    connection = db.session.connection()
    if connection.dialect.name != "sqlite" or connection.connection.dbapi_connection.in_transaction:
        yield
        return
    path = connection.engine.url.database
    queue = open(f"{path}-writers", "a") if path and path != ":memory:" else None
    try:
        if queue:
            fcntl.flock(queue, fcntl.LOCK_EX)
        connection.exec_driver_sql("BEGIN IMMEDIATE")  # waits up to busy_timeout (lms/__init__.py)
        yield
    finally:
        if queue:
            queue.close()  # releases the flock


# Lesson versions have 32-bit ids (PostgreSQL's integer): a bigger number names none, and PostgreSQL refuses to
# even compare one with the column (SQLite one beyond 64 bits).
MAX_ID = 2 ** 31 - 1


class _Batch:
    """One learner's batch of events, applied together.

    What the events need (their ids already stored, versions, progress rows, quiz attempts and answers) is read
    in one query each, the events are stored in one insert, and quiz results and completions are worked out
    once per lesson at the end: a phone's batch of 100 events costs a dozen statements, not a dozen per event.
    Each event is checked completely before it changes anything, so a rejected one leaves no trace."""

    def __init__(self, user: User, now: datetime, pass_mark: int):
        self.user, self.now, self.pass_mark = user, now, pass_mark
        self.rows = []  # events to store
        self.active_days = {}  # local day -> a moment in it
        self.quizzes = set()  # lessons with an answer in this batch
        self.touched = {}  # lesson id -> lesson, for lessons whose completion may have moved
        self.enrolled = set()  # courses enrol() has seen in this batch

    def apply(self, events: list) -> list[EventResult]:
        self._load([e for e in events if isinstance(e, EventIn)])
        results = [self._one(item) for item in events]
        self._finish()
        return results

    def _load(self, events: list[EventIn]) -> None:
        uuids = {e.uuid for e in events}
        self.owners = dict(db.session.execute(
            select(ProgressEvent.uuid, ProgressEvent.user_id).where(ProgressEvent.uuid.in_(uuids))).all())
        options = [joinedload(LessonVersion.lesson).joinedload(Lesson.course)]
        if any(e.kind is EventKind.ANSWERED for e in events):
            options.append(selectinload(LessonVersion.questions).selectinload(QuizQuestion.choices))
        self.versions = {v.id: v for v in db.session.scalars(select(LessonVersion).options(*options).where(
            LessonVersion.id.in_({e.version_id for e in events if 0 < e.version_id <= MAX_ID})))}
        # Rows are read as they are now, even when the session already holds them (the quiz page loads the attempt
        # before recording an answer): another request may have changed them since. Progress rows stay locked
        # until commit on PostgreSQL, in one order so that two batches of one learner cannot deadlock: a batch and
        # a lesson page writing the same row at once must not overwrite each other's min/max.
        fresh = {"populate_existing": True}
        self.progress = {p.lesson_id: p for p in db.session.scalars(select(LessonProgress).where(
            LessonProgress.user_id == self.user.id,
            LessonProgress.lesson_id.in_({v.lesson_id for v in self.versions.values()}))
            .order_by(LessonProgress.id).with_for_update().execution_options(**fresh))}
        keys = {e.attempt for e in events if e.attempt}
        found = db.session.scalars(select(QuizAttempt).where(QuizAttempt.key.in_(keys))
                                   .execution_options(**fresh)) if keys else ()
        self.attempts = {a.key: a for a in found}
        self.answers = {key: {} for key in self.attempts}  # attempt key -> question id -> QuizAnswer
        key_of = {a.id: a.key for a in self.attempts.values()}
        if key_of:
            for answer in db.session.scalars(select(QuizAnswer).where(QuizAnswer.attempt_id.in_(key_of))
                                             .execution_options(**fresh)):
                self.answers[key_of[answer.attempt_id]][answer.question_id] = answer
        # Attempts and answers made by this batch: built as objects, stored in one insert each by _finish.
        self.new_attempts, self.new_answers = {}, []

    def _one(self, item) -> EventResult:
        if isinstance(item, EventRejected):
            return EventResult(id=getattr(item, "event_id", ""), status="rejected", reason=str(item))
        owner = self.owners.get(item.uuid)
        if owner is not None:
            if owner != self.user.id:
                return EventResult(item.uuid, "rejected", _("this id was already used"))
            return EventResult(item.uuid, "duplicate")
        try:
            version, question = self._check(item)
        except EventRejected as error:
            return EventResult(item.uuid, "rejected", str(error))
        self.owners[item.uuid] = self.user.id
        return EventResult(item.uuid, "accepted", correct=self._apply(item, version, question))

    def _check(self, event: EventIn) -> tuple[LessonVersion, Optional[QuizQuestion]]:
        version = self.versions.get(event.version_id)
        if version is None or version.lesson_id != event.lesson_id or version.published_at is None:
            raise EventRejected(_("unknown lesson or version"))
        if not can_study(self.user, version.lesson.course):
            raise EventRejected(_("this lesson is not open to you"))
        if event.kind is not EventKind.ANSWERED:
            return version, None
        attempt = self.attempts.get(event.attempt)
        if attempt is not None and (attempt.user_id != self.user.id or attempt.version_id != version.id):
            raise EventRejected(_("this attempt belongs to another quiz"))
        return version, _question_of(version, event)

    def _apply(self, event: EventIn, version: LessonVersion, question: Optional[QuizQuestion]) -> Optional[bool]:
        lesson = version.lesson
        # A phone with a wrong clock must not put progress in the future.
        at = min(event.occurred_at, self.now)
        self.rows.append(dict(uuid=event.uuid, user_id=self.user.id, lesson_id=lesson.id, version_id=version.id,
                              kind=event.kind, occurred_at=at, received_at=self.now, attempt=event.attempt,
                              question_id=event.question_id, choice_ids=",".join(map(str, event.choice_ids)) or None))
        self.active_days.setdefault(summaries.local_day(at), at)
        progress = self._progress_row(lesson)
        if event.kind is EventKind.OPENED:  # opening a lesson never completes anything
            progress.first_opened_at = _min(progress.first_opened_at, at)
            progress.last_opened_at = _max(progress.last_opened_at, at)
            return None
        self.touched[lesson.id] = lesson
        if event.kind is EventKind.READ:
            progress.read_at = _min(progress.read_at, at)
            progress.first_opened_at = _min(progress.first_opened_at, at)
            return None
        self.quizzes.add(lesson.id)
        return self._answer(version, question, event, at)

    def _progress_row(self, lesson: Lesson) -> LessonProgress:
        progress = self.progress.get(lesson.id)
        if progress is None:
            progress = LessonProgress(user_id=self.user.id, lesson_id=lesson.id, course_id=lesson.course_id,
                                      attempts=0)
            db.session.add(progress)
            self.progress[lesson.id] = progress
            if lesson.course_id not in self.enrolled:
                enrol(self.user, lesson.course)
                self.enrolled.add(lesson.course_id)
        return progress

    def _answer(self, version: LessonVersion, question: QuizQuestion, event: EventIn, at: datetime) -> bool:
        attempt = self.attempts.get(event.attempt)
        if attempt is None:
            attempt = QuizAttempt(key=event.attempt, user_id=self.user.id, lesson_id=version.lesson_id,
                                  version_id=version.id, total=len(version.questions), answered=0, correct=0)
            self.attempts[event.attempt] = self.new_attempts[event.attempt] = attempt
            self.answers[event.attempt] = {}
        answers = self.answers[event.attempt]
        is_correct = set(event.choice_ids) == {c.id for c in question.choices if c.is_correct}
        choice_ids = ",".join(map(str, event.choice_ids))
        answer = answers.get(question.id)
        if answer is None:
            answers[question.id] = answer = QuizAnswer(question_id=question.id, choice_ids=choice_ids,
                                                       is_correct=is_correct, answered_at=at)
            self.new_answers.append((attempt, answer))
        elif at < answer.answered_at:  # the first answer given counts, whatever order they arrive in
            answer.choice_ids, answer.is_correct, answer.answered_at = choice_ids, is_correct, at
        attempt.answered = len(answers)
        attempt.correct = sum(a.is_correct for a in answers.values())
        if attempt.answered >= attempt.total:
            attempt.score = round(100 * attempt.correct / attempt.total)
            attempt.passed = passes(attempt.correct, attempt.total, version.pass_mark or self.pass_mark)
            attempt.finished_at = max(a.answered_at for a in answers.values())
        return is_correct

    def _finish(self) -> None:
        connection = db.session.connection()
        if self.rows:
            connection.execute(insert(ProgressEvent.__table__), self.rows)
        if self.new_attempts:
            connection.execute(insert(QuizAttempt.__table__), [_columns(a) for a in self.new_attempts.values()])
            for key, id_ in connection.execute(select(QuizAttempt.key, QuizAttempt.id)
                                               .where(QuizAttempt.key.in_(self.new_attempts))):
                self.new_attempts[key].id = id_
        if self.new_answers:
            connection.execute(insert(QuizAnswer.__table__), [{**_columns(answer), "attempt_id": attempt.id}
                                                              for attempt, answer in self.new_answers])
        for at in self.active_days.values():
            summaries.on_activity(self.user, at)
        self._refresh_quizzes()
        moved = {}  # course id -> course of a lesson whose completion moved
        for lesson in self.touched.values():
            if _complete_lesson(self.user, lesson, self.progress[lesson.id]):
                moved[lesson.course_id] = lesson.course
        for course in moved.values():
            _complete_course(self.user, course)

    def _refresh_quizzes(self) -> None:
        """Attempts, best score and first pass of each lesson answered in this batch, over all its attempts."""
        if not self.quizzes:
            return
        db.session.flush()
        found = {row[0]: row[1:] for row in db.session.execute(
            select(QuizAttempt.lesson_id, func.count(), func.max(QuizAttempt.score),
                   func.min(case((QuizAttempt.passed.is_(True), QuizAttempt.finished_at))))
            .where(QuizAttempt.user_id == self.user.id, QuizAttempt.lesson_id.in_(self.quizzes),
                   QuizAttempt.finished_at.is_not(None))
            .group_by(QuizAttempt.lesson_id))}
        for lesson_id in self.quizzes:
            progress = self.progress[lesson_id]
            progress.attempts, progress.best_score, passed_at = found.get(lesson_id, (0, None, None))
            if passed_at is not None:
                progress.passed_at = _min(progress.passed_at, _aware(passed_at))


def _columns(row) -> dict:
    """A new row's values for a plain insert (the database gives the id)."""
    return {c.key: getattr(row, c.key) for c in row.__table__.columns if c.key != "id"}


def _min(a, b):
    return b if a is None else min(a, b)


def _max(a, b):
    return b if a is None else max(a, b)


def _question_of(version: LessonVersion, event: EventIn) -> QuizQuestion:
    question = next((q for q in version.questions if q.id == event.question_id), None)
    if question is None:
        raise EventRejected(_("this question is not in this lesson version"))
    known = {c.id for c in question.choices}
    if not set(event.choice_ids) <= known:
        raise EventRejected(_("a choice is not in this question"))
    if question.kind is not QuestionKind.MULTIPLE and len(event.choice_ids) != 1:
        raise EventRejected(_("this question takes exactly one choice"))
    return question


def start_course(user: User, course: Course) -> None:
    """A learner starts a course from the catalogue."""
    enrol(user, course)
    db.session.commit()


def enrol(user: User, course: Course) -> Enrolment:
    """Start a course (idempotent)."""
    enrolment = db.session.scalar(select(Enrolment).where(Enrolment.user_id == user.id,
                                                          Enrolment.course_id == course.id))
    if enrolment is None:
        enrolment = Enrolment(user_id=user.id, course_id=course.id, enrolled_at=utcnow())
        db.session.add(enrolment)
        summaries.on_enrolment(user, course, enrolment.enrolled_at)
    return enrolment


def passes(correct: int, total: int, pass_mark: int) -> bool:
    """The pass rule: at least pass_mark percent of the questions answered right."""
    return total > 0 and correct * 100 >= pass_mark * total


def _aware(moment):
    return moment if moment is None or moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def has_quiz(lesson: Lesson) -> bool:
    return bool(lesson.published_version and lesson.published_version.questions)


def lesson_completed_at(progress: LessonProgress, needs_quiz: bool) -> Optional[datetime]:
    """The completion rule: read, and passed the quiz if there is one; complete at the later of the two."""
    if progress.read_at is None:
        return None
    if not needs_quiz:
        return progress.read_at
    if progress.passed_at is None:
        return None
    return max(progress.read_at, progress.passed_at)


def _complete_lesson(user: User, lesson: Lesson, progress: LessonProgress) -> bool:
    """Record the lesson's completion if its events complete it (or complete it earlier); True when it moved."""
    done = lesson_completed_at(progress, has_quiz(lesson))
    # Completion is never taken back; a late event can only move it earlier.
    if done is None or (progress.completed_at is not None and progress.completed_at <= done):
        return False
    summaries.on_lesson_completed(user, progress.completed_at, done)
    progress.completed_at = done
    return True


def _complete_course(user: User, course: Course) -> None:
    """After a lesson's completion moved: the course's, and then its programme's."""
    db.session.flush()
    # One learner's completions are counted one request at a time (on PostgreSQL; SQLite has one writer): two
    # phones finishing a course's last two lessons at once would each count only their own lesson. NO KEY UPDATE,
    # because the events just inserted hold a KEY SHARE lock on this row.
    db.session.execute(select(User.id).where(User.id == user.id).with_for_update(key_share=True))
    course_done = _course_completed_at(user.id, course.id)
    if course_done is None:
        return
    before = _set_completion(CourseCompletion, {"user_id": user.id, "course_id": course.id}, course_done)
    if before != course_done:
        summaries.on_course_completed(user, before, course_done)
    courses = catalog.studyable_courses(user, course.programme_id)
    rows = db.session.execute(select(func.count(), func.max(CourseCompletion.completed_at)).where(
        CourseCompletion.user_id == user.id, CourseCompletion.course_id.in_([c.id for c in courses]))).one()
    if courses and rows[0] == len(courses):
        _set_completion(ProgrammeCompletion, {"user_id": user.id, "programme_id": course.programme_id}, _aware(rows[1]))


def _course_completed_at(user_id: int, course_id: int) -> Optional[datetime]:
    """When the last of a course's published lessons was completed, or None while one is not."""
    total = catalog.lesson_counts([course_id]).get(course_id, 0)
    done, last = db.session.execute(
        select(func.count(), func.max(LessonProgress.completed_at)).join(Lesson, Lesson.id == LessonProgress.lesson_id)
        .where(LessonProgress.user_id == user_id, LessonProgress.course_id == course_id,
               Lesson.status == LessonStatus.PUBLISHED, LessonProgress.completed_at.is_not(None))).one()
    return _aware(last) if total and done == total else None


def _set_completion(model, key: dict, at: datetime) -> Optional[datetime]:
    """Record a completion, or move it earlier; returns the completion time it had before (None: new)."""
    row = db.session.scalar(select(model).filter_by(**key))
    if row is None:
        db.session.add(model(**key, completed_at=at))
        db.session.flush()
        return None
    before = row.completed_at
    if at < before:
        row.completed_at = at
        db.session.flush()
        return before
    return at


# --- what a learner sees -------------------------------------------------------------------------

@dataclass
class CourseState:
    course: Course
    total: int
    done: int
    completed_at: Optional[datetime]
    next_lesson: Optional[Lesson]

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def _first_unfinished(user_id: int, course_id: int) -> Optional[Lesson]:
    finished = select(LessonProgress.lesson_id).where(LessonProgress.user_id == user_id,
                                                      LessonProgress.course_id == course_id,
                                                      LessonProgress.completed_at.is_not(None))
    return db.session.scalar(catalog.published_lessons(course_id).where(Lesson.id.not_in(finished)).limit(1))


def my_courses(user: User) -> list[CourseState]:
    """The courses a person has started, most recently studied first, with progress and what is next."""
    last_active = (select(LessonProgress.course_id, func.max(LessonProgress.last_opened_at).label("at"))
                   .where(LessonProgress.user_id == user.id).group_by(LessonProgress.course_id).subquery())
    rows = db.session.execute(
        select(Course, CourseCompletion.completed_at).join(Enrolment, Enrolment.course_id == Course.id)
        .outerjoin(CourseCompletion, (CourseCompletion.course_id == Course.id) & (CourseCompletion.user_id == user.id))
        .outerjoin(last_active, last_active.c.course_id == Course.id)
        .where(Enrolment.user_id == user.id)
        .order_by(last_active.c.at.desc().nulls_last(), Enrolment.enrolled_at.desc())).all()
    ids = [course.id for course, _ in rows]
    totals = catalog.lesson_counts(ids)
    done = dict(db.session.execute(
        select(LessonProgress.course_id, func.count()).join(Lesson, Lesson.id == LessonProgress.lesson_id)
        .where(LessonProgress.user_id == user.id, LessonProgress.course_id.in_(ids),
               LessonProgress.completed_at.is_not(None), Lesson.status == LessonStatus.PUBLISHED)
        .group_by(LessonProgress.course_id)).all())
    return [CourseState(course, totals.get(course.id, 0), done.get(course.id, 0), completed_at,
                        _first_unfinished(user.id, course.id))
            for course, completed_at in rows if totals.get(course.id)]


def continue_lesson(user: User, courses: list[CourseState]) -> Optional[Lesson]:
    """Where the person left off: the last lesson opened and not finished, else the next one of their latest course."""
    lesson = db.session.scalar(
        select(Lesson).join(LessonProgress, LessonProgress.lesson_id == Lesson.id)
        .where(LessonProgress.user_id == user.id, LessonProgress.completed_at.is_(None),
               Lesson.status == LessonStatus.PUBLISHED)
        .order_by(LessonProgress.last_opened_at.desc().nulls_last()).limit(1))
    if lesson is not None:
        return lesson
    return next((state.next_lesson for state in courses if state.next_lesson), None)


def lesson_states(user: User, course_id: int) -> dict[int, LessonProgress]:
    return {p.lesson_id: p for p in db.session.scalars(select(LessonProgress).where(
        LessonProgress.user_id == user.id, LessonProgress.course_id == course_id))}


def lesson_state(user: User, lesson_id: int) -> Optional[LessonProgress]:
    return db.session.scalar(select(LessonProgress).where(LessonProgress.user_id == user.id,
                                                          LessonProgress.lesson_id == lesson_id))


def completed_lessons(user: User):
    """(lesson, progress) pairs of finished lessons, latest first."""
    return db.session.execute(
        select(Lesson, LessonProgress).join(LessonProgress, LessonProgress.lesson_id == Lesson.id)
        .where(LessonProgress.user_id == user.id, LessonProgress.completed_at.is_not(None))
        .order_by(LessonProgress.completed_at.desc())).all()


def completed_courses(user: User):
    return db.session.execute(
        select(Course, CourseCompletion.completed_at).join(CourseCompletion, CourseCompletion.course_id == Course.id)
        .where(CourseCompletion.user_id == user.id).order_by(CourseCompletion.completed_at.desc())).all()


def completed_programmes(user: User):
    return db.session.execute(
        select(Programme, ProgrammeCompletion.completed_at)
        .join(ProgrammeCompletion, ProgrammeCompletion.programme_id == Programme.id)
        .where(ProgrammeCompletion.user_id == user.id).order_by(ProgrammeCompletion.completed_at.desc())).all()


def attempt_for(user: User, key: str) -> tuple[Optional[QuizAttempt], dict[int, QuizAnswer]]:
    """A person's quiz attempt and its answers by question, or (None, {}) before the first answer."""
    attempt = db.session.scalar(select(QuizAttempt).where(QuizAttempt.key == key, QuizAttempt.user_id == user.id))
    if attempt is None:
        return None, {}
    answers = db.session.scalars(select(QuizAnswer).where(QuizAnswer.attempt_id == attempt.id))
    return attempt, {a.question_id: a for a in answers}


def lesson_rows(user: User):
    """(lesson, progress) for every lesson the person has touched."""
    return db.session.execute(
        select(Lesson, LessonProgress).join(LessonProgress, LessonProgress.lesson_id == Lesson.id)
        .where(LessonProgress.user_id == user.id).order_by(LessonProgress.course_id, Lesson.position)).all()
