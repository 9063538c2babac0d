"""Authoring through the routes: who may do what, autosave conflicts, uploads, publishing, packs, and learners."""
import io
import re
import uuid
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select

from lms.models import (
    Course, DraftQuestion, EventKind, Lesson, LessonDraft, LessonProgress, LessonStatus, LessonVersion, MediaAsset,
    Programme, QuestionKind, QuizAttempt, Role,
)
from lms.models.base import utcnow
from lms.services import authoring, progress
from lms.services.authoring import ChoiceInput, CourseInput, DraftText, QuestionInput
from lms.services.progress import EventIn
from tests.conftest import BASIC_PACK, FIXTURES, csrf_token, sign_in

PNG = BASIC_PACK / "chu-cai" / "01-lam-quen" / "media" / "chu-a.png"
OGG = BASIC_PACK / "chu-cai" / "01-lam-quen" / "media" / "chu-a.ogg"


@pytest.fixture
def site(app, make, db):
    """A library, center C1 (teacher, colleague, manager, learner) with a course, center C2's teacher, an admin."""
    make.pack()
    c1, c2 = make.center("C1"), make.center("C2")
    people = {
        "teacher": make.user(Role.TEACHER, center=c1, username="lan", name="Cô Lan"),
        "colleague": make.user(Role.TEACHER, center=c1, username="minh", name="Thầy Minh"),
        "manager": make.user(Role.MANAGER, center=c1, username="quanly"),
        "learner": make.user(Role.LEARNER, center=c1, username="hoa"),
        "stranger": make.user(Role.TEACHER, center=c2, username="khach"),
        "admin": make.user(Role.ADMIN, username="quantri"),
        "officer": make.user(Role.OFFICER, province=c1.commune.province, username="canbo"),
    }
    programme = db.session.scalar(select(Programme))
    course = authoring.create_course(people["teacher"], programme.id, CourseInput(title="Trồng lúa nước"))
    lesson = authoring.create_lesson(people["teacher"], course, "Gieo mạ")
    root = Path(app.config["LMS_MEDIA_DIR"])
    _path, snippet = authoring.add_picture(people["teacher"], lesson, PNG.read_bytes(), "Ruộng mạ", media_root=root)
    authoring.save_draft(people["teacher"], lesson, 1, DraftText("Gieo mạ", f"Gieo mạ đúng lúc.\n\n{snippet}\n"))
    authoring.add_question(people["teacher"], lesson, QuestionInput(
        QuestionKind.SINGLE, "Mạ là gì?", "Mạ là cây lúa non.", [ChoiceInput("Cây lúa non", True), ChoiceInput("Con gà")]),
        media_root=root)
    library_lesson = db.session.scalar(select(Lesson).where(Lesson.slug == "chu-a"))
    return dict(people=people, course=course, lesson=lesson, library=library_lesson, root=root, c1=c1, c2=c2)


def client_for(app, person=None):
    client = app.test_client()
    if person is not None:
        response = sign_in(client, person.username, "1234" if person.role is Role.LEARNER else "password-123",
                           staff=person.role is not Role.LEARNER)
        assert response.status_code == 302
    return client


def token(client):
    return csrf_token(client)


def english(client):
    client.post("/lang", data={"csrf_token": token(client), "lang": "en"})


def revision_of(lesson_id, db):
    db.session.rollback()  # ends the read snapshot: see what others committed
    return db.session.scalar(select(LessonDraft.revision).where(LessonDraft.lesson_id == lesson_id))


# --- who may do what, route by route ------------------------------------------------------------------------

def routes(site, db):
    lesson, course = site["lesson"], site["course"]
    question = db.session.scalar(select(DraftQuestion))
    l, c, q = lesson.id, course.id, question.id
    return [
        ("GET", f"/author/lessons/{l}/edit", None),
        ("POST", f"/author/lessons/{l}/edit", {"title": "x", "markdown": "y", "minutes": "5", "language": "vi",
                                               "revision": "2"}),
        ("POST", f"/author/lessons/{l}/draft", "json"),
        ("GET", f"/author/lessons/{l}/preview", None),
        ("GET", f"/author/lessons/{l}/quiz", None),
        ("GET", f"/author/lessons/{l}/history", None),
        ("GET", f"/author/lessons/{l}/changes", None),
        ("POST", f"/author/lessons/{l}/publish", {"revision": "2"}),
        ("POST", f"/author/lessons/{l}/unpublish", {}),
        ("POST", f"/author/lessons/{l}/pictures", {"alt": "Ảnh"}),
        ("POST", f"/author/lessons/{l}/narration", {}),
        ("POST", f"/author/lessons/{l}/voice", {"machine_voice": "y"}),
        ("POST", f"/author/lessons/{l}/move", {"direction": "down"}),
        ("GET", f"/author/questions/{q}", None),
        ("POST", f"/author/questions/{q}/move", {"direction": "up"}),
        ("POST", f"/author/questions/{q}/audio", {}),
        ("GET", f"/author/courses/{c}/pack.zip", None),
        ("POST", f"/author/courses/{c}", {"title": "Trồng lúa", "language": "vi"}),
        ("POST", f"/author/courses/{c}/lessons", {"title": "Bài mới"}),
        ("POST", f"/author/courses/{c}/order", "order"),
        ("POST", f"/author/lessons/{l}/delete", {}),
        ("POST", f"/author/lessons/{l}/pictures/audio", {}),
        ("POST", f"/author/lessons/{l}/pictures/audio/remove", {"path": "media/x.png"}),
    ]


def call(client, method, url, data, lesson_id):
    if method == "GET":
        return client.get(url)
    headers = {"X-CSRFToken": token(client)}
    if data == "json":
        return client.post(url, json={"revision": 2, "title": "x", "markdown": "y", "minutes": 5, "language": "vi"},
                           headers=headers)
    if data == "order":
        return client.post(url, json={"lessons": [lesson_id]}, headers=headers)
    return client.post(url, data={"csrf_token": headers["X-CSRFToken"], **data})


@pytest.mark.parametrize("who", ["anonymous", "learner", "stranger", "officer"])
def test_no_one_outside_the_center_reaches_its_lessons(app, site, db, who):
    client = client_for(app, None if who == "anonymous" else site["people"][who])
    for method, url, data in routes(site, db):
        response = call(client, method, url, data, site["lesson"].id)
        if who == "anonymous":
            assert response.status_code in (302, 401), (url, response.status_code)
            assert response.status_code == 401 or "/auth/login" in response.headers["Location"], url
        else:
            assert response.status_code == 403, (who, method, url, response.status_code)
    db.session.rollback()  # ends the read snapshot: see what others committed
    draft = db.session.scalar(select(LessonDraft).where(LessonDraft.lesson_id == site["lesson"].id))
    assert (draft.title, draft.revision) == ("Gieo mạ", 2)
    assert site["lesson"].status is LessonStatus.DRAFT and db.session.get(Lesson, site["lesson"].id) is not None


@pytest.mark.parametrize("who", ["teacher", "colleague", "manager", "admin"])
def test_the_centers_teachers_its_manager_and_administrators_reach_them(app, site, db, who):
    client = client_for(app, site["people"][who])
    for method, url, data in routes(site, db)[:7] + [routes(site, db)[13]]:
        response = call(client, method, url, data, site["lesson"].id)
        assert response.status_code in (200, 302, 409), (who, url, response.status_code)


def test_the_shared_library_is_read_and_copied_by_teachers_and_edited_by_administrators(app, site, db):
    library = site["library"]
    teacher = client_for(app, site["people"]["teacher"])
    assert teacher.get(f"/author/lessons/{library.id}/edit").status_code == 403
    assert teacher.get(f"/author/lessons/{library.id}/preview").status_code == 200  # the published version
    assert teacher.get(f"/author/courses/{library.course_id}").status_code == 200
    assert teacher.get(f"/author/courses/{library.course_id}/pack.zip").status_code == 403
    response = teacher.post(f"/author/courses/{library.course_id}", data={"csrf_token": token(teacher), "title": "X",
                                                                          "language": "vi"})
    assert response.status_code == 403
    admin = client_for(app, site["people"]["admin"])
    assert admin.get(f"/author/lessons/{library.id}/edit").status_code == 200
    # Another center's draft is not even readable; its published lessons are, to copy them.
    stranger = client_for(app, site["people"]["stranger"])
    assert stranger.get(f"/author/lessons/{site['lesson'].id}/preview").status_code == 403
    assert stranger.get(f"/author/lessons/{site['lesson'].id}/copy").status_code == 403


def test_the_author_pages_are_for_authors_only(app, site, db):
    assert client_for(app).get("/author/others").status_code == 302
    assert client_for(app, site["people"]["learner"]).get("/author/others").status_code == 403
    assert client_for(app, site["people"]["officer"]).get("/author/courses/new").status_code == 403
    assert client_for(app, site["people"]["teacher"]).get("/author/courses/new").status_code == 200


# --- the editor and autosave ---------------------------------------------------------------------------------

def test_autosave_answers_the_new_revision_or_the_other_text(app, site, db):
    lesson = site["lesson"]
    lan, minh = client_for(app, site["people"]["teacher"]), client_for(app, site["people"]["colleague"])
    url = f"/author/lessons/{lesson.id}/draft"
    body = {"title": "Gieo mạ", "minutes": 5, "language": "vi", "tags": ""}
    response = minh.post(url, json={**body, "revision": 2, "markdown": "Của thầy Minh", "editor": "tab-minh"},
                         headers={"X-CSRFToken": token(minh)})
    assert response.status_code == 200 and response.get_json()["revision"] == 3
    response = lan.post(url, json={**body, "revision": 2, "markdown": "Của cô Lan", "editor": "tab-lan"},
                        headers={"X-CSRFToken": token(lan)})
    assert response.status_code == 409
    answer = response.get_json()
    assert (answer["conflict"], answer["markdown"], answer["revision"], answer["by"]) == (True, "Của thầy Minh", 3,
                                                                                         "Thầy Minh")
    assert revision_of(lesson.id, db) == 3
    # Without a CSRF token nothing is saved.
    assert lan.post(url, json={**body, "revision": 3, "markdown": "x"}).status_code == 400
    # A bad value is refused with a message, and nothing changes.
    response = lan.post(url, json={**body, "minutes": 900, "revision": 3, "markdown": "x"},
                        headers={"X-CSRFToken": token(lan)})
    assert response.status_code == 400 and response.get_json()["problems"]
    assert revision_of(lesson.id, db) == 3


def test_without_javascript_a_conflicting_save_shows_both_texts(app, site, db):
    lesson = site["lesson"]
    lan = client_for(app, site["people"]["teacher"])
    authoring.save_draft(site["people"]["colleague"], lesson, 2, DraftText("Gieo mạ", "Văn bản của thầy Minh"))
    response = lan.post(f"/author/lessons/{lesson.id}/edit", data={
        "csrf_token": token(lan), "revision": "2", "title": "Gieo mạ", "markdown": "Văn bản của cô Lan", "minutes": "5",
        "language": "vi"})
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert 'id="theirs"' in html and "Văn bản của thầy Minh</textarea>" in html
    assert ">Văn bản của cô Lan</textarea>" in html
    assert re.search(r'name="revision" value="3" class="revision"', html)  # saving again is a deliberate choice
    response = lan.post(f"/author/lessons/{lesson.id}/edit", data={
        "csrf_token": token(lan), "revision": "3", "title": "Gieo mạ", "markdown": "Văn bản của cô Lan", "minutes": "5",
        "language": "vi"})
    assert response.status_code == 302
    db.session.rollback()  # ends the read snapshot: see what others committed
    assert authoring.draft_for(lesson).markdown == "Văn bản của cô Lan"


def test_the_editor_page_has_no_inline_script_or_style_and_a_relaxed_media_policy_only(app, site, db):
    lan = client_for(app, site["people"]["teacher"])
    response = lan.get(f"/author/lessons/{site['lesson'].id}/edit")
    html = response.get_data(as_text=True)
    assert "style=" not in html and not re.search(r"<script(?![^>]*\bsrc=)", html) and "onclick" not in html
    assert 'accept="image/*"' in html and 'id="save-state"' in html and "/static/editor.js?v=" in html
    csp = response.headers["Content-Security-Policy"]
    assert "media-src 'self' blob:" in csp and "script-src 'self';" in csp and "unsafe-inline" not in csp
    assert "media-src 'self';" in lan.get("/learn/").headers["Content-Security-Policy"]  # only authoring has blob:


def test_preview_is_rendered_by_the_server_as_learners_will_see_it(app, site, db):
    lan = client_for(app, site["people"]["teacher"])
    draft = authoring.draft_for(site["lesson"])
    response = lan.post(f"/author/lessons/{site['lesson'].id}/preview",
                        json={"title": "Tiêu đề", "markdown": draft.markdown + "\n<script>alert(1)</script>\n**đậm**"},
                        headers={"X-CSRFToken": token(lan)})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and '<article class="lesson"' in html and "<h1>Tiêu đề</h1>" in html
    assert "<picture>" in html and "<strong>đậm</strong>" in html and "<script>" not in html
    assert "Mạ là gì?" in html and "Mạ là cây lúa non." in html  # the quiz, with its explanation


# --- pictures through the upload route ---------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["bomb.png", "truncated.jpg", "not-an-image.jpg"])
def test_bad_pictures_are_refused_through_the_upload_with_a_message(app, site, db, name):
    lan = client_for(app, site["people"]["teacher"])
    english(lan)
    images = db.session.scalar(select(func.count()).select_from(MediaAsset))
    data = (FIXTURES / "images" / name).read_bytes()
    response = lan.post(f"/author/lessons/{site['lesson'].id}/pictures", headers={"Accept": "application/json"},
                        data={"csrf_token": token(lan), "alt": "Ảnh", "picture": (io.BytesIO(data), name)})
    assert response.status_code == 400
    assert response.get_json()["error"] in ("The picture has too many pixels.",
                                            "This file is not a picture that can be read, or it is damaged.",
                                            "This file is not a PNG, JPEG or WebP picture.")
    assert db.session.scalar(select(func.count()).select_from(MediaAsset)) == images
    # Without JavaScript: the editor again, with the message.
    response = lan.post(f"/author/lessons/{site['lesson'].id}/pictures",
                        data={"csrf_token": token(lan), "alt": "Ảnh", "picture": (io.BytesIO(data), name)})
    assert response.status_code == 400 and 'id="problems"' in response.get_data(as_text=True)


def test_a_photo_with_gps_is_stored_without_it_and_added_to_the_text_without_javascript(app, site, db):
    lan = client_for(app, site["people"]["teacher"])
    lesson = site["lesson"]
    response = lan.post(f"/author/lessons/{lesson.id}/pictures", data={
        "csrf_token": token(lan), "alt": "Cánh đồng", "revision": str(revision_of(lesson.id, db)),
        "picture": (io.BytesIO((FIXTURES / "images" / "gps.jpg").read_bytes()), "IMG_0001.jpg")})
    assert response.status_code == 302
    db.session.rollback()  # ends the read snapshot: see what others committed
    draft = authoring.draft_for(lesson)
    match = re.search(r"!\[Cánh đồng\]\((media/[0-9a-f]{12}\.jpg)\)\n$", draft.markdown)
    assert match
    asset = next(m.asset for m in draft.media if m.path == match.group(1))
    for file in (site["root"] / asset.sha256[:2]).glob(f"{asset.sha256}*"):
        with Image.open(file) as stored:
            assert not stored.getexif().get_ifd(0x8825), file.name  # no GPS
            assert not stored.getexif(), file.name


def test_a_picture_sent_by_the_editor_comes_back_with_its_place_in_the_list_of_clips(app, site, db):
    """editor.js adds the answer's clip to the page, so the picture's description can be recorded at once."""
    lan = client_for(app, site["people"]["teacher"])
    response = lan.post(f"/author/lessons/{site['lesson'].id}/pictures", headers={"Accept": "application/json"},
                        data={"csrf_token": token(lan), "alt": "Ruộng <mạ>",
                              "picture": (io.BytesIO(PNG.read_bytes()), "a.png")})
    answer = response.get_json()
    assert response.status_code == 200 and answer["markdown"] == f"![Ruộng <mạ>]({answer['path']})"
    clip = answer["clip"]
    assert clip.startswith(f'<li class="card picture-clip" data-path="{answer["path"]}">')
    assert "Ruộng &lt;mạ&gt;" in clip and "<mạ>" not in clip  # the description is escaped
    assert f'name="path" value="{answer["path"]}"' in clip and 'name="csrf_token"' in clip
    assert 'class="recorder"' in clip and "/pictures/audio?path=" in clip


def test_a_picture_needs_its_description(app, site, db):
    lan = client_for(app, site["people"]["teacher"])
    response = lan.post(f"/author/lessons/{site['lesson'].id}/pictures", headers={"Accept": "application/json"},
                        data={"csrf_token": token(lan), "alt": " ", "picture": (io.BytesIO(PNG.read_bytes()), "a.png")})
    assert response.status_code == 400 and response.get_json()["error"]


# --- the quiz through its forms -----------------------------------------------------------------------------------

def test_a_question_is_checked_and_what_was_typed_comes_back(app, site, db):
    lan = client_for(app, site["people"]["teacher"])
    english(lan)
    url = f"/author/lessons/{site['lesson'].id}/quiz"
    response = lan.post(url, data={"csrf_token": token(lan), "kind": "single", "text": "Lúa trổ bông khi nào?",
                                   "choice-0-text": "Tháng ba", "choice-1-text": "Tháng tám", "explanation": ""})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Mark the right answer." in html and "Write an explanation: learners see it after they answer." in html
    assert "Lúa trổ bông khi nào?</textarea>" in html and 'value="Tháng tám"' in html
    response = lan.post(url, data={
        "csrf_token": token(lan), "kind": "true-false", "text": "Lúa cần nước.", "explanation": "Lúa nước cần nước.",
        "choice-0-text": "Đúng", "choice-0-right": "1", "choice-1-text": "Sai",
        "choice-2-text": "Ảnh", "choice-2-picture": (io.BytesIO(PNG.read_bytes()), "anh.png")})
    assert response.status_code == 400 and "A true/false question has exactly two choices." in response.get_data(as_text=True)
    kept = re.search(r'name="choice-2-image" value="(\d+)"', response.get_data(as_text=True))
    assert kept  # the picture sent with the refused form is kept, not lost
    response = lan.post(url, data={
        "csrf_token": token(lan), "kind": "single", "text": "Ảnh nào là ruộng mạ?", "explanation": "Mạ xanh non.",
        "choice-0-text": "Ruộng mạ", "choice-0-right": "1", "choice-0-image": kept.group(1), "choice-1-text": "Con gà"})
    assert response.status_code == 302
    draft = authoring.draft_for(site["lesson"])
    assert draft.questions[-1].choices[0].image_id == int(kept.group(1))


# --- publishing, and what learners see -----------------------------------------------------------------------------

def publish(client, lesson_id, db):
    return client.post(f"/author/lessons/{lesson_id}/publish",
                       data={"csrf_token": token(client), "revision": str(revision_of(lesson_id, db))})


def test_learners_see_only_published_versions_and_are_graded_against_the_one_they_answered(app, site, db):
    lesson, teacher = site["lesson"], site["people"]["teacher"]
    lan, hoa = client_for(app, teacher), client_for(app, site["people"]["learner"])
    assert hoa.get(f"/learn/lesson/{lesson.id}").status_code == 404  # a draft
    assert hoa.get(f"/learn/course/{site['course'].id}").status_code == 404
    assert publish(lan, lesson.id, db).status_code == 302
    db.session.rollback()  # ends the read snapshot: see what others committed
    v1 = db.session.get(Lesson, lesson.id).published_version
    assert v1.number == 1 and v1.created_by_id == teacher.id
    page = hoa.get(f"/learn/lesson/{lesson.id}").get_data(as_text=True)
    assert "Gieo mạ đúng lúc." in page and "<picture>" in page
    # The learner starts the quiz of version 1 (two questions)...
    question = db.session.scalar(select(DraftQuestion))
    authoring.add_question(teacher, lesson, QuestionInput(
        QuestionKind.TRUE_FALSE, "Mạ cần nước.", "Mạ cần nước.", [ChoiceInput("Đúng", True), ChoiceInput("Sai")]),
        media_root=site["root"])
    assert publish(lan, lesson.id, db).status_code == 302
    db.session.rollback()  # ends the read snapshot: see what others committed
    v2 = db.session.get(Lesson, lesson.id).published_version
    assert v2.number == 2
    assert hoa.get(f"/learn/lesson/{lesson.id}/quiz").status_code == 302  # a new attempt starts on version 2
    # ...then the teacher changes the right answer of the first question and publishes version 3.
    authoring.update_question(teacher, question, question.revision, QuestionInput(
        QuestionKind.SINGLE, "Mạ là gì?", "Mạ là cây lúa non.", [ChoiceInput("Cây lúa non"), ChoiceInput("Con gà", True)]),
        media_root=site["root"])
    attempt, learner = str(uuid.uuid4()), site["people"]["learner"]
    right = [next(c.id for c in q.choices if c.is_correct) for q in v2.questions]
    first = progress.record(learner, [EventIn(str(uuid.uuid4()), EventKind.ANSWERED, lesson.id, v2.id, utcnow(),
                                              attempt, v2.questions[0].id, (right[0],))], now=utcnow(), pass_mark=80)
    assert first[0].status == "accepted"
    assert publish(lan, lesson.id, db).status_code == 302
    db.session.rollback()  # ends the read snapshot: see what others committed
    assert db.session.get(Lesson, lesson.id).published_version.number == 3
    # The rest of the attempt is graded against version 2, whose right answer was the one she chose.
    response = hoa.post(f"/learn/lesson/{lesson.id}/quiz/{v2.id}/{attempt}/2", data={
        "csrf_token": token(hoa), "event_id": str(uuid.uuid4()), "choice": str(right[1])})
    assert response.status_code == 302
    hoa.post(f"/learn/lesson/{lesson.id}/read", data={"csrf_token": token(hoa), "event_id": str(uuid.uuid4()),
                                                      "version_id": str(v2.id)})
    db.session.rollback()  # ends the read snapshot: see what others committed
    done = db.session.scalar(select(QuizAttempt).where(QuizAttempt.key == attempt))
    assert (done.version_id, done.score, done.passed) == (v2.id, 100, True)
    state = db.session.scalar(select(LessonProgress).where(LessonProgress.lesson_id == lesson.id))
    assert state.completed_at is not None
    # Taken down: learners no longer open it; its versions stay.
    lan.post(f"/author/lessons/{lesson.id}/unpublish", data={"csrf_token": token(lan)})
    assert hoa.get(f"/learn/lesson/{lesson.id}").status_code == 404
    assert db.session.scalar(select(func.count()).select_from(LessonVersion).where(LessonVersion.lesson_id == lesson.id)) == 3


def test_publishing_an_incomplete_draft_lists_what_to_correct(app, site, db):
    lan = client_for(app, site["people"]["teacher"])
    english(lan)
    lesson = authoring.create_lesson(site["people"]["teacher"], site["course"], "Bài trống")
    response = publish(lan, lesson.id, db)
    assert response.status_code == 400 and "Write the text of the lesson." in response.get_data(as_text=True)
    assert db.session.get(Lesson, lesson.id).status is LessonStatus.DRAFT


def test_history_diff_and_restore_through_the_pages(app, site, db):
    lesson, teacher = site["lesson"], site["people"]["teacher"]
    lan = client_for(app, teacher)
    publish(lan, lesson.id, db)
    draft = authoring.draft_for(lesson)
    authoring.save_draft(teacher, lesson, draft.revision, DraftText("Gieo mạ", draft.markdown + "\nCâu mới thêm.\n"))
    changes = lan.get(f"/author/lessons/{lesson.id}/changes").get_data(as_text=True)
    assert re.search(r'<li class="added">.*Câu mới thêm\.</ins></li>', changes)
    publish(lan, lesson.id, db)
    db.session.rollback()  # ends the read snapshot: see what others committed
    history = lan.get(f"/author/lessons/{lesson.id}/history").get_data(as_text=True)
    assert 'id="version-2"' in history and 'id="version-1"' in history and "Cô Lan" in history
    v1 = db.session.scalar(select(LessonVersion).where(LessonVersion.lesson_id == lesson.id, LessonVersion.number == 1))
    v2 = db.session.scalar(select(LessonVersion).where(LessonVersion.lesson_id == lesson.id, LessonVersion.number == 2))
    diff = lan.get(f"/author/lessons/{lesson.id}/history/{v2.id}").get_data(as_text=True)
    assert "Câu mới thêm." in diff and 'class="added"' in diff
    response = lan.post(f"/author/lessons/{lesson.id}/history/{v1.id}/restore",
                        data={"csrf_token": token(lan), "revision": str(revision_of(lesson.id, db))})
    assert response.status_code == 302
    db.session.rollback()  # ends the read snapshot: see what others committed
    current = db.session.get(Lesson, lesson.id).published_version
    assert (current.number, current.markdown) == (3, v1.markdown)


# --- courses, order, copying ---------------------------------------------------------------------------------------

def test_a_course_is_created_in_any_programme_and_lessons_move_with_buttons_or_dragging(app, site, db):
    lan = client_for(app, site["people"]["teacher"])
    programme = db.session.scalars(select(Programme)).first()
    response = lan.post("/author/courses/new", data={"csrf_token": token(lan), "programme": str(programme.id),
                                                      "title": "Sức khỏe gia đình", "language": "vi"})
    assert response.status_code == 302
    course = db.session.scalar(select(Course).where(Course.title == "Sức khỏe gia đình"))
    assert course.center_id == site["c1"].id
    ids = []
    for title in ("Rửa tay", "Nước sạch", "Ăn chín"):
        response = lan.post(f"/author/courses/{course.id}/lessons", data={"csrf_token": token(lan), "title": title})
        ids.append(int(re.search(r"/lessons/(\d+)/edit", response.headers["Location"]).group(1)))
    lan.post(f"/author/lessons/{ids[2]}/move", data={"csrf_token": token(lan), "direction": "up"})
    db.session.rollback()  # ends the read snapshot: see what others committed
    order = lambda: [l.id for l in sorted(db.session.get(Course, course.id).lessons, key=lambda l: l.position)]  # noqa: E731
    assert order() == [ids[0], ids[2], ids[1]]
    response = lan.post(f"/author/courses/{course.id}/order", json={"lessons": [ids[1], ids[0], ids[2]]},
                        headers={"X-CSRFToken": token(lan)})
    assert response.status_code == 200
    db.session.rollback()  # ends the read snapshot: see what others committed
    assert order() == [ids[1], ids[0], ids[2]]
    page = lan.get(f"/author/courses/{course.id}").get_data(as_text=True)
    assert page.count('name="direction" value="up"') == 3 and 'draggable="true"' in page


def test_library_lessons_and_other_centers_courses_are_copied_into_the_drafts(app, site, db):
    lan = client_for(app, site["people"]["teacher"])
    library = site["library"]
    response = lan.post(f"/author/lessons/{library.id}/copy", data={"csrf_token": token(lan),
                                                                    "course": str(site["course"].id)})
    assert response.status_code == 302
    copy = db.session.scalar(select(Lesson).where(Lesson.course_id == site["course"].id, Lesson.slug == "chu-a"))
    assert copy.status is LessonStatus.DRAFT and authoring.draft_for(copy).title == "Chữ a"
    # A published course of center C1, seen from center C2.
    publish(lan, site["lesson"].id, db)
    khach = client_for(app, site["people"]["stranger"])
    others = khach.get("/author/others").get_data(as_text=True)
    assert f'id="course-{site["course"].id}"' in others
    assert f'href="/author/courses/{site["course"].id}"' in others
    course_page = khach.get(f"/author/courses/{site['course'].id}").get_data(as_text=True)
    assert "chu-a" not in course_page  # C1's drafts stay C1's
    response = khach.post(f"/author/courses/{site['course'].id}/copy", data={"csrf_token": token(khach)})
    assert response.status_code == 302
    theirs = db.session.scalar(select(Course).where(Course.center_id == site["c2"].id))
    assert [l.slug for l in theirs.lessons] == ["gieo-ma"]
    # The library page shows the center's own courses, and the shared library apart.
    page = lan.get("/author/").get_data(as_text=True)
    assert page.index('id="mine"') < page.index(f'id="course-{site["course"].id}"') < page.index('id="shared"')


# --- packs through the browser ---------------------------------------------------------------------------------------

def test_a_course_is_downloaded_and_uploaded_at_another_center(app, site, db):
    lan = client_for(app, site["people"]["teacher"])
    publish(lan, site["lesson"].id, db)
    response = lan.get(f"/author/courses/{site['course'].id}/pack.zip")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    assert 'filename="trong-lua-nuoc.zip"' in response.headers["Content-Disposition"]
    khach = client_for(app, site["people"]["stranger"])
    forged = khach.post("/author/import", data={"pack": (io.BytesIO(response.data), "trong-lua-nuoc.zip")})
    assert forged.status_code == 302  # without the form's CSRF token: refused, nothing imported
    assert db.session.scalar(select(Course).where(Course.center_id == site["c2"].id)) is None
    upload = khach.post("/author/import", data={"csrf_token": token(khach),
                                                "pack": (io.BytesIO(response.data), "trong-lua-nuoc.zip")})
    assert upload.status_code == 302
    course = db.session.scalar(select(Course).where(Course.center_id == site["c2"].id))
    assert course.title == "Trồng lúa nước" and course.lessons[0].status is LessonStatus.PUBLISHED


def test_an_uploaded_pack_with_errors_lists_them_by_file_and_imports_nothing(app, site, db):
    khach = client_for(app, site["people"]["stranger"])
    english(khach)
    out = io.BytesIO()
    import zipfile
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("goi/chu-cai/programme.yml", "title: Thử\nkind: literacy-1\n")
        archive.writestr("goi/chu-cai/01-moi/course.yml", "title: Mới\n")
        archive.writestr("goi/chu-cai/01-moi/01-tot.md", "---\ntitle: Tốt\n---\nBài tốt.\n")
        archive.writestr("goi/chu-cai/01-moi/02-sai.md", "---\ntitle: Sai\nquiz:\n  questions:\n    - question: Hỏi?\n"
                                                         "      choices: [A, B]\n      answer: C\n---\nBài.\n")
    lessons = db.session.scalar(select(func.count()).select_from(Lesson))
    response = khach.post("/author/import", data={"csrf_token": token(khach), "pack": (io.BytesIO(out.getvalue()), "goi.zip")})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "<code>chu-cai/01-moi/02-sai.md</code>" in html and "is not among the choices" in html
    assert db.session.scalar(select(func.count()).select_from(Lesson)) == lessons
    response = khach.post("/author/import", data={"csrf_token": token(khach), "pack": (io.BytesIO(b"nope"), "x.zip")})
    assert response.status_code == 400


# --- a picture as a quiz choice, for learners ----------------------------------------------------------------------

def test_learners_see_picture_choices(app, site, db):
    teacher, lesson = site["people"]["teacher"], site["lesson"]
    authoring.add_question(teacher, lesson, QuestionInput(
        QuestionKind.SINGLE, "Ảnh nào là chữ a?", "Chữ a tròn.",
        [ChoiceInput("Chữ a", True, image=PNG.read_bytes()), ChoiceInput("Chữ o")]), media_root=site["root"])
    lan = client_for(app, teacher)
    assert publish(lan, lesson.id, db).status_code == 302
    hoa = client_for(app, site["people"]["learner"])
    page = hoa.get(f"/learn/lesson/{lesson.id}").get_data(as_text=True)
    assert re.search(r'<button type="button" class="choice"[^>]*><picture class="choice-picture">.*?-720\.jpg.*?</picture>Chữ a</button>',
                     page, re.S)
    version = db.session.get(Lesson, lesson.id).published_version
    response = hoa.get(f"/learn/lesson/{lesson.id}/quiz/{version.id}/{uuid.uuid4()}/2")
    assert '<picture class="choice-picture">' in response.get_data(as_text=True)


# --- a clip for each picture ----------------------------------------------------------------------------------------

def test_a_picture_gets_a_clip_through_the_editor_and_learners_hear_it(app, site, db):
    teacher, lesson = site["people"]["teacher"], site["lesson"]
    [picture] = authoring.draft_pictures(authoring.draft_for(lesson))
    lan = client_for(app, teacher)
    english(lan)
    editor = lan.get(f"/author/lessons/{lesson.id}/edit").get_data(as_text=True)
    # Each picture of the text: its thumbnail, its description, the recorder and a plain upload form with its path.
    item = editor[editor.index('class="card picture-clip"'):]
    item = item[:item.index("</li>")]
    assert "Ruộng mạ" in item and "-360.jpg" in item and 'class="recorder"' in item
    assert f'name="path" value="{picture.path}"' in item and 'name="audio" type="file"' in item
    assert f"/pictures/audio?path={picture.path}" in item.replace("%2F", "/")  # where the recorder sends
    url = f"/author/lessons/{lesson.id}/pictures/audio"
    refused = lan.post(url, headers={"Accept": "application/json"}, data={
        "csrf_token": token(lan), "path": picture.path, "audio": (io.BytesIO(PNG.read_bytes()), "a.ogg")})
    assert refused.status_code == 400 and refused.get_json()["error"]
    # A recording from the browser: the path in the query string, as the recorder sends it.
    response = lan.post(f"{url}?path={picture.path}", headers={"Accept": "application/json"},
                        data={"csrf_token": token(lan), "audio": (io.BytesIO(OGG.read_bytes()), "recording.ogg")})
    assert response.status_code == 200 and response.get_json()["url"].endswith(".ogg")
    # Without JavaScript: the upload form, then the editor again.
    response = lan.post(url, data={"csrf_token": token(lan), "path": picture.path,
                                   "audio": (io.BytesIO(OGG.read_bytes()), "clip.ogg")})
    assert response.status_code == 302 and response.headers["Location"].endswith("#pictures")
    assert lan.post(url, data={"csrf_token": token(lan), "path": "media/khong-co.png",
                               "audio": (io.BytesIO(OGG.read_bytes()), "clip.ogg")}).status_code == 404
    db.session.rollback()
    clip = authoring.draft_pictures(authoring.draft_for(lesson))[0].item.audio
    assert clip is not None and clip.sha256 in lan.get(f"/author/lessons/{lesson.id}/edit").get_data(as_text=True)
    assert publish(lan, lesson.id, db).status_code == 302
    # The learner: a listen button right under the picture, playing the clip; nothing fetched until it is pressed.
    hoa = client_for(app, site["people"]["learner"])
    english(hoa)  # "Listen" ("Nghe" in Vietnamese)
    clip_url = f"/media/{clip.sha256[:2]}/{clip.sha256}.ogg"
    for headers in ({}, {"Save-Data": "on"}):
        page = hoa.get(f"/learn/lesson/{lesson.id}", headers=headers).get_data(as_text=True)
        assert re.search(r'</picture>(</details>)?<span class="picture-listen"><button type="button" class="listen" '
                         rf'data-audio="{re.escape(clip_url)}" hidden>🔊 Listen</button>', page)
        assert f'<audio controls preload="none" src="{clip_url}"' in page  # without JavaScript
        assert page.count('class="picture-listen"') == 1
    # A phone that downloads the course for offline study takes the clip too.
    plan = hoa.get(f"/api/v1/courses/{site['course'].id}/offline").get_json()
    assert clip_url in {file["url"] for file in plan["files"]}
    # The teacher takes it away: the next version does without it (the machine voice, where there is one, stands in).
    db.session.rollback()
    remove = lan.post(f"{url}/remove", data={"csrf_token": token(lan), "path": picture.path})
    assert remove.status_code == 302
    assert publish(lan, lesson.id, db).status_code == 302
    assert clip_url not in hoa.get(f"/learn/lesson/{lesson.id}").get_data(as_text=True)


def test_a_picture_without_a_clip_shows_no_button(app, site, db):
    from lms.services import speech
    library = site["library"]
    hoa = client_for(app, site["people"]["learner"])
    if speech.available_engine(app.config["LMS_SPEECH_ENGINE"]) is not None:
        # The pack's pictures have no recorded clip; a literacy lesson's machine voice reads their descriptions.
        assert 'class="picture-listen"' in hoa.get(f"/learn/lesson/{library.id}").get_data(as_text=True)
    library.machine_voice = False
    db.session.commit()
    page = hoa.get(f"/learn/lesson/{library.id}").get_data(as_text=True)
    assert "<picture>" in page and "picture-listen" not in page
    assert hoa.get("/api/v1/openapi.json").status_code in (200, 401)



def test_a_text_nested_too_deeply_to_show_gets_a_message_in_the_editor_and_is_not_published(app, site, db):
    """Markdown a thousand levels deep is more than the renderer can follow: the teacher is told where it is shown,
    the editor still opens, and publishing refuses it with the same message."""
    lesson = site["lesson"]
    lan = client_for(app, site["people"]["teacher"])
    english(lan)
    deep = "Gieo mạ.\n\n" + "- " * 1000 + "x"
    response = lan.post(f"/author/lessons/{lesson.id}/edit", data={
        "csrf_token": token(lan), "revision": str(revision_of(lesson.id, db)), "title": "Gieo mạ", "markdown": deep,
        "minutes": "5", "language": "vi"})
    assert response.status_code == 302
    message = "The text is nested too deeply to show"
    editor = lan.get(f"/author/lessons/{lesson.id}/edit")
    assert editor.status_code == 200 and message in editor.get_data(as_text=True)
    preview = lan.post(f"/author/lessons/{lesson.id}/preview", json={"markdown": deep},
                       headers={"X-CSRFToken": token(lan)})
    assert preview.status_code == 200 and message in preview.get_data(as_text=True)
    assert message in lan.get(f"/author/lessons/{lesson.id}/preview").get_data(as_text=True)
    published = lesson.published_version_id
    response = lan.post(f"/author/lessons/{lesson.id}/publish", data={
        "csrf_token": token(lan), "revision": str(revision_of(lesson.id, db))}, follow_redirects=True)
    assert message in response.get_data(as_text=True)
    db.session.rollback()
    assert db.session.get(Lesson, lesson.id).published_version_id == published
