"""Benchmark: search over 10,000 lessons — median and 95th-percentile query time, and full reindex time.

Run with `make bench` (or `python bench/search.py`). Builds a throwaway SQLite instance, generates lessons from
the sentences, titles and quiz questions of the shipped content (so the words and their frequencies are real
Vietnamese), reindexes, then times the search service as a view calls it (visibility check in the database
included) for a mix of queries: with and without accents, a word still being typed, a programme filter.
With --backend postgres (or both, the default when PostgreSQL is installed) the same runs on a throwaway
PostgreSQL server with LMS_SEARCH_BACKEND=postgres.
"""
import argparse
import os
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BUDGET_MEDIAN_MS = 20.0
LESSONS = 10_000
LESSONS_PER_COURSE = 20
QUERIES = 300


def corpus():
    """The shipped content by course: programme kind and title, course title, lesson titles, sentences, quizzes."""
    from lms.services import packs
    pack = packs.read_pack(ROOT / "content")
    courses = []
    for programme, course, lesson in pack.lessons():
        if not courses or courses[-1]["course"] != course.title:
            courses.append(dict(kind=programme.kind, programme=programme.title, course=course.title, titles=[],
                                sentences=[], questions=[], tags=set()))
        topic = courses[-1]
        topic["titles"].append(lesson.title)
        topic["tags"].update(lesson.tags)
        topic["questions"].extend(lesson.questions)
        for line in lesson.body.splitlines():
            line = re.sub(r"!\[[^\]]*\]\([^)]*\)|\[([^\]]*)\]\([^)]*\)|[#*>|_`]", r"\1", line).strip(" -")
            if len(line.split()) >= 4:
                topic["sentences"].append(line)
    return courses


def generate(n: int, seed: int = 7) -> None:
    """Insert n lessons in courses of 20, each course on the topic of a shipped course (its sentences, titles
    and quiz questions, a fifth of sentences from anywhere), a few drafts, some courses of a center."""
    from sqlalchemy import insert, update

    from lms.extensions import db
    from lms.models import (
        Center, Commune, Course, Lesson, LessonStatus, LessonVersion, Programme, ProgrammeKind, Province,
        QuizChoice, QuizQuestion,
    )
    from lms.models.base import utcnow
    rng = random.Random(seed)
    topics = corpus()
    everything = [s for topic in topics for s in topic["sentences"]]
    now = utcnow()
    province = Province(code="B1", name="Tỉnh Thử")
    db.session.add(province)
    db.session.flush()
    centers = []
    for i in range(10):
        commune = Commune(code=f"BX{i}", name=f"Xã {i}", province_id=province.id)
        db.session.add(commune)
        db.session.flush()
        center = Center(code=f"BC{i}", name=f"Trung tâm {i}", commune_id=commune.id)
        db.session.add(center)
        db.session.flush()
        centers.append(center.id)
    programmes = {}
    for i, title in enumerate(dict.fromkeys(topic["programme"] for topic in topics)):
        kind = next(t["kind"] for t in topics if t["programme"] == title)
        programme = Programme(slug=f"bench-{i}", kind=ProgrammeKind(kind), title=title, position=i)
        db.session.add(programme)
        db.session.flush()
        programmes[title] = programme.id
    courses, course_topics = [], []
    for i in range(n // LESSONS_PER_COURSE):
        topic = topics[i % len(topics)]
        # Most courses are the shared library's; some belong to a center.
        courses.append(dict(programme_id=programmes[topic["programme"]], slug=f"khoa-{i}",
                            title=f"{topic['course']} ({i // len(topics) + 1})", description="", language="vi",
                            position=i, center_id=rng.choice(centers) if i % 5 == 0 else None))
        course_topics.append(topic)
    course_ids = db.session.scalars(insert(Course).returning(Course.id), courses).all()
    lessons = [dict(course_id=course_ids[i // LESSONS_PER_COURSE], slug=f"bai-{i}", position=i % LESSONS_PER_COURSE,
                    status=(LessonStatus.DRAFT if i % 25 == 0 else LessonStatus.PUBLISHED), created_at=now,
                    updated_at=now) for i in range(n)]
    lesson_ids = db.session.scalars(insert(Lesson).returning(Lesson.id), lessons).all()
    versions, quiz_specs = [], []
    for i, lesson_id in enumerate(lesson_ids):
        topic = course_topics[i // LESSONS_PER_COURSE]
        body = [rng.choice(topic["sentences"] if rng.random() < 0.8 else everything)
                for _ in range(rng.randint(12, 30))]
        title = rng.choice(topic["titles"])
        versions.append(dict(lesson_id=lesson_id, number=1, title=title, minutes=5, language="vi",
                             tags=",".join(rng.sample(sorted(topic["tags"]), min(2, len(topic["tags"])))),
                             markdown="\n\n".join(body), html="".join(f"<p>{s}</p>" for s in body),
                             source_hash="bench", created_at=now, published_at=now))
        quiz_specs.append(rng.sample(topic["questions"], 3))
    version_ids = db.session.scalars(insert(LessonVersion).returning(LessonVersion.id), versions).all()
    quiz, picks = [], []
    for version_id, specs in zip(version_ids, quiz_specs):
        for position, spec in enumerate(specs, 1):
            quiz.append(dict(version_id=version_id, position=position, kind=spec.kind, text=spec.text,
                             explanation=spec.explanation))
            picks.append(spec)
    question_ids = db.session.scalars(insert(QuizQuestion).returning(QuizQuestion.id), quiz).all()
    db.session.execute(insert(QuizChoice), [
        dict(question_id=qid, position=i, text=text, is_correct=text in spec.answers)
        for qid, spec in zip(question_ids, picks) for i, text in enumerate(spec.choices, 1)])
    db.session.execute(update(Lesson), [
        dict(id=lesson_id, published_version_id=version_id)
        for lesson_id, version_id, row in zip(lesson_ids, version_ids, lessons)
        if row["status"] is LessonStatus.PUBLISHED])
    db.session.commit()


def queries(n: int, seed: int = 11) -> list[tuple[str, bool]]:
    """Typed queries: 1–3 words of real titles, half without accents, a third cut short while typing;
    every fifth with a programme filter."""
    from lms.services.search import fold
    rng = random.Random(seed)
    titles = [title for topic in corpus() for title in topic["titles"]]
    out = []
    for i in range(n):
        words = re.findall(r"[^\W_]+", rng.choice(titles))
        start = rng.randrange(len(words))
        text = " ".join(words[start:start + rng.randint(1, 3)]).lower()
        if i % 2:
            text = fold(text)
        if i % 3 == 0 and len(text.split()[-1]) > 3:
            text = text[:-2]
        out.append((text, i % 5 == 0))
    return out


def _app(backend: str, database_url: str, instance: Path):
    os.environ["LMS_INSTANCE_PATH"] = str(instance)
    from lms import create_app
    return create_app({"SQLALCHEMY_DATABASE_URI": database_url, "LMS_SEARCH_BACKEND": backend})


def build(backend: str, database_url: str, instance: Path) -> dict:
    """Generate the lessons and time a full reindex, as `lms search reindex` does."""
    from flask_migrate import upgrade
    from sqlalchemy import select

    from lms.extensions import db
    from lms.models import Center, Role
    from lms.services import accounts, search
    app = _app(backend, database_url, instance)
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
        generate(LESSONS)
        center = db.session.scalars(select(Center).order_by(Center.id)).first()
        for role, name in ((Role.LEARNER, "bench-learner"), (Role.TEACHER, "bench-teacher")):
            accounts.create_user(username=name, display_name=name, role=role, center_id=center.id,
                                 secret="1234" if role is Role.LEARNER else "password-123")
        db.session.commit()
        started = time.perf_counter()
        indexed = search.reindex()
        return dict(lessons=indexed, reindex_s=time.perf_counter() - started)


def measure(backend: str, database_url: str, instance: Path) -> dict:
    """Time the search service for the typed queries, in a fresh process as a server worker would be."""
    from sqlalchemy import select

    from lms.extensions import db
    from lms.models import Programme, User
    from lms.services import search
    app = _app(backend, database_url, instance)
    with app.app_context():
        learner = db.session.scalar(select(User).where(User.username == "bench-learner"))
        teacher = db.session.scalar(select(User).where(User.username == "bench-teacher"))
        programme = db.session.scalars(select(Programme.id).order_by(Programme.id)).first()
        typed = queries(QUERIES)
        for text, _filtered in typed[:20]:  # warm caches, as a running server has them
            search.search(learner, text)
        times, hits = [], []
        for i, (text, filtered) in enumerate(typed):
            user = teacher if i % 4 == 0 else learner
            started = time.perf_counter()
            results = search.search(user, text, programme_id=programme if filtered else None)
            times.append((time.perf_counter() - started) * 1000)
            hits.append(results.total)
            db.session.remove()
    return dict(times=times, median=statistics.median(times), p95=sorted(times)[int(len(times) * 0.95)],
                hits=statistics.median(hits))


def _child(step: str, backend: str, database_url: str, instance: str, out: str) -> None:
    import json
    result = (build if step == "build" else measure)(backend, database_url, Path(instance))
    Path(out).write_text(json.dumps(result))


def main() -> int:
    import json
    import subprocess
    from tests.postgres import _bin_dir
    try:
        _bin_dir()
        has_postgres = True
    except RuntimeError:
        has_postgres = False
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=("whoosh", "postgres", "both"), default="both" if has_postgres else "whoosh")
    args = parser.parse_args()
    backends = ["whoosh", "postgres"] if args.backend == "both" else [args.backend]
    results = []
    for backend in backends:
        with tempfile.TemporaryDirectory(prefix="lms-bench-search-") as tmp:
            server = None
            if backend == "postgres":
                from tests.postgres import TemporaryPostgres
                server = TemporaryPostgres()
                url = server.start()
            else:
                url = f"sqlite:///{tmp}/bench.sqlite3"
            print(f"Generating {LESSONS:,} lessons and indexing them ({backend})…", flush=True)
            try:
                # A process to build, another to search: each gets its own app, settings and search index.
                result = {"backend": backend}
                for step in ("build", "measure"):
                    out = Path(tmp) / f"{step}.json"
                    subprocess.run([sys.executable, __file__, "--child", step, backend, url, tmp, str(out)],
                                   check=True)
                    result.update(json.loads(out.read_text()))
                results.append(result)
            finally:
                if server is not None:
                    server.stop()
    print(f"\nSearch over {LESSONS:,} generated lessons, {QUERIES} typed queries, as the search service answers a view")
    print(f"{'backend':<10} {'lessons':>8} {'reindex (s)':>12} {'median (ms)':>12} {'p95 (ms)':>10} "
          f"{'max (ms)':>10} {'hits (median)':>14} {'budget':>8}")
    ok = True
    for r in results:
        print(f"{r['backend']:<10} {r['lessons']:>8} {r['reindex_s']:>12.1f} {r['median']:>12.2f} {r['p95']:>10.2f} "
              f"{max(r['times']):>10.2f} {r['hits']:>14.0f} {BUDGET_MEDIAN_MS:>8}")
        ok = ok and r["median"] <= BUDGET_MEDIAN_MS
    return 0 if ok else 1


if __name__ == "__main__":
    if len(sys.argv) == 7 and sys.argv[1] == "--child":
        _child(*sys.argv[2:])
        sys.exit(0)
    sys.exit(main())
