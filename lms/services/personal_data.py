"""A person's data under Decree 13/2023: everything stored about them, as one document, and its erasure.

Erasure anonymises the person in place instead of deleting rows: the center's figures (enrolments, completions,
breakdowns by sex, ethnic group, age band and class) must not change when someone leaves. What identifies the person
goes: name, username, PIN or password, preferences, free text written about them, their name in the audit log. What
the statistics count stays, tied to an account nobody can sign in to: role, center, sex, birth year, ethnic group,
class memberships, enrolments, progress, quiz results and the summary tables.
"""
import secrets
from datetime import date, datetime
from typing import Any, Optional

from flask_babel import gettext as _
from sqlalchemy import func, inspect, select, update

from lms.extensions import db
from lms.models import (
    ApiToken, AuditEntry, Center, ClassMember, Course, CourseCompletion, Enrolment, LearnerDay, LearnerFacts,
    LearningClass, Lesson, LessonDraft, LessonProgress, LessonVersion, MobilisationBase, PhaseConfirmation, Programme,
    ProgrammeCompletion, ProgressEvent, QuizAnswer, QuizAttempt, User,
)
from lms.models.base import utcnow
from lms.services import audit
from lms.services.reference import ETHNIC_GROUPS

FORMAT = "lms-person-export/1"
ERASED_NAME = "Đã xóa #{id}"        # data, not interface text: the same in every language, like a name
ERASED_USERNAME = "erased-{id}"
UNUSABLE_SECRET = "!erased"         # not a werkzeug hash: no PIN or password ever matches it
PER_PAGE = 50

# Every column that points at a person, and where the export shows what it points from (a test holds this list
# equal to the schema, so a new table about people cannot be forgotten here).
COVERED = {
    ("enrolments", "user_id"): "enrolments",
    ("lesson_progress", "user_id"): "lesson_progress",
    ("quiz_attempts", "user_id"): "quiz_attempts",
    ("progress_events", "user_id"): "progress_events",
    ("course_completions", "user_id"): "course_completions",
    ("programme_completions", "user_id"): "programme_completions",
    ("class_members", "user_id"): "class_memberships",
    ("phase_confirmations", "user_id"): "phase_confirmations",
    ("learner_facts", "user_id"): "summaries",
    ("learner_days", "user_id"): "summaries",
    ("lessons", "author_id"): "as_staff",
    ("lesson_versions", "created_by_id"): "as_staff",
    ("lesson_drafts", "updated_by_id"): "as_staff",
    ("classes", "teacher_id"): "as_staff",
    ("phase_confirmations", "confirmed_by_id"): "as_staff",
    ("mobilisation_bases", "updated_by_id"): "as_staff",
    ("api_tokens", "created_by_id"): "as_staff",
    ("audit_log", "actor_id"): "audit",
    ("audit_log", "subject_id"): "audit",
}


class PersonalDataError(Exception):
    """Something that cannot be done; the message is in the user's language."""


# --- finding people ---------------------------------------------------------------------------------

def search(query: str = "", page: int = 1, per_page: int = PER_PAGE) -> tuple[list[User], int]:
    """People whose username or name contains `query` (everyone when empty), by name; and how many there are."""
    statement = select(User)
    query = " ".join((query or "").split())
    if query:
        pattern = f"%{query.lower()}%"
        statement = statement.where((func.lower(User.display_name).like(pattern)) | User.username.like(pattern))
    total = db.session.scalar(select(func.count()).select_from(statement.subquery()))
    people = db.session.scalars(statement.order_by(User.display_name, User.id)
                                .limit(per_page).offset((max(page, 1) - 1) * per_page)).all()
    return people, total


def counts(user: User) -> dict[str, int]:
    """How many rows of progress the person has, for the profile page."""
    def count(model, *where):
        return db.session.scalar(select(func.count()).select_from(model).where(*where))
    return {
        "enrolments": count(Enrolment, Enrolment.user_id == user.id),
        "lessons_started": count(LessonProgress, LessonProgress.user_id == user.id),
        "lessons_completed": count(LessonProgress, LessonProgress.user_id == user.id,
                                   LessonProgress.completed_at.is_not(None)),
        "quiz_attempts": count(QuizAttempt, QuizAttempt.user_id == user.id),
        "events": count(ProgressEvent, ProgressEvent.user_id == user.id),
        "classes": count(ClassMember, ClassMember.user_id == user.id),
    }


def is_erased(user: User) -> bool:
    return user.secret_hash == UNUSABLE_SECRET


# --- export -----------------------------------------------------------------------------------------

def _value(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if hasattr(value, "value"):  # enums
        return value.value
    return value


def _row(obj, skip: tuple[str, ...] = ()) -> dict:
    """Every stored column of a row, so a column added later is exported without anyone remembering to."""
    return {attr.key: _value(getattr(obj, attr.key)) for attr in inspect(obj).mapper.column_attrs
            if attr.key not in skip}


def _lesson_titles(lesson_ids) -> dict[int, str]:
    ids = set(lesson_ids)
    if not ids:
        return {}
    latest = (select(LessonVersion.lesson_id, func.max(LessonVersion.id).label("id"))
              .where(LessonVersion.lesson_id.in_(ids)).group_by(LessonVersion.lesson_id).subquery())
    return dict(db.session.execute(select(LessonVersion.lesson_id, LessonVersion.title)
                                   .join(latest, latest.c.id == LessonVersion.id)).all())


def _profile(user: User) -> dict:
    profile = _row(user, skip=("secret_hash",))
    profile["secret"] = "not exported: only a one-way hash of the PIN or password is stored"
    profile["ethnic_group"] = ETHNIC_GROUPS.get(user.ethnic_code) if user.ethnic_code else None
    center = db.session.get(Center, user.center_id) if user.center_id else None
    profile["center"] = {"id": center.id, "code": center.code, "name": center.name} if center else None
    return profile


def _learning(user: User) -> dict:
    enrolments = db.session.execute(select(Enrolment, Course.title).join(Course, Course.id == Enrolment.course_id)
                                    .where(Enrolment.user_id == user.id).order_by(Enrolment.id)).all()
    progress = db.session.scalars(select(LessonProgress).where(LessonProgress.user_id == user.id)
                                  .order_by(LessonProgress.id)).all()
    attempts = db.session.scalars(select(QuizAttempt).where(QuizAttempt.user_id == user.id)
                                  .order_by(QuizAttempt.id)).all()
    answers: dict[int, list[dict]] = {}
    for answer in db.session.scalars(select(QuizAnswer).join(QuizAttempt, QuizAttempt.id == QuizAnswer.attempt_id)
                                     .where(QuizAttempt.user_id == user.id).order_by(QuizAnswer.id)):
        answers.setdefault(answer.attempt_id, []).append(_row(answer))
    events = db.session.scalars(select(ProgressEvent).where(ProgressEvent.user_id == user.id)
                                .order_by(ProgressEvent.occurred_at, ProgressEvent.id)).all()
    titles = _lesson_titles({row.lesson_id for row in progress} | {row.lesson_id for row in attempts})
    return {
        "enrolments": [{**_row(row), "course_title": title} for row, title in enrolments],
        "lesson_progress": [{**_row(row), "lesson_title": titles.get(row.lesson_id)} for row in progress],
        "quiz_attempts": [{**_row(row), "lesson_title": titles.get(row.lesson_id), "answers": answers.get(row.id, [])}
                          for row in attempts],
        "progress_events": [_row(row) for row in events],
        "course_completions": [_row(row) for row in db.session.scalars(
            select(CourseCompletion).where(CourseCompletion.user_id == user.id).order_by(CourseCompletion.id))],
        "programme_completions": [_row(row) for row in db.session.scalars(
            select(ProgrammeCompletion).where(ProgrammeCompletion.user_id == user.id)
            .order_by(ProgrammeCompletion.id))],
    }


def _classes(user: User) -> dict:
    memberships = db.session.execute(
        select(ClassMember, LearningClass.name, LearningClass.center_id)
        .join(LearningClass, LearningClass.id == ClassMember.class_id)
        .where(ClassMember.user_id == user.id).order_by(ClassMember.id)).all()
    confirmations = db.session.execute(
        select(PhaseConfirmation, Programme.title).join(Programme, Programme.id == PhaseConfirmation.programme_id)
        .where(PhaseConfirmation.user_id == user.id).order_by(PhaseConfirmation.id)).all()
    return {
        "class_memberships": [{**_row(row), "class_name": name, "center_id": center_id}
                              for row, name, center_id in memberships],
        # Who recorded a confirmation is another person: left out.
        "phase_confirmations": [{**_row(row, skip=("confirmed_by_id",)), "programme_title": title}
                                for row, title in confirmations],
    }


def _summaries(user: User) -> dict:
    facts = db.session.get(LearnerFacts, user.id)
    days = db.session.scalars(select(LearnerDay.day).where(LearnerDay.user_id == user.id).order_by(LearnerDay.day))
    return {"learner_facts": _row(facts) if facts else None, "active_days": [day.isoformat() for day in days]}


def _as_staff(user: User) -> dict:
    """What the person made or changed at work; other people's data is left out (counts or ids only)."""
    lessons = db.session.scalars(select(Lesson).where(Lesson.author_id == user.id).order_by(Lesson.id)).all()
    titles = _lesson_titles(lesson.id for lesson in lessons)
    return {
        "lessons_authored": [{"id": lesson.id, "slug": lesson.slug, "status": lesson.status.value,
                              "title": titles.get(lesson.id)} for lesson in lessons],
        "lesson_versions_written": [{"id": vid, "lesson_id": lid, "number": number, "created_at": _value(at)}
                                    for vid, lid, number, at in db.session.execute(
            select(LessonVersion.id, LessonVersion.lesson_id, LessonVersion.number, LessonVersion.created_at)
            .where(LessonVersion.created_by_id == user.id).order_by(LessonVersion.id))],
        "drafts_last_saved": [{"lesson_id": lid, "updated_at": _value(at)} for lid, at in db.session.execute(
            select(LessonDraft.lesson_id, LessonDraft.updated_at).where(LessonDraft.updated_by_id == user.id)
            .order_by(LessonDraft.lesson_id))],
        "classes_taught": [{"id": cid, "name": name, "center_id": center_id} for cid, name, center_id in
                           db.session.execute(select(LearningClass.id, LearningClass.name, LearningClass.center_id)
                                              .where(LearningClass.teacher_id == user.id).order_by(LearningClass.id))],
        "phase_confirmations_recorded": db.session.scalar(
            select(func.count()).select_from(PhaseConfirmation).where(PhaseConfirmation.confirmed_by_id == user.id)),
        "mobilisation_bases_updated": [{"center_id": cid, "year": year, "updated_at": _value(at)}
                                       for cid, year, at in db.session.execute(
            select(MobilisationBase.center_id, MobilisationBase.year, MobilisationBase.updated_at)
            .where(MobilisationBase.updated_by_id == user.id).order_by(MobilisationBase.id))],
        "api_tokens_created": [_row(token, skip=("token_hash", "created_by_id")) for token in db.session.scalars(
            select(ApiToken).where(ApiToken.created_by_id == user.id).order_by(ApiToken.id))],
    }


def _audit(user: User) -> dict:
    """Entries about the person, and the actions they did (whose targets may name others: left out)."""
    about = db.session.scalars(select(AuditEntry).where(AuditEntry.subject_id == user.id).order_by(AuditEntry.id))
    done = db.session.execute(select(AuditEntry.at, AuditEntry.action, AuditEntry.center_id)
                              .where(AuditEntry.actor_id == user.id).order_by(AuditEntry.id))
    return {"about_this_person": [{"at": _value(e.at), "action": e.action, "target": e.target} for e in about],
            "done_by_this_person": [{"at": _value(at), "action": action, "center_id": center_id}
                                    for at, action, center_id in done]}


def export_person(user: User, *, now: Optional[datetime] = None) -> dict:
    """Everything stored about a person, as one JSON-ready document."""
    return {
        "format": FORMAT,
        "exported_at": (now or utcnow()).isoformat(),
        "person": _profile(user),
        **_learning(user),
        **_classes(user),
        "summaries": _summaries(user),
        "as_staff": _as_staff(user),
        "audit": _audit(user),
    }


def record_export(user: User, *, by: User) -> dict:
    """The export, noted in the audit log (committed: the person's data has left the system)."""
    document = export_person(user)
    audit.record(by, "person.export", f"{user.display_name} ({user.username})", center_id=user.center_id,
                 subject=user, user_id=user.id)
    db.session.commit()
    return document


# --- erasure ----------------------------------------------------------------------------------------

def _free_username(user: User) -> str:
    name = ERASED_USERNAME.format(id=user.id)
    if db.session.scalar(select(User.id).where(User.username == name, User.id != user.id)) is not None:
        name = f"{name}-{secrets.token_hex(3)}"  # someone chose this name by hand: still unique
    return name


def erase_person(user: User, *, by: Optional[User]) -> bool:
    """Anonymise a person in place (see the module's text); False if they were erased already (nothing changes)."""
    if by is not None and by.id == user.id:
        raise PersonalDataError(_("You cannot erase your own account."))
    if is_erased(user):
        return False
    label = ERASED_NAME.format(id=user.id)
    user.display_name, user.username = label, _free_username(user)
    user.secret_hash = UNUSABLE_SECRET
    user.session_version += 1          # signed out on every phone
    user.is_active_account = False
    user.language, user.text_size, user.high_contrast = None, 100, False
    user.failed_logins, user.locked_until, user.last_seen_at = 0, None, None
    # A teacher's note about the learner is free text about them; the result itself is a statistic.
    db.session.execute(update(PhaseConfirmation).where(PhaseConfirmation.user_id == user.id).values(note=""))
    # The log keeps what happened and the ids; the person's name goes from it.
    db.session.execute(update(AuditEntry).where(AuditEntry.actor_id == user.id)
                       .values(actor_name=f"{label} ({user.username})"))
    db.session.execute(update(AuditEntry).where(AuditEntry.subject_id == user.id).values(target=label))
    audit.record(by, "person.erase", label, center_id=user.center_id, subject=user, user_id=user.id,
                 role=user.role.value)
    db.session.commit()
    return True
