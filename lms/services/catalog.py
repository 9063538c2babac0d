"""The published catalogue as a learner sees it."""
from typing import Optional

from sqlalchemy import func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from lms.extensions import db
from lms.models import (Course, Lesson, LessonStatus, LessonVersion, Programme, QuizChoice, QuizQuestion, User,
                        VersionMedia)
from lms.permissions import can_study


class NotFound(Exception):
    """The thing does not exist, is not published, or is not for this person."""


def _visible_to(user: User):
    return or_(Course.center_id.is_(None), Course.center_id == user.center_id)


def published_lessons(course_id: int):
    """A select of a course's published lessons in order."""
    return (select(Lesson).where(Lesson.course_id == course_id, Lesson.status == LessonStatus.PUBLISHED)
            .options(joinedload(Lesson.published_version)).order_by(Lesson.position, Lesson.id))


def course_lessons(course_id: int) -> list[Lesson]:
    return db.session.scalars(published_lessons(course_id)).all()


def lesson_counts(course_ids) -> dict[int, int]:
    """Published lessons per course."""
    rows = db.session.execute(select(Lesson.course_id, func.count()).where(
        Lesson.course_id.in_(course_ids), Lesson.status == LessonStatus.PUBLISHED).group_by(Lesson.course_id))
    return dict(rows.all())


def programmes_for(user: User) -> list[tuple[Programme, list[Course]]]:
    """Programmes with the courses this person may study that have something published."""
    courses = db.session.scalars(
        select(Course).join(Programme).where(_visible_to(user))
        .where(Course.id.in_(select(Lesson.course_id).where(Lesson.status == LessonStatus.PUBLISHED)))
        .order_by(Programme.position, Programme.id, Course.position, Course.id)).all()
    grouped: dict[int, tuple[Programme, list[Course]]] = {}
    for course in courses:
        grouped.setdefault(course.programme_id, (course.programme, []))[1].append(course)
    return list(grouped.values())


def studyable_courses(user: User, programme_id: int) -> list[Course]:
    """The courses of a programme that count towards its completion for this person."""
    return db.session.scalars(
        select(Course).where(Course.programme_id == programme_id, _visible_to(user))
        .where(Course.id.in_(select(Lesson.course_id).where(Lesson.status == LessonStatus.PUBLISHED)))).all()


def course_for(user: User, course_id: int) -> Course:
    course = db.session.get(Course, course_id)
    if course is None or not can_study(user, course):
        raise NotFound
    return course


def lesson_for(user: User, lesson_id: int) -> Lesson:
    """A published lesson this person may study, with its course and published version."""
    lesson = db.session.get(Lesson, lesson_id, options=[joinedload(Lesson.course), joinedload(Lesson.published_version)])
    if lesson is None or lesson.status is not LessonStatus.PUBLISHED or lesson.published_version is None:
        raise NotFound
    if not can_study(user, lesson.course):
        raise NotFound
    return lesson


def version_for_page(version_id: int) -> LessonVersion:
    """A version with everything its lesson page shows (quiz, pictures, sounds) loaded in four queries."""
    return db.session.get(LessonVersion, version_id, options=[
        joinedload(LessonVersion.narration),
        selectinload(LessonVersion.questions).joinedload(QuizQuestion.audio),
        selectinload(LessonVersion.questions).selectinload(QuizQuestion.choices)
        .options(joinedload(QuizChoice.audio), joinedload(QuizChoice.image)),
        selectinload(LessonVersion.media).options(joinedload(VersionMedia.asset), joinedload(VersionMedia.audio)),
    ], populate_existing=True)


def lesson_by_slugs(user: User, programme: str, course: str, lesson: str) -> Lesson:
    lesson_id = db.session.scalar(
        select(Lesson.id).join(Course).join(Programme)
        .where(Programme.slug == programme, Course.slug == course, Lesson.slug == lesson))
    if lesson_id is None:
        raise NotFound
    return lesson_for(user, lesson_id)


def next_lesson(lesson: Lesson) -> Optional[Lesson]:
    """The published lesson after this one in its course."""
    return db.session.scalar(
        published_lessons(lesson.course_id)
        .where(or_(Lesson.position > lesson.position, (Lesson.position == lesson.position) & (Lesson.id > lesson.id)))
        .limit(1))


def quiz_version(lesson: Lesson, version_id: int):
    """A published version of this lesson that has a quiz (a learner may be mid-quiz on an older one)."""
    version = db.session.get(LessonVersion, version_id)
    if version is None or version.lesson_id != lesson.id or version.published_at is None or not version.questions:
        raise NotFound
    return version
