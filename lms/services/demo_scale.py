"""Synthetic data at a chosen scale — centers, classes, learners with plausible profiles, progress over time —
for benchmarks and for trying the reports. Rows go in by bulk inserts; nothing here is for real people."""
import random
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import func, insert, select, text

from lms.extensions import db
from lms.models import (
    Center, ClassMember, Commune, Course, CourseCompletion, Enrolment, EventKind, LearningClass, Lesson,
    LessonProgress, LessonStatus, Programme, ProgrammeCompletion, ProgressEvent, Province, QuizAttempt, Role, User,
)
from lms.services import summaries
from lms.services.accounts import hash_secret

# Roughly the shares of the largest groups in a mountain province; every other group shares the rest.
ETHNIC_WEIGHTS = {"01": 40, "02": 8, "03": 10, "08": 15, "09": 8, "07": 6, "06": 5}
OTHER_GROUPS = [f"{n:02d}" for n in range(10, 55)]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Lò", "Giàng", "Vàng", "Lường", "Hà", "Sùng", "Lý"]
GIVEN = ["Hoa", "Minh", "Lan", "Mai", "Tuấn", "Dũng", "Thảo", "Pà", "Chứ", "Sinh", "Hương", "Nam", "Thu", "Sáu"]
BATCH = 20_000
START = datetime(2025, 1, 6, tzinfo=timezone.utc)
END = datetime(2026, 11, 20, tzinfo=timezone.utc)


@dataclass
class Report:
    centers: int = 0
    learners: int = 0
    classes: int = 0
    enrolments: int = 0
    progress: int = 0
    events: int = 0
    attempts: int = 0
    completions: int = 0


def _insert(table, rows: list[dict]) -> None:
    for start in range(0, len(rows), BATCH):
        db.session.execute(insert(table), rows[start:start + BATCH])


def _moment(rng: random.Random, after: datetime) -> datetime:
    span = (END - after).total_seconds()
    return after + timedelta(seconds=rng.random() * max(span, 3600) * 0.5)


def generate(*, centers: int, learners: int, progress: int, province_code: str = "DEMO-S",
             seed: int = 2026) -> Report:
    """Build a province of `centers` centers with `learners` learners and about `progress` lesson-progress rows
    (as many progress events, and quiz attempts for a fifth of them) over the shipped catalogue."""
    rng = random.Random(seed)
    report = Report()
    courses = db.session.execute(
        select(Course.id, Course.programme_id).where(Course.center_id.is_(None)).order_by(Course.id)).all()
    if not courses:
        raise RuntimeError("import content first (lms setup)")
    lessons: dict[int, list[tuple[int, int]]] = {}
    for lesson_id, course_id, version_id in db.session.execute(
            select(Lesson.id, Lesson.course_id, Lesson.published_version_id)
            .where(Lesson.status == LessonStatus.PUBLISHED).order_by(Lesson.position)):
        lessons.setdefault(course_id, []).append((lesson_id, version_id))
    courses = [(c, p) for c, p in courses if lessons.get(c)]
    per_programme: dict[int, list[int]] = {}
    for course_id, programme_id in courses:
        per_programme.setdefault(programme_id, []).append(course_id)

    province = db.session.scalar(select(Province).where(Province.code == province_code))
    if province is None:
        province = Province(code=province_code, name="Tỉnh Mẫu (dữ liệu lớn)")
        db.session.add(province)
        db.session.flush()
    first = (db.session.scalar(select(func.count()).select_from(Commune)) or 0) + 1
    _insert(Commune.__table__, [{"province_id": province.id, "code": f"S{first + n}",
                                 "name": f"Xã Mẫu {first + n}"} for n in range(centers)])
    commune_ids = db.session.scalars(select(Commune.id).where(Commune.province_id == province.id)
                                     .order_by(Commune.id.desc()).limit(centers)).all()
    _insert(Center.__table__, [{"commune_id": cid, "code": f"SC{cid}",
                                "name": f"Trung tâm HTCĐ xã Mẫu {cid}"} for cid in commune_ids])
    center_ids = db.session.scalars(select(Center.id).where(Center.commune_id.in_(commune_ids))).all()
    report.centers = len(center_ids)
    programme_ids = list(per_programme)
    _insert(LearningClass.__table__, [{"center_id": c, "programme_id": rng.choice(programme_ids), "name": f"Lớp {k + 1}",
                                       "place": "", "schedule": "", "archived": False, "created_at": START}
                                      for c in center_ids for k in range(4)])
    classes: dict[int, list[int]] = {}
    for class_id, center_id in db.session.execute(select(LearningClass.id, LearningClass.center_id)
                                                  .where(LearningClass.center_id.in_(center_ids))):
        classes.setdefault(center_id, []).append(class_id)
    report.classes = sum(len(v) for v in classes.values())

    # One PIN hash for all: hashing 200,000 PINs properly would take hours, and these are not real people.
    secret = hash_secret("1234")
    groups, weights = list(ETHNIC_WEIGHTS) + OTHER_GROUPS, list(ETHNIC_WEIGHTS.values()) + [0.2] * len(OTHER_GROUPS)
    tag = uuid.uuid4().hex[:6]
    users = []
    for n in range(learners):
        users.append({"username": f"d{tag}{n}", "display_name": f"{rng.choice(SURNAMES)} Thị {rng.choice(GIVEN)}",
                      "role": Role.LEARNER.value, "center_id": rng.choice(center_ids), "secret_hash": secret,
                      "sex": rng.choice("FFM"), "birth_year": rng.randint(1958, 2011),
                      "ethnic_code": rng.choices(groups, weights)[0], "is_active_account": True, "session_version": 1,
                      "failed_logins": 0, "created_at": START, "text_size": 100, "high_contrast": False})
    _insert(User.__table__, users)
    rows = db.session.execute(select(User.id, User.center_id).where(User.username.like(f"d{tag}%"))).all()
    report.learners = len(rows)

    members, enrolments, progress_rows, events, attempts, course_done, programme_done = [], [], [], [], [], [], []
    per_learner = max(1, progress // max(1, learners))
    for user_id, center_id in rows:
        if rng.random() < 0.7:
            members.append({"class_id": rng.choice(classes[center_id]), "user_id": user_id, "joined_at": START})
        budget = per_learner + (1 if rng.random() < (progress / max(1, learners)) % 1 else 0)
        chosen = rng.sample(programme_ids, len(programme_ids))
        for programme_id in chosen:
            if budget <= 0:
                break
            budget = _study(rng, user_id, programme_id, per_programme, lessons, budget, enrolments,
                                  progress_rows, events, attempts, course_done, programme_done)
    for table, data in ((ClassMember.__table__, members), (Enrolment.__table__, enrolments),
                        (LessonProgress.__table__, progress_rows), (ProgressEvent.__table__, events),
                        (QuizAttempt.__table__, attempts), (CourseCompletion.__table__, course_done),
                        (ProgrammeCompletion.__table__, programme_done)):
        _insert(table, data)
    db.session.commit()
    summaries.rebuild()  # the rows went in around the services: bring the summaries up to date
    if db.engine.dialect.name == "postgresql":
        with db.engine.connect() as connection:  # fresh statistics for the planner after a bulk load
            connection.execute(text("ANALYZE"))
            connection.commit()
    else:
        db.session.execute(text("ANALYZE"))
        db.session.commit()
    report.enrolments, report.progress, report.events = len(enrolments), len(progress_rows), len(events)
    report.attempts, report.completions = len(attempts), len(course_done)
    return report


def _study(rng, user_id, programme_id, per_programme, lessons, budget, enrolments, progress_rows, events, attempts,
           course_done, programme_done):
    """One learner's progress through one programme, until their budget of lesson-progress rows runs out."""
    finished_all, when = True, START
    for course_id in per_programme[programme_id]:
        if budget <= 0:
            finished_all = False
            break
        enrolled = _moment(rng, START)
        enrolments.append({"user_id": user_id, "course_id": course_id, "enrolled_at": enrolled})
        when, completed = enrolled, True
        for lesson_id, version_id in lessons[course_id]:
            if budget <= 0:
                completed = False
                break
            budget -= 1
            when = when + timedelta(hours=rng.randint(2, 200))
            done = rng.random() < 0.85
            completed = completed and done
            progress_rows.append({"user_id": user_id, "lesson_id": lesson_id, "course_id": course_id,
                                  "first_opened_at": when, "last_opened_at": when, "read_at": when if done else None,
                                  "completed_at": when if done else None, "attempts": 1})
            events.append({"uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)), "user_id": user_id,
                           "lesson_id": lesson_id, "version_id": version_id, "kind": EventKind.READ.value,
                           "occurred_at": when, "received_at": when})
            if rng.random() < 0.2:
                attempts.append({"key": str(uuid.UUID(int=rng.getrandbits(128), version=4)), "user_id": user_id,
                                 "lesson_id": lesson_id, "version_id": version_id, "total": 4, "answered": 4,
                                 "correct": 4 if done else 2, "score": 100 if done else 50, "passed": done,
                                 "finished_at": when})
        if completed:
            course_done.append({"user_id": user_id, "course_id": course_id, "completed_at": when})
        finished_all = finished_all and completed
    if finished_all:
        programme_done.append({"user_id": user_id, "programme_id": programme_id, "completed_at": when})
    return budget
