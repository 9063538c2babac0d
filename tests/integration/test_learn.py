"""The learner's pages through the Flask client: catalogue, lesson, quiz, result and progress."""
import re

import pytest
from sqlalchemy import func, select

from lms.models import Lesson, LessonProgress, ProgressEvent, Role
from tests.conftest import csrf_token


@pytest.fixture
def learner(make, login):
    make.pack()
    user = make.user(Role.LEARNER, center=make.center(), name="Giàng Thị Hoa")
    login(user)
    return user


def lesson(db, slug):
    return db.session.scalar(select(Lesson).where(Lesson.slug == slug))


def event_id(page):
    return re.search(r'name="event_id" type="hidden" value="([^"]+)"', page).group(1)


def follow(client, response):
    while response.status_code == 302:
        response = client.get(response.headers["Location"])
    return response


def answer(client, url, choice_ids):
    page = client.get(url).get_data(as_text=True)
    return client.post(url, data={"csrf_token": csrf_token(client, url), "event_id": event_id(page),
                                  "choice": choice_ids})


def test_the_catalogue_lists_published_programmes_and_courses(client, learner):
    page = client.get("/learn/programmes").get_data(as_text=True)
    assert "Chương trình thử" in page and "Làm quen với chữ" in page and "2 bài" in page


def test_starting_a_course_enrols_and_opens_its_first_lesson(client, learner, db):
    course_page = client.get("/learn/programmes").get_data(as_text=True)
    course_url = re.search(r'href="(/learn/course/\d+)"', course_page).group(1)
    response = client.post(course_url + "/start", data={"csrf_token": csrf_token(client, course_url)})
    assert response.headers["Location"] == f"/learn/lesson/{lesson(db, 'chu-a').id}"
    home = client.get("/learn/").get_data(as_text=True)
    assert "Làm quen với chữ" in home and "Bài tiếp: Chữ a" in home


def test_a_lesson_page_shows_the_lesson_and_records_the_opening(client, learner, db):
    a = lesson(db, "chu-a")
    page = client.get(f"/learn/lesson/{a.id}").get_data(as_text=True)
    assert "<h1>Chữ a</h1>" in page and "<picture>" in page and "<audio" in page
    assert "Tôi đã đọc xong" in page
    assert 'href="/learn/l/chu-cai/lam-quen/chu-b"' in page
    assert db.session.scalar(select(func.count()).select_from(ProgressEvent)) == 1
    # The lesson link between lessons leads to the lesson.
    assert client.get("/learn/l/chu-cai/lam-quen/chu-b").headers["Location"] == f"/learn/lesson/{lesson(db, 'chu-b').id}"


def test_reading_then_passing_the_quiz_completes_the_lesson(client, learner, db):
    a = lesson(db, "chu-a")
    page = client.get(f"/learn/lesson/{a.id}").get_data(as_text=True)
    response = client.post(f"/learn/lesson/{a.id}/read", data={
        "csrf_token": csrf_token(client, f"/learn/lesson/{a.id}"), "event_id": event_id(page),
        "version_id": a.published_version_id})
    assert response.headers["Location"] == f"/learn/lesson/{a.id}/quiz"
    first = client.get(f"/learn/lesson/{a.id}/quiz").headers["Location"]
    assert first.endswith("/1")
    for n, question in enumerate(a.published_version.questions, 1):
        url = re.sub(r"/\d+$", f"/{n}", first)
        right = [c.id for c in question.choices if c.is_correct]
        feedback = follow(client, answer(client, url, right)).get_data(as_text=True)
        assert "Đúng rồi!" in feedback and question.explanation in feedback
    result = client.get(re.sub(r"/\d+$", "/result", first)).get_data(as_text=True)
    assert "Bạn đã đạt!" in result and "Đúng 5 trên 5 câu (100%)" in result
    progress = db.session.scalar(select(LessonProgress).filter_by(user_id=learner.id, lesson_id=a.id))
    assert progress.completed_at is not None and progress.best_score == 100
    mine = client.get("/learn/progress").get_data(as_text=True)
    assert "Chữ a" in mine and "100%" in mine


def test_a_wrong_answer_says_so_and_explains(client, learner, db):
    a = lesson(db, "chu-a")
    first = client.get(f"/learn/lesson/{a.id}/quiz").headers["Location"]
    question = a.published_version.questions[0]
    wrong = [c.id for c in question.choices if not c.is_correct][:1]
    page = follow(client, answer(client, first, wrong)).get_data(as_text=True)
    assert "Chưa đúng." in page and question.explanation in page and "(bạn chọn)" in page


def test_answering_nothing_asks_for_an_answer_and_records_nothing(client, learner, db):
    a = lesson(db, "chu-a")
    first = client.get(f"/learn/lesson/{a.id}/quiz").headers["Location"]
    page = client.get(first).get_data(as_text=True)
    response = client.post(first, data={"csrf_token": csrf_token(client, first), "event_id": event_id(page)})
    assert "Xin hãy chọn một câu trả lời." in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(ProgressEvent).where(ProgressEvent.kind == "answered")) == 0


def test_submitting_the_same_answer_twice_counts_once(client, learner, db):
    a = lesson(db, "chu-a")
    first = client.get(f"/learn/lesson/{a.id}/quiz").headers["Location"]
    page = client.get(first).get_data(as_text=True)
    token, eid = csrf_token(client, first), event_id(page)
    right = [c.id for c in a.published_version.questions[0].choices if c.is_correct]
    for _ in range(2):
        client.post(first, data={"csrf_token": token, "event_id": eid, "choice": right})
    assert db.session.scalar(select(func.count()).select_from(ProgressEvent).where(ProgressEvent.kind == "answered")) == 1


def test_someone_elses_attempt_shows_none_of_their_answers(client, learner, db, make, app):
    a = lesson(db, "chu-a")
    first = client.get(f"/learn/lesson/{a.id}/quiz").headers["Location"]
    right = [c.id for c in a.published_version.questions[0].choices if c.is_correct]
    answer(client, first, right)
    other = make.user(Role.LEARNER, center=learner.center)
    intruder = app.test_client()
    from tests.conftest import sign_in
    sign_in(intruder, other.username, "1234")
    page = intruder.get(first).get_data(as_text=True)
    assert "Đúng rồi!" not in page and "Trả lời" in page
    assert intruder.get(re.sub(r"/\d+$", "/result", first)).status_code == 302


def test_unknown_or_unpublished_lessons_are_not_found(client, learner, db):
    b = lesson(db, "chu-b")
    from lms.models import LessonStatus
    b.status = LessonStatus.UNPUBLISHED
    db.session.commit()
    assert client.get(f"/learn/lesson/{b.id}").status_code == 404
    assert client.get("/learn/lesson/99999").status_code == 404
    assert "Trang này không có." in client.get("/learn/lesson/99999").get_data(as_text=True)


def test_a_center_course_is_hidden_from_other_centers(client, learner, db, make):
    from lms.models import Course
    course = db.session.scalar(select(Course))
    course.center_id = make.center(code="C2").id
    db.session.commit()
    assert client.get(f"/learn/course/{course.id}").status_code == 404
    assert client.get(f"/learn/lesson/{lesson(db, 'chu-a').id}").status_code == 404
    assert "Làm quen với chữ" not in client.get("/learn/programmes").get_data(as_text=True)


def test_a_lesson_page_shown_again_does_not_load_its_quiz_and_pictures_again(app, db, client, learner):
    """The parts of a page that only its version decides are rendered once (lms/learn/parts.py): that halved the
    page's server time. Shown again, the page asks the database nothing about the quiz, the pictures or sounds."""
    from sqlalchemy import event
    chu_a = lesson(db, "chu-a")
    first = client.get(f"/learn/lesson/{chu_a.id}").get_data(as_text=True)
    statements = []

    def seen(conn, cursor, statement, *args):
        statements.append(statement)
    event.listen(db.engine, "before_cursor_execute", seen)
    try:
        again = client.get(f"/learn/lesson/{chu_a.id}").get_data(as_text=True)
    finally:
        event.remove(db.engine, "before_cursor_execute", seen)
    assert statements and not [s for s in statements if re.search(r"quiz_|version_media|media_assets", s)]
    strip = lambda page: re.sub(r'(data-opened|value)="[^"]*"', "", page)  # the opening's id and the CSRF token
    assert strip(again) == strip(first) and first.count('class="q"') == 5


class OneSoundForAll:
    """A machine voice that says everything with the same short recording (the tests' own Ogg file)."""
    name = "test-voice"

    def synthesize(self, text, language):
        from tests.conftest import BASIC_PACK
        return (BASIC_PACK / "chu-cai" / "01-lam-quen" / "media" / "chu-a.ogg").read_bytes()

    def key(self, text):
        import hashlib
        return hashlib.sha256(f"test|{text}".encode()).hexdigest()


def test_clips_the_machine_voice_gives_a_version_later_appear_on_its_page(app, db, client, login, make, tmp_path):
    from lms.services import packs, speech
    from tests.conftest import BASIC_PACK
    packs.import_path(BASIC_PACK, media_root=app.config["LMS_MEDIA_DIR"], voice=None)  # no voice at import
    login(make.user(Role.LEARNER, center=make.center()))
    chu_a = lesson(db, "chu-a")
    silent = client.get(f"/learn/lesson/{chu_a.id}").get_data(as_text=True)
    assert 'class="listen' not in silent
    assert speech.give_voice([chu_a], OneSoundForAll(), app.config["LMS_MEDIA_DIR"], tmp_path) > 10
    db.session.commit()
    voiced = client.get(f"/learn/lesson/{chu_a.id}").get_data(as_text=True)
    assert voiced.count('class="listen') >= 10 and 'class="picture-listen"' in voiced
    chu_a.machine_voice = False  # and the teacher's switch still takes them away
    db.session.commit()
    assert 'class="listen' not in client.get(f"/learn/lesson/{chu_a.id}").get_data(as_text=True)
