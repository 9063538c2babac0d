"""Save data: pictures wait behind a tap; the phone's choice is kept; the browser's hint decides until then."""
import re

import pytest
from sqlalchemy import select

from lms.models import Lesson, Role
from tests.conftest import csrf_token


@pytest.fixture
def lesson_url(make, login, db):
    make.pack()
    login(make.user(Role.LEARNER, center=make.center()))
    return f"/learn/lesson/{db.session.scalar(select(Lesson.id).where(Lesson.slug == 'chu-a'))}"


def pictures_behind_a_tap(page):
    outside = re.sub(r'<details class="picture">.*?</details>', "", page, flags=re.S)
    return '<details class="picture"><summary>' in page and "<picture>" not in outside


def test_pictures_show_by_default(client, lesson_url):
    page = client.get(lesson_url).get_data(as_text=True)
    assert "<picture>" in page and not pictures_behind_a_tap(page)


def test_the_browsers_save_data_hint_hides_pictures_until_tapped(client, lesson_url):
    page = client.get(lesson_url, headers={"Save-Data": "on"}).get_data(as_text=True)
    assert pictures_behind_a_tap(page)
    assert "Chạm để xem ảnh: Chữ a viết to màu xanh" in page
    assert 'preload="none"' in page  # narration is never fetched before play


def test_the_setting_is_kept_for_this_phone_and_wins_over_the_hint(client, lesson_url):
    client.post("/learn/settings", data={"csrf_token": csrf_token(client, "/learn/settings"), "text_size": "100",
                                         "save_data": "y"})
    assert pictures_behind_a_tap(client.get(lesson_url).get_data(as_text=True))
    client.post("/learn/settings", data={"csrf_token": csrf_token(client, "/learn/settings"), "text_size": "100"})
    assert not pictures_behind_a_tap(client.get(lesson_url, headers={"Save-Data": "on"}).get_data(as_text=True))


def test_text_size_and_contrast_are_kept_with_the_learner(client, lesson_url, db, app, make):
    from lms.models import User
    token = csrf_token(client, "/learn/settings")
    client.post("/learn/settings", data={"csrf_token": token, "text_size": "150", "high_contrast": "y"})
    user = db.session.scalar(select(User).where(User.role == Role.LEARNER))
    db.session.refresh(user)
    assert (user.text_size, user.high_contrast) == (150, True)
    assert '<html lang="vi" class="text-150 contrast">' in client.get(lesson_url).get_data(as_text=True)
    # Signing in on another phone brings them along.
    other = app.test_client()
    from tests.conftest import sign_in
    sign_in(other, user.username, "1234")
    assert 'class="text-150 contrast"' in other.get("/learn/").get_data(as_text=True)


def test_an_unknown_text_size_changes_nothing(client, lesson_url, db):
    from lms.models import User
    page = client.post("/learn/settings", data={"csrf_token": csrf_token(client, "/learn/settings"),
                                                "text_size": "400"}).get_data(as_text=True)
    user = db.session.scalar(select(User).where(User.role == Role.LEARNER))
    db.session.refresh(user)
    assert user.text_size == 100 and "Đã lưu." not in page
