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
    client.post("/learn/settings", data={"csrf_token": csrf_token(client, "/learn/settings"), "save_data": "y"})
    assert pictures_behind_a_tap(client.get(lesson_url).get_data(as_text=True))
    client.post("/learn/settings", data={"csrf_token": csrf_token(client, "/learn/settings")})
    assert not pictures_behind_a_tap(client.get(lesson_url, headers={"Save-Data": "on"}).get_data(as_text=True))
