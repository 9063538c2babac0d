"""Packs from the browser: a course written in the editor goes out as a .zip and comes back in, at another center."""
import io
import zipfile
from pathlib import Path

import pytest
import yaml
from flask_babel import force_locale
from sqlalchemy import func, select

from lms.models import Course, Lesson, LessonStatus, LessonVersion, Programme, QuestionKind, Role
from lms.services import authoring, packs
from lms.services.authoring import ChoiceInput, CourseInput, DraftText, QuestionInput
from tests.conftest import BASIC_PACK

PNG = BASIC_PACK / "chu-cai" / "01-lam-quen" / "media" / "chu-a.png"
OGG = BASIC_PACK / "chu-cai" / "01-lam-quen" / "media" / "chu-a.ogg"


@pytest.fixture
def root(app):
    return Path(app.config["LMS_MEDIA_DIR"])


def count(db, model):
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def authored(make, db, root):
    """Center C1's course with one published lesson: a picture, a narration, a picture choice and a recorded question."""
    make.pack()
    center = make.center("C1")
    teacher = make.user(Role.TEACHER, center=center)
    programme = db.session.scalar(select(Programme))
    course = authoring.create_course(teacher, programme.id, CourseInput(title="Trồng lúa nước"))
    lesson = authoring.create_lesson(teacher, course, "Gieo mạ")
    _path, snippet = authoring.add_picture(teacher, lesson, PNG.read_bytes(), "Ruộng mạ", media_root=root)
    authoring.save_draft(teacher, lesson, 1, DraftText("Gieo mạ", f"Gieo mạ đúng lúc.\n\n{snippet}\n"))
    authoring.set_narration(teacher, lesson, OGG.read_bytes(), media_root=root)
    q = authoring.add_question(teacher, lesson, QuestionInput(
        QuestionKind.SINGLE, "Ảnh nào là chữ a?", "Chữ a có một vòng tròn.",
        [ChoiceInput("Chữ a", True, image=PNG.read_bytes()), ChoiceInput("Chữ o")]), media_root=root)
    authoring.set_question_audio(teacher, q, OGG.read_bytes(), media_root=root)
    version = authoring.publish(teacher, lesson, media_url="/media/")
    return dict(center=center, teacher=teacher, course=course, lesson=lesson, version=version)


def save(data: bytes, tmp_path: Path) -> Path:
    path = tmp_path / "pack.zip"
    path.write_bytes(data)
    return path


def test_a_course_downloads_as_a_pack_in_the_format_of_content(authored, db, root, tmp_path):
    data = authoring.export_course(authored["teacher"], authored["course"], media_root=root)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        lesson_file = next(n for n in names if n.endswith("01-gieo-ma.md"))
        front, body = packs.split_front_matter(archive.read(lesson_file).decode())
    assert lesson_file == "trong-lua-nuoc/chu-cai/02-trong-lua-nuoc/01-gieo-ma.md"
    assert "trong-lua-nuoc/chu-cai/programme.yml" in names and "trong-lua-nuoc/chu-cai/02-trong-lua-nuoc/course.yml" in names
    meta = yaml.safe_load(front)
    [question] = meta["quiz"]["questions"]
    assert question["choices"][0].startswith("![Chữ a](media/") and question["answer"] == question["choices"][0]
    assert question["audio"].startswith("media/") and meta["narration"].startswith("media/")
    assert "![Ruộng mạ](media/" in body
    media_files = {n.rsplit("/", 1)[1] for n in names if "/media/" in n}
    # The picture (also the choice) and one sound (narration and the question's clip are the same recording here).
    assert len(media_files) == 2 and meta["narration"] == question["audio"]
    with packs.opened(save(data, tmp_path)) as folder:
        assert packs.read_pack(folder).problems == []


def test_an_exported_course_imports_unchanged_at_its_center_and_as_a_copy_at_another(authored, make, db, root, tmp_path):
    data = authoring.export_course(authored["teacher"], authored["course"], media_root=root)
    path = save(data, tmp_path)
    # Back home: the same lessons, the same versions (export → import round-trips).
    report = authoring.import_pack(authored["teacher"], path, media_root=root, media_url="/media/")
    assert (report.created, report.updated, report.unchanged) == (0, 0, 1)
    # At another center (carried on a USB stick): its own course, under a slug of its own.
    other = make.user(Role.TEACHER, center=make.center("XA-2"))
    report = authoring.import_pack(other, path, media_root=root, media_url="/media/")
    assert (report.created, report.updated, report.unchanged) == (1, 0, 0)
    course = db.session.scalar(select(Course).where(Course.center_id == other.center_id))
    assert course.slug == "trong-lua-nuoc-xa-2" and course.title == "Trồng lúa nước"
    [lesson] = course.lessons
    assert lesson.status is LessonStatus.PUBLISHED and lesson.author_id == other.id
    version = lesson.published_version
    original = authored["version"]
    assert version.source_hash == original.source_hash
    [q] = version.questions
    assert q.choices[0].image_id == original.questions[0].choices[0].image_id and q.choices[0].text == "Chữ a"
    assert q.audio_id == original.questions[0].audio_id and not q.audio.machine_voice
    assert version.narration_id == original.narration_id
    assert authoring.import_pack(other, path, media_root=root, media_url="/media/").unchanged == 1
    # The owner's course was not touched.
    assert authored["course"].center_id == authored["center"].id and len(authored["course"].lessons) == 1


def test_a_bad_pack_is_refused_whole_with_its_problems_named_by_file(authored, db, root, tmp_path):
    data = authoring.export_course(authored["teacher"], authored["course"], media_root=root)
    good = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for info in good.infolist():
            content = good.read(info)
            if info.filename.endswith("01-gieo-ma.md"):
                archive.writestr(info.filename.replace("01-gieo-ma", "02-gieo-ma-2"),
                                 content.decode().replace("Gieo mạ đúng lúc.", "Bài hai."))
                content = content.decode().replace("answer: ", "answer: Không có ", 1).encode()
            archive.writestr(info, content)
        archive.writestr("trong-lua-nuoc/chu-cai/02-trong-lua-nuoc/03-thieu-anh.md",
                         "---\ntitle: Thiếu ảnh\n---\n![Ảnh](media/khong-co.png)\n")
    before = (count(db, Course), count(db, Lesson), count(db, LessonVersion))
    with pytest.raises(packs.PackError) as error:
        authoring.import_pack(authored["teacher"], save(out.getvalue(), tmp_path), media_root=root, media_url="/media/")
    paths = {problem.path for problem in error.value.problems}
    assert paths == {"chu-cai/02-trong-lua-nuoc/01-gieo-ma.md", "chu-cai/02-trong-lua-nuoc/03-thieu-anh.md"}
    assert (count(db, Course), count(db, Lesson), count(db, LessonVersion)) == before  # not even lesson 2


def test_a_center_adds_courses_to_existing_programmes_only(authored, db, root, tmp_path):
    data = authoring.export_course(authored["teacher"], authored["course"], media_root=root)
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for info in source.infolist():
            archive.writestr(info.filename.replace("/chu-cai/", "/chuong-trinh-moi/"), source.read(info))
    programmes = count(db, Programme)
    with pytest.raises(packs.PackError) as error:
        authoring.import_pack(authored["teacher"], save(out.getvalue(), tmp_path), media_root=root, media_url="/media/")
    assert [p.path for p in error.value.problems] == ["chuong-trinh-moi/programme.yml"]
    assert count(db, Programme) == programmes


def test_the_shared_library_import_never_takes_over_a_centers_course(authored, db, root, tmp_path):
    data = authoring.export_course(authored["teacher"], authored["course"], media_root=root)
    with pytest.raises(packs.PackError) as error:
        packs.import_path(save(data, tmp_path), media_root=root)  # as `lms content import` does
    assert error.value.problems[0].path == "chu-cai/02-trong-lua-nuoc/course.yml"
    assert authored["course"].center_id == authored["center"].id


def test_an_uploaded_file_that_is_not_a_zip_is_refused(authored, root, tmp_path):
    with pytest.raises(packs.PackError):
        authoring.import_pack(authored["teacher"], save(b"not a zip", tmp_path), media_root=root, media_url="/media/")


def test_a_learner_or_officer_cannot_import(authored, make, root, tmp_path):
    for role in (Role.LEARNER, Role.OFFICER):
        with pytest.raises(authoring.NotAllowed):
            authoring.import_pack(make.user(role, center=authored["center"]), save(b"x", tmp_path), media_root=root,
                                  media_url="/media/")


def test_a_pictures_clip_travels_in_the_pack_as_picture_audio(authored, make, db, root, tmp_path):
    teacher, lesson = authored["teacher"], authored["lesson"]
    [picture] = authoring.draft_pictures(authoring.draft_for(lesson))
    clip = authoring.set_picture_audio(teacher, lesson, picture.path, OGG.read_bytes(), media_root=root)
    version = authoring.publish(teacher, lesson, media_url="/media/")
    meta = packs.lesson_front_matter(version)
    assert meta["picture_audio"] == {picture.path: next(m.path for m in version.media if m.asset_id == clip.id)}
    path = save(authoring.export_course(teacher, authored["course"], media_root=root), tmp_path)
    assert authoring.import_pack(teacher, path, media_root=root, media_url="/media/").unchanged == 1
    other = make.user(Role.TEACHER, center=make.center("XA-2"))
    authoring.import_pack(other, path, media_root=root, media_url="/media/")
    course = db.session.scalar(select(Course).where(Course.center_id == other.center_id))
    imported = course.lessons[0].published_version
    assert {m.path: m.audio_id for m in imported.media}[picture.path] == clip.id
    assert imported.source_hash == version.source_hash


def test_picture_audio_must_name_a_picture_of_the_lesson(tmp_path):
    lesson = tmp_path / "p" / "01-c" / "01-l.md"
    (lesson.parent / "media").mkdir(parents=True)
    (lesson.parent / "media" / "a.png").write_bytes(PNG.read_bytes())
    (lesson.parent / "media" / "a.ogg").write_bytes(OGG.read_bytes())
    (tmp_path / "p" / "programme.yml").write_text("title: P\nkind: literacy-1\n", encoding="utf-8")
    (lesson.parent / "course.yml").write_text("title: C\n", encoding="utf-8")
    front = "picture_audio:\n  media/b.png: media/a.ogg\n  media/a.png: media/khong-co.ogg\n"
    lesson.write_text(f"---\ntitle: L\n{front}---\n![Chữ a](media/a.png)\n", encoding="utf-8")
    with force_locale("en"):
        messages = [problem.message for problem in packs.read_pack(tmp_path).problems]
    assert messages == ["picture_audio: media/b.png is not a picture of this lesson",
                        "the file media/khong-co.ogg does not exist"]
    lesson.write_text("---\ntitle: L\npicture_audio:\n  media/a.png: media/a.ogg\n---\n![Chữ a](media/a.png)\n",
                      encoding="utf-8")
    [spec] = [spec for _p, _c, spec in packs.read_pack(tmp_path).lessons()]
    assert spec.picture_audio == {"media/a.png": "media/a.ogg"} and set(spec.media) == {"media/a.png", "media/a.ogg"}
