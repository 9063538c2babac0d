"""Classes: running them, enrolling learners with made-up usernames and PINs, and what a teacher watches.

PINs are stored hashed, so a plain PIN exists only in the `NewLogin` returned when it is made: the caller prints
it on a login card at once, and nothing keeps it.
"""
import re
import secrets
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Iterable, Optional

from flask_babel import gettext as _
from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.exc import IntegrityError

from lms.extensions import db
from lms.models import (
    Center, ClassMember, Course, LearningClass, Lesson, LessonProgress, LessonStatus, LessonVersion, PhaseConfirmation,
    PhaseResult, Programme, ProgressEvent, QuizAttempt, QuizQuestion, Role, User,
)
from lms.permissions import can_manage_center_classes, class_scope
from lms.services import accounts, audit, progress
from lms.services.reference import ETHNIC_GROUPS

PIN_DIGITS = 4            # easy to keep in mind for a new reader; sign-in throttling makes guessing take years
INACTIVE_DAYS = 7         # no progress event for this long: the teacher should call
FAILED_TRIES_FOR_HELP = 2  # finished, not passed attempts at one lesson's quiz, with no pass since
MAX_NAMES = 100           # one paste; a class is a few dozen people
_ATTEMPTS = 3             # tries when another teacher takes the same username at the same moment


class ClassError(Exception):
    """A problem a person can fix; the message is already in their language."""


class NotFound(Exception):
    """No such class or learner, or not one this person may run."""


@dataclass(frozen=True)
class NewLogin:
    """A learner and the PIN just given to them: what one login card shows."""

    user: User
    pin: str


# --- names, usernames and PINs ---------------------------------------------------------------------

_LIST_MARKER = re.compile(r"^\s*(?:\d{1,3}\s*[.)]\s*|[-*•·–]\s+)")
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Lower-case ASCII without accents or tone marks, đ written d: "Giàng Thị Hoa" → "giang thi hoa"."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def name_key(name: str) -> str:
    """What two spellings of one name have in common (case, accents, spacing): to spot likely duplicates."""
    return " ".join(_NOT_WORD.sub(" ", fold(name)).split())


def clean_name(raw: str) -> str:
    """A display name as typed, with spaces tidied and a pasted list marker ("1.", "-") taken off."""
    name = " ".join(_LIST_MARKER.sub("", unicodedata.normalize("NFC", raw or "")).split())
    if not any(c.isalpha() for c in name):
        raise ClassError(_("A name needs at least one letter: “%(name)s”.", name=name))
    if len(name) > 120:
        raise ClassError(_("A name has at most 120 characters: “%(name)s”.", name=name[:40] + "…"))
    return name


def parse_names(text: str) -> list[str]:
    """The names of a pasted list, one a line; blank lines are skipped."""
    lines = [line for line in (text or "").splitlines() if line.strip()]
    if not lines:
        raise ClassError(_("Paste at least one name, one a line."))
    if len(lines) > MAX_NAMES:
        raise ClassError(_("At most %(count)s names at a time.", count=MAX_NAMES))
    return [clean_name(line) for line in lines]


def username_base(display_name: str) -> str:
    """Given name, then family name, in ASCII: Vietnamese names put the given name last ("hoa.giang")."""
    words = _NOT_WORD.sub(" ", fold(display_name)).split()
    base = f"{words[-1]}.{words[0]}" if len(words) > 1 else "".join(words)
    if len(base) < 2:
        base = f"hv{base}"  # hv: học viên; a username has at least two characters
    return base[:56]


def unique_usernames(display_names: list[str]) -> list[str]:
    """A username for each name, unique among existing users and among these names (a number is added if needed)."""
    bases = [username_base(name) for name in display_names]
    if not bases:
        return []
    similar = or_(*[User.username.like(f"{base}%") for base in set(bases)])
    taken = set(db.session.scalars(select(User.username).where(similar)))
    names = []
    for base in bases:
        candidate, n = base, 1
        while candidate in taken:
            n += 1
            candidate = f"{base}{n}"
        taken.add(candidate)
        names.append(candidate)
    return names


def _weak(pin: str) -> bool:
    steps = {int(b) - int(a) for a, b in zip(pin, pin[1:])}
    return len(set(pin)) == 1 or steps in ({1}, {-1})


def new_pin(digits: int = PIN_DIGITS) -> str:
    """A random PIN, never one a neighbour would try first (1111, 1234, 9876)."""
    while True:
        pin = f"{secrets.randbelow(10 ** digits):0{digits}d}"
        if not _weak(pin):
            return pin


# --- classes ---------------------------------------------------------------------------------------

@dataclass
class ClassRow:
    learning_class: LearningClass
    programme: Programme
    center: Center
    members: int
    teacher: Optional[User]


def classes_for(user: User, *, archived: bool = False) -> list[ClassRow]:
    """The classes this person may run (the center's, or all for administrators), with their number of learners."""
    counts = (select(ClassMember.class_id, func.count().label("n")).group_by(ClassMember.class_id).subquery())
    rows = db.session.execute(
        select(LearningClass, Programme, Center, func.coalesce(counts.c.n, 0), User)
        .join(Programme, Programme.id == LearningClass.programme_id)
        .join(Center, Center.id == LearningClass.center_id)
        .outerjoin(counts, counts.c.class_id == LearningClass.id)
        .outerjoin(User, User.id == LearningClass.teacher_id)
        .where(class_scope(user), LearningClass.archived.is_(archived))
        # A teacher's own classes first.
        .order_by(case((LearningClass.teacher_id == user.id, 0), else_=1), Center.name, LearningClass.name,
                  LearningClass.id)).all()
    return [ClassRow(*row) for row in rows]


def class_for(user: User, class_id: int) -> LearningClass:
    """A class this person may run, or NotFound."""
    learning_class = db.session.get(LearningClass, class_id)
    if learning_class is None or not can_manage_center_classes(user, learning_class.center_id):
        raise NotFound
    return learning_class


def programme_of(learning_class: LearningClass) -> Programme:
    return db.session.get(Programme, learning_class.programme_id)


def teacher_of(learning_class: LearningClass) -> Optional[User]:
    return db.session.get(User, learning_class.teacher_id) if learning_class.teacher_id else None


def programmes() -> list[Programme]:
    return db.session.scalars(select(Programme).order_by(Programme.position, Programme.id)).all()


def centers_for(user: User) -> list[Center]:
    """The centers this person may create classes in."""
    if user.role is Role.ADMIN:
        return db.session.scalars(select(Center).order_by(Center.name)).all()
    return [user.center] if user.center is not None and can_manage_center_classes(user, user.center_id) else []


def teachers_of(center_id: int) -> list[User]:
    """People who may be named a class's teacher: the center's teachers and managers."""
    return db.session.scalars(select(User).where(
        User.center_id == center_id, User.role.in_((Role.TEACHER, Role.MANAGER)), User.is_active_account.is_(True))
        .order_by(User.display_name)).all()


def _check_class_fields(center_id: int, programme_id: int, name: str, teacher_id: Optional[int]) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ClassError(_("Please give the class a name."))
    if programme_id is None or db.session.get(Programme, programme_id) is None:
        raise ClassError(_("Please choose a programme."))
    if teacher_id is not None and teacher_id not in {t.id for t in teachers_of(center_id)}:
        raise ClassError(_("The teacher must work at the class's center."))
    return name


def create_class(by: User, *, center_id: int, programme_id: int, name: str, place: str = "", schedule: str = "",
                 teacher_id: Optional[int] = None) -> LearningClass:
    """A new class at a center; a teacher who creates one teaches it unless someone else is named."""
    if center_id is None or not can_manage_center_classes(by, center_id) or db.session.get(Center, center_id) is None:
        raise ClassError(_("You cannot create classes at this center."))
    if teacher_id is None and by.role is Role.TEACHER:
        teacher_id = by.id
    name = _check_class_fields(center_id, programme_id, name, teacher_id)
    learning_class = LearningClass(center_id=center_id, programme_id=programme_id, name=name,
                                   place=(place or "").strip(), schedule=(schedule or "").strip(),
                                   teacher_id=teacher_id)
    db.session.add(learning_class)
    db.session.flush()
    audit.record(by, "class.create", name, center_id=center_id, class_id=learning_class.id, programme_id=programme_id)
    db.session.commit()
    return learning_class


def update_class(learning_class: LearningClass, *, programme_id: int, name: str, place: str = "",
                 schedule: str = "", teacher_id: Optional[int] = None) -> None:
    """Change a class; if its programme changes, its learners are enrolled in the new programme's courses."""
    name = _check_class_fields(learning_class.center_id, programme_id, name, teacher_id)
    changed = programme_id != learning_class.programme_id
    learning_class.programme_id, learning_class.name, learning_class.teacher_id = programme_id, name, teacher_id
    learning_class.place, learning_class.schedule = (place or "").strip(), (schedule or "").strip()
    if changed:
        db.session.flush()
        _enrol_in_courses(learning_class, members(learning_class))
    db.session.commit()


def set_archived(learning_class: LearningClass, archived: bool, *, by: Optional[User] = None) -> None:
    """Archive a finished class (its learners, progress and confirmations stay), or bring it back."""
    learning_class.archived = archived
    audit.record(by, "class.archive" if archived else "class.unarchive", learning_class.name,
                 center_id=learning_class.center_id, class_id=learning_class.id)
    db.session.commit()


def programme_courses(learning_class: LearningClass) -> list[Course]:
    """The courses of the class's programme open to its center that have something published, in order."""
    return db.session.scalars(
        select(Course).where(Course.programme_id == learning_class.programme_id,
                             or_(Course.center_id.is_(None), Course.center_id == learning_class.center_id),
                             Course.id.in_(select(Lesson.course_id).where(Lesson.status == LessonStatus.PUBLISHED)))
        .order_by(Course.position, Course.id)).all()


def _enrol_in_courses(learning_class: LearningClass, users: Iterable[User]) -> None:
    courses = programme_courses(learning_class)
    for user in users:
        for course in courses:
            progress.enrol(user, course)


def members(learning_class: LearningClass) -> list[User]:
    return db.session.scalars(select(User).join(ClassMember, ClassMember.user_id == User.id)
                              .where(ClassMember.class_id == learning_class.id)
                              .order_by(User.display_name, User.id)).all()


def member(learning_class: LearningClass, user_id: int) -> User:
    """A learner of this class, or NotFound."""
    user = db.session.scalar(select(User).join(ClassMember, ClassMember.user_id == User.id)
                             .where(ClassMember.class_id == learning_class.id, User.id == user_id))
    if user is None:
        raise NotFound
    return user


def _join(learning_class: LearningClass, users: list[User]) -> None:
    """Put learners in a class (once each) and enrol them in its programme's courses."""
    if learning_class.archived:
        raise ClassError(_("This class is archived: bring it back before adding learners."))
    db.session.flush()
    present = set(db.session.scalars(select(ClassMember.user_id).where(
        ClassMember.class_id == learning_class.id, ClassMember.user_id.in_([u.id for u in users]))))
    for user in users:
        if user.id not in present:
            db.session.add(ClassMember(class_id=learning_class.id, user_id=user.id))
            present.add(user.id)
    _enrol_in_courses(learning_class, users)


def _check_language(language: Optional[str]) -> None:
    if language not in (None, "vi", "en"):
        raise ClassError(_("Unknown language."))


def _check_profile(birth_year: Optional[int], language: Optional[str], this_year: int) -> None:
    if birth_year is not None and not 1900 <= birth_year <= this_year:
        raise ClassError(_("The birth year must be between 1900 and %(year)s.", year=this_year))
    _check_language(language)


def _create_learners(learning_class: LearningClass, people: list[dict]) -> list[NewLogin]:
    """New learner accounts of the class's center, each with a made-up username and PIN (not committed)."""
    usernames = unique_usernames([person["display_name"] for person in people])
    made = []
    for username, person in zip(usernames, people):
        pin = new_pin()
        try:
            user = accounts.create_user(username=username, role=Role.LEARNER, secret=pin,
                                        center_id=learning_class.center_id, **person)
        except accounts.AccountError as error:
            raise ClassError(str(error))
        made.append(NewLogin(user, pin))
    return made


def _committed(work):
    """Run `work` and commit; if another teacher took one of its usernames meanwhile, start again with new ones."""
    for attempt in range(_ATTEMPTS):
        try:
            result = work()
            db.session.commit()
            return result
        except IntegrityError:
            db.session.rollback()
            if attempt == _ATTEMPTS - 1:
                raise ClassError(_("Someone else was adding learners at the same moment. Please try again."))
        except ClassError:
            db.session.rollback()
            raise


def add_learner(learning_class: LearningClass, *, display_name: str, sex: Optional[str] = None,
                birth_year: Optional[int] = None, ethnic_code: Optional[str] = None, language: Optional[str] = None,
                this_year: int, by: Optional[User] = None) -> NewLogin:
    """A new learner with a made-up username and PIN, put in the class."""
    person = dict(display_name=clean_name(display_name), sex=sex or None, birth_year=birth_year,
                  ethnic_code=ethnic_code or None, language=language or None)
    _check_profile(birth_year, person["language"], this_year)

    def work():
        [login] = _create_learners(learning_class, [person])
        _join(learning_class, [login.user])
        audit.record(by, "learner.create", f"{login.user.display_name} ({login.user.username})", subject=login.user,
                     center_id=learning_class.center_id, class_id=learning_class.id, user_id=login.user.id)
        return login
    return _committed(work)


@dataclass
class Pasted:
    """One line of a pasted list and what to do with it."""

    name: str
    # Learners of the center with the same name (ignoring case and accents): probably the same person.
    same_name: list[User] = field(default_factory=list)
    # An earlier line of the same list with the same name.
    repeats_line: Optional[int] = None
    # Those of `same_name` who are already in this class.
    in_class: set[int] = field(default_factory=set)

    @property
    def doubtful(self) -> bool:
        return bool(self.same_name) or self.repeats_line is not None


def check_names(learning_class: LearningClass, names: list[str]) -> list[Pasted]:
    """The pasted names with the likely duplicates found: learners of the center, or lines of the list itself."""
    keys = [name_key(name) for name in names]
    wanted = set(keys)
    center_learners: dict[str, list[User]] = {}
    # Names differ in accents and case, which SQL cannot compare portably: the center's learner names are few.
    for user in db.session.scalars(select(User).where(User.center_id == learning_class.center_id,
                                                      User.role == Role.LEARNER).order_by(User.id)):
        key = name_key(user.display_name)
        if key in wanted:
            center_learners.setdefault(key, []).append(user)
    found = [user.id for users in center_learners.values() for user in users]
    in_class = set(db.session.scalars(select(ClassMember.user_id).where(ClassMember.class_id == learning_class.id,
                                                                         ClassMember.user_id.in_(found))))
    first_line: dict[str, int] = {}
    lines = []
    for number, (name, key) in enumerate(zip(names, keys)):
        same = center_learners.get(key, [])
        lines.append(Pasted(name, same, first_line.get(key), {user.id for user in same} & in_class))
        first_line.setdefault(key, number)
    return lines


NEW, SKIP = "new", "skip"


@dataclass
class Enrolled:
    created: list[NewLogin]
    added: list[User]     # existing learners put in the class (their PIN is unchanged: no card)
    skipped: list[str]


def enrol_many(learning_class: LearningClass, names: list[str], decisions: dict[int, str], *,
               ethnic_code: Optional[str] = None, language: Optional[str] = None,
               by: Optional[User] = None) -> Enrolled:
    """Create learners for pasted names and put them in the class.

    `decisions` maps a line number to NEW, SKIP, or the id (as text) of a learner of the center who is the
    same person; a line without a decision becomes a new learner.
    """
    _check_language(language or None)
    existing_ids = {int(d) for d in decisions.values() if d.isdigit()}
    existing = {u.id: u for u in db.session.scalars(select(User).where(
        User.id.in_(existing_ids), User.center_id == learning_class.center_id, User.role == Role.LEARNER))}
    if existing_ids - existing.keys():
        raise ClassError(_("That learner is not one of this center's."))
    present = set(db.session.scalars(select(ClassMember.user_id).where(ClassMember.class_id == learning_class.id,
                                                                        ClassMember.user_id.in_(existing_ids))))
    new_people, added, skipped = [], [], []
    for number, name in enumerate(names):
        decision = decisions.get(number, NEW)
        if decision == SKIP or (decision.isdigit() and int(decision) in present):
            skipped.append(name)
        elif decision.isdigit():
            present.add(int(decision))  # the same person chosen on two lines joins once
            added.append(existing[int(decision)])
        else:
            new_people.append(dict(display_name=name, ethnic_code=ethnic_code or None, language=language or None))

    def work():
        created = _create_learners(learning_class, new_people)
        _join(learning_class, [login.user for login in created] + added)
        audit.record(by, "class.enrol", learning_class.name, center_id=learning_class.center_id,
                     class_id=learning_class.id, created=[u.user.id for u in created], added=[u.id for u in added])
        return created
    return Enrolled(_committed(work), added, skipped)


def candidates(learning_class: LearningClass, query: str = "") -> list[User]:
    """Learners of the class's center who are not in it, optionally those whose name or username has `query`."""
    statement = (select(User).where(User.center_id == learning_class.center_id, User.role == Role.LEARNER,
                                    User.is_active_account.is_(True),
                                    User.id.not_in(select(ClassMember.user_id).where(
                                        ClassMember.class_id == learning_class.id)))
                 .order_by(User.display_name, User.id))
    query = " ".join((query or "").split())
    if query:
        pattern = f"%{query.lower()}%"
        statement = statement.where(or_(func.lower(User.display_name).like(pattern), User.username.like(pattern)))
    return db.session.scalars(statement.limit(500)).all()


def add_existing(learning_class: LearningClass, user_ids: Iterable[int], *, by: Optional[User] = None) -> int:
    """Put learners of the center in the class; returns how many were given."""
    ids = set(user_ids)
    users = db.session.scalars(select(User).where(User.id.in_(ids), User.center_id == learning_class.center_id,
                                                  User.role == Role.LEARNER)).all()
    if len(users) != len(ids):
        raise ClassError(_("That learner is not one of this center's."))
    if not users:
        raise ClassError(_("Choose at least one learner."))

    def work():
        _join(learning_class, users)
        audit.record(by, "class.enrol", learning_class.name, center_id=learning_class.center_id,
                     class_id=learning_class.id, added=[u.id for u in users])
    _committed(work)
    return len(users)


def remove_member(learning_class: LearningClass, user: User, *, by: Optional[User] = None) -> None:
    """Take a learner out of the class; their account, progress and confirmations stay."""
    row = db.session.scalar(select(ClassMember).where(ClassMember.class_id == learning_class.id,
                                                      ClassMember.user_id == user.id))
    if row is not None:
        db.session.delete(row)
        audit.record(by, "class.remove", learning_class.name, center_id=learning_class.center_id, subject=user,
                     class_id=learning_class.id, user_id=user.id)
    db.session.commit()


def update_learner(user: User, *, display_name: str, sex: Optional[str], birth_year: Optional[int],
                   ethnic_code: Optional[str], language: Optional[str], this_year: int,
                   by: Optional[User] = None) -> None:
    """Correct a learner's profile (the username and PIN stay)."""
    name = clean_name(display_name)
    _check_profile(birth_year, language or None, this_year)
    if sex not in (None, "", "F", "M"):
        raise ClassError(_("Unknown sex."))
    if ethnic_code and ethnic_code not in ETHNIC_GROUPS:
        raise ClassError(_("Unknown ethnic group code."))
    user.display_name, user.sex, user.birth_year = name, sex or None, birth_year
    user.ethnic_code, user.language = ethnic_code or None, language or None
    audit.record(by, "learner.update", f"{name} ({user.username})", center_id=user.center_id, subject=user,
                 user_id=user.id)
    db.session.commit()


def reset_pins(learning_class: LearningClass, user_ids: Iterable[int], *, by: Optional[User] = None) -> list[NewLogin]:
    """New PINs for learners of the class; each is signed out everywhere and their old card stops working."""
    ids = set(user_ids)
    if not ids:
        raise ClassError(_("Choose at least one learner."))
    users = db.session.scalars(select(User).join(ClassMember, ClassMember.user_id == User.id).where(
        ClassMember.class_id == learning_class.id, User.id.in_(ids), User.role == Role.LEARNER)
        .order_by(User.display_name, User.id)).all()
    if len(users) != len(ids):
        raise NotFound
    made = []
    for user in users:
        pin = new_pin()
        accounts.set_secret(user, pin)
        made.append(NewLogin(user, pin))
    audit.record(by, "learner.pin_reset", learning_class.name, center_id=learning_class.center_id,
                 subject=users[0] if len(users) == 1 else None, class_id=learning_class.id,
                 user_ids=[u.id for u in users])
    db.session.commit()
    return made


# --- what the teacher watches ----------------------------------------------------------------------

@dataclass(frozen=True)
class LessonColumn:
    id: int
    course_id: int
    code: str    # "2.3": course 2 of the programme, lesson 3
    title: str
    has_quiz: bool


@dataclass
class Cell:
    """One learner in one lesson."""

    state: str = "todo"   # "todo" | "started" | "done"
    score: Optional[int] = None
    attempts: int = 0
    needs_help: bool = False


@dataclass
class LearnerSummary:
    user: User
    done: int
    started: int
    last_active: Optional[datetime]
    inactive: bool
    stuck_on: list[LessonColumn]
    confirmation: Optional[PhaseConfirmation]


@dataclass
class ClassProgress:
    lessons: list[LessonColumn]
    learners: list[LearnerSummary]
    cells: dict[tuple[int, int], Cell]

    def cell(self, user_id: int, lesson_id: int) -> Cell:
        return self.cells.get((user_id, lesson_id), Cell())

    @property
    def needing_help(self) -> list[LearnerSummary]:
        return [row for row in self.learners if row.stuck_on]

    @property
    def inactive(self) -> list[LearnerSummary]:
        return [row for row in self.learners if row.inactive]


def lesson_columns(learning_class: LearningClass) -> list[LessonColumn]:
    """The published lessons of the class's programme, in course and lesson order, numbered for a table."""
    courses = programme_courses(learning_class)
    order = {course.id: number for number, course in enumerate(courses, 1)}
    with_quiz = select(QuizQuestion.version_id).distinct()
    rows = db.session.execute(
        select(Lesson.id, Lesson.course_id, LessonVersion.title, LessonVersion.id.in_(with_quiz))
        .join(LessonVersion, LessonVersion.id == Lesson.published_version_id)
        .where(Lesson.course_id.in_(order), Lesson.status == LessonStatus.PUBLISHED)
        .order_by(Lesson.position, Lesson.id)).all()
    rows.sort(key=lambda row: order[row[1]])  # stable: lesson order kept within each course
    columns, counter = [], {}
    for lesson_id, course_id, title, has_quiz in rows:
        counter[course_id] = counter.get(course_id, 0) + 1
        columns.append(LessonColumn(lesson_id, course_id, f"{order[course_id]}.{counter[course_id]}", title,
                                    bool(has_quiz)))
    return columns


def last_activity(user_ids: list[int]) -> dict[int, datetime]:
    """Each learner's latest progress event."""
    return dict(db.session.execute(select(ProgressEvent.user_id, func.max(ProgressEvent.occurred_at))
                                   .where(ProgressEvent.user_id.in_(user_ids))
                                   .group_by(ProgressEvent.user_id)).all())


def needs_help(user_ids: list[int], lesson_ids: list[int]) -> set[tuple[int, int]]:
    """(learner, lesson) pairs where the quiz was failed at least twice since it was last passed (or ever)."""
    last_pass = (select(QuizAttempt.user_id, QuizAttempt.lesson_id, func.max(QuizAttempt.finished_at).label("at"))
                 .where(QuizAttempt.passed.is_(True), QuizAttempt.finished_at.is_not(None),
                        QuizAttempt.user_id.in_(user_ids), QuizAttempt.lesson_id.in_(lesson_ids))
                 .group_by(QuizAttempt.user_id, QuizAttempt.lesson_id).subquery())
    rows = db.session.execute(
        select(QuizAttempt.user_id, QuizAttempt.lesson_id)
        .outerjoin(last_pass, and_(last_pass.c.user_id == QuizAttempt.user_id,
                                   last_pass.c.lesson_id == QuizAttempt.lesson_id))
        .where(QuizAttempt.user_id.in_(user_ids), QuizAttempt.lesson_id.in_(lesson_ids),
               QuizAttempt.finished_at.is_not(None), QuizAttempt.passed.is_(False),
               or_(last_pass.c.at.is_(None), QuizAttempt.finished_at > last_pass.c.at))
        .group_by(QuizAttempt.user_id, QuizAttempt.lesson_id)
        .having(func.count() >= FAILED_TRIES_FOR_HELP))
    return {(user_id, lesson_id) for user_id, lesson_id in rows}


def _aware(moment: Optional[datetime]) -> Optional[datetime]:
    return moment if moment is None or moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def class_progress(learning_class: LearningClass, now: datetime, *, only_user: Optional[int] = None) -> ClassProgress:
    """Every learner of the class in every lesson of its programme, who has stopped studying and who is stuck.

    A fixed number of queries whatever the size of the class: per-learner figures are grouped in the database.
    """
    lessons = lesson_columns(learning_class)
    lesson_ids = [lesson.id for lesson in lessons]
    joined = dict(db.session.execute(select(ClassMember.user_id, ClassMember.joined_at).where(
        ClassMember.class_id == learning_class.id)).all())
    if only_user is not None:
        joined = {k: v for k, v in joined.items() if k == only_user}
    user_ids = list(joined)
    users = db.session.scalars(select(User).where(User.id.in_(user_ids)).order_by(User.display_name, User.id)).all()
    cells: dict[tuple[int, int], Cell] = {}
    for user_id, lesson_id, completed_at, best_score, attempts in db.session.execute(
            select(LessonProgress.user_id, LessonProgress.lesson_id, LessonProgress.completed_at,
                   LessonProgress.best_score, LessonProgress.attempts)
            .where(LessonProgress.user_id.in_(user_ids), LessonProgress.lesson_id.in_(lesson_ids))):
        cells[(user_id, lesson_id)] = Cell("done" if completed_at else "started", best_score, attempts or 0)
    counts = {user_id: (done, started) for user_id, done, started in db.session.execute(
        select(LessonProgress.user_id, func.count(LessonProgress.completed_at),
               func.count()).where(LessonProgress.user_id.in_(user_ids), LessonProgress.lesson_id.in_(lesson_ids))
        .group_by(LessonProgress.user_id))}
    activity = last_activity(user_ids)
    stuck = needs_help(user_ids, lesson_ids)
    for key in stuck:
        cells.setdefault(key, Cell("started")).needs_help = True
    by_id = {lesson.id: lesson for lesson in lessons}
    confirmations = latest_confirmations(user_ids, learning_class.programme_id)
    cutoff = now - timedelta(days=INACTIVE_DAYS)
    learners = []
    for user in users:
        done, started = counts.get(user.id, (0, 0))
        last = _aware(activity.get(user.id))
        # Someone just put in the class has had no week yet to study.
        since = max(moment for moment in (last, _aware(joined[user.id])) if moment is not None)
        learners.append(LearnerSummary(
            user=user, done=done, started=started - done, last_active=last, inactive=since < cutoff,
            stuck_on=[by_id[lesson_id] for (user_id, lesson_id) in sorted(stuck) if user_id == user.id],
            confirmation=confirmations.get(user.id)))
    return ClassProgress(lessons, learners, cells)


# --- phase confirmations ---------------------------------------------------------------------------

def record_confirmation(*, learner: User, programme_id: int, result, confirmed_on: date, note: str,
                        by: User, today: date) -> PhaseConfirmation:
    """The teacher's confirmation of a learner's phase result; earlier ones are kept as history."""
    try:
        result = PhaseResult(result)
    except ValueError:
        raise ClassError(_("Please choose a result."))
    if learner.role is not Role.LEARNER:
        raise ClassError(_("Only learners are assessed."))
    if confirmed_on > today:
        raise ClassError(_("The date cannot be in the future."))
    if confirmed_on.year < 2000:
        raise ClassError(_("Please check the date."))
    confirmation = PhaseConfirmation(user_id=learner.id, programme_id=programme_id, result=result,
                                     confirmed_on=confirmed_on, confirmed_by_id=by.id, note=(note or "").strip())
    db.session.add(confirmation)
    db.session.commit()
    return confirmation


def confirmation_history(user_id: int, programme_id: int) -> list[tuple[PhaseConfirmation, Optional[User]]]:
    """Every confirmation of a learner's phase, latest first, with who recorded it."""
    return db.session.execute(
        select(PhaseConfirmation, User).outerjoin(User, User.id == PhaseConfirmation.confirmed_by_id)
        .where(PhaseConfirmation.user_id == user_id, PhaseConfirmation.programme_id == programme_id)
        .order_by(PhaseConfirmation.confirmed_on.desc(), PhaseConfirmation.id.desc())).all()


def _latest():
    """Confirmations ranked within each learner and programme, 1 being the one that counts."""
    return (select(PhaseConfirmation.id, func.row_number().over(
        partition_by=(PhaseConfirmation.user_id, PhaseConfirmation.programme_id),
        order_by=(PhaseConfirmation.confirmed_on.desc(), PhaseConfirmation.id.desc())).label("rank")))


def latest_confirmations(user_ids: list[int], programme_id: int) -> dict[int, PhaseConfirmation]:
    """The confirmation that counts for each of these learners in one programme."""
    ranked = _latest().where(PhaseConfirmation.user_id.in_(user_ids),
                             PhaseConfirmation.programme_id == programme_id).subquery()
    rows = db.session.scalars(select(PhaseConfirmation).join(ranked, ranked.c.id == PhaseConfirmation.id)
                              .where(ranked.c.rank == 1))
    return {row.user_id: row for row in rows}


def confirmations_of(user: User) -> list[tuple[Programme, PhaseConfirmation]]:
    """The confirmation that counts in each programme a learner was assessed in: for their own progress page."""
    ranked = _latest().where(PhaseConfirmation.user_id == user.id).subquery()
    return db.session.execute(
        select(Programme, PhaseConfirmation).join(ranked, ranked.c.id == PhaseConfirmation.id)
        .join(Programme, Programme.id == PhaseConfirmation.programme_id)
        .where(ranked.c.rank == 1).order_by(Programme.position, Programme.id)).all()
