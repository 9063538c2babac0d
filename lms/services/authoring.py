"""Authoring: the lessons teachers may work with, and writing, publishing, copying and sharing them.

A lesson being written lives in its draft (lms/models/authoring.py). Publishing turns the draft into a new
LessonVersion with the functions a content-pack import uses (packs.new_version, packs.publish): a version's
HTML is rendered, sanitised and hashed in one place, whether it came from a pack or from the editor.
Who may do what is decided by lms/permissions.py; these functions check it and raise NotAllowed.
"""
import difflib
import io
import posixpath
import re
import tempfile
import zipfile
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Callable, Optional

from flask_babel import gettext as _
from sqlalchemy import case, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from lms.extensions import db
from lms.models import (
    Center, Commune, Course, DraftChoice, DraftMedia, DraftQuestion, Lesson, LessonDraft, LessonStatus,
    LessonVersion, MediaAsset, Programme, Province, QuestionKind, QuizQuestion, Role, User,
)
from lms.models.base import utcnow
from lms.permissions import (
    can_copy_lesson, can_create_course, can_delete_lesson, can_edit_course, can_edit_lesson,
)
from lms.services import audit, markup, media, packs, search

MAX_TEXT_CHARS = 100_000   # a phone-length lesson is a few thousand; this only stops abuse
MAX_CHOICES = 6
Voice = Optional[Callable[[list], int]]


class AuthoringError(Exception):
    """Something that cannot be done; the message is in the user's language."""


class NotAllowed(AuthoringError):
    """This person may not do this to this course or lesson."""


class NotFound(AuthoringError):
    """No such course, lesson, question or version (for this lesson)."""


class Invalid(AuthoringError):
    """Input that cannot be saved or a draft that cannot be published; `problems` says why, one message each."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(" ".join(problems))


class Conflict(AuthoringError):
    """Someone saved the same thing since this person loaded it; `current` is what the server holds now."""

    def __init__(self, current):
        self.current = current
        super().__init__(_("Someone else saved this lesson while you were editing it. Nothing was overwritten."))


class NothingToPublish(AuthoringError):
    """The draft is the same as the published version."""


def _require(allowed: bool) -> None:
    if not allowed:
        raise NotAllowed(_("You may not change this."))


# --- what a teacher works with -------------------------------------------------------------------------

@dataclass
class LessonRow:
    lesson: Lesson
    title: str
    versions: int
    editable: bool = False
    changed: bool = False  # edited since its last version


Shelf = list[tuple[Programme, list[tuple[Course, list[LessonRow]]]]]


@dataclass
class Library:
    """What a teacher works with: the courses they edit, and the shared library they read and copy from."""

    editable: Shelf
    shared: Shelf


def library(user: User) -> Library:
    """Programmes → courses → lessons that this person may edit or copy: their center's, and the shared library."""
    query = (select(Course).join(Programme).options(selectinload(Course.lessons).selectinload(Lesson.published_version))
             .order_by(Programme.position, Programme.id, Course.position, Course.id))
    if user.role is not Role.ADMIN:
        query = query.where(or_(Course.center_id.is_(None), Course.center_id == user.center_id))
    courses = db.session.scalars(query).all()
    lesson_ids = [lesson.id for course in courses for lesson in course.lessons]
    counts = dict(db.session.execute(select(LessonVersion.lesson_id, func.count()).where(
        LessonVersion.lesson_id.in_(lesson_ids)).group_by(LessonVersion.lesson_id)).all())
    latest = db.session.execute(
        select(LessonVersion.lesson_id, LessonVersion.title, LessonVersion.created_at).where(LessonVersion.id.in_(
            select(func.max(LessonVersion.id)).where(LessonVersion.lesson_id.in_(lesson_ids))
            .group_by(LessonVersion.lesson_id)))).all()
    latest = {row.lesson_id: row for row in latest}
    drafts = {row.lesson_id: row for row in db.session.execute(
        select(LessonDraft.lesson_id, LessonDraft.title, LessonDraft.updated_at)
        .where(LessonDraft.lesson_id.in_(lesson_ids))).all()}
    shelves: dict[bool, dict[int, tuple[Programme, list]]] = {True: {}, False: {}}
    for course in courses:
        editable = can_edit_course(user, course)
        rows = []
        for lesson in course.lessons:
            draft, version = drafts.get(lesson.id), latest.get(lesson.id)
            title = (draft.title if draft and draft.title else None) or (version.title if version else lesson.slug)
            changed = draft is not None and version is not None and draft.updated_at > version.created_at
            rows.append(LessonRow(lesson, title, counts.get(lesson.id, 0), editable or can_edit_lesson(user, lesson),
                                  changed))
        shelves[editable].setdefault(course.programme_id, (course.programme, []))[1].append((course, rows))
    return Library(list(shelves[True].values()), list(shelves[False].values()))


def programmes() -> list[Programme]:
    return db.session.scalars(select(Programme).order_by(Programme.position, Programme.id)).all()


@dataclass
class OtherCourse:
    course: Course
    center: str
    province: str
    lessons: int


def other_centers(user: User, query: str = "", page: int = 1, per_page: int = 20) -> tuple[list[OtherCourse], int]:
    """Courses of other centers with something published, to copy from; this person's province first."""
    published = (select(Lesson.course_id, func.count().label("n")).where(Lesson.status == LessonStatus.PUBLISHED)
                 .group_by(Lesson.course_id).subquery())
    stmt = (select(Course, Center.name, Province.name, published.c.n)
            .join(published, published.c.course_id == Course.id)
            .join(Center, Center.id == Course.center_id).join(Commune, Commune.id == Center.commune_id)
            .join(Province, Province.id == Commune.province_id))
    if user.center_id is not None:
        stmt = stmt.where(Course.center_id != user.center_id)
    if query.strip():
        stmt = stmt.where(Course.title.ilike(f"%{query.strip()[:100]}%"))
    total = db.session.scalar(select(func.count()).select_from(stmt.subquery()))
    mine = user.center.province_id if user.center is not None else user.province_id
    rows = db.session.execute(stmt.order_by(case((Province.id == mine, 0), else_=1), Center.name, Course.title, Course.id)
                              .limit(per_page).offset((max(page, 1) - 1) * per_page)).all()
    return [OtherCourse(*row) for row in rows], total


# --- courses ----------------------------------------------------------------------------------------

def slugify(text: str, fallback: str = "bai") -> str:
    """A slug from a Vietnamese title: "Trồng lúa nước" → "trong-lua-nuoc"."""
    slug = re.sub(r"[^a-z0-9]+", "-", search.fold(text).lower()).strip("-")[:60].strip("-")
    return slug or fallback


def _unique(base: str, taken) -> str:
    taken = set(taken)
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def get_course(course_id: int) -> Course:
    course = db.session.get(Course, course_id)
    if course is None:
        raise NotFound(_("This course does not exist."))
    return course


def course_for(user: User, course_id: int) -> Course:
    """A course this person may edit, or read to copy from (the shared library, or another center's with a
    published lesson)."""
    course = get_course(course_id)
    if can_edit_course(user, course) or course.center_id is None:
        return course
    if not any(lesson.status is LessonStatus.PUBLISHED for lesson in course.lessons):
        raise NotAllowed(_("You may not change this."))
    return course


def visible_lessons(user: User, course: Course) -> list[Lesson]:
    """All lessons for those who edit the course; published ones for those who may only copy them."""
    if can_edit_course(user, course):
        return list(course.lessons)
    return [lesson for lesson in course.lessons if can_edit_lesson(user, lesson)
            or lesson.status is LessonStatus.PUBLISHED]


def titles(user: User, lessons: list[Lesson]) -> dict[int, str]:
    """Each lesson's title as this person knows it: the draft's for those who edit it, else the published one."""
    ids = [lesson.id for lesson in lessons]
    drafts = dict(db.session.execute(select(LessonDraft.lesson_id, LessonDraft.title)
                                     .where(LessonDraft.lesson_id.in_(ids))).all())
    result = {}
    for lesson in lessons:
        if can_edit_lesson(user, lesson) and drafts.get(lesson.id):
            result[lesson.id] = drafts[lesson.id]
        elif lesson.published_version is not None:
            result[lesson.id] = lesson.published_version.title
        else:
            latest = packs.latest_version(lesson.id)
            result[lesson.id] = latest.title if latest and can_edit_lesson(user, lesson) else lesson.slug
    return result


@dataclass
class CourseInput:
    title: str
    description: str = ""
    subject: str = ""
    term: Optional[int] = None
    language: str = "vi"


def _check_course(data: CourseInput) -> None:
    problems = []
    if not data.title.strip():
        problems.append(_("Give the course a title."))
    if len(data.title) > 200 or len(data.subject) > 80 or len(data.description) > 2000:
        problems.append(_("A text is too long."))
    if data.term is not None and not 1 <= data.term <= 5:
        problems.append(_("The term is a number from 1 to 5."))
    if not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})?", data.language or ""):
        problems.append(_("The language is a code such as vi, hmn or km."))
    if problems:
        raise Invalid(problems)


def create_course(user: User, programme_id: int, data: CourseInput) -> Course:
    """A new course of this person's center (administrators: of the shared library) in any programme."""
    _require(can_create_course(user))
    programme = db.session.get(Programme, programme_id)
    if programme is None:
        raise Invalid([_("Choose a programme.")])
    _check_course(data)
    base = slugify(data.title, "khoa-hoc")
    taken = db.session.scalars(select(Course.slug).where(Course.programme_id == programme.id,
                                                         Course.slug.like(f"{base}%"))).all()
    position = (db.session.scalar(select(func.max(Course.position)).where(Course.programme_id == programme.id)) or 0) + 1
    course = Course(programme=programme, slug=_unique(base, taken), title=data.title.strip(),
                    description=data.description.strip(), subject=data.subject.strip() or None, term=data.term,
                    language=data.language, position=position,
                    center_id=None if user.role is Role.ADMIN else user.center_id)
    db.session.add(course)
    db.session.commit()
    return course


def update_course(user: User, course: Course, data: CourseInput) -> Course:
    _require(can_edit_course(user, course))
    _check_course(data)
    course.title, course.description = data.title.strip(), data.description.strip()
    course.subject, course.term, course.language = data.subject.strip() or None, data.term, data.language
    search.lessons_changed([lesson.id for lesson in course.lessons])  # the course title is searched too
    db.session.commit()
    return course


def _renumber(lessons: list[Lesson]) -> None:
    for position, lesson in enumerate(lessons, 1):
        if lesson.position != position:
            lesson.position = position


def move_lesson(user: User, lesson: Lesson, step: int) -> None:
    """Move a lesson one place up (-1) or down (+1) in its course."""
    _require(can_edit_course(user, lesson.course))
    ordered = sorted(lesson.course.lessons, key=lambda item: (item.position, item.id))
    index = ordered.index(lesson)
    other = index + (1 if step > 0 else -1)
    if 0 <= other < len(ordered):
        ordered[index], ordered[other] = ordered[other], ordered[index]
    _renumber(ordered)
    db.session.commit()
    db.session.expire(lesson.course, ["lessons"])


def reorder_lessons(user: User, course: Course, lesson_ids: list[int]) -> None:
    """Put a course's lessons in this order (dragged on a laptop); lessons not named keep their place after them."""
    _require(can_edit_course(user, course))
    by_id = {lesson.id: lesson for lesson in course.lessons}
    if not set(lesson_ids) <= set(by_id) or len(set(lesson_ids)) != len(lesson_ids):
        raise Invalid([_("These lessons are not all in this course.")])
    rest = sorted((lesson for lesson in course.lessons if lesson.id not in lesson_ids), key=lambda l: (l.position, l.id))
    _renumber([by_id[i] for i in lesson_ids] + rest)
    db.session.commit()
    db.session.expire(course, ["lessons"])


# --- lessons and their drafts ---------------------------------------------------------------------------

def get_lesson(lesson_id: int) -> Lesson:
    lesson = db.session.get(Lesson, lesson_id)
    if lesson is None:
        raise NotFound(_("This lesson does not exist."))
    return lesson


def lesson_for_editing(user: User, lesson_id: int) -> Lesson:
    lesson = get_lesson(lesson_id)
    _require(can_edit_lesson(user, lesson))
    return lesson


def create_lesson(user: User, course: Course, title: str) -> Lesson:
    """A new draft lesson at the end of a course."""
    _require(can_edit_course(user, course))
    title = title.strip()
    if not title:
        raise Invalid([_("Give the lesson a title.")])
    if len(title) > 200:
        raise Invalid([_("A text is too long.")])
    base = slugify(title)
    taken = db.session.scalars(select(Lesson.slug).where(Lesson.course_id == course.id, Lesson.slug.like(f"{base}%")))
    position = (db.session.scalar(select(func.max(Lesson.position)).where(Lesson.course_id == course.id)) or 0) + 1
    lesson = Lesson(course=course, slug=_unique(base, taken), position=position, status=LessonStatus.DRAFT,
                    author_id=user.id)
    db.session.add(lesson)
    db.session.flush()
    db.session.add(LessonDraft(lesson=lesson, title=title, language=course.language, markdown="",
                               updated_by_id=user.id))
    search.lessons_changed([lesson.id])  # its authors find it from the start
    db.session.commit()
    return lesson


def delete_lesson(user: User, lesson: Lesson) -> None:
    """Delete a lesson that was never published (no learner can have studied it)."""
    _require(can_delete_lesson(user, lesson))
    if db.session.scalar(select(func.count()).select_from(LessonVersion).where(LessonVersion.lesson_id == lesson.id)):
        raise Invalid([_("A lesson that was published once is kept; unpublish it instead.")])
    draft = db.session.scalar(select(LessonDraft).where(LessonDraft.lesson_id == lesson.id))
    if draft is not None:
        db.session.delete(draft)
        db.session.flush()
    course = lesson.course
    db.session.delete(lesson)
    db.session.flush()
    db.session.expire(course, ["lessons"])
    _renumber(sorted(course.lessons, key=lambda item: (item.position, item.id)))
    search.lessons_changed([lesson.id])
    audit.record(user, "lesson.delete", draft.title if draft else lesson.slug, center_id=course.center_id,
                 lesson_id=lesson.id)
    db.session.commit()


def _fill_from_version(draft: LessonDraft, version: LessonVersion) -> None:
    """Make a draft hold exactly a version's content; machine-voice clips are left out (they are made again)."""
    recorded = lambda asset: asset if asset is not None and not asset.machine_voice else None  # noqa: E731
    draft.title, draft.minutes, draft.language, draft.tags = version.title, version.minutes, version.language, version.tags
    draft.markdown, draft.pass_mark, draft.narration = version.markdown, version.pass_mark, recorded(version.narration)
    # By path: a path the draft already maps now means the version's file; the draft's other files stay mapped.
    rows = {item.path: item for item in draft.media}
    for item in version.media:
        if item.path in rows:
            rows[item.path].asset, rows[item.path].audio = item.asset, recorded(item.audio)
        else:
            draft.media.append(DraftMedia(path=item.path, asset=item.asset, audio=recorded(item.audio)))
    draft.questions = [
        DraftQuestion(position=q.position, kind=q.kind, text=q.text, explanation=q.explanation, audio=recorded(q.audio),
                      choices=[DraftChoice(position=c.position, text=c.text, is_correct=c.is_correct, image=c.image)
                               for c in q.choices])
        for q in version.questions]


def draft_for(lesson: Lesson) -> LessonDraft:
    """The lesson's draft; made from its latest version the first time it is opened in the editor."""
    draft = db.session.scalar(select(LessonDraft).where(LessonDraft.lesson_id == lesson.id))
    if draft is not None:
        return draft
    draft = LessonDraft(lesson=lesson, title="", language=lesson.course.language, markdown="")
    version = packs.latest_version(lesson.id)
    if version is not None:
        _fill_from_version(draft, version)
    savepoint = db.session.begin_nested()
    try:
        db.session.add(draft)
        savepoint.commit()
    except IntegrityError:  # opened by two people at the same moment: the other one's draft is the draft
        savepoint.rollback()
        draft = db.session.scalar(select(LessonDraft).where(LessonDraft.lesson_id == lesson.id))
    db.session.commit()
    return draft


@dataclass
class DraftText:
    """The fields of a draft saved together, as typed."""

    title: str
    markdown: str
    minutes: int = 5
    language: str = "vi"
    tags: str = ""
    pass_mark: Optional[int] = None


def _check_text(text: DraftText) -> None:
    problems = []
    if len(text.title) > 200:
        problems.append(_("The title is too long (at most %(n)s characters).", n=200))
    if len(text.markdown) > MAX_TEXT_CHARS:
        problems.append(_("The text is too long (at most %(n)s characters).", n=MAX_TEXT_CHARS))
    if not 1 <= text.minutes <= 120:
        problems.append(_("Minutes must be a whole number from 1 to 120."))
    if text.pass_mark is not None and not 1 <= text.pass_mark <= 100:
        problems.append(_("The pass mark is a percent from 1 to 100."))
    if len(text.tags) > 400 or not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})?", text.language or ""):
        problems.append(_("The language is a code such as vi, hmn or km."))
    if problems:
        raise Invalid(problems)


def _same_text(draft: LessonDraft, text: DraftText) -> bool:
    return (draft.title, draft.markdown, draft.minutes, draft.language, draft.tags, draft.pass_mark) == (
        text.title, text.markdown, text.minutes, text.language, text.tags, text.pass_mark)


def save_draft(user: User, lesson: Lesson, revision: int, text: DraftText, editor_key: Optional[str] = None) -> LessonDraft:
    """Save the text of a draft made from `revision`; refuse it (Conflict) if someone saved another text since.

    `editor_key` names the editor (a browser tab) that sends it: when the last save was its own, its answer was
    lost on the way and the save is sent again, so it is not a conflict. The check and the write are one UPDATE."""
    _require(can_edit_lesson(user, lesson))
    _check_text(text)
    draft = draft_for(lesson)
    if _same_text(draft, text) and (draft.revision == revision or (editor_key and draft.editor_key == editor_key)):
        return draft  # nothing new: a retry, or a save with no change
    mine = LessonDraft.revision == revision
    if editor_key:
        mine = or_(mine, LessonDraft.editor_key == editor_key)
    result = db.session.execute(
        update(LessonDraft).where(LessonDraft.id == draft.id, mine).values(
            title=text.title, markdown=text.markdown, minutes=text.minutes, language=text.language, tags=text.tags,
            pass_mark=text.pass_mark, revision=LessonDraft.revision + 1, editor_key=editor_key,
            updated_by_id=user.id, updated_at=utcnow()),
        execution_options={"synchronize_session": False})
    if result.rowcount != 1:
        db.session.rollback()
        db.session.refresh(draft)
        if _same_text(draft, text):  # the same text twice (a retry): already saved
            return draft
        raise Conflict(draft)
    _draft_words_changed(lesson)
    db.session.commit()
    db.session.refresh(draft)
    return draft


def _draft_words_changed(lesson: Lesson) -> None:
    """A lesson never published is found by its draft's words (title, text, quiz): index them again."""
    if lesson.published_version_id is None:
        search.lessons_changed([lesson.id])


def append_to_text(user: User, lesson: Lesson, revision: int, addition: str) -> LessonDraft:
    """Add a paragraph at the end of the text (a picture inserted without JavaScript)."""
    draft = draft_for(lesson)
    text = DraftText(draft.title, draft.markdown.rstrip() + "\n\n" + addition + "\n", draft.minutes, draft.language,
                     draft.tags, draft.pass_mark)
    if draft.revision != revision:
        raise Conflict(draft)
    return save_draft(user, lesson, revision, text)


def _media_path(draft: LessonDraft, asset: MediaAsset) -> str:
    """The path a draft uses for a stored file, e.g. `media/3fa2c1d09b7e.jpg`; added to the draft if new."""
    for item in draft.media:
        if item.asset_id == asset.id:
            return item.path
    taken = {item.path for item in draft.media}
    path = f"media/{asset.sha256[:12]}.{asset.extension}"
    if path in taken:
        path = f"media/{asset.sha256}.{asset.extension}"
    draft.media.append(DraftMedia(path=path, asset=asset, asset_id=asset.id))
    return path


def _alt(text: str) -> str:
    """A picture's description as it can stand in Markdown brackets."""
    return re.sub(r"\s+", " ", text.replace("[", "(").replace("]", ")")).strip()


def _touch(draft: LessonDraft, user: User) -> None:
    draft.updated_at, draft.updated_by_id = utcnow(), user.id


def add_picture(user: User, lesson: Lesson, data: bytes, alt: str, *, media_root: Path) -> tuple[str, str]:
    """Store an uploaded picture for a draft; return its path and the Markdown that shows it.

    The picture is checked, cleaned and resized by media.store_image (MediaError on a bad file)."""
    _require(can_edit_lesson(user, lesson))
    alt = _alt(alt)
    if not alt:
        raise Invalid([_("Describe the picture in a few words: learners who cannot see it hear or read this.")])
    if len(alt) > 300:
        raise Invalid([_("A text is too long.")])
    asset = media.store_image(data, media_root)
    draft = draft_for(lesson)
    path = _media_path(draft, asset)
    _touch(draft, user)
    db.session.commit()
    return path, f"![{alt}]({path})"


def set_narration(user: User, lesson: Lesson, data: bytes, *, media_root: Path) -> MediaAsset:
    """A recorded or uploaded narration of the whole lesson (it replaces a machine voice)."""
    _require(can_edit_lesson(user, lesson))
    asset = media.store_audio(data, media_root)
    draft = draft_for(lesson)
    _media_path(draft, asset)
    draft.narration = asset
    _touch(draft, user)
    db.session.commit()
    return asset


def clear_narration(user: User, lesson: Lesson) -> None:
    _require(can_edit_lesson(user, lesson))
    draft = draft_for(lesson)
    draft.narration = None
    _touch(draft, user)
    db.session.commit()


def set_machine_voice(user: User, lesson: Lesson, on: bool, voice: Voice = None) -> None:
    """Turn the machine voice of a lesson on or off; turned on, a published lesson gets its clips now."""
    _require(can_edit_lesson(user, lesson))
    lesson.machine_voice = on
    db.session.flush()
    if on and voice is not None and lesson.status is LessonStatus.PUBLISHED:
        voice([lesson])
    db.session.commit()


# --- quizzes ----------------------------------------------------------------------------------------------

@dataclass
class ChoiceInput:
    text: str
    correct: bool = False
    image_id: Optional[int] = None     # a picture already stored
    image: Optional[bytes] = None      # a picture just uploaded


@dataclass
class QuestionInput:
    kind: QuestionKind
    text: str
    explanation: str
    choices: list[ChoiceInput] = field(default_factory=list)


def question_problems(kind: QuestionKind, text: str, explanation: str, choices: list[tuple[str, bool, bool]]) -> list[str]:
    """What is wrong with a question; `choices` are (text, right, is a picture). One rule for editing and publishing."""
    problems = []
    if not text.strip():
        problems.append(_("Write the question."))
    if len(choices) < 2:
        problems.append(_("Give at least two choices."))
    if kind is QuestionKind.TRUE_FALSE and len(choices) != 2:
        problems.append(_("A true/false question has exactly two choices."))
    if len(choices) > MAX_CHOICES:
        problems.append(_("Give at most %(n)s choices.", n=MAX_CHOICES))
    if any(picture and not label.strip() for label, _right, picture in choices):
        problems.append(_("Describe each picture choice in a few words."))
    labels = [label.strip() for label, _right, _picture in choices]
    if len(set(labels)) != len(labels):
        problems.append(_("Two choices are the same."))
    right = sum(1 for _label, is_right, _picture in choices if is_right)
    if choices and right == 0:
        problems.append(_("Mark the right answer."))
    if kind is not QuestionKind.MULTIPLE and right > 1:
        problems.append(_("This kind of question has exactly one right answer."))
    if not explanation.strip():
        problems.append(_("Write an explanation: learners see it after they answer."))
    return problems


def _prepare(data: QuestionInput, media_root: Path, draft: LessonDraft) -> list[ChoiceInput]:
    """Store new choice pictures in the draft (so they are kept even if the question is refused), forget pictures
    the draft does not hold (an id typed into a form must not reach another center's pictures), drop empty choices."""
    kept = []
    for choice in data.choices:
        if choice.image:
            asset = media.store_image(choice.image, media_root)
            _media_path(draft, asset)
            choice.image_id, choice.image = asset.id, None
        if choice.image_id is not None and (picture(choice.image_id) is None or
                                            all(item.asset_id != choice.image_id for item in draft.media)):
            choice.image_id = None
        choice.text = _alt(choice.text) if choice.image_id else choice.text.strip()
        if choice.text or choice.image_id:
            kept.append(choice)
    data.choices = kept
    db.session.commit()  # the pictures are stored whatever happens to the question
    return kept


def picture(asset_id: Optional[int]) -> Optional[MediaAsset]:
    """A stored picture by id (a choice's picture carried by a form that was refused), or None."""
    asset = db.session.get(MediaAsset, asset_id) if asset_id else None
    return asset if asset is not None and asset.kind == "image" else None


def _check_question(data: QuestionInput) -> None:
    problems = question_problems(data.kind, data.text, data.explanation,
                                 [(c.text, c.correct, c.image_id is not None) for c in data.choices])
    if len(data.text) > 2000 or len(data.explanation) > 4000 or any(len(c.text) > 500 for c in data.choices):
        problems.append(_("A text is too long."))
    if problems:
        raise Invalid(problems)


def _write_question(question: DraftQuestion, data: QuestionInput, draft: LessonDraft) -> None:
    question.kind, question.text, question.explanation = data.kind, data.text.strip(), data.explanation.strip()
    question.choices = [DraftChoice(position=i, text=c.text, is_correct=c.correct, image_id=c.image_id)
                        for i, c in enumerate(data.choices, 1)]
    for choice in data.choices:
        if choice.image_id is not None:
            _media_path(draft, db.session.get(MediaAsset, choice.image_id))


def get_question(user: User, question_id: int) -> DraftQuestion:
    question = db.session.get(DraftQuestion, question_id)
    if question is None:
        raise NotFound(_("This question does not exist."))
    _require(can_edit_lesson(user, question.draft.lesson))
    return question


def add_question(user: User, lesson: Lesson, data: QuestionInput, *, media_root: Path) -> DraftQuestion:
    """Add a question at the end of a draft's quiz (Invalid, with every problem, if it is not right yet)."""
    _require(can_edit_lesson(user, lesson))
    draft = draft_for(lesson)
    _prepare(data, media_root, draft)
    _check_question(data)
    question = DraftQuestion(position=len(draft.questions) + 1)
    draft.questions.append(question)
    _write_question(question, data, draft)
    _touch(draft, user)
    _draft_words_changed(lesson)
    db.session.commit()
    return question


def update_question(user: User, question: DraftQuestion, revision: int, data: QuestionInput, *,
                    media_root: Path) -> DraftQuestion:
    """Change a question edited from `revision` (Conflict if someone changed it since)."""
    _require(can_edit_lesson(user, question.draft.lesson))
    _prepare(data, media_root, question.draft)
    _check_question(data)
    claimed = db.session.execute(
        update(DraftQuestion).where(DraftQuestion.id == question.id, DraftQuestion.revision == revision)
        .values(revision=DraftQuestion.revision + 1), execution_options={"synchronize_session": False})
    if claimed.rowcount != 1:
        db.session.rollback()
        db.session.refresh(question)
        raise Conflict(question)
    db.session.refresh(question)
    _write_question(question, data, question.draft)
    _touch(question.draft, user)
    _draft_words_changed(question.draft.lesson)
    db.session.commit()
    return question


def _reorder_questions(draft: LessonDraft, ordered: list[DraftQuestion]) -> None:
    for position, item in enumerate(ordered, 1):
        item.position = position
    db.session.commit()
    db.session.expire(draft, ["questions"])  # loaded again in their new order


def delete_question(user: User, question: DraftQuestion) -> None:
    draft = question.draft
    _require(can_edit_lesson(user, draft.lesson))
    draft.questions.remove(question)
    _touch(draft, user)
    _draft_words_changed(draft.lesson)
    _reorder_questions(draft, sorted(draft.questions, key=lambda item: item.position))


def move_question(user: User, question: DraftQuestion, step: int) -> None:
    draft = question.draft
    _require(can_edit_lesson(user, draft.lesson))
    ordered = sorted(draft.questions, key=lambda item: item.position)
    index = ordered.index(question)
    other = index + (1 if step > 0 else -1)
    if 0 <= other < len(ordered):
        ordered[index], ordered[other] = ordered[other], ordered[index]
    _touch(draft, user)
    _reorder_questions(draft, ordered)


def set_question_audio(user: User, question: DraftQuestion, data: bytes, *, media_root: Path) -> MediaAsset:
    """A recorded clip of the question read aloud; it replaces the machine voice for this question."""
    _require(can_edit_lesson(user, question.draft.lesson))
    asset = media.store_audio(data, media_root)
    _media_path(question.draft, asset)
    question.audio = asset
    _touch(question.draft, user)
    db.session.commit()
    return asset


def clear_question_audio(user: User, question: DraftQuestion) -> None:
    _require(can_edit_lesson(user, question.draft.lesson))
    question.audio = None
    _touch(question.draft, user)
    db.session.commit()


# --- pictures and their clips -----------------------------------------------------------------------------

@dataclass
class DraftPicture:
    """A picture of the draft's text, with its description and its recorded clip, if any."""

    item: DraftMedia
    alt: str

    @property
    def path(self) -> str:
        return self.item.path


def draft_pictures(draft: LessonDraft) -> list[DraftPicture]:
    """The uploaded pictures the draft's text shows, in the order of the text (each once)."""
    by_path = {item.path: item for item in draft.media}
    pictures: dict[str, DraftPicture] = {}
    for alt, href in packs.IMAGE.findall(draft.markdown):
        item = by_path.get(posixpath.normpath(href))
        if item is not None and item.asset.kind == "image" and item.path not in pictures:
            pictures[item.path] = DraftPicture(item, alt.strip())
    return list(pictures.values())


def added_picture(draft: LessonDraft, path: str, alt: str) -> DraftPicture:
    """A picture just uploaded, for the editor's list of clips (its line may not be in the saved text yet)."""
    return DraftPicture(_draft_picture(draft, path), alt.strip())


def _draft_picture(draft: LessonDraft, path: str) -> DraftMedia:
    item = next((item for item in draft.media if item.path == posixpath.normpath(path or ".")), None)
    if item is None or item.asset.kind != "image":
        raise NotFound(_("This picture is not in the lesson."))
    return item


def set_picture_audio(user: User, lesson: Lesson, path: str, data: bytes, *, media_root: Path) -> MediaAsset:
    """A short recorded clip of a picture (its description read aloud); it replaces the machine voice for it.

    Checked like every sound (media.store_audio: by content, size-bounded; MediaError on a bad file)."""
    _require(can_edit_lesson(user, lesson))
    draft = draft_for(lesson)
    item = _draft_picture(draft, path)
    asset = media.store_audio(data, media_root)
    _media_path(draft, asset)
    item.audio = asset
    _touch(draft, user)
    db.session.commit()
    return asset


def clear_picture_audio(user: User, lesson: Lesson, path: str) -> None:
    _require(can_edit_lesson(user, lesson))
    draft = draft_for(lesson)
    _draft_picture(draft, path).audio = None
    _touch(draft, user)
    db.session.commit()


# --- from a draft to a version ----------------------------------------------------------------------------

def lesson_path(lesson: Lesson) -> str:
    """Where the lesson's file is in a pack; links to other lessons are resolved from it, as on import."""
    course = lesson.course
    return f"{course.programme.slug}/{course.position:02d}-{course.slug}/{lesson.position:02d}-{lesson.slug}.md"


def _body(markdown: str) -> str:
    return markdown.replace("\r\n", "\n").strip() + "\n"


def draft_spec(draft: LessonDraft) -> tuple[packs.LessonSpec, dict[str, MediaAsset]]:
    """The draft as a pack lesson: what packs.new_version makes a version of, with the files it uses."""
    by_path = {item.path: item.asset for item in draft.media}
    assets: dict[str, MediaAsset] = {}

    def use(asset: MediaAsset) -> str:
        path = _media_path(draft, asset)
        assets[path] = asset
        return path

    body = _body(draft.markdown)
    clips = {item.path: item.audio for item in draft.media if item.audio is not None}
    picture_audio = {}
    for _alt_text, href in packs.IMAGE.findall(body):
        normal = posixpath.normpath(href)
        if normal in by_path:
            assets[normal] = by_path[normal]
            if normal in clips:
                picture_audio[normal] = use(clips[normal])
    questions = []
    for q in draft.questions:
        texts = [f"![{c.text}]({use(c.image)})" if c.image is not None else c.text for c in q.choices]
        questions.append(packs.QuestionSpec(
            text=q.text, kind=q.kind.value, choices=texts,
            answers=[text for text, c in zip(texts, q.choices) if c.is_correct], explanation=q.explanation,
            audio=use(q.audio) if q.audio is not None else None))
    lesson = draft.lesson
    spec = packs.LessonSpec(
        slug=lesson.slug, position=lesson.position, path=lesson_path(lesson), title=draft.title.strip(),
        minutes=draft.minutes, language=draft.language, tags=[t.strip() for t in draft.tags.split(",") if t.strip()],
        narration=use(draft.narration) if draft.narration is not None else None, pass_mark=draft.pass_mark,
        questions=questions, body=body, picture_audio=picture_audio)
    return spec, assets


def draft_problems(draft: LessonDraft) -> list[str]:
    """Why a draft cannot be published yet (empty when it can)."""
    problems = []
    if not draft.title.strip():
        problems.append(_("Give the lesson a title."))
    if not draft.markdown.strip():
        problems.append(_("Write the text of the lesson."))
    known = {item.path for item in draft.media}
    for alt, href in packs.IMAGE.findall(draft.markdown):
        if packs._is_external(href):
            problems.append(_("The picture %(file)s is not on this site; add pictures with the picture button.",
                              file=href))
        elif posixpath.normpath(href) not in known:
            problems.append(_("The picture %(file)s was not uploaded; add pictures with the picture button.",
                              file=href))
        elif not alt.strip():
            problems.append(_("The picture %(file)s needs a description (alt text).", file=href))
    for n, q in enumerate(draft.questions, 1):
        for problem in question_problems(q.kind, q.text, q.explanation,
                                         [(c.text, c.is_correct, c.image_id is not None) for c in q.choices]):
            problems.append(_("Question %(n)s: %(problem)s", n=n, problem=problem))
    return problems


def has_changes(draft: LessonDraft) -> bool:
    """Whether the draft differs from the lesson's latest version."""
    latest = packs.latest_version(draft.lesson_id)
    if latest is None:
        return True
    spec, assets = draft_spec(draft)
    return latest.source_hash != packs.source_hash(spec, assets)


def preview_html(draft: LessonDraft, markdown: Optional[str] = None, *, media_url: str) -> str:
    """The text (the draft's, or as just typed) rendered exactly as a version would be."""
    by_path = {item.path: item.asset for item in draft.media}
    try:
        return packs.render_body(_body(draft.markdown if markdown is None else markdown), lesson_path(draft.lesson),
                                 by_path, media_url)
    except markup.TooDeep as error:  # said where the text would show, so the editor still opens
        return f'<p class="flash error" role="alert">{escape(str(error))}</p>'


def _new_version_from_draft(user: User, lesson: Lesson, draft: LessonDraft, media_url: str) -> LessonVersion:
    """The draft as a version: a new one, unless the latest version is already exactly this."""
    spec, assets = draft_spec(draft)
    digest = packs.source_hash(spec, assets)
    latest = packs.latest_version(lesson.id)
    if latest is not None and latest.source_hash == digest:
        return latest
    return packs.new_version(lesson, spec, assets, source_hash=digest, media_url=media_url, author_id=user.id)


def _go_live(lesson: Lesson, version: LessonVersion, voice: Voice) -> None:
    packs.publish(lesson, version)
    db.session.flush()
    db.session.expire(lesson, ["published_version"])
    if voice is not None:
        voice([lesson])


def publish(user: User, lesson: Lesson, *, media_url: str, voice: Voice = None,
            revision: Optional[int] = None) -> LessonVersion:
    """Publish the draft as a new version (learners see it from now on) and give it a machine voice if wanted.

    `revision` is the draft's revision the person saw: if the text changed since, nothing is published."""
    _require(can_edit_lesson(user, lesson))
    draft = draft_for(lesson)
    if revision is not None and revision != draft.revision:
        raise Conflict(draft)
    problems = draft_problems(draft)
    if problems:
        raise Invalid(problems)
    try:
        version = _new_version_from_draft(user, lesson, draft, media_url)
    except markup.TooDeep as error:
        db.session.rollback()
        raise Invalid([str(error)])
    if lesson.status is LessonStatus.PUBLISHED and lesson.published_version_id == version.id:
        db.session.rollback()
        raise NothingToPublish(_("Nothing has changed since the published version."))
    _go_live(lesson, version, voice)
    audit.record(user, "lesson.publish", version.title, center_id=lesson.course.center_id, lesson_id=lesson.id,
                 version=version.number)
    db.session.commit()
    return version


def unpublish(user: User, lesson: Lesson) -> None:
    """Take a lesson away from learners; its versions and their progress are kept."""
    _require(can_edit_lesson(user, lesson))
    if lesson.status is LessonStatus.PUBLISHED:
        lesson.status = LessonStatus.UNPUBLISHED
        search.lessons_changed([lesson.id])
        audit.record(user, "lesson.unpublish", lesson.published_version.title, center_id=lesson.course.center_id,
                     lesson_id=lesson.id)
    db.session.commit()


def restore(user: User, lesson: Lesson, version_id: int, *, media_url: str, voice: Voice = None,
            revision: Optional[int] = None) -> LessonVersion:
    """Bring back an old version as a new one: the draft takes its content; a published lesson publishes it."""
    _require(can_edit_lesson(user, lesson))
    old = db.session.get(LessonVersion, version_id)
    if old is None or old.lesson_id != lesson.id:
        raise NotFound(_("This version does not exist."))
    draft = draft_for(lesson)
    if revision is not None and revision != draft.revision:
        raise Conflict(draft)
    _fill_from_version(draft, old)
    draft.revision, draft.editor_key = draft.revision + 1, None
    _touch(draft, user)
    db.session.flush()
    version = _new_version_from_draft(user, lesson, draft, media_url)
    if lesson.status is LessonStatus.PUBLISHED:
        _go_live(lesson, version, voice)
        audit.record(user, "lesson.publish", version.title, center_id=lesson.course.center_id, lesson_id=lesson.id,
                     version=version.number, restored=old.number)
    db.session.commit()
    return version


# --- history --------------------------------------------------------------------------------------------

def _quiz_lines(questions) -> list[str]:
    lines = []
    for n, q in enumerate(questions, 1):
        lines.append(f"{n}. {q.text}")
        for c in q.choices:
            picture = " 🖼" if getattr(c, "image_id", None) else ""
            lines.append(f"   {'✔' if c.is_correct else '·'} {c.text}{picture}")
        lines.append(f"   → {q.explanation}")
    return lines


def content_lines(item) -> list[str]:
    """A version or a draft as lines of text to compare: title, Markdown, then the quiz."""
    return [f"# {item.title}", ""] + _body(item.markdown).splitlines() + (
        ["", "---", ""] + _quiz_lines(item.questions) if item.questions else [])


@dataclass
class DiffLine:
    kind: str  # "same" | "added" | "removed" | "gap"
    text: str


def diff(old: Optional[list[str]], new: list[str], context: int = 2) -> list[DiffLine]:
    """A readable line diff (difflib): changed lines with a little unchanged text around them."""
    old = old or []
    lines: list[DiffLine] = []
    for group in difflib.SequenceMatcher(None, old, new, autojunk=False).get_grouped_opcodes(context):
        if lines:
            lines.append(DiffLine("gap", "…"))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines += [DiffLine("same", text) for text in old[i1:i2]]
                continue
            lines += [DiffLine("removed", text) for text in old[i1:i2]]
            lines += [DiffLine("added", text) for text in new[j1:j2]]
    return lines


@dataclass
class VersionRow:
    version: LessonVersion
    author: Optional[str]
    changes: list[str]
    added: int
    removed: int


def history(lesson: Lesson) -> list[VersionRow]:
    """Every version, newest first: when, by whom, and what changed from the one before."""
    versions = db.session.scalars(
        select(LessonVersion).where(LessonVersion.lesson_id == lesson.id).order_by(LessonVersion.number)
        .options(selectinload(LessonVersion.questions).selectinload(QuizQuestion.choices),
                 selectinload(LessonVersion.media), selectinload(LessonVersion.narration))).all()
    authors = dict(db.session.execute(select(User.id, User.display_name).where(
        User.id.in_({v.created_by_id for v in versions if v.created_by_id}))).all())
    rows, before = [], None
    for version in versions:
        changes = []
        if before is None:
            changes.append(_("first version"))
        else:
            if version.title != before.title:
                changes.append(_("title"))
            if version.markdown != before.markdown:
                changes.append(_("text"))
            if _quiz_lines(version.questions) != _quiz_lines(before.questions):
                changes.append(_("quiz"))
            if {m.asset_id for m in version.media} != {m.asset_id for m in before.media}:
                changes.append(_("pictures and sounds"))
            if (version.minutes, version.language, version.tags, version.pass_mark) != (
                    before.minutes, before.language, before.tags, before.pass_mark):
                changes.append(_("details"))
        lines = diff(content_lines(before) if before else None, content_lines(version), context=0)
        rows.append(VersionRow(version, authors.get(version.created_by_id), changes,
                               sum(line.kind == "added" for line in lines), sum(line.kind == "removed" for line in lines)))
        before = version
    return rows[::-1]


def version_of(lesson: Lesson, version_id: int) -> LessonVersion:
    version = db.session.get(LessonVersion, version_id)
    if version is None or version.lesson_id != lesson.id:
        raise NotFound(_("This version does not exist."))
    return version


def previous_version(version: LessonVersion) -> Optional[LessonVersion]:
    return db.session.scalar(select(LessonVersion).where(
        LessonVersion.lesson_id == version.lesson_id, LessonVersion.number < version.number)
        .order_by(LessonVersion.number.desc()).limit(1))


# --- copying ----------------------------------------------------------------------------------------------

def _copy_into(user: User, source: Lesson, course: Course, position: int) -> Lesson:
    taken = db.session.scalars(select(Lesson.slug).where(Lesson.course_id == course.id))
    lesson = Lesson(course=course, slug=_unique(source.slug, taken), position=position, status=LessonStatus.DRAFT,
                    author_id=user.id, machine_voice=source.machine_voice)
    db.session.add(lesson)
    db.session.flush()
    draft = LessonDraft(lesson=lesson, updated_by_id=user.id)
    _fill_from_version(draft, source.published_version)
    db.session.add(draft)
    return lesson


def copy_lesson(user: User, lesson: Lesson, course: Course) -> Lesson:
    """Copy a published lesson (of the shared library or any center) into a course of one's own, as a draft."""
    _require(can_copy_lesson(user, lesson) and can_edit_course(user, course))
    position = (db.session.scalar(select(func.max(Lesson.position)).where(Lesson.course_id == course.id)) or 0) + 1
    copy = _copy_into(user, lesson, course, position)
    db.session.commit()
    return copy


def copy_course(user: User, course: Course) -> Course:
    """Copy a course's published lessons into a new course of one's own center, as drafts to adapt."""
    published = [lesson for lesson in course.lessons if lesson.status is LessonStatus.PUBLISHED
                 and lesson.published_version_id is not None]
    _require(can_create_course(user) and bool(published) and all(can_copy_lesson(user, l) for l in published))
    taken = db.session.scalars(select(Course.slug).where(Course.programme_id == course.programme_id))
    position = (db.session.scalar(select(func.max(Course.position)).where(
        Course.programme_id == course.programme_id)) or 0) + 1
    copy = Course(programme_id=course.programme_id, slug=_unique(course.slug, taken), title=course.title,
                  description=course.description, subject=course.subject, term=course.term, language=course.language,
                  position=position, center_id=None if user.role is Role.ADMIN else user.center_id)
    db.session.add(copy)
    db.session.flush()
    for lesson in published:
        _copy_into(user, lesson, copy, lesson.position)
    db.session.commit()
    return copy


def copy_targets(user: User) -> list[Course]:
    """The courses a lesson may be copied into: those this person edits."""
    query = select(Course).join(Programme).order_by(Programme.position, Course.position, Course.id)
    if user.role is Role.ADMIN:
        query = query.where(Course.center_id.is_(None))
    elif user.center_id is not None:
        query = query.where(Course.center_id == user.center_id)
    else:
        return []
    return db.session.scalars(query).all()


# --- packs from the browser -------------------------------------------------------------------------------

def export_course(user: User, course: Course, *, media_root: Path) -> bytes:
    """A course as a content-pack .zip (the format of content/): one folder holding its programme folder."""
    _require(can_edit_course(user, course))
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory(prefix="lms-export-") as tmp:
        root = Path(tmp) / course.slug
        packs.export_pack(root, media_root=media_root, course_ids=[course.id])
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(root.rglob("*")):
                if path.is_file():
                    archive.write(path, path.relative_to(tmp).as_posix())
    return buffer.getvalue()


def import_pack(user: User, path: Path, *, media_root: Path, media_url: str, voice: Voice = None) -> packs.ImportReport:
    """Import an uploaded pack exactly as `lms content import` does, into this person's center (administrators:
    into the shared library). All or nothing: packs.PackError lists every problem by file."""
    _require(can_create_course(user))
    center = None if user.role is Role.ADMIN else user.center
    return packs.import_path(path, media_root=media_root, media_url=media_url, voice=voice, center=center,
                             author_id=user.id)
