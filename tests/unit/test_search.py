"""The search service on both backends: accents, ranking, filters, who finds what, and the index following the
lessons (publish, unpublish, edit, delete, a missing or damaged index, a locked one)."""
import shutil
import time

import pytest
from sqlalchemy import delete, select, text

from lms.extensions import db as _db
from lms.models import (
    Center, Commune, Course, Lesson, LessonStatus, LessonVersion, Programme, ProgrammeKind, Province, QuestionKind,
    QuizChoice, QuizQuestion, Role, VersionMedia,
)
from lms.services import authoring, packs, search
from lms.services.search import SCHEMA_VERSION, WhooshIndex


@pytest.fixture(params=["whoosh", "postgres"])
def backend(request, app, db, tmp_path):
    """Each test on Whoosh (an empty index folder of its own) and, on PostgreSQL, on PostgreSQL too."""
    if request.param == "postgres" and db.engine.dialect.name != "postgresql":
        pytest.skip("the PostgreSQL backend is tested with LMS_TEST_DATABASE=postgresql")
    saved = app.config["LMS_SEARCH_BACKEND"], app.config["LMS_SEARCH_DIR"]
    app.config.update(LMS_SEARCH_BACKEND=request.param, LMS_SEARCH_DIR=tmp_path / "search")
    yield request.param
    WhooshIndex.forget()
    app.config["LMS_SEARCH_BACKEND"], app.config["LMS_SEARCH_DIR"] = saved


@pytest.fixture
def whoosh(app, db, tmp_path):
    saved = app.config["LMS_SEARCH_BACKEND"], app.config["LMS_SEARCH_DIR"]
    app.config.update(LMS_SEARCH_BACKEND="whoosh", LMS_SEARCH_DIR=tmp_path / "search")
    yield WhooshIndex(tmp_path / "search")
    WhooshIndex.forget()
    app.config["LMS_SEARCH_BACKEND"], app.config["LMS_SEARCH_DIR"] = saved


class Library:
    """Programmes, courses and lessons written through the pack service, as authoring will."""

    def __init__(self):
        self.n = 0

    def programme(self, title="Chương trình thử", kind=ProgrammeKind.LITERACY_1):
        self.n += 1
        programme = Programme(slug=f"p{self.n}", kind=kind, title=title)
        _db.session.add(programme)
        _db.session.commit()
        return programme

    def course(self, programme, title="Khóa thử", center=None, language="vi"):
        self.n += 1
        course = Course(programme_id=programme.id, slug=f"c{self.n}", title=title, language=language,
                        center_id=center.id if center else None)
        _db.session.add(course)
        _db.session.commit()
        return course

    def lesson(self, course, title, body="", *, publish=True, author=None, tags=(), questions=(), language="vi"):
        self.n += 1
        lesson = Lesson(course_id=course.id, slug=f"l{self.n}", position=self.n,
                        author_id=author.id if author else None)
        _db.session.add(lesson)
        _db.session.flush()
        self.version(lesson, title, body, publish=publish, tags=tags, questions=questions, language=language)
        return lesson

    def version(self, lesson, title, body="", *, publish=True, tags=(), questions=(), language="vi"):
        self.n += 1
        spec = packs.LessonSpec(
            slug=lesson.slug, position=lesson.position, path=f"p/01-c/01-{lesson.slug}.md", title=title, minutes=5,
            language=language, tags=list(tags), narration=None, pass_mark=None,
            questions=[packs.QuestionSpec(q, "single", ["Có", "Không"], ["Có"], "") for q in questions],
            body=body or title)
        version = packs.new_version(lesson, spec, {}, source_hash=str(self.n), media_url="/media/")
        if publish:
            packs.publish(lesson, version)
        _db.session.commit()
        return version


@pytest.fixture
def library(db):
    return Library()


def found(user, query, **filters):
    return [hit.lesson_id for hit in search.search(user, query, **filters).hits]


def indexed(app) -> dict:
    """What the index itself holds, lesson id → (status or None, title), bypassing the visibility check."""
    if app.config["LMS_SEARCH_BACKEND"] == "postgres":
        rows = _db.session.execute(text("SELECT lesson_id, title FROM lms_search.documents")).all()
        return {row.lesson_id: (None, row.title) for row in rows}
    searcher = WhooshIndex(app.config["LMS_SEARCH_DIR"])._searcher()
    reader = searcher.reader()
    documents = [(int(fields["lesson"]), fields["title"]) for _docnum, fields in reader.iter_docs()]
    assert len(documents) == len({lesson for lesson, _title in documents}), "one document per lesson"
    return {lesson: (None, title) for lesson, title in documents}


# --- accents, ranking, prefixes, filters --------------------------------------------------------------

def test_with_or_without_accents_the_same_lessons(backend, library, make):
    course = library.course(library.programme())
    a = library.lesson(course, "Lớp xóa mù chữ ở thôn", "Người lớn đi học xóa mù chữ buổi tối.")
    b = library.lesson(course, "Đường đến trạm y tế", "Đi thẳng, rẽ trái là đến trạm y tế xã.")
    library.lesson(course, "Rửa tay", "Rửa tay với xà phòng.")
    learner = make.user(Role.LEARNER, center=make.center())
    assert set(found(learner, "xoa mu chu")) == set(found(learner, "xóa mù chữ")) == {a.id}
    assert found(learner, "DUONG DEN TRAM Y TE") == found(learner, "đường đến trạm y tế") == [b.id]
    assert found(learner, "duong") == [b.id]  # đ is folded to d


def test_exact_accent_matches_come_first(backend, library, make):
    course = library.course(library.programme("Kỹ năng sống", ProgrammeKind.NEEDS), "An toàn giao thông")
    # Folded, "mũ" (a helmet) and "mù" (blind) are the same word; this lesson is all about helmets.
    helmet = library.lesson(course, "Đội mũ bảo hiểm", "Đội mũ. Mũ vừa đầu. Cài quai mũ. Mũ tốt. " * 5,
                            tags=["mũ"])
    blind = library.lesson(course, "Giúp người khiếm thị", "Một bác bị mù đi qua đường, ta giúp bác.")
    learner = make.user(Role.LEARNER, center=make.center())
    assert found(learner, "mù") == [blind.id, helmet.id]
    assert found(learner, "mũ") == [helmet.id, blind.id]
    assert set(found(learner, "mu")) == {helmet.id, blind.id}


def test_a_word_being_typed_is_a_prefix(backend, library, make):
    course = library.course(library.programme("Bình dân học vụ số", ProgrammeKind.DIGITAL), "Dịch vụ số")
    vneid = library.lesson(course, "Ứng dụng VNeID", "Cài VNeID để có căn cước điện tử.")
    phone = library.lesson(course, "Gọi điện thoại", "Bấm số rồi bấm nút gọi.")
    learner = make.user(Role.LEARNER, center=make.center())
    assert found(learner, "vne") == [vneid.id]
    assert found(learner, "dien tho") == [phone.id]
    assert found(learner, "dien tho ") == []  # finished with a space: "tho" is a whole word now


def test_titles_quizzes_tags_course_and_programme_are_searched(backend, library, make):
    programme = library.programme("Sức khỏe và dinh dưỡng gia đình", ProgrammeKind.NEEDS)
    course = library.course(programme, "Phòng bệnh")
    lesson = library.lesson(course, "Bài một", "Nội dung.", tags=["tiêm chủng"],
                            questions=["Sốt xuất huyết lây qua con gì?"])
    other = library.lesson(library.course(library.programme("Khác", ProgrammeKind.NEEDS), "Khác"), "Bài hai",
                           "Nội dung khác.")
    learner = make.user(Role.LEARNER, center=make.center())
    for query in ("sot xuat huyet", "tiem chung", "phong benh", "dinh duong gia dinh", "bai mot"):
        assert found(learner, query) == [lesson.id], query
    assert found(learner, "noi dung") == sorted([lesson.id, other.id], key=lambda i: found(learner, "noi dung").index(i))


def test_results_are_filtered_by_programme_and_language(backend, library, make):
    literacy, health = library.programme(), library.programme("Sức khỏe", ProgrammeKind.NEEDS)
    a = library.lesson(library.course(literacy), "Nước sạch", "Uống nước sạch.")
    b = library.lesson(library.course(health), "Nước sạch cho bé", "Nước sạch cho bé.")
    hmong = library.lesson(library.course(health, "Tiếng Mông", language="hmn"), "Dej huv", "Nước sạch. Dej huv.",
                           language="hmn")
    learner = make.user(Role.LEARNER, center=make.center())
    assert set(found(learner, "nuoc sach")) == {a.id, b.id, hmong.id}
    assert found(learner, "nuoc sach", programme_id=literacy.id) == [a.id]
    assert set(found(learner, "nuoc sach", programme_id=health.id)) == {b.id, hmong.id}
    assert found(learner, "nuoc sach", language="hmn") == [hmong.id]
    assert found(learner, "hmong") == [hmong.id]  # the language's name is searched too
    programmes, languages = search.filter_choices(learner)
    assert {p for p, _title in programmes} == {literacy.id, health.id} and languages == ["hmn", "vi"]


def test_pages_and_counts(backend, library, make):
    course = library.course(library.programme())
    lessons = [library.lesson(course, f"Bài đọc số {i}", "Đọc chậm, đọc to.") for i in range(12)]
    learner = make.user(Role.LEARNER, center=make.center())
    first = search.search(learner, "doc cham", per_page=5)
    second = search.search(learner, "doc cham", page=3, per_page=5)
    assert first.total == second.total == 12
    assert len(first.hits) == 5 and len(second.hits) == 2 and first.has_next and not second.has_next
    seen = {h.lesson_id for page in (1, 2, 3) for h in search.search(learner, "doc cham", page=page, per_page=5).hits}
    assert seen == {lesson.id for lesson in lessons}


def test_results_show_marked_words_and_a_short_passage(backend, library, make):
    course = library.course(library.programme())
    body = "Mở đầu. " * 40 + "Luôn rửa tay với xà phòng trước khi ăn. " + "Kết. " * 40
    library.lesson(course, "Rửa tay <đúng cách>", body)
    learner = make.user(Role.LEARNER, center=make.center())
    [hit] = search.search(learner, "rua tay").hits
    assert str(hit.title) == "<mark>Rửa</mark> <mark>tay</mark> &lt;đúng cách&gt;"
    assert "<mark>rửa</mark> <mark>tay</mark> với xà phòng" in str(hit.snippet) and len(str(hit.snippet)) < 260
    assert (hit.course, hit.programme, hit.published) == ("Khóa thử", "Chương trình thử", True)


def test_did_you_mean_for_a_misspelt_word(whoosh, library, make):
    course = library.course(library.programme())
    library.lesson(course, "Nước sạch", "Uống nước sạch, ăn chín.")
    learner = make.user(Role.LEARNER, center=make.center())
    results = search.search(learner, "nước sạck")
    assert results.total == 0 and results.suggestion == "nước sạch"
    assert search.search(learner, "nuoc sacj").suggestion == "nuoc sach"
    assert search.search(learner, "nước sạch").suggestion is None
    assert search.search(learner, "zzzzqqq").suggestion is None


# --- who finds what -----------------------------------------------------------------------------------

@pytest.fixture
def places(make):
    return make.center("C1"), make.center("C2")


def test_each_role_finds_only_what_it_may_see(backend, library, make, places):
    c1, c2 = places
    teacher = make.user(Role.TEACHER, center=c1)
    programme = library.programme()
    shared, mine, theirs = library.course(programme), library.course(programme, center=c1), library.course(programme, center=c2)
    lessons = {
        "shared published": library.lesson(shared, "Bài học chung"),
        "shared draft by someone": library.lesson(shared, "Bài học chung nháp", publish=False),
        "shared draft by the teacher": library.lesson(shared, "Bài học nháp của tôi", publish=False, author=teacher),
        "C1 published": library.lesson(mine, "Bài học trung tâm một"),
        "C1 draft": library.lesson(mine, "Bài học trung tâm một nháp", publish=False),
        "C2 published": library.lesson(theirs, "Bài học trung tâm hai"),
        "C2 draft": library.lesson(theirs, "Bài học trung tâm hai nháp", publish=False),
    }
    people = {
        "learner C1": make.user(Role.LEARNER, center=c1),
        "learner C2": make.user(Role.LEARNER, center=c2),
        "teacher C1": teacher,
        "manager C1": make.user(Role.MANAGER, center=c1),
        "officer": make.user(Role.OFFICER, province=c1.commune.province),
        "admin": make.user(Role.ADMIN),
    }
    expected = {
        "learner C1": {"shared published", "C1 published"},
        "learner C2": {"shared published", "C2 published"},
        "teacher C1": {"shared published", "shared draft by the teacher", "C1 published", "C1 draft"},
        "manager C1": {"shared published", "C1 published", "C1 draft"},
        "officer": {"shared published"},
        "admin": set(lessons),
    }
    for who, person in people.items():
        results = search.search(person, "bai hoc", per_page=20)
        assert {name for name, lesson in lessons.items() if lesson.id in
                {h.lesson_id for h in results.hits}} == expected[who], who
        assert results.total == len(expected[who]), who


def test_the_database_decides_even_when_the_index_is_stale(backend, library, make, places):
    lesson = library.lesson(library.course(library.programme()), "Bài bí mật")
    learner = make.user(Role.LEARNER, center=places[0])
    assert found(learner, "bi mat") == [lesson.id]
    # Unpublished behind the index's back (no lessons_changed): the index still has it as published.
    _db.session.execute(Lesson.__table__.update().where(Lesson.id == lesson.id)
                        .values(status=LessonStatus.UNPUBLISHED.value))
    _db.session.commit()
    assert found(learner, "bi mat") == []


# --- the index follows the lessons --------------------------------------------------------------------

def test_publishing_editing_unpublishing_and_deleting_update_the_index(backend, library, make, places, app):
    course = library.course(library.programme(), center=places[0])
    learner, teacher = make.user(Role.LEARNER, center=places[0]), make.user(Role.TEACHER, center=places[0])
    draft = library.lesson(course, "Trồng rau sạch", publish=False)
    assert found(learner, "trong rau") == [] and found(teacher, "trong rau") == [draft.id]
    packs.publish(draft, _db.session.get(LessonVersion, draft.published_version_id or
                                         _db.session.scalar(select(LessonVersion.id).where(
                                             LessonVersion.lesson_id == draft.id))))
    _db.session.commit()
    assert found(learner, "trong rau") == [draft.id]

    library.version(draft, "Nuôi gà thả vườn")  # edited and published again
    assert found(learner, "trong rau") == [] and found(learner, "nuoi ga") == [draft.id]
    assert indexed(app)[draft.id][1] == "Nuôi gà thả vườn"

    draft.status = LessonStatus.UNPUBLISHED
    search.lessons_changed([draft.id])
    _db.session.commit()
    assert found(learner, "nuoi ga") == []
    [hit] = search.search(teacher, "nuoi ga").hits
    assert (hit.lesson_id, hit.status, hit.published) == (draft.id, "unpublished", False)

    lesson_id = draft.id
    version_ids = select(LessonVersion.id).where(LessonVersion.lesson_id == lesson_id)
    question_ids = select(QuizQuestion.id).where(QuizQuestion.version_id.in_(version_ids))
    _db.session.execute(Lesson.__table__.update().where(Lesson.id == lesson_id).values(published_version_id=None))
    _db.session.execute(delete(QuizChoice).where(QuizChoice.question_id.in_(question_ids)))
    _db.session.execute(delete(QuizQuestion).where(QuizQuestion.id.in_(question_ids)))
    _db.session.execute(delete(VersionMedia).where(VersionMedia.version_id.in_(version_ids)))
    _db.session.execute(delete(LessonVersion).where(LessonVersion.lesson_id == lesson_id))
    _db.session.execute(delete(Lesson).where(Lesson.id == lesson_id))
    search.lessons_changed([lesson_id])
    _db.session.commit()
    assert lesson_id not in indexed(app)
    assert found(teacher, "nuoi ga") == []


def test_a_lesson_never_published_is_found_by_its_authors_from_its_draft(backend, library, make, places):
    c1, c2 = places
    teacher, colleague = make.user(Role.TEACHER, center=c1), make.user(Role.TEACHER, center=c1)
    course = library.course(library.programme(), center=c1)
    lesson = authoring.create_lesson(teacher, course, "Ủ phân chuồng")
    assert found(colleague, "u phan") == [lesson.id]  # by its title, as soon as it exists
    authoring.save_draft(teacher, lesson, 1, authoring.DraftText("Ủ phân chuồng", "Trộn rơm với vôi bột.\n"))
    assert found(colleague, "voi bot") == [lesson.id]  # by the words typed since
    assert found(make.user(Role.TEACHER, center=c2), "voi bot") == []
    assert found(make.user(Role.LEARNER, center=c1), "voi bot") == []
    # and by its quiz, as questions are added, changed and deleted
    question = authoring.add_question(teacher, lesson, authoring.QuestionInput(
        kind=QuestionKind.SINGLE, text="Ủ phân bao lâu thì dùng được?", explanation="Khoảng ba tháng.",
        choices=[authoring.ChoiceInput("Ba tháng", True), authoring.ChoiceInput("Một ngày", False)]), media_root=None)
    assert found(colleague, "bao lau thi dung") == [lesson.id]
    authoring.update_question(teacher, question, question.revision, authoring.QuestionInput(
        kind=QuestionKind.SINGLE, text="Phân ủ chín có mùi gì?", explanation="Không hôi.",
        choices=[authoring.ChoiceInput("Không hôi", True), authoring.ChoiceInput("Rất hôi", False)]), media_root=None)
    assert found(colleague, "bao lau thi dung") == [] and found(colleague, "mui gi") == [lesson.id]
    authoring.delete_question(teacher, question)
    assert found(colleague, "mui gi") == []


def test_a_rolled_back_change_leaves_no_queue_entry(whoosh, library, make):
    lesson = library.lesson(library.course(library.programme()), "Bài một")
    search.lessons_changed([lesson.id])
    _db.session.rollback()
    assert whoosh._entries() == [] and not list(whoosh.queue.glob("*.pending"))


def test_the_index_is_rebuilt_when_its_folder_is_deleted(whoosh, library, make):
    lesson = library.lesson(library.course(library.programme()), "Học chữ cái")
    learner = make.user(Role.LEARNER, center=make.center())
    assert found(learner, "chu cai") == [lesson.id]
    WhooshIndex.forget()
    shutil.rmtree(whoosh.root)
    assert found(learner, "chu cai") == [lesson.id]
    assert (whoosh.root / "CURRENT").exists()


def test_the_index_is_rebuilt_when_it_is_unreadable(whoosh, library, make):
    lesson = library.lesson(library.course(library.programme()), "Học chữ cái")
    learner = make.user(Role.LEARNER, center=make.center())
    assert found(learner, "chu cai") == [lesson.id]
    WhooshIndex.forget()
    live = whoosh.root / (whoosh.root / "CURRENT").read_text()
    for file in live.iterdir():
        file.write_bytes(b"\x00 not an index")
    assert found(learner, "chu cai") == [lesson.id]
    assert (whoosh.root / "CURRENT").read_text() != live.name


def test_an_index_of_another_schema_version_is_rebuilt(whoosh, library, make):
    lesson = library.lesson(library.course(library.programme()), "Học chữ cái")
    learner = make.user(Role.LEARNER, center=make.center())
    WhooshIndex.forget()
    (whoosh.root / "CURRENT").write_text("v0-1-1")
    assert found(learner, "chu cai") == [lesson.id]
    assert (whoosh.root / "CURRENT").read_text().startswith(f"v{SCHEMA_VERSION}-")


def test_a_locked_index_neither_blocks_nor_fails_a_publication_and_catches_up(whoosh, library, make):
    course = library.course(library.programme())
    learner = make.user(Role.LEARNER, center=make.center())
    library.lesson(course, "Bài đầu")
    assert found(learner, "bai dau")
    lock = whoosh._lock()
    assert lock.acquire(blocking=False)  # as another process writing for a long time
    try:
        started = time.perf_counter()
        lesson = library.lesson(course, "Đếm đến một trăm")
        assert time.perf_counter() - started < 2
        assert len(whoosh._entries()) == 1  # queued, ready for whoever holds the lock next
        assert found(learner, "dem den mot tram") == []  # the searcher cannot apply it either, and does not wait
    finally:
        lock.release()
    assert found(learner, "dem den mot tram") == [lesson.id]
    assert whoosh._entries() == []


def test_reindex_rebuilds_everything_from_the_database(backend, library, make, runner):
    course = library.course(library.programme())
    lessons = [library.lesson(course, f"Bài {i}: nước sạch") for i in range(3)]
    result = runner.invoke(args=["search", "reindex"])
    assert result.exit_code == 0, result.output
    assert "3 bài" in result.output
    learner = make.user(Role.LEARNER, center=make.center())
    assert set(found(learner, "nuoc sach")) == {lesson.id for lesson in lessons}


def test_the_shipped_library_is_searchable(backend, make):
    from lms.config import PROJECT_ROOT
    make.pack(PROJECT_ROOT / "content")
    learner = make.user(Role.LEARNER, center=make.center())
    for query in ("rua tay", "ma otp", "xoa mu chu", "vneid", "sot xuat huyet", "tien viet nam"):
        results = search.search(learner, query)
        assert results.hits, query
        assert all(hit.published for hit in results.hits)


def test_postgres_documents_follow_their_lessons_in_the_same_transaction(backend, library, app):
    if backend != "postgres":
        pytest.skip("PostgreSQL only")
    course = library.course(library.programme())
    lesson = library.lesson(course, "Bài một")
    library.lesson(course, "Bài hai")
    assert set(indexed(app)) == {lesson.id, lesson.id + 1}
    library.version(lesson, "Bài một, sửa lại", publish=True)
    _db.session.rollback()
    assert indexed(app)[lesson.id][1] == "Bài một, sửa lại"
    # A change rolled back takes its document with it.
    lesson = _db.session.get(Lesson, lesson.id)
    packs.publish(lesson, _db.session.get(LessonVersion, lesson.published_version_id))
    _db.session.flush()
    _db.session.execute(text("UPDATE lesson_versions SET title = 'x' WHERE id = :id"), {"id": lesson.published_version_id})
    search.lessons_changed([lesson.id])
    _db.session.rollback()
    assert indexed(app)[lesson.id][1] == "Bài một, sửa lại"


def test_the_search_migration_is_postgresql_only(app, db):
    names = text("SELECT nspname FROM pg_namespace") if db.engine.dialect.name == "postgresql" else None
    if names is None:
        tables = {row[0] for row in db.session.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))}
        assert not any("search" in name or "documents" in name for name in tables)
        return
    assert "lms_search" in set(db.session.scalars(names))
    assert db.session.scalar(text("SELECT count(*) FROM pg_extension WHERE extname = 'unaccent'")) == 1
    assert db.session.scalar(text("SELECT to_tsvector('lms_search.folded', 'Xóa mù chữ Đường')::text")) == \
        "'chu':3 'duong':4 'mu':2 'xoa':1"


# Keep helpers importable for the page and concurrency tests.
__all__ = ["Library", "backend", "library", "whoosh", "found", "indexed", "places", "Center", "Commune",
           "Province", "Course"]
