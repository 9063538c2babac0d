"""Authoring services: drafts and autosave conflicts, publishing and versions, restore, copying, quiz rules."""
from pathlib import Path

import pytest
from sqlalchemy import func, select

from lms.models import (
    Course, DraftQuestion, Lesson, LessonDraft, LessonStatus, LessonVersion, MediaAsset, Programme, QuestionKind, Role,
)
from lms.services import authoring
from lms.services.authoring import ChoiceInput, CourseInput, DraftText, QuestionInput
from tests.conftest import BASIC_PACK

PNG = BASIC_PACK / "chu-cai" / "01-lam-quen" / "media" / "chu-a.png"
OGG = BASIC_PACK / "chu-cai" / "01-lam-quen" / "media" / "chu-a.ogg"
MEDIA_URL = "/media/"
pytestmark = pytest.mark.usefixtures("in_english")


@pytest.fixture
def root(app):
    return Path(app.config["LMS_MEDIA_DIR"])


@pytest.fixture
def world(make, db):
    """The shipped-like library (the basic pack), a center with a teacher and a course of its own."""
    make.pack()
    center = make.center("C1")
    teacher = make.user(Role.TEACHER, center=center, name="Cô Lan")
    colleague = make.user(Role.TEACHER, center=center, name="Thầy Minh")
    programme = db.session.scalar(select(Programme))
    course = authoring.create_course(teacher, programme.id, CourseInput(title="Trồng lúa nước"))
    return dict(center=center, teacher=teacher, colleague=colleague, programme=programme, course=course)


def text(title="Gieo mạ", markdown="Gieo mạ vào **tháng giêng**.\n", **fields):
    return DraftText(title=title, markdown=markdown, **fields)


def question(kind=QuestionKind.SINGLE, text_="Mạ là gì?", explanation="Mạ là cây lúa non.", choices=None):
    choices = choices if choices is not None else [ChoiceInput("Cây lúa non", True), ChoiceInput("Con gà")]
    return QuestionInput(kind=kind, text=text_, explanation=explanation, choices=choices)


def new_lesson(world, title="Gieo mạ"):
    return authoring.create_lesson(world["teacher"], world["course"], title)


def written(world, root, body="Gieo mạ vào **tháng giêng**.\n"):
    """A lesson with a text, a picture and a one-question quiz, ready to publish."""
    teacher = world["teacher"]
    lesson = new_lesson(world)
    _path, snippet = authoring.add_picture(teacher, lesson, PNG.read_bytes(), "Ruộng mạ xanh", media_root=root)
    draft = authoring.draft_for(lesson)
    authoring.save_draft(teacher, lesson, draft.revision, text(markdown=body + "\n" + snippet + "\n"))
    authoring.add_question(teacher, lesson, question(), media_root=root)
    return lesson


# --- drafts and autosave -----------------------------------------------------------------------------------

def test_a_new_lesson_is_a_draft_at_the_end_of_its_course_with_a_slug_from_its_title(world, db):
    first = new_lesson(world, "Gieo mạ")
    second = new_lesson(world, "Gieo mạ")
    assert (first.slug, second.slug) == ("gieo-ma", "gieo-ma-2")
    assert (first.position, second.position) == (1, 2)
    assert first.status is LessonStatus.DRAFT and first.author_id == world["teacher"].id
    assert authoring.draft_for(first).title == "Gieo mạ" and authoring.draft_for(first).revision == 1
    assert authoring.slugify("Đường đi – Cẩn thận!") == "duong-di-can-than"


def test_each_save_makes_the_next_revision(world, db):
    lesson = new_lesson(world)
    saved = authoring.save_draft(world["teacher"], lesson, 1, text(markdown="Một"))
    assert (saved.revision, saved.markdown, saved.updated_by_id) == (2, "Một", world["teacher"].id)
    saved = authoring.save_draft(world["teacher"], lesson, 2, text(markdown="Hai", minutes=7, tags="lúa, mạ"))
    assert (saved.revision, saved.markdown, saved.minutes, saved.tags) == (3, "Hai", 7, "lúa, mạ")


def test_a_save_made_from_an_older_revision_is_refused_and_the_other_text_is_kept(world, db):
    lesson = new_lesson(world)
    authoring.save_draft(world["colleague"], lesson, 1, text(markdown="Văn bản của thầy Minh"), editor_key="tab-minh")
    with pytest.raises(authoring.Conflict) as refused:
        authoring.save_draft(world["teacher"], lesson, 1, text(markdown="Văn bản của cô Lan"), editor_key="tab-lan")
    theirs = refused.value.current
    assert (theirs.markdown, theirs.revision, theirs.updated_by.display_name) == ("Văn bản của thầy Minh", 2, "Thầy Minh")
    db.session.rollback()  # ends the read snapshot: see what others committed
    assert db.session.scalar(select(LessonDraft.markdown).where(LessonDraft.lesson_id == lesson.id)) == "Văn bản của thầy Minh"
    # Saving again from the revision now shown is a deliberate choice, and works.
    saved = authoring.save_draft(world["teacher"], lesson, theirs.revision, text(markdown="Văn bản của cô Lan"))
    assert (saved.markdown, saved.revision) == ("Văn bản của cô Lan", 3)


def test_a_save_sent_again_after_its_answer_was_lost_is_not_a_conflict(world, db):
    lesson = new_lesson(world)
    authoring.save_draft(world["teacher"], lesson, 1, text(markdown="Một"), editor_key="tab-1")
    # The answer never reached the phone: it sends the same text again from revision 1...
    again = authoring.save_draft(world["teacher"], lesson, 1, text(markdown="Một"), editor_key="tab-1")
    assert again.revision == 2
    # ...or a longer text typed meanwhile: the last save was its own, so nobody's text is lost.
    longer = authoring.save_draft(world["teacher"], lesson, 1, text(markdown="Một hai"), editor_key="tab-1")
    assert (longer.markdown, longer.revision) == ("Một hai", 3)
    # Another tab with revision 1 is still refused.
    with pytest.raises(authoring.Conflict):
        authoring.save_draft(world["teacher"], lesson, 1, text(markdown="Khác"), editor_key="tab-2")


def test_the_same_text_sent_twice_without_a_tab_is_not_a_conflict(world, db):
    lesson = new_lesson(world)
    authoring.save_draft(world["teacher"], lesson, 1, text(markdown="Một"))
    assert authoring.save_draft(world["teacher"], lesson, 1, text(markdown="Một")).revision == 2


@pytest.mark.parametrize("fields", [dict(minutes=0), dict(minutes=500), dict(pass_mark=0), dict(language="tiếng việt"),
                                    dict(title="x" * 201)])
def test_a_draft_with_impossible_details_is_refused_with_a_message(world, db, fields):
    lesson = new_lesson(world)
    with pytest.raises(authoring.Invalid) as error:
        authoring.save_draft(world["teacher"], lesson, 1, text(**fields))
    assert error.value.problems
    assert authoring.draft_for(lesson).revision == 1


# --- pictures and sounds -----------------------------------------------------------------------------------

def test_a_picture_needs_a_description_and_is_mapped_under_a_content_hashed_name(world, db, root):
    lesson = new_lesson(world)
    with pytest.raises(authoring.Invalid):
        authoring.add_picture(world["teacher"], lesson, PNG.read_bytes(), "   ", media_root=root)
    path, snippet = authoring.add_picture(world["teacher"], lesson, PNG.read_bytes(), "Ruộng [mạ]", media_root=root)
    asset = db.session.scalar(select(MediaAsset))
    assert path == f"media/{asset.sha256[:12]}.png" and snippet == f"![Ruộng (mạ)]({path})"
    assert {m.path: m.asset_id for m in authoring.draft_for(lesson).media} == {path: asset.id}


@pytest.mark.parametrize("name", ["bomb.png", "truncated.jpg", "not-an-image.jpg"])
def test_bad_uploads_are_refused_and_nothing_is_kept(world, db, root, name):
    from lms.services import media
    from tests.conftest import FIXTURES
    lesson = new_lesson(world)
    with pytest.raises(media.MediaError) as error:
        authoring.add_picture(world["teacher"], lesson, (FIXTURES / "images" / name).read_bytes(), "Ảnh", media_root=root)
    assert str(error.value)
    assert authoring.draft_for(lesson).media == []
    assert db.session.scalar(select(func.count()).select_from(MediaAsset).where(MediaAsset.kind == "image")) == 1  # the pack's


def test_an_uploaded_photo_keeps_no_gps_or_exif(world, db, root):
    from PIL import Image
    from tests.conftest import FIXTURES
    lesson = new_lesson(world)
    path, _snippet = authoring.add_picture(world["teacher"], lesson, (FIXTURES / "images" / "gps.jpg").read_bytes(),
                                           "Cánh đồng", media_root=root)
    asset = next(m.asset for m in authoring.draft_for(lesson).media if m.path == path)
    files = list((root / asset.sha256[:2]).glob(f"{asset.sha256}*"))
    assert len(files) == 1 + 2 * len(asset.widths.split(","))  # the original, and each width in WebP and JPEG
    for file in files:
        with Image.open(file) as stored:
            exif = stored.getexif()
            assert not exif.get_ifd(0x8825) and 0x0112 not in exif, file.name


def test_narration_is_checked_by_content(world, db, root):
    from lms.services import media
    lesson = new_lesson(world)
    with pytest.raises(media.MediaError):
        authoring.set_narration(world["teacher"], lesson, b"<html>not a sound</html>", media_root=root)
    asset = authoring.set_narration(world["teacher"], lesson, OGG.read_bytes(), media_root=root)
    assert authoring.draft_for(lesson).narration_id == asset.id and not asset.machine_voice
    webm = b"\x1a\x45\xdf\xa3" + b"\x00" * 64  # what a browser's MediaRecorder sends
    assert authoring.set_narration(world["teacher"], lesson, webm, media_root=root).extension == "webm"


# --- quizzes -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("data,expected", [
    (question(choices=[ChoiceInput("Cây lúa non", True)]), "Give at least two choices."),
    (question(choices=[ChoiceInput("A"), ChoiceInput("B")]), "Mark the right answer."),
    (question(explanation="  "), "Write an explanation: learners see it after they answer."),
    (question(text_=""), "Write the question."),
    (question(choices=[ChoiceInput("A", True), ChoiceInput("B", True)]),
     "This kind of question has exactly one right answer."),
    (question(kind=QuestionKind.TRUE_FALSE, choices=[ChoiceInput("Đúng", True), ChoiceInput("Sai"), ChoiceInput("?")]),
     "A true/false question has exactly two choices."),
    (question(choices=[ChoiceInput("A", True), ChoiceInput("A")]), "Two choices are the same."),
])
def test_a_question_that_is_not_right_yet_is_refused_with_a_clear_message(world, db, root, data, expected):
    lesson = new_lesson(world)
    with pytest.raises(authoring.Invalid) as error:
        authoring.add_question(world["teacher"], lesson, data, media_root=root)
    assert expected in error.value.problems
    assert authoring.draft_for(lesson).questions == []


def test_questions_are_added_edited_moved_and_deleted(world, db, root):
    teacher, lesson = world["teacher"], new_lesson(world)
    first = authoring.add_question(teacher, lesson, question(), media_root=root)
    second = authoring.add_question(teacher, lesson, question(
        kind=QuestionKind.MULTIPLE, text_="Cây nào là lúa?",
        choices=[ChoiceInput("Lúa nếp", True), ChoiceInput("Lúa tẻ", True), ChoiceInput("Ngô"), ChoiceInput("")]),
        media_root=root)
    assert [c.text for c in second.choices] == ["Lúa nếp", "Lúa tẻ", "Ngô"]  # the empty one is dropped
    authoring.move_question(teacher, second, -1)
    assert [q.id for q in authoring.draft_for(lesson).questions] == [second.id, first.id]
    authoring.update_question(teacher, first, first.revision, question(text_="Mạ là cây gì?"), media_root=root)
    with pytest.raises(authoring.Conflict):  # someone edits from the revision before that change
        authoring.update_question(teacher, first, 1, question(text_="Cũ"), media_root=root)
    assert db.session.get(DraftQuestion, first.id).text == "Mạ là cây gì?"
    authoring.delete_question(teacher, second)
    assert [(q.position, q.text) for q in authoring.draft_for(lesson).questions] == [(1, "Mạ là cây gì?")]


def test_a_choice_may_be_a_picture_described_by_its_text(world, db, root):
    teacher, lesson = world["teacher"], new_lesson(world)
    with pytest.raises(authoring.Invalid) as error:
        authoring.add_question(teacher, lesson, question(choices=[
            ChoiceInput("", True, image=PNG.read_bytes()), ChoiceInput("Con gà")]), media_root=root)
    assert "Describe each picture choice in a few words." in error.value.problems
    added = authoring.add_question(teacher, lesson, question(choices=[
        ChoiceInput("Chữ a", True, image=PNG.read_bytes()), ChoiceInput("Con gà")]), media_root=root)
    assert added.choices[0].image.kind == "image"


# --- publishing, versions, restore -------------------------------------------------------------------------------

def test_publishing_makes_a_version_learners_see(world, db, root):
    teacher, lesson = world["teacher"], None
    lesson = written(world, root)
    assert lesson.published_version_id is None
    version = authoring.publish(teacher, lesson, media_url=MEDIA_URL)
    assert (version.number, version.created_by_id, lesson.status) == (1, teacher.id, LessonStatus.PUBLISHED)
    assert lesson.published_version_id == version.id and version.published_at is not None
    assert "<picture>" in version.html and "<strong>tháng giêng</strong>" in version.html
    [item] = version.media
    assert item.path.startswith("media/") and item.asset.kind == "image"
    [q] = version.questions
    assert [(c.text, c.is_correct) for c in q.choices] == [("Cây lúa non", True), ("Con gà", False)]
    # The preview is the same HTML as the version.
    assert authoring.preview_html(authoring.draft_for(lesson), media_url=MEDIA_URL) == version.html
    # Nothing changed: nothing to publish, no new version.
    assert not authoring.has_changes(authoring.draft_for(lesson))
    with pytest.raises(authoring.NothingToPublish):
        authoring.publish(teacher, lesson, media_url=MEDIA_URL)
    draft = authoring.draft_for(lesson)
    authoring.save_draft(teacher, lesson, draft.revision, text(markdown=draft.markdown + "\nThêm một câu.\n"))
    assert authoring.has_changes(authoring.draft_for(lesson))
    assert authoring.publish(teacher, lesson, media_url=MEDIA_URL).number == 2


def test_publishing_refuses_a_draft_with_problems_and_lists_them(world, db, root):
    teacher, lesson = world["teacher"], new_lesson(world)
    authoring.save_draft(teacher, lesson, 1, text(title=" ", markdown="![](media/none.png)"))
    with pytest.raises(authoring.Invalid) as error:
        authoring.publish(teacher, lesson, media_url=MEDIA_URL)
    assert "Give the lesson a title." in error.value.problems
    assert any("media/none.png" in p for p in error.value.problems)
    assert lesson.status is LessonStatus.DRAFT
    assert db.session.scalar(select(func.count()).select_from(LessonVersion).where(LessonVersion.lesson_id == lesson.id)) == 0


def test_a_publish_from_a_stale_page_is_refused(world, db, root):
    teacher, lesson = world["teacher"], written(world, root)
    with pytest.raises(authoring.Conflict):
        authoring.publish(teacher, lesson, media_url=MEDIA_URL, revision=1)


def test_unpublishing_hides_the_lesson_and_publishing_again_needs_no_new_version(world, db, root):
    teacher, lesson = world["teacher"], written(world, root)
    authoring.publish(teacher, lesson, media_url=MEDIA_URL)
    authoring.unpublish(teacher, lesson)
    assert lesson.status is LessonStatus.UNPUBLISHED
    assert authoring.publish(teacher, lesson, media_url=MEDIA_URL).number == 1
    assert lesson.status is LessonStatus.PUBLISHED


def test_restoring_an_old_version_makes_a_new_one_with_its_content(world, db, root):
    teacher, lesson = world["teacher"], written(world, root, body="Bản một.")
    authoring.publish(teacher, lesson, media_url=MEDIA_URL)
    draft = authoring.draft_for(lesson)
    authoring.save_draft(teacher, lesson, draft.revision, text(title="Gieo mạ (mới)", markdown="Bản hai."))
    q = authoring.draft_for(lesson).questions[0]
    authoring.update_question(teacher, q, q.revision, question(text_="Câu hỏi mới"), media_root=root)
    v2 = authoring.publish(teacher, lesson, media_url=MEDIA_URL)
    v1 = db.session.scalar(select(LessonVersion).where(LessonVersion.lesson_id == lesson.id, LessonVersion.number == 1))
    v3 = authoring.restore(teacher, lesson, v1.id, media_url=MEDIA_URL)
    assert (v3.number, v3.title, v3.markdown, v3.source_hash) == (3, v1.title, v1.markdown, v1.source_hash)
    assert [q.text for q in v3.questions] == ["Mạ là gì?"]
    assert lesson.published_version_id == v3.id and v2.published_at is not None
    draft = authoring.draft_for(lesson)
    assert (draft.markdown, draft.questions[0].text) == (v1.markdown, "Mạ là gì?")
    rows = authoring.history(lesson)
    assert [row.version.number for row in rows] == [3, 2, 1]
    assert rows[1].author == "Cô Lan" and "text" in rows[1].changes and "quiz" in rows[1].changes
    assert "title" in rows[1].changes and rows[1].added >= 1 and rows[1].removed >= 1
    lines = authoring.diff(authoring.content_lines(v1), authoring.content_lines(v2))
    assert ("removed", "Bản một.") in [(line.kind, line.text) for line in lines]
    assert ("added", "Bản hai.") in [(line.kind, line.text) for line in lines]
    assert ("added", "1. Câu hỏi mới") in [(line.kind, line.text) for line in lines]


def test_a_restore_from_a_stale_history_page_is_refused(world, db, root):
    teacher, lesson = world["teacher"], written(world, root)
    v1 = authoring.publish(teacher, lesson, media_url=MEDIA_URL)
    with pytest.raises(authoring.Conflict):
        authoring.restore(teacher, lesson, v1.id, media_url=MEDIA_URL, revision=1)


def test_an_imported_lesson_opened_in_the_editor_has_no_changes(world, db):
    lesson = db.session.scalar(select(Lesson).where(Lesson.slug == "chu-a"))
    draft = authoring.draft_for(lesson)
    assert draft.title == "Chữ a" and len(draft.questions) == 5 and draft.narration is not None
    assert not authoring.has_changes(draft)


# --- machine voice and recorded clips ------------------------------------------------------------------------------

def test_a_recorded_clip_replaces_the_machine_voice_and_the_voice_can_be_turned_off(world, db, root, app):
    from lms.services import speech
    voice = speech.voicer(app.config)
    if voice is None:
        pytest.skip("espeak-ng and opusenc are not installed")
    teacher = world["teacher"]
    lesson = written(world, root)
    q = authoring.draft_for(lesson).questions[0]
    recorded = authoring.set_question_audio(teacher, q, OGG.read_bytes(), media_root=root)
    version = authoring.publish(teacher, lesson, media_url=MEDIA_URL, voice=voice)
    assert version.questions[0].audio_id == recorded.id  # the teacher's voice, not the machine's
    assert version.narration.machine_voice and all(c.audio.machine_voice for c in version.questions[0].choices)
    # Turned off: the next version gets no machine voice at all.
    silent = written(world, root, body="Bài không có giọng máy.")
    authoring.set_machine_voice(teacher, silent, False)
    version = authoring.publish(teacher, silent, media_url=MEDIA_URL, voice=voice)
    assert version.narration is None and version.questions[0].audio is None


# --- courses, order, copying -------------------------------------------------------------------------------------

def test_lessons_are_moved_up_and_down_and_dragged_into_order(world, db):
    a, b, c = (new_lesson(world, t) for t in ("A", "B", "C"))
    authoring.move_lesson(world["teacher"], c, -1)
    assert [l.slug for l in sorted(world["course"].lessons, key=lambda l: l.position)] == ["a", "c", "b"]
    authoring.move_lesson(world["teacher"], a, -1)  # already first: stays
    authoring.reorder_lessons(world["teacher"], world["course"], [b.id, a.id])
    assert [(l.slug, l.position) for l in sorted(world["course"].lessons, key=lambda l: l.position)] == [
        ("b", 1), ("a", 2), ("c", 3)]
    with pytest.raises(authoring.Invalid):
        authoring.reorder_lessons(world["teacher"], world["course"], [b.id, 999999])


def test_a_library_lesson_is_copied_into_a_center_course_as_a_draft(world, db):
    teacher = world["teacher"]
    source = db.session.scalar(select(Lesson).where(Lesson.slug == "chu-a"))
    copy = authoring.copy_lesson(teacher, source, world["course"])
    assert (copy.course_id, copy.status, copy.author_id, copy.slug) == (
        world["course"].id, LessonStatus.DRAFT, teacher.id, "chu-a")
    draft = authoring.draft_for(copy)
    version = source.published_version
    assert (draft.title, draft.markdown) == (version.title, version.markdown)
    assert {m.path for m in draft.media} == {m.path for m in version.media}
    assert [q.text for q in draft.questions] == [q.text for q in version.questions]
    assert draft.narration_id == version.narration_id  # a recorded narration comes along
    # Adapting the copy leaves the library untouched.
    authoring.save_draft(teacher, copy, draft.revision, text(markdown="Bản của trung tâm."))
    authoring.publish(teacher, copy, media_url=MEDIA_URL)
    db.session.rollback()  # ends the read snapshot: see what others committed
    assert source.published_version.markdown == version.markdown and source.course.center_id is None


def test_a_whole_course_is_copied_with_its_published_lessons(world, db):
    source = db.session.scalar(select(Course).where(Course.slug == "lam-quen"))
    copy = authoring.copy_course(world["teacher"], source)
    assert copy.center_id == world["center"].id and copy.slug == "lam-quen-2" and copy.title == source.title
    assert sorted(l.slug for l in copy.lessons) == ["chu-a", "chu-b"]
    assert all(l.status is LessonStatus.DRAFT for l in copy.lessons)


def test_drafts_and_unpublished_lessons_cannot_be_copied(world, db):
    draft_lesson = new_lesson(world)
    other = authoring.create_course(world["teacher"], world["programme"].id, CourseInput(title="Khác"))
    with pytest.raises(authoring.NotAllowed):
        authoring.copy_lesson(world["teacher"], draft_lesson, other)


# --- who may do what --------------------------------------------------------------------------------------------

def test_the_rules_of_who_may_edit(world, make, db):
    from lms.permissions import can_copy_lesson, can_delete_lesson, can_edit_course, can_edit_lesson
    library_lesson = db.session.scalar(select(Lesson).where(Lesson.slug == "chu-a"))
    mine = new_lesson(world)
    elsewhere = make.center("C2")
    stranger = make.user(Role.TEACHER, center=elsewhere)
    manager = make.user(Role.MANAGER, center=world["center"])
    admin = make.user(Role.ADMIN)
    learner = make.user(Role.LEARNER, center=world["center"])
    assert can_edit_lesson(world["colleague"], mine) and can_edit_lesson(manager, mine) and can_edit_lesson(admin, mine)
    assert not can_edit_lesson(stranger, mine) and not can_edit_lesson(learner, mine)
    assert not can_edit_lesson(world["teacher"], library_lesson) and not can_edit_course(manager, library_lesson.course)
    assert can_edit_lesson(admin, library_lesson)
    assert can_copy_lesson(world["teacher"], library_lesson) and can_copy_lesson(stranger, library_lesson)
    assert not can_copy_lesson(learner, library_lesson)
    assert can_delete_lesson(world["teacher"], mine) and can_delete_lesson(manager, mine)
    assert not can_delete_lesson(world["colleague"], mine)  # a teacher deletes only their own drafts
    with pytest.raises(authoring.NotAllowed):
        authoring.save_draft(stranger, mine, 1, text())
    with pytest.raises(authoring.NotAllowed):
        authoring.save_draft(world["teacher"], library_lesson, 1, text())


def test_a_never_published_draft_can_be_deleted_a_published_lesson_cannot(world, db, root):
    teacher = world["teacher"]
    gone = new_lesson(world, "Nháp")
    authoring.delete_lesson(teacher, gone)
    assert db.session.scalar(select(func.count()).select_from(LessonDraft)) == 0
    lesson = written(world, root)
    authoring.publish(teacher, lesson, media_url=MEDIA_URL)
    with pytest.raises(authoring.Invalid):
        authoring.delete_lesson(teacher, lesson)


# --- a clip for each picture ---------------------------------------------------------------------------------------

def picture_of(lesson):
    [picture] = authoring.draft_pictures(authoring.draft_for(lesson))
    return picture


def test_a_picture_gets_its_own_clip_checked_like_every_sound(world, db, root):
    from lms.services import media
    teacher, lesson = world["teacher"], written(world, root)
    picture = picture_of(lesson)
    assert picture.alt == "Ruộng mạ xanh" and picture.item.audio is None
    with pytest.raises(media.MediaError):
        authoring.set_picture_audio(teacher, lesson, picture.path, PNG.read_bytes(), media_root=root)
    with pytest.raises(authoring.NotFound) as error:
        authoring.set_picture_audio(teacher, lesson, "media/khong-co.png", OGG.read_bytes(), media_root=root)
    assert str(error.value) == "This picture is not in the lesson."
    clip = authoring.set_picture_audio(teacher, lesson, picture.path, OGG.read_bytes(), media_root=root)
    assert picture_of(lesson).item.audio_id == clip.id and clip.kind == "audio" and not clip.machine_voice
    webm = b"\x1a\x45\xdf\xa3" + b"\x00" * 64  # what a browser's MediaRecorder sends
    assert authoring.set_picture_audio(teacher, lesson, picture.path, webm, media_root=root).extension == "webm"
    authoring.clear_picture_audio(teacher, lesson, picture.path)
    assert picture_of(lesson).item.audio is None


def test_another_centers_teacher_may_not_give_a_picture_a_clip(world, make, db, root):
    lesson = written(world, root)
    path = picture_of(lesson).path
    stranger = make.user(Role.TEACHER, center=make.center("C2"))
    with pytest.raises(authoring.NotAllowed):
        authoring.set_picture_audio(stranger, lesson, path, OGG.read_bytes(), media_root=root)
    authoring.set_picture_audio(world["teacher"], lesson, path, OGG.read_bytes(), media_root=root)
    with pytest.raises(authoring.NotAllowed):
        authoring.clear_picture_audio(stranger, lesson, path)
    assert picture_of(lesson).item.audio is not None


def test_publishing_copies_a_picture_clip_and_restoring_or_copying_keeps_it(world, db, root):
    teacher, lesson = world["teacher"], written(world, root)
    path = picture_of(lesson).path
    clip = authoring.set_picture_audio(teacher, lesson, path, OGG.read_bytes(), media_root=root)
    v1 = authoring.publish(teacher, lesson, media_url=MEDIA_URL)
    media_rows = {m.path: m for m in v1.media}
    assert media_rows[path].audio_id == clip.id and clip.id in {m.asset_id for m in v1.media}  # the clip is a file too
    authoring.clear_picture_audio(teacher, lesson, path)
    assert authoring.has_changes(authoring.draft_for(lesson))  # taking the clip away is a change to publish
    v2 = authoring.publish(teacher, lesson, media_url=MEDIA_URL)
    assert {m.path: m for m in v2.media}[path].audio is None
    v3 = authoring.restore(teacher, lesson, v1.id, media_url=MEDIA_URL)
    assert v3.source_hash == v1.source_hash and {m.path: m for m in v3.media}[path].audio_id == clip.id
    assert picture_of(lesson).item.audio_id == clip.id  # the draft holds the clip again
    assert "pictures and sounds" in authoring.history(lesson)[1].changes
    # A copy into another course takes the recorded clip along.
    other = authoring.create_course(teacher, world["programme"].id, CourseInput(title="Khác"))
    copy = authoring.copy_lesson(teacher, lesson, other)
    assert picture_of(copy).item.audio_id == clip.id


def test_a_picture_without_a_recording_gets_the_machine_voice_of_its_description(world, db, root, app):
    from lms.services import speech
    voice = speech.voicer(app.config)
    if voice is None:
        pytest.skip("espeak-ng and opusenc are not installed")
    teacher = world["teacher"]
    spoken = written(world, root)
    path = picture_of(spoken).path
    version = authoring.publish(teacher, spoken, media_url=MEDIA_URL, voice=voice)
    clip = {m.path: m for m in version.media}[path].audio
    key = speech.Espeak().key("Ruộng mạ xanh")
    assert clip.machine_voice and clip.source_key == key  # the description, read by the machine
    # A draft filled from the version (a restore, a copy) leaves the machine's clip out: it is made again.
    authoring.restore(teacher, spoken, version.id, media_url=MEDIA_URL, voice=voice)
    assert picture_of(spoken).item.audio is None
    # A recorded clip wins.
    recorded = authoring.set_picture_audio(teacher, spoken, path, OGG.read_bytes(), media_root=root)
    version = authoring.publish(teacher, spoken, media_url=MEDIA_URL, voice=voice)
    assert {m.path: m for m in version.media}[path].audio_id == recorded.id


def test_a_choice_cannot_borrow_a_picture_from_another_centers_draft(world, db, root, make):
    """Pictures are stored by content for everyone; a form may only name pictures its own draft holds."""
    theirs = new_lesson(world)
    _path, _snippet = authoring.add_picture(world["teacher"], theirs, PNG.read_bytes(), "Ruộng mạ", media_root=root)
    secret = db.session.scalar(select(MediaAsset).where(MediaAsset.kind == "image"))
    other_center = make.center("C2")
    stranger = make.user(Role.TEACHER, center=other_center)
    programme = world["programme"]
    course = authoring.create_course(stranger, programme.id, CourseInput(title="Khóa khác"))
    mine = authoring.create_lesson(stranger, course, "Bài khác")
    question_ = authoring.add_question(stranger, mine, question(choices=[
        ChoiceInput("Ảnh", True, image_id=secret.id), ChoiceInput("Chữ o")]), media_root=root)
    assert question_.choices[0].image_id is None
    assert all(item.asset_id != secret.id for item in authoring.draft_for(mine).media)
    # A picture sent with the form itself is kept in the draft and shown.
    fresh = authoring.add_question(stranger, mine, question(choices=[
        ChoiceInput("Ảnh", True, image=PNG.read_bytes()), ChoiceInput("Chữ o")]), media_root=root)
    assert fresh.choices[0].image_id == secret.id  # the same content, now also in this draft
    assert any(item.asset_id == secret.id for item in authoring.draft_for(mine).media)
