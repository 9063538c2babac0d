"""A learner on a phone: sign in, read a lesson, pass its quiz, see the course progress change."""
import pytest

from lms.models import Role

pytestmark = pytest.mark.browser


def sign_in(page, base, username, pin):
    page.goto(f"{base}/auth/login")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mã PIN (4 đến 6 chữ số)").fill(pin)
    page.get_by_role("button", name="Đăng nhập").click()


def answer_all_right(page):
    """Answer the quiz the page runs on the phone with the right choices, checking the feedback of each."""
    for question in page.locator("#quiz fieldset.q").all():
        for choice in question.locator("button.choice[data-right='1']").all():
            choice.click()
        if question.locator("button.confirm").count():
            question.get_by_role("button", name="Trả lời").click()
        assert question.locator(".feedback.right").is_visible()
        assert "Đúng rồi!" in question.locator(".feedback.right").inner_text()
        question.locator("button.next").click()


def answer_all_right_without_javascript(page):
    """The same through the server's one-question-a-page quiz, for phones without JavaScript."""
    from lms.extensions import db
    from lms.models import QuizQuestion
    while True:
        text = page.locator("legend.question").inner_text().split(" (")[0].strip()
        question = db.session.query(QuizQuestion).filter_by(text=text).first()
        for choice in question.choices:
            if choice.is_correct:
                page.get_by_label(choice.text, exact=True).check()
        page.get_by_role("button", name="Trả lời").click()
        assert page.get_by_text("Đúng rồi!").is_visible()
        assert page.get_by_text(question.explanation).is_visible()
        following = page.get_by_role("link", name="Câu tiếp theo ›")
        if following.count():
            following.click()
        else:
            page.get_by_role("link", name="Xem kết quả ›").click()
            return


def test_a_learner_studies_a_lesson_and_the_course_moves_on(live_server, phone, make, db):
    make.pack()
    make.user(Role.LEARNER, center=make.center(), username="hoa", name="Giàng Thị Hoa", secret="2468")
    page = phone.new_page()
    sign_in(page, live_server, "hoa", "2468")
    assert page.get_by_role("heading", name="Xin chào, Giàng Thị Hoa!").is_visible()

    page.get_by_role("link", name="Chọn khóa học").click()
    page.get_by_role("link", name="Làm quen với chữ").click()
    page.get_by_role("button", name="Bắt đầu học khóa này").click()
    assert page.get_by_role("heading", name="Chữ a").is_visible()
    # The picture is responsive and fits the phone; narration is there to listen to.
    picture = page.locator("article picture img")
    assert picture.get_attribute("srcset").count("w,") >= 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.locator("audio").count() == 1

    page.get_by_role("button", name="Tôi đã đọc xong").click()
    answer_all_right(page)
    assert page.get_by_text("Bạn đã đạt!").is_visible()
    assert page.get_by_text("Đúng 5 trên 5 câu (100%)").is_visible()
    page.get_by_text("Đã gửi lên máy chủ.").wait_for()

    page.get_by_role("link", name="Trang chủ").click()
    bar = page.locator("progress").first
    assert (bar.get_attribute("value"), bar.get_attribute("max")) == ("1", "2")
    assert page.get_by_text("Đã học xong 1 trên 2 bài").is_visible()
    # The next lesson has no quiz: reading it finishes the course.
    page.get_by_role("link", name="Bài tiếp: Chữ b").click()
    page.get_by_role("button", name="Tôi đã đọc xong").click()
    # Leaving at once: the home page sends what the phone still holds, then shows it.
    page.get_by_role("link", name="Trang chủ").click()
    page.get_by_text("Hoàn thành ngày").wait_for()
    page.get_by_role("link", name="Kết quả", exact=True).click()
    assert page.get_by_role("cell", name="100%").is_visible()


def test_a_wrong_answer_shows_the_explanation_and_failing_offers_a_retry(live_server, phone, make, db):
    make.pack()
    make.user(Role.LEARNER, center=make.center(), username="minh", secret="1357")
    page = phone.new_page()
    sign_in(page, live_server, "minh", "1357")
    page.goto(f"{live_server}/learn/programmes")
    page.get_by_role("link", name="Làm quen với chữ").click()
    page.get_by_role("button", name="Bắt đầu học khóa này").click()
    page.get_by_role("button", name="Tôi đã đọc xong").click()
    for question in page.locator("#quiz fieldset.q").all():
        question.locator("button.choice[data-right='0']").first.click()
        if question.locator("button.confirm").count():
            question.get_by_role("button", name="Trả lời").click()
        assert question.locator(".feedback.wrong").is_visible()
        assert question.locator("button.choice.right").count() >= 1  # the right answer is shown
        question.locator("button.next").click()
    assert page.get_by_text("Chưa đạt.").is_visible()
    page.get_by_role("button", name="↻ Làm lại").click()
    assert page.locator("#quiz fieldset.q").first.is_visible()
    assert page.locator("#quiz fieldset.q button.choice:disabled").count() == 0


def test_without_javascript_the_server_runs_the_quiz(live_server, browser, make, db):
    from tests.browser.conftest import PHONE
    make.pack()
    make.user(Role.LEARNER, center=make.center(), username="hoa", secret="2468")
    context = browser.new_context(**PHONE, java_script_enabled=False)
    page = context.new_page()
    sign_in(page, live_server, "hoa", "2468")
    page.goto(f"{live_server}/learn/programmes")
    page.get_by_role("link", name="Làm quen với chữ").click()
    page.get_by_role("button", name="Bắt đầu học khóa này").click()
    page.get_by_role("button", name="Tôi đã đọc xong").click()
    answer_all_right_without_javascript(page)
    assert page.get_by_text("Bạn đã đạt!").is_visible()
    context.close()


def test_two_learners_share_one_phone(live_server, phone, make, db):
    center = make.center()
    make.user(Role.LEARNER, center=center, username="hoa", name="Giàng Thị Hoa", secret="2468")
    make.user(Role.LEARNER, center=center, username="lan", name="Trần Thị Lan", secret="8642")
    page = phone.new_page()
    sign_in(page, live_server, "hoa", "2468")
    page.get_by_role("button", name="Đăng xuất").click()
    sign_in(page, live_server, "lan", "8642")
    page.get_by_role("button", name="Đăng xuất").click()
    # Switching back to Hoa: tap her name, type the PIN.
    page.get_by_role("link", name="Giàng Thị Hoa").click()
    page.get_by_label("Mã PIN (4 đến 6 chữ số)").fill("2468")
    page.get_by_role("button", name="Đăng nhập").click()
    assert page.get_by_role("heading", name="Xin chào, Giàng Thị Hoa!").is_visible()
