"""What teachers see and change of the content."""
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from lms.extensions import db
from lms.models import Course, Lesson, LessonVersion, Programme, Role, User


@dataclass
class LessonRow:
    lesson: Lesson
    title: str
    versions: int


def library(user: User) -> list[tuple[Programme, list[tuple[Course, list[LessonRow]]]]]:
    """Programmes → courses → lessons that this person may edit or copy: the shared library and their center's."""
    query = (select(Course).join(Programme).options(selectinload(Course.lessons).selectinload(Lesson.published_version))
             .order_by(Programme.position, Programme.id, Course.position, Course.id))
    if user.role is not Role.ADMIN:
        query = query.where(or_(Course.center_id.is_(None), Course.center_id == user.center_id))
    courses = db.session.scalars(query).all()
    lesson_ids = [lesson.id for course in courses for lesson in course.lessons]
    counts = dict(db.session.execute(select(LessonVersion.lesson_id, func.count()).where(
        LessonVersion.lesson_id.in_(lesson_ids)).group_by(LessonVersion.lesson_id)).all())
    latest_titles = dict(db.session.execute(
        select(LessonVersion.lesson_id, LessonVersion.title).where(LessonVersion.id.in_(
            select(func.max(LessonVersion.id)).where(LessonVersion.lesson_id.in_(lesson_ids))
            .group_by(LessonVersion.lesson_id)))).all())
    grouped: dict[int, tuple[Programme, list]] = {}
    for course in courses:
        rows = [LessonRow(lesson, latest_titles.get(lesson.id, lesson.slug), counts.get(lesson.id, 0))
                for lesson in course.lessons]
        grouped.setdefault(course.programme_id, (course.programme, []))[1].append((course, rows))
    return list(grouped.values())
