"""Learner progress: events applied idempotently, in any order, and the completion rules.

Every derived value is a min or max over events, so the same set of events gives the same
state whatever order they arrive in, and an event sent twice counts once.
"""
import random
import time
import uuid as uuidlib
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Optional

from flask_babel import gettext as _
from sqlalchemy import case, func, select
from sqlalchemy.exc import IntegrityError, OperationalError

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


def record(user: User, events: list, *, now: datetime, pass_mark: int) -> list[EventResult]:
    """Apply a batch of events (EventIn, or EventRejected for ones that failed to parse) and commit once.

    SQLite lets one writer in at a time, and refuses at once a transaction whose snapshot another writer has
    overtaken ("database is locked"); applying events is idempotent, so the whole batch is simply tried again."""
    for attempt in range(LOCK_RETRIES):
        try:
            _take_write_lock()
            results = []
            for item in events:
                if isinstance(item, EventRejected):
                    results.append(EventResult(id=getattr(item, "event_id", ""), status="rejected",
                                               reason=str(item)))
                    continue
                results.append(_record_one(user, item, now, pass_mark))
            db.session.commit()
            return results
        except OperationalError as error:
            if "database is locked" not in str(error) or attempt == LOCK_RETRIES - 1:
                raise
            db.session.rollback()
            time.sleep(random.uniform(0.002, 0.02) * (attempt + 1))
    raise AssertionError("unreachable")


def _take_write_lock() -> None:
    """On SQLite, wait for the one writer's lock before reading anything. Otherwise the batch reads from a
    snapshot, another writer commits, and SQLite refuses our first write at once (waiting would not help): under
    a few phones syncing together the batches started again and again, and some gave up with an error."""
    connection = db.session.connection()
    if connection.dialect.name == "sqlite" and not connection.connection.dbapi_connection.in_transaction:
        connection.exec_driver_sql("BEGIN IMMEDIATE")  # waits up to busy_timeout (lms/__init__.py)


def _record_one(user: User, event: EventIn, now: datetime, pass_mark: int) -> EventResult:
    for attempt in range(2):
        owner = db.session.scalar(select(ProgressEvent.user_id).where(ProgressEvent.uuid == event.uuid))
        if owner is not None:
            if owner != user.id:
                return EventResult(event.uuid, "rejected", _("this id was already used"))
            return EventResult(event.uuid, "duplicate")
        savepoint = db.session.begin_nested()
        try:
            correct = _apply(user, event, now, pass_mark)
            savepoint.commit()
            return EventResult(event.uuid, "accepted", correct=correct)
        except EventRejected as error:
            savepoint.rollback()
            return EventResult(event.uuid, "rejected", str(error))
        except IntegrityError:
            # Another request applied the same event (or created the same row) at the same moment: look again.
            savepoint.rollback()
    return EventResult(event.uuid, "duplicate")


# Lesson versions have 32-bit ids (PostgreSQL's integer): a bigger number names none, and PostgreSQL refuses to
# even compare one with the column (SQLite one beyond 64 bits).
MAX_ID = 2 ** 31 - 1


def _apply(user: User, event: EventIn, now: datetime, pass_mark: int) -> Optional[bool]:
    version = db.session.get(LessonVersion, event.version_id) if 0 < event.version_id <= MAX_ID else None
    if version is None or version.lesson_id != event.lesson_id or version.published_at is None:
        raise EventRejected(_("unknown lesson or version"))
    lesson = version.lesson
    if not can_study(user, lesson.course):
        raise EventRejected(_("this lesson is not open to you"))
    # A phone with a wrong clock must not put progress in the future.
    at = min(event.occurred_at, now)
    correct = None
    question = None
    if event.kind is EventKind.ANSWERED:
        question = _question_of(version, event)
    db.session.add(ProgressEvent(uuid=event.uuid, user_id=user.id, lesson_id=lesson.id, version_id=version.id,
                                 kind=event.kind, occurred_at=at, received_at=now, attempt=event.attempt,
                                 question_id=event.question_id,
                                 choice_ids=",".join(map(str, event.choice_ids)) or None))
    summaries.on_activity(user, at)
    progress = _progress_row(user, lesson)
    if event.kind is EventKind.OPENED:
        progress.first_opened_at = _min(progress.first_opened_at, at)
        progress.last_opened_at = _max(progress.last_opened_at, at)
    elif event.kind is EventKind.READ:
        progress.read_at = _min(progress.read_at, at)
        progress.first_opened_at = _min(progress.first_opened_at, at)
    else:
        correct = _answer(user, version, question, event, at, pass_mark)
        _refresh_quiz(progress)
    db.session.flush()
    if event.kind is not EventKind.OPENED:  # opening a lesson never completes anything
        _refresh_completion(user, lesson, progress)
    return correct


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


def _progress_row(user: User, lesson: Lesson) -> LessonProgress:
    progress = db.session.scalar(select(LessonProgress).where(
        LessonProgress.user_id == user.id, LessonProgress.lesson_id == lesson.id))
    if progress is None:
        progress = LessonProgress(user_id=user.id, lesson_id=lesson.id, course_id=lesson.course_id, attempts=0)
        db.session.add(progress)
        enrol(user, lesson.course)
    return progress


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


def _answer(user, version, question, event, at, pass_mark) -> bool:
    attempt = db.session.scalar(select(QuizAttempt).where(QuizAttempt.key == event.attempt))
    if attempt is None:
        attempt = QuizAttempt(key=event.attempt, user_id=user.id, lesson_id=version.lesson_id,
                              version_id=version.id, total=len(version.questions), answered=0, correct=0)
        db.session.add(attempt)
        db.session.flush()
    elif attempt.user_id != user.id or attempt.version_id != version.id:
        raise EventRejected(_("this attempt belongs to another quiz"))
    right = {c.id for c in question.choices if c.is_correct}
    is_correct = set(event.choice_ids) == right
    answer = db.session.scalar(select(QuizAnswer).where(QuizAnswer.attempt_id == attempt.id,
                                                        QuizAnswer.question_id == question.id))
    choice_ids = ",".join(map(str, event.choice_ids))
    if answer is None:
        db.session.add(QuizAnswer(attempt_id=attempt.id, question_id=question.id, choice_ids=choice_ids,
                                  is_correct=is_correct, answered_at=at))
    elif at < answer.answered_at:  # the first answer given counts, whatever order they arrive in
        answer.choice_ids, answer.is_correct, answer.answered_at = choice_ids, is_correct, at
    db.session.flush()
    answered, correct, last = db.session.execute(
        select(func.count(), func.coalesce(func.sum(case((QuizAnswer.is_correct, 1), else_=0)), 0),
               func.max(QuizAnswer.answered_at)).where(QuizAnswer.attempt_id == attempt.id)).one()
    attempt.answered, attempt.correct = answered, correct
    if answered >= attempt.total:
        mark = version.pass_mark or pass_mark
        attempt.score = round(100 * correct / attempt.total)
        attempt.passed = passes(correct, attempt.total, mark)
        attempt.finished_at = _aware(last)
    return is_correct


def _refresh_quiz(progress: LessonProgress) -> None:
    db.session.flush()
    finished = (QuizAttempt.user_id == progress.user_id, QuizAttempt.lesson_id == progress.lesson_id,
                QuizAttempt.finished_at.is_not(None))
    count, best, passed_at = db.session.execute(
        select(func.count(), func.max(QuizAttempt.score),
               func.min(case((QuizAttempt.passed.is_(True), QuizAttempt.finished_at))))
        .where(*finished)).one()
    progress.attempts, progress.best_score = count, best
    if passed_at is not None:
        progress.passed_at = _min(progress.passed_at, _aware(passed_at))


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


def _refresh_completion(user: User, lesson: Lesson, progress: LessonProgress) -> None:
    done = lesson_completed_at(progress, has_quiz(lesson))
    # Completion is never taken back; a late event can only move it earlier.
    if done is None or (progress.completed_at is not None and progress.completed_at <= done):
        return
    summaries.on_lesson_completed(user, progress.completed_at, done)
    progress.completed_at = done
    db.session.flush()
    course = lesson.course
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
