"""A teacher on a phone: creates a class, pastes five names, prints the login cards; a learner signs in with one.

The class pages are not translated until the lead adds their Vietnamese, so these tests find things by id, name
and role rather than by their words.
"""
import re
import uuid
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from lms.models import Lesson, PhaseResult, Programme, QuizAttempt, Role
from lms.models.base import utcnow
from lms.services import classes
from tests.browser.test_accessibility import AXE, violations

pytestmark = pytest.mark.browser
NAMES = ["Giàng Thị Hoa", "Lò Văn Minh", "Trần Thị Lan", "Hà Văn Tú", "Mùa A Páo"]
MM = 96 / 25.4  # CSS pixels in a millimetre


def staff_sign_in(page, base, username, password):
    page.goto(f"{base}/auth/login?mode=staff")
    page.locator("#username").fill(username)
    page.locator("#secret").fill(password)
    page.locator("form.stack button[type=submit]").click()
    page.wait_for_url(re.compile(r"/learn/"))


def fits_the_phone(page):
    return page.evaluate("document.documentElement.scrollWidth") <= 360


def test_a_teacher_prints_cards_and_a_learner_signs_in_with_one(live_server, phone, browser, make, db):
    from tests.browser.conftest import PHONE
    make.pack()
    make.user(Role.TEACHER, center=make.center(), username="giaovien", secret="giaovien-pass", name="Lò Thị Mai")
    programme = db.session.scalar(select(Programme))
    page = phone.new_page()
    staff_sign_in(page, live_server, "giaovien", "giaovien-pass")

    page.locator("nav a[href='/classes/']").click()
    page.locator("a[href='/classes/new']").click()
    page.locator("#name").fill("Lớp xóa mù chữ thôn Nà Hẩu")
    page.locator("#programme_id").select_option(label=programme.title)
    page.locator("#place").fill("Nhà văn hóa thôn")
    page.locator("#schedule").fill("Tối thứ Ba và thứ Năm, 19:00")
    assert fits_the_phone(page)
    page.locator("form.stack button[type=submit]").click()
    page.get_by_role("heading", name="Lớp xóa mù chữ thôn Nà Hẩu").wait_for()
    assert fits_the_phone(page)

    page.locator("a[href$='/learners/paste']").click()
    page.locator("#names").fill("\n".join(NAMES))
    page.locator("form.stack button[type=submit]").click()

    cards = page.locator("article.login-card")
    cards.first.wait_for()
    assert cards.count() == 5
    assert fits_the_phone(page)
    printed = []
    for card in cards.all():
        username = card.locator(".login-username").inner_text().strip()
        pin = card.locator(".login-pin").inner_text().strip()
        assert re.fullmatch(r"[0-9]{4}", pin)
        url = f"{live_server}/auth/login?u={username}"
        # The QR code is drawn, and says what it opens to those who cannot see it.
        qr = card.get_by_role("img")
        assert qr.count() == 1 and qr.evaluate("e => e.tagName") == "svg"
        expect(qr).to_have_accessible_name(re.compile(re.escape(url) + "$"))
        assert qr.locator("path").get_attribute("d").count("M") > 50
        printed.append((card.locator(".login-card-name").inner_text().strip(), username, pin, url))
    assert [name for name, *_ in printed] == NAMES
    assert [username for _, username, *_ in printed] == ["hoa.giang", "minh.lo", "lan.tran", "tu.ha", "pao.mua"]

    # On paper: an A4 sheet of two columns and four rows of cards, and nothing else of the site.
    page.set_viewport_size({"width": 800, "height": 1130})
    page.emulate_media(media="print")
    boxes = [card.bounding_box() for card in cards.all()]
    assert len({round(box["x"]) for box in boxes}) == 2 and len({round(box["y"]) for box in boxes}) == 3
    assert all(abs(box["height"] - 70 * MM) < 2 for box in boxes)
    assert all(abs(box["width"] - 97 * MM) < 3 for box in boxes)
    assert not page.locator("header.top").is_visible() and not page.locator(".no-print").first.is_visible()

    # A learner scans the card (opens its URL) on their own phone and types the PIN.
    name, username, pin, url = printed[3]
    learner = browser.new_context(**PHONE)
    own = learner.new_page()
    own.goto(url)
    assert own.locator("#username").input_value() == username
    own.locator("#secret").fill(pin)
    own.locator("form.stack button[type=submit]").click()
    own.wait_for_url(re.compile(r"/learn/$"))
    assert own.get_by_text(name).first.is_visible()
    learner.close()


def _class_with_a_story(make, db):
    """A class whose pages show everything: a learner who needs help, one who stopped, confirmations."""
    make.pack()
    center = make.center()
    teacher = make.user(Role.TEACHER, center=center, username="giaovien", secret="giaovien-pass")
    programme = db.session.scalar(select(Programme))
    cls = classes.create_class(teacher, center_id=center.id, programme_id=programme.id, name="Lớp Nà Hẩu",
                               place="Nhà văn hóa", schedule="Tối thứ Ba")
    made = classes.enrol_many(cls, NAMES, {}, ethnic_code="08").created
    lesson = db.session.scalar(select(Lesson).where(Lesson.slug == "chu-a"))
    stuck = made[0].user
    for minutes in (1, 2):
        db.session.add(QuizAttempt(key=str(uuid.uuid4()), user_id=stuck.id, lesson_id=lesson.id,
                                   version_id=lesson.published_version_id, total=5, answered=5, correct=1, score=20,
                                   passed=False, finished_at=utcnow() - timedelta(minutes=minutes)))
    db.session.commit()
    for result, on in ((PhaseResult.NOT_YET, date(2025, 12, 1)), (PhaseResult.COMPLETED, date(2026, 1, 15))):
        classes.record_confirmation(learner=stuck, programme_id=programme.id, result=result, confirmed_on=on,
                                    note="", by=teacher, today=date.today())
    return cls, stuck


def test_the_class_pages_have_no_accessibility_violations(live_server, browser, make, db):
    from tests.browser.conftest import PHONE
    assert AXE.exists(), "run `npm ci` (make test does) to get axe-core"
    cls, stuck = _class_with_a_story(make, db)
    # Learners who joined long ago and never studied, so that the "not studied" list shows too.
    from lms.models import ClassMember
    for member in db.session.scalars(select(ClassMember).where(ClassMember.class_id == cls.id)):
        member.joined_at = utcnow() - timedelta(days=30)
    db.session.commit()
    context = browser.new_context(**PHONE, bypass_csp=True)  # only so that axe can be injected
    page = context.new_page()
    staff_sign_in(page, live_server, "giaovien", "giaovien-pass")
    base = f"{live_server}/classes"
    for path in ("/", "/new", f"/{cls.id}", f"/{cls.id}/progress", f"/{cls.id}/learners/{stuck.id}",
                 f"/{cls.id}/learners/{stuck.id}/edit", f"/{cls.id}/learners/new", f"/{cls.id}/learners/paste",
                 f"/{cls.id}/learners/existing", f"/{cls.id}/cards", f"/{cls.id}/edit"):
        page.goto(base + path)
        assert violations(page) == [], path
        if path != f"/{cls.id}/progress":  # the table scrolls sideways inside its own region
            assert fits_the_phone(page), path
    assert page.evaluate("document.querySelectorAll('#needs-help li, #inactive li').length") == 0  # on /edit
    page.goto(f"{base}/{cls.id}")
    assert page.locator("#needs-help li").count() == 1 and page.locator("#inactive li").count() == 5
    # One learner whose name the center already has.
    page.goto(f"{base}/{cls.id}/learners/new")
    page.locator("#display_name").fill("Giàng Thị Hoa")
    page.locator("form.stack button[type=submit]").click()
    page.locator("input[name=another_person]").wait_for()
    assert violations(page) == []
    assert fits_the_phone(page)
    # The list of doubtful names.
    page.goto(f"{base}/{cls.id}/learners/paste")
    page.locator("#names").fill("Giang Thi Hoa\nLò Văn Minh")
    page.locator("form.stack button[type=submit]").click()
    page.locator("ol.paste-lines").wait_for()
    assert violations(page) == []
    assert fits_the_phone(page)
    # The cards, with a new PIN for one learner.
    page.goto(f"{base}/{cls.id}/learners/{stuck.id}")
    page.locator(f"form[action$='/classes/{cls.id}/cards'] button").click()
    page.locator("article.login-card").wait_for()
    assert violations(page) == []
    context.close()
