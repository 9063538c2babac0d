"""Content packs: reading, importing idempotently, new versions, round trips and bad packs."""
import shutil
import zipfile

import pytest
from sqlalchemy import func, select

from lms.models import Course, Lesson, LessonProgress, LessonVersion, Programme, QuestionKind, Role
from lms.services import packs
from tests.conftest import BASIC_PACK


def count(db, model):
    return db.session.scalar(select(func.count()).select_from(model))


def copy_pack(tmp_path):
    target = tmp_path / "pack"
    shutil.copytree(BASIC_PACK, target)
    return target


LESSON_A = ("chu-cai", "01-lam-quen", "01-chu-a.md")


def edit(pack, parts, old, new):
    path = pack.joinpath(*parts)
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_reading_the_basic_pack(app):
    with app.app_context():
        pack = packs.read_pack(BASIC_PACK)
    assert pack.problems == []
    [programme] = pack.programmes
    assert (programme.slug, programme.kind) == ("chu-cai", "literacy-1")
    [course] = programme.courses
    assert (course.slug, course.position, course.term, course.subject) == ("lam-quen", 1, 1, "Tiếng Việt")
    a, b = course.lessons
    assert (a.slug, a.minutes, a.narration, b.questions) == ("chu-a", 3, "media/chu-a.ogg", [])
    kinds = [q.kind for q in a.questions]
    assert kinds == ["single", "multiple", "true-false", "single", "single"]
    assert a.questions[2].choices == ["Đúng", "Sai"]
    assert a.links == ["chu-cai/01-lam-quen/02-chu-b.md"]


def test_import_creates_everything_and_a_second_import_changes_nothing(make, db):
    first = make.pack()
    assert (first.created, first.updated, first.unchanged) == (2, 0, 0)
    snapshot = (count(db, Programme), count(db, Course), count(db, Lesson), count(db, LessonVersion))
    second = make.pack()
    assert (second.created, second.updated, second.unchanged) == (0, 0, 2)
    assert (count(db, Programme), count(db, Course), count(db, Lesson), count(db, LessonVersion)) == snapshot == (1, 1, 2, 2)


def test_imported_lesson_is_published_rendered_and_has_its_quiz(make, db):
    make.pack()
    lesson = db.session.scalar(select(Lesson).where(Lesson.slug == "chu-a"))
    version = lesson.published_version
    assert version.number == 1 and version.published_at is not None
    assert "<picture>" in version.html and 'type="image/webp"' in version.html and "srcset=" in version.html
    assert 'alt="Chữ a viết to màu xanh"' in version.html
    assert 'href="/learn/l/chu-cai/lam-quen/chu-b"' in version.html
    assert version.narration is not None and version.narration.mime == "audio/ogg"
    q = version.questions[1]
    assert q.kind is QuestionKind.MULTIPLE
    assert [c.text for c in q.choices if c.is_correct] == ["ba", "ca"]


def test_an_edited_lesson_becomes_a_new_version_and_progress_is_kept(make, db, tmp_path):
    make.pack()
    center = make.center()
    learner = make.user(Role.LEARNER, center=center)
    lesson = db.session.scalar(select(Lesson).where(Lesson.slug == "chu-b"))
    db.session.add(LessonProgress(user_id=learner.id, lesson_id=lesson.id, course_id=lesson.course_id, attempts=0))
    db.session.commit()
    pack = copy_pack(tmp_path)
    edit(pack, ("chu-cai", "01-lam-quen", "02-chu-b.md"), "Ghép b với a", "Ghép chữ b với chữ a")
    report = make.pack(pack)
    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    db.session.refresh(lesson)
    assert lesson.published_version.number == 2
    assert "Ghép chữ b với chữ a" in lesson.published_version.html
    assert count(db, LessonVersion) == 3
    assert count(db, LessonProgress) == 1


def test_export_then_import_round_trips(make, db, tmp_path, app):
    make.pack()
    out = tmp_path / "out"
    assert packs.export_pack(out, media_root=app.config["LMS_MEDIA_DIR"]) == 2
    report = make.pack(out)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
    again = packs.read_pack(out)
    original = packs.read_pack(BASIC_PACK)
    for (_p1, _c1, mine), (_p2, _c2, theirs) in zip(again.lessons(), original.lessons()):
        assert (mine.title, mine.body, mine.questions, mine.narration, mine.tags) == \
               (theirs.title, theirs.body, theirs.questions, theirs.narration, theirs.tags)
    assert (out / "chu-cai" / "01-lam-quen" / "media" / "chu-a.png").read_bytes() == \
           (BASIC_PACK / "chu-cai" / "01-lam-quen" / "media" / "chu-a.png").read_bytes()


def test_a_zipped_pack_imports(make, db, tmp_path):
    archive = tmp_path / "pack.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for file in BASIC_PACK.rglob("*"):
            z.write(file, "basic/" + file.relative_to(BASIC_PACK).as_posix())
    assert make.pack(archive).created == 2


def test_a_zip_that_escapes_its_folder_is_refused(make, db, tmp_path):
    archive = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("../../etc/evil.yml", "x")
    with pytest.raises(packs.PackError):
        make.pack(archive)


BAD_PACKS = [
    ("missing title", ("chu-cai", "01-lam-quen", "02-chu-b.md"), 'title: "Chữ b"\n', "", "title"),
    ("answer not among choices", LESSON_A, 'answer: "a"', 'answer: "ă"', "ă"),
    ("missing media", LESSON_A, "media/chu-a.png", "media/khong-co.png", "khong-co.png"),
    ("invalid YAML", ("chu-cai", "programme.yml"), "kind: literacy-1", "kind: [literacy-1", "YAML"),
    ("missing course title", ("chu-cai", "01-lam-quen", "course.yml"), 'title: "Làm quen với chữ"\n', "", "title"),
    ("unknown kind", ("chu-cai", "programme.yml"), "kind: literacy-1", "kind: literacy-9", "kind"),
    ("one choice only", LESSON_A, 'choices: ["a", "o", "e"]', 'choices: ["a"]', "hai lựa chọn"),
    ("broken link", LESSON_A, "(02-chu-b.md)", "(09-khong-co.md)", "09-khong-co.md"),
]


@pytest.mark.parametrize("name,parts,old,new,mentions", BAD_PACKS, ids=[b[0] for b in BAD_PACKS])
def test_a_bad_pack_is_refused_naming_the_file_and_nothing_is_imported(make, db, tmp_path, name, parts, old, new, mentions):
    pack = copy_pack(tmp_path)
    edit(pack, parts, old, new)
    with pytest.raises(packs.PackError) as error:
        make.pack(pack)
    text = "\n".join(map(str, error.value.problems))
    assert "/".join(parts) in text
    assert mentions in text
    assert count(db, Lesson) == 0 and count(db, Programme) == 0


def test_a_broken_picture_is_refused_and_nothing_is_imported(make, db, tmp_path):
    pack = copy_pack(tmp_path)
    (pack / "chu-cai" / "01-lam-quen" / "media" / "chu-a.png").write_bytes(b"\x89PNG\r\n\x1a\n not really")
    with pytest.raises(packs.PackError) as error:
        make.pack(pack)
    assert "01-chu-a.md" in str(error.value)
    assert count(db, Lesson) == 0


def test_a_failure_half_way_rolls_everything_back(make, db, tmp_path):
    """The second lesson fails while the first is already written: nothing of either stays."""
    pack = copy_pack(tmp_path)
    extra = pack / "chu-cai" / "01-lam-quen" / "03-chu-c.md"
    extra.write_text('---\ntitle: "Chữ c"\n---\n![c](media/c.png)\n', encoding="utf-8")
    (pack / "chu-cai" / "01-lam-quen" / "media" / "c.png").write_bytes(b"GIF89a not a png")
    with pytest.raises(packs.PackError):
        make.pack(pack)
    assert count(db, Lesson) == 0 and count(db, LessonVersion) == 0


# Found by tests/fuzz/test_pack_properties.py: values that made the reader or the importer fail with something other
# than a PackError (a crash of `lms content import` or of an upload), or that only PostgreSQL would have refused.
LESSON_B = ("chu-cai", "01-lam-quen", "02-chu-b.md")
ODD_VALUES = [
    ("order that is a word", ("chu-cai", "programme.yml"), "order: 1", "order: abc", "order"),
    ("minutes of infinity", LESSON_B, "minutes: 3", "minutes: .inf", "minutes"),
    ("pass mark of infinity", LESSON_A, "quiz:\n", "quiz:\n  pass_mark: .inf\n", "pass_mark"),
    ("tags that are a number", LESSON_B, "minutes: 3", "minutes: 3\ntags: 5", "tags"),
    ("a kind that is a list", LESSON_A, "kind: true-false", "kind: [true-false]", "true-false"),
    ("a date that is no date", LESSON_B, "minutes: 3", "minutes: 3\nwhen: 2001-13-45", "YAML"),
    ("YAML nested too deeply", ("chu-cai", "programme.yml"), "order: 1", "order: 1\nx: " + "[" * 3000 + "]" * 3000,
     "YAML"),
    ("a title too long for its column", LESSON_B, 'title: "Chữ b"', 'title: "' + "b" * 201 + '"', "200"),
    ("a picture name too long for the file system", LESSON_B, "**ba**.", "![b](media/" + "b" * 300 + ".png)", "bbb"),
    ("Markdown nested too deeply to render", LESSON_B, "**ba**.", "**ba**.\n\n" + "- " * 1000 + "x", "02-chu-b.md"),
]


@pytest.mark.parametrize("name,parts,old,new,mentions", ODD_VALUES, ids=[v[0] for v in ODD_VALUES])
def test_odd_values_are_problems_not_crashes(make, db, tmp_path, name, parts, old, new, mentions):
    pack = copy_pack(tmp_path)
    edit(pack, parts, old, new)
    with pytest.raises(packs.PackError) as error:
        make.pack(pack)
    text = "\n".join(map(str, error.value.problems))
    assert "/".join(parts) in text and mentions in text
    assert count(db, Lesson) == 0


def test_numbers_too_big_for_the_database_are_problems(make, db, tmp_path):
    pack = copy_pack(tmp_path)
    course = pack / "chu-cai" / "01-lam-quen"
    (course / "02-chu-b.md").rename(course / "99999999999999999999-chu-b.md")
    edit(pack, LESSON_A, "(02-chu-b.md)", "(99999999999999999999-chu-b.md)")
    with pytest.raises(packs.PackError) as error:
        make.pack(pack)
    assert "99999999999999999999-chu-b.md" in str(error.value)


def test_a_folder_where_a_file_belongs_is_a_problem(make, db, tmp_path):
    pack = copy_pack(tmp_path)
    (pack / "chu-cai" / "01-lam-quen" / "course.yml").unlink()
    (pack / "chu-cai" / "01-lam-quen" / "course.yml").mkdir()
    (pack / "chu-cai" / "01-lam-quen" / "03-chu-c.md").mkdir()  # a folder named like a lesson is not one
    with pytest.raises(packs.PackError) as error:
        make.pack(pack)
    assert [p.path for p in error.value.problems] == ["chu-cai/01-lam-quen/course.yml"]


@pytest.mark.parametrize("damage", ["truncated", "file and folder of one name"])
def test_a_damaged_zip_is_refused(make, db, tmp_path, damage):
    archive = tmp_path / "pack.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for file in BASIC_PACK.rglob("*"):
            z.write(file, "basic/" + file.relative_to(BASIC_PACK).as_posix())
        if damage != "truncated":
            z.writestr("basic/chu-cai/programme.yml/x", "x")
    if damage == "truncated":
        data = archive.read_bytes()
        archive.write_bytes(data[:len(data) // 2] + data[-200:])  # the directory at the end, half the data gone
    with pytest.raises(packs.PackError):
        make.pack(archive)


def test_links_numbered_another_way_and_answers_and_tags_in_any_order_round_trip(make, db, tmp_path, app):
    """`1-x.md` and `01-x.md` are one lesson (an export writes two digits); answers are kept in the order of the
    choices and tags split at commas, as an export writes them, so that export → import changes nothing."""
    pack = copy_pack(tmp_path)
    course = pack / "chu-cai" / "01-lam-quen"
    (course / "02-chu-b.md").rename(course / "2-chu-b.md")
    edit(pack, LESSON_A, "(02-chu-b.md)", "(002-chu-b.md)")
    edit(pack, LESSON_A, 'answer: ["ba", "ca"]', 'answer: ["ca", "ba"]')
    edit(pack, LESSON_A, "tags: [chữ cái]", "tags: [chữ cái, 'đọc,viết']")
    [_p, _c, (a, _b)] = [(p, c, c.lessons) for p, c, _l in list(packs.read_pack(pack).lessons())[:1]][0]
    assert a.questions[1].answers == ["ba", "ca"] and a.tags == ["chữ cái", "đọc", "viết"]
    assert make.pack(pack).created == 2
    out = tmp_path / "out"
    packs.export_pack(out, media_root=app.config["LMS_MEDIA_DIR"])
    assert (out / "chu-cai" / "01-lam-quen" / "02-chu-b.md").exists()
    report = make.pack(out)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
