"""The summary tables, kept up to date event by event, equal a rebuild from scratch and the live figures."""
import random
import uuid
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import select

from lms.models import CenterDay, EventKind, Lesson, LearnerDay, LearnerFacts, Role
from lms.services import progress, stats, summaries
from lms.services.progress import EventIn

NOW = datetime(2026, 8, 1, tzinfo=timezone.utc)


def snapshot(db):
    return (sorted((r.center_id, r.day, r.enrolments, r.lessons_completed, r.courses_completed)
                   for r in db.session.scalars(select(CenterDay))),
            sorted((r.user_id, r.day, r.center_id) for r in db.session.scalars(select(LearnerDay))),
            sorted((r.user_id, r.center_id, r.first_enrolled_at, r.first_literacy1_at, r.first_literacy2_at)
                   for r in db.session.scalars(select(LearnerFacts))))


def test_incremental_summaries_equal_a_rebuild_and_the_live_figures(make, db):
    make.pack()
    rng = random.Random(7)
    centers = [make.center("S1", "PS"), make.center("S2", "PS")]
    learners = [make.user(Role.LEARNER, center=rng.choice(centers)) for _ in range(6)]
    teacher = make.user(Role.TEACHER, center=centers[0])  # staff who study are not counted
    lessons = db.session.scalars(select(Lesson)).all()
    events = []
    for person in learners + [teacher]:
        for _ in range(rng.randint(2, 6)):
            lesson = rng.choice(lessons)
            at = datetime(2026, 1, 1, tzinfo=timezone.utc) + timedelta(hours=rng.randint(0, 24 * 200))
            events.append((person, EventIn(uuid=str(uuid.uuid4()), kind=EventKind.READ, lesson_id=lesson.id,
                                           version_id=lesson.published_version_id, occurred_at=at)))
            attempt = str(uuid.uuid4())
            for question in lesson.published_version.questions if rng.random() < 0.6 else []:
                right = [c.id for c in question.choices if c.is_correct == (rng.random() < 0.8)]
                right = right[:1] if question.kind.value != "multiple" else right
                if right:
                    events.append((person, EventIn(
                        uuid=str(uuid.uuid4()), kind=EventKind.ANSWERED, lesson_id=lesson.id,
                        version_id=lesson.published_version_id, attempt=attempt, question_id=question.id,
                        choice_ids=tuple(right), occurred_at=at + timedelta(minutes=rng.randint(1, 3000)))))
    rng.shuffle(events)  # late and out of order, and some twice
    events += rng.sample(events, len(events) // 4)
    for person, event in events:
        progress.record(person, [event], now=NOW, pass_mark=80)
    incremental = snapshot(db)
    assert incremental[0] and incremental[1] and incremental[2]
    summaries.rebuild()
    assert snapshot(db) == incremental
    scope = stats.Scope(province_id=centers[0].commune.province_id)
    settings = stats.Settings(now=NOW)
    for period in (stats.Period(date(2026, 1, 1), date(2026, 12, 31)), stats.Period(date(2026, 3, 1), date(2026, 4, 15))):
        live = stats.figures(scope, period, dimension="center", settings=settings, only=stats.SUMMARISED)
        assert stats.center_figures(scope, period, settings) == live
