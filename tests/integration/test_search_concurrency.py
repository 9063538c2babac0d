"""Several worker processes publishing the same lessons at once, one rebuilding the index meanwhile and one
searching: no process fails, none waits on the index, and the index ends exactly as the database, without help."""
import multiprocessing
import os
import random
import time
import traceback
import uuid

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from lms.extensions import db as _db
from lms.models import Lesson, LessonVersion, Role
from lms.services.search import WhooshIndex
from tests.unit.test_search import Library

WRITERS, ROUNDS, LESSONS = 4, 5, 4


def _app(settings: dict):
    os.environ["LMS_INSTANCE_PATH"] = settings["instance"]
    from lms import create_app
    return create_app({"SQLALCHEMY_DATABASE_URI": settings["url"], "LMS_SEARCH_BACKEND": settings["backend"],
                       "LMS_SEARCH_DIR": settings["search_dir"], "LMS_MEDIA_DIR": settings["media"]})


def _publish(lesson_id: int, title: str) -> None:
    from lms.services import packs
    lesson = _db.session.get(Lesson, lesson_id)
    spec = packs.LessonSpec(slug=lesson.slug, position=lesson.position, path=f"p/01-c/01-{lesson.slug}.md",
                            title=title, minutes=5, language="vi", tags=[], narration=None, pass_mark=None,
                            questions=[], body=f"{title}. Nước sạch và rửa tay.")
    packs.publish(lesson, packs.new_version(lesson, spec, {}, source_hash=uuid.uuid4().hex, media_url="/media/"))
    _db.session.commit()


def work(settings: dict, role: str, seed: int, lesson_ids: list, user_id: int, slowest: "multiprocessing.Value"):
    """One process: a writer publishing new versions, a rebuilder, or a searcher. Exits 1 on any error."""
    try:
        app = _app(settings)
        rng = random.Random(seed)
        with app.app_context():
            from lms.models import User
            from lms.services import search
            if role == "rebuild":
                for _ in range(3):
                    search.reindex()
            elif role == "search":
                user = _db.session.get(User, user_id)
                for _ in range(40):
                    search.search(user, rng.choice(["nuoc sach", "rửa tay", "bài", "lượt"]))
            else:
                for round_ in range(ROUNDS):
                    for lesson_id in rng.sample(lesson_ids, len(lesson_ids)):
                        for _attempt in range(20):  # two writers may take the same version number: try again
                            try:
                                started = time.perf_counter()
                                _publish(lesson_id, f"Bài {lesson_id} lượt {round_} người {seed}")
                                with slowest.get_lock():
                                    slowest.value = max(slowest.value, time.perf_counter() - started)
                                break
                            except IntegrityError:
                                _db.session.rollback()
                            finally:
                                _db.session.remove()
    except Exception:
        traceback.print_exc()
        os._exit(1)


@pytest.fixture(params=["whoosh", "postgres"])
def settings(request, app, db, tmp_path):
    if request.param == "postgres" and db.engine.dialect.name != "postgresql":
        pytest.skip("the PostgreSQL backend is tested with LMS_TEST_DATABASE=postgresql")
    saved = app.config["LMS_SEARCH_BACKEND"], app.config["LMS_SEARCH_DIR"]
    app.config.update(LMS_SEARCH_BACKEND=request.param, LMS_SEARCH_DIR=tmp_path / "search")
    yield {"url": app.config["SQLALCHEMY_DATABASE_URI"], "backend": request.param,
           "search_dir": str(tmp_path / "search"), "instance": os.environ["LMS_INSTANCE_PATH"],
           "media": str(tmp_path / "media")}
    WhooshIndex.forget()
    app.config["LMS_SEARCH_BACKEND"], app.config["LMS_SEARCH_DIR"] = saved


def indexed_titles(settings) -> list[tuple[int, str]]:
    """The index's own documents, read without searching (a search would apply anything left in the queue)."""
    if settings["backend"] == "postgres":
        return [tuple(row) for row in _db.session.execute(text("SELECT lesson_id, title FROM lms_search.documents"))]
    index = WhooshIndex(settings["search_dir"])
    reader = index._open().reader()
    return [(int(fields["lesson"]), fields["title"]) for _docnum, fields in reader.iter_docs()]


def test_concurrent_writers_lose_no_update(settings, make):
    library = Library()
    course = library.course(library.programme())
    lesson_ids = [library.lesson(course, f"Bài {i} ban đầu").id for i in range(LESSONS)]
    learner = make.user(Role.LEARNER, center=make.center())
    context = multiprocessing.get_context("spawn")
    slowest = context.Value("d", 0.0)
    roles = ["write"] * WRITERS + ["rebuild", "search"]
    processes = [context.Process(target=work, args=(settings, role, seed, lesson_ids, learner.id, slowest))
                 for seed, role in enumerate(roles)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=300)
    assert [p.exitcode for p in processes] == [0] * len(roles)

    _db.session.remove()
    latest = dict(_db.session.execute(
        select(Lesson.id, LessonVersion.title).join(LessonVersion, LessonVersion.id == Lesson.published_version_id)
        .where(Lesson.id.in_(lesson_ids))).all())
    assert all("lượt" in title for title in latest.values())  # every lesson was republished
    documents = indexed_titles(settings)
    assert sorted(documents) == sorted(latest.items())  # one document per lesson, each the last commit's
    if settings["backend"] == "whoosh":
        assert WhooshIndex(settings["search_dir"])._entries() == []  # nothing left waiting
    # A publication never waited for another process's index work (a rebuild of these lessons is quick, so
    # this bound is loose; the point is that nothing blocks for the lock timeout).
    assert slowest.value < 10
