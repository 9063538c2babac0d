"""axe-core (from npm, injected into the page) finds no accessibility violations on the learner's pages."""
from pathlib import Path

import pytest
from sqlalchemy import select

from lms.models import Lesson, Role
from tests.browser.test_learner import sign_in

pytestmark = pytest.mark.browser
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def violations(page):
    page.add_script_tag(content=AXE.read_text())
    found = page.evaluate("axe.run(document).then(r => r.violations.map(v => ({id: v.id, impact: v.impact, "
                          "nodes: v.nodes.map(n => n.target.join(' '))})))")
    return found


@pytest.fixture
def page(browser):
    from tests.browser.conftest import PHONE
    context = browser.new_context(**PHONE, bypass_csp=True)  # only so that axe can be injected
    yield context.new_page()
    context.close()


def test_the_learner_pages_have_no_violations(live_server, page, make, db):
    assert AXE.exists(), "run `npm ci` (make test does) to get axe-core"
    make.pack()
    make.user(Role.LEARNER, center=make.center(), username="hoa", secret="2468")
    page.goto(f"{live_server}/auth/login")
    assert violations(page) == []
    sign_in(page, live_server, "hoa", "2468")
    assert violations(page) == []  # home
    lesson = db.session.scalar(select(Lesson).where(Lesson.slug == "chu-a"))
    page.goto(f"{live_server}/learn/lesson/{lesson.id}")
    assert violations(page) == []
    page.get_by_role("button", name="Tôi đã đọc xong").click()
    page.locator("#quiz fieldset.q").first.locator("button.choice").first.click()
    assert violations(page) == []  # the quiz, with feedback showing
    page.goto(f"{live_server}/learn/lesson/{lesson.id}/quiz")
    assert violations(page) == []  # the quiz without JavaScript
    page.goto(f"{live_server}/learn/programmes")
    assert violations(page) == []
    page.goto(f"{live_server}/learn/course/{lesson.course_id}")
    assert violations(page) == []
    page.goto(f"{live_server}/learn/progress")
    assert violations(page) == []


def test_large_text_and_high_contrast_have_no_violations(live_server, page, make, db):
    make.pack()
    make.user(Role.LEARNER, center=make.center(), username="hoa", secret="2468")
    sign_in(page, live_server, "hoa", "2468")
    page.goto(f"{live_server}/learn/settings")
    page.get_by_label("Rất to").check()
    page.get_by_label("◐ Tương phản cao: chữ trắng trên nền đen").check()
    page.get_by_role("button", name="Lưu").click()
    lesson = db.session.scalar(select(Lesson).where(Lesson.slug == "chu-a"))
    page.goto(f"{live_server}/learn/lesson/{lesson.id}")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(0, 0, 0)"
    assert page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)") == 27
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert violations(page) == []
    page.get_by_role("button", name="Tôi đã đọc xong").click()
    page.locator("#quiz fieldset.q").first.locator("button.choice").first.click()
    assert violations(page) == []
