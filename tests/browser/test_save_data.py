"""Save data on a phone: no picture is downloaded until the learner taps it, and narration waits for play."""
import pytest
from sqlalchemy import select

from lms.models import Lesson, Role
from tests.browser.conftest import wait_until
from tests.browser.test_learner import sign_in

pytestmark = pytest.mark.browser


def test_pictures_and_sound_wait_for_a_tap(live_server, phone, make, db):
    make.pack()
    make.user(Role.LEARNER, center=make.center(), username="hoa", secret="2468")
    page = phone.new_page()
    sign_in(page, live_server, "hoa", "2468")
    page.goto(f"{live_server}/learn/settings")
    page.get_by_label("Tiết kiệm dữ liệu: chỉ hiện ảnh khi tôi chạm vào").check()
    page.get_by_role("button", name="Lưu").click()
    fetched = []
    page.on("request", lambda r: fetched.append(r.url) if "/media/" in r.url else None)
    lesson = db.session.scalar(select(Lesson).where(Lesson.slug == "chu-a"))
    page.goto(f"{live_server}/learn/lesson/{lesson.id}")
    page.wait_for_timeout(800)
    assert fetched == []
    page.get_by_text("Chạm để xem ảnh: Chữ a viết to màu xanh").click()
    wait_until(page, "[...document.images].some(i => i.complete && i.naturalWidth > 0)")
    assert len(fetched) == 1 and fetched[0].endswith(".webp")
