"""A teacher on a phone writes, illustrates, quizzes, previews and publishes a lesson, on a weak connection too;
a learner then finds and completes it. Assertions use ids, roles and data, not the words of the interface."""
from pathlib import Path

import pytest
from sqlalchemy import select

from flask import current_app

from lms.models import Lesson, LessonDraft, LessonProgress, LessonStatus, Programme, QuestionKind, Role
from lms.services import authoring
from lms.services.authoring import ChoiceInput, CourseInput, DraftText, QuestionInput
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, PHONE, wait_until
from tests.browser.test_accessibility import AXE, violations
from tests.browser.test_learner import sign_in as learner_sign_in
from tests.conftest import BASIC_PACK

pytestmark = pytest.mark.browser
PNG = BASIC_PACK / "chu-cai" / "01-lam-quen" / "media" / "chu-a.png"
OGG = PNG.parent / "chu-a.ogg"


def staff_sign_in(page, base, username, password="password-123"):
    page.goto(f"{base}/auth/login?mode=staff")
    page.locator("#username").fill(username)
    page.locator("#secret").fill(password)
    page.locator("form.stack button[type=submit]").click()
    page.wait_for_url(lambda url: "/auth/login" not in url)



def saved_text(db, lesson_id):
    db.session.rollback()  # ends the read snapshot: see what others committed
    return db.session.scalar(select(LessonDraft.markdown).where(LessonDraft.lesson_id == lesson_id))


def state(page):
    return page.locator("#save-state").get_attribute("data-state")


@pytest.fixture
def center_course(make, db):
    make.pack()
    center = make.center()
    teacher = make.user(Role.TEACHER, center=center, username="lan", name="Cô Lan")
    colleague = make.user(Role.TEACHER, center=center, username="minh", name="Thầy Minh")
    make.user(Role.LEARNER, center=center, username="hoa", name="Giàng Thị Hoa", secret="2468")
    programme = db.session.scalar(select(Programme))
    course = authoring.create_course(teacher, programme.id, CourseInput(title="Trồng lúa nước"))
    return dict(teacher=teacher, colleague=colleague, course=course)


def test_a_teacher_writes_and_publishes_a_lesson_on_a_phone_and_a_learner_completes_it(live_server, phone, center_course, db):
    page = phone.new_page()
    staff_sign_in(page, live_server, "lan")
    page.goto(f"{live_server}/author/courses/{center_course['course'].id}")
    page.locator("#new-lesson-title").fill("Gieo mạ đúng lúc")
    page.locator("#new-lesson button[type=submit]").click()
    page.wait_for_url("**/edit")
    lesson_id = int(page.url.split("/")[-2])
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    # The text, typed with help from the toolbar.
    editor = page.locator("#markdown")
    editor.click()
    page.locator("[data-insert=heading]").click()
    page.keyboard.type("Khi nào gieo mạ")
    page.keyboard.press("End")
    editor.press("Enter")
    editor.press("Enter")
    page.keyboard.type("Gieo mạ khi trời ấm, đất ẩm.")
    page.locator("#save-state[data-state=server]").wait_for()
    assert saved_text(db, lesson_id).startswith("## Khi nào gieo mạ\n\nGieo mạ khi trời ấm")

    # A picture from the phone's gallery, with its description, goes in at the cursor.
    page.locator("[data-insert=picture]").click()
    page.locator("#picture").set_input_files(str(PNG))
    page.locator("#alt").fill("Ruộng mạ xanh")
    page.locator("#picture-form button[type=submit]").click()
    wait_until(page, lambda: "![Ruộng mạ xanh](media/" in editor.input_value())
    page.locator("#save-state[data-state=server]").wait_for()
    wait_until(page, lambda: "![Ruộng mạ xanh](media/" in saved_text(db, lesson_id))
    # Its place in the list of pictures read aloud appears at once, ready for a clip, without reloading.
    clip = page.locator(".picture-clips li.picture-clip")
    clip.wait_for()
    assert clip.count() == 1 and "Ruộng mạ xanh" in clip.inner_text()
    can_record = page.evaluate("!!(window.MediaRecorder && navigator.mediaDevices && navigator.mediaDevices.getUserMedia)")
    assert clip.locator(".recorder").is_visible() == can_record
    clip.locator("input[name=audio]").set_input_files(str(OGG))
    clip.locator("form.sound-upload button[type=submit]").click()
    page.locator(".picture-clips li.picture-clip .current-sound audio[src]").wait_for(state="attached")

    # The quiz: one question with its explanation.
    page.locator("#quiz-box a.button").click()
    page.locator("#q-text").fill("Nên gieo mạ khi nào?")
    page.locator("#choice-0-text").fill("Khi trời ấm")
    page.locator("input[name=choice-0-right]").check()
    page.locator("#choice-1-text").fill("Khi trời rét đậm")
    page.locator("#q-explanation").fill("Mạ cần trời ấm để mọc khỏe.")
    page.locator("form.question-form button[type=submit]").click()
    page.locator(".question-list li.card").first.wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    # The preview, at phone width, as the learner will see it: the picture and the quiz.
    page.goto(f"{live_server}/author/lessons/{lesson_id}/edit")
    page.locator(".tabs [data-tab=preview]").click()
    preview = page.locator("#preview")
    preview.locator("article.lesson picture img").wait_for()
    wait_until(page, "[...document.querySelectorAll('#preview img')].every(i => i.complete && i.naturalWidth > 0)")
    assert preview.locator("h2 + .q, .q").count() == 1 and "Mạ cần trời ấm" in preview.inner_text()
    assert preview.bounding_box()["width"] <= 360
    page.locator(".tabs [data-tab=write]").click()

    page.locator("#publish-form button").click()
    page.wait_for_load_state()
    db.session.rollback()  # ends the read snapshot: see what others committed
    lesson = db.session.get(Lesson, lesson_id)
    assert lesson.status is LessonStatus.PUBLISHED and lesson.published_version.number == 1

    # A learner finds it by searching without accents, and completes it.
    learner = phone.browser.new_context(**PHONE)
    page = learner.new_page()
    learner_sign_in(page, live_server, "hoa", "2468")
    page.goto(f"{live_server}/search/?q=gieo+ma")
    page.locator(f"#lesson-{lesson_id} a.result-title").click()
    page.wait_for_url(f"**/learn/lesson/{lesson_id}")
    wait_until(page, "[...document.querySelectorAll('article img')].every(i => i.complete && i.naturalWidth > 0)")
    page.locator(".read-form button").click()
    page.locator("#quiz fieldset.q button.choice[data-right='1']").click()
    assert page.locator("#quiz fieldset.q .feedback.right").is_visible()
    page.locator("#quiz button.next").click()
    page.locator("#quiz .passed").wait_for()

    def completed():
        db.session.rollback()  # ends the read snapshot: see what others committed
        row = db.session.scalar(select(LessonProgress).where(LessonProgress.lesson_id == lesson_id))
        return row is not None and row.completed_at is not None
    wait_until(page, completed)
    learner.close()


def test_text_typed_offline_stays_on_the_phone_and_reaches_the_server_when_the_network_returns(live_server, phone,
                                                                                            center_course, db):
    lesson = authoring.create_lesson(center_course["teacher"], center_course["course"], "Bón phân")
    page = phone.new_page()
    staff_sign_in(page, live_server, "lan")
    page.goto(f"{live_server}/author/lessons/{lesson.id}/edit")
    page.locator(".toolbar:not([hidden])").wait_for()

    phone.set_offline(True)
    page.locator("#markdown").fill("Bón phân sau khi cấy mười ngày.")
    page.locator("#save-state[data-state=local]").wait_for()
    kept = page.evaluate(f"JSON.parse(localStorage.getItem('lms-draft:{center_course['teacher'].id}:{lesson.id}'))")
    assert kept["dirty"] and kept["fields"]["markdown"] == "Bón phân sau khi cấy mười ngày."
    page.wait_for_timeout(2500)  # the autosave delay has long passed: still only on the phone
    assert state(page) == "local" and saved_text(db, lesson.id) == ""

    phone.set_offline(False)
    page.locator("#save-state[data-state=server]").wait_for()
    assert saved_text(db, lesson.id) == "Bón phân sau khi cấy mười ngày."
    assert not page.evaluate(f"JSON.parse(localStorage.getItem('lms-draft:{center_course['teacher'].id}:{lesson.id}')).dirty")


def test_text_typed_offline_in_a_tab_that_was_closed_is_sent_when_the_editor_opens_again(live_server, phone,
                                                                                       center_course, db):
    lesson = authoring.create_lesson(center_course["teacher"], center_course["course"], "Tưới nước")
    page = phone.new_page()
    staff_sign_in(page, live_server, "lan")
    page.goto(f"{live_server}/author/lessons/{lesson.id}/edit")
    page.locator(".toolbar:not([hidden])").wait_for()
    phone.set_offline(True)
    # Nothing of this tab's saving gets through, not even its last try as it closes.
    phone.route("**/draft", lambda route: route.abort("internetdisconnected"))
    page.locator("#markdown").fill("Giữ nước trong ruộng ba phân.")
    page.locator("#save-state[data-state=local]").wait_for()
    page.close()
    phone.set_offline(False)
    assert saved_text(db, lesson.id) == ""
    phone.unroute("**/draft")
    page = phone.new_page()
    page.goto(f"{live_server}/author/lessons/{lesson.id}/edit")
    page.locator("#save-state[data-state=server]").wait_for()
    assert page.locator("#markdown").input_value() == "Giữ nước trong ruộng ba phân."
    assert saved_text(db, lesson.id) == "Giữ nước trong ruộng ba phân."


def test_two_people_editing_one_draft_are_told_and_both_texts_are_kept(live_server, browser, center_course, db):
    lesson = authoring.create_lesson(center_course["teacher"], center_course["course"], "Phòng sâu")
    lan_context, minh_context = browser.new_context(**PHONE), browser.new_context(**PHONE)
    lan, minh = lan_context.new_page(), minh_context.new_page()
    staff_sign_in(lan, live_server, "lan")
    staff_sign_in(minh, live_server, "minh")
    for page in (lan, minh):
        page.goto(f"{live_server}/author/lessons/{lesson.id}/edit")
        page.locator(".toolbar:not([hidden])").wait_for()
    minh.locator("#markdown").fill("Thăm ruộng mỗi tuần.")
    minh.locator("#save-state[data-state=server]").wait_for()
    lan.locator("#markdown").fill("Bắt sâu bằng tay.")
    lan.locator("#save-state[data-state=conflict]").wait_for()
    assert lan.locator("#conflict").is_visible()
    assert lan.locator("#theirs").input_value() == "Thăm ruộng mỗi tuần."
    assert lan.locator("#markdown").input_value() == "Bắt sâu bằng tay."
    assert saved_text(db, lesson.id) == "Thăm ruộng mỗi tuần."  # nobody's text was overwritten
    lan.locator("#keep-both").click()
    lan.locator("#save-state[data-state=server]").wait_for()
    assert saved_text(db, lesson.id) == "Bắt sâu bằng tay.\n\nThăm ruộng mỗi tuần."
    # The other editor is told in turn when they type again.
    minh.locator("#markdown").fill("Thăm ruộng mỗi tuần, ghi lại.")
    minh.locator("#save-state[data-state=conflict]").wait_for()
    lan_context.close()
    minh_context.close()


def test_a_narration_is_recorded_listened_to_and_kept(live_server, browser, center_course, db):
    lesson = authoring.create_lesson(center_course["teacher"], center_course["course"], "Nghe đọc")
    # A browser with a pretend microphone (a tone), which it may use without asking.
    recording = browser.browser_type.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS + [
        "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"])
    try:
        context = recording.new_context(**PHONE)
        context.grant_permissions(["microphone"], origin=live_server)
        page = context.new_page()
        staff_sign_in(page, live_server, "lan")
        page.goto(f"{live_server}/author/lessons/{lesson.id}/edit")
        recorder = page.locator("#narration .recorder")
        recorder.wait_for()
        recorder.locator(".rec-start").click()
        recorder.locator(".rec-stop").wait_for()
        page.wait_for_timeout(1500)
        recorder.locator(".rec-stop").click()
        recorder.locator(".rec-play").wait_for()
        assert recorder.locator(".rec-play").get_attribute("src").startswith("blob:")  # listened to on the phone first
        recorder.locator(".rec-redo").click()  # not good: again
        recorder.locator(".rec-stop").wait_for()
        page.wait_for_timeout(1200)
        recorder.locator(".rec-stop").click()
        recorder.locator(".rec-keep").click()
        page.locator("#narration .current-sound:not([hidden]) audio[src^='/media/']").wait_for()
    finally:
        recording.close()
    db.session.rollback()  # ends the read snapshot: see what others committed
    draft = db.session.scalar(select(LessonDraft).where(LessonDraft.lesson_id == lesson.id))
    assert draft.narration is not None and draft.narration.extension in ("webm", "ogg", "m4a")
    assert not draft.narration.machine_voice and draft.narration.size > 1000


def test_the_authoring_pages_have_no_accessibility_violations_and_fit_a_phone(live_server, browser, center_course, db):
    assert AXE.exists(), "run `npm ci` (make test does) to get axe-core"
    teacher = center_course["teacher"]
    lesson = authoring.create_lesson(teacher, center_course["course"], "Gieo mạ")
    root = Path(current_app.config["LMS_MEDIA_DIR"])
    path, snippet = authoring.add_picture(teacher, lesson, PNG.read_bytes(), "Ruộng mạ", media_root=root)
    authoring.save_draft(teacher, lesson, 1, DraftText("Gieo mạ", f"## Gieo\n\nGieo mạ khi trời ấm.\n\n{snippet}\n"))
    authoring.set_picture_audio(teacher, lesson, path, (PNG.parent / "chu-a.ogg").read_bytes(), media_root=root)
    q = authoring.add_question(teacher, lesson, QuestionInput(QuestionKind.SINGLE, "Khi nào?", "Khi trời ấm.", [
        ChoiceInput("Trời ấm", True), ChoiceInput("Trời rét")]), media_root=root)
    authoring.publish(teacher, lesson, media_url="/media/")
    context = browser.new_context(**PHONE, bypass_csp=True)  # only so that axe can be injected
    page = context.new_page()
    staff_sign_in(page, live_server, "lan")
    library = db.session.scalar(select(Lesson).where(Lesson.slug == "chu-a"))
    for path in ["/author/", f"/author/courses/{center_course['course'].id}", f"/author/lessons/{lesson.id}/edit",
                 f"/author/lessons/{lesson.id}/quiz", f"/author/questions/{q.id}", f"/author/lessons/{lesson.id}/history",
                 f"/author/lessons/{lesson.id}/changes", f"/author/lessons/{lesson.id}/preview", "/author/others",
                 f"/author/courses/{library.course_id}", f"/author/lessons/{library.id}/copy", "/author/courses/new"]:
        page.goto(live_server + path)
        assert violations(page) == [], path
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
    page.goto(f"{live_server}/author/lessons/{lesson.id}/edit")
    page.locator(".tabs [data-tab=preview]").click()
    page.locator("#preview article").wait_for()
    assert violations(page) == []
    # The picture's clip on the learner's page: a big button right under the picture.
    page.goto(f"{live_server}/learn/lesson/{lesson.id}")
    button = page.locator("article .picture-listen button.listen")
    button.wait_for()
    picture = page.locator("article picture img").bounding_box()
    box = button.bounding_box()
    assert box["height"] >= 48 and picture["y"] + picture["height"] <= box["y"] < picture["y"] + picture["height"] + 40
    assert violations(page) == []
    context.close()
