"""The search pages: guarded, plain HTML forms that work without JavaScript, results a phone can read."""
import re

import pytest

from lms.models import Role
from tests.conftest import sign_in
from tests.unit.test_search import Library, whoosh  # noqa: F401  (fixtures)


@pytest.fixture
def library(db):
    return Library()


@pytest.fixture
def content(whoosh, library, make):  # noqa: F811
    center = make.center()
    programme = library.programme("Sức khỏe gia đình")
    course = library.course(programme, "Phòng bệnh")
    lessons = {
        "hands": library.lesson(course, "Rửa tay với xà phòng", "Rửa tay trước khi ăn và sau khi đi vệ sinh."),
        "water": library.lesson(course, "Nước sạch", "Đun sôi nước. Rửa tay sạch."),
        "draft": library.lesson(library.course(programme, "Của trung tâm", center=center),
                                "Rửa tay cho trẻ <nháp>", publish=False),
    }
    return center, programme, lessons


def page(client, url):
    response = client.get(url)
    return response, response.get_data(as_text=True)


def test_search_needs_signing_in(client, content):
    response = client.get("/search/?q=rua+tay")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_the_search_box_is_on_the_learner_home_and_the_lesson_library(client, make, login, content):
    center, _programme, _lessons = content
    login(make.user(Role.LEARNER, center=center))
    _response, html = page(client, "/learn/")
    assert re.search(r'<form class="search" role="search" method="get" action="/search/">', html)
    assert 'name="q"' in html and 'type="search"' in html
    teacher_client = client.application.test_client()
    sign_in(teacher_client, make.user(Role.TEACHER, center=center).username, "password-123", staff=True)
    _response, html = page(teacher_client, "/author/")
    assert 'action="/search/"' in html


def test_results_without_javascript(client, make, login, content):
    center, _programme, lessons = content
    login(make.user(Role.LEARNER, center=center))
    response, html = page(client, "/search/?q=rua+tay")
    assert response.status_code == 200
    assert f'href="/learn/lesson/{lessons["hands"].id}"' in html
    assert "<mark>Rửa</mark> <mark>tay</mark> với xà phòng" in html
    assert re.search(r'role="status">[^<]*\b2\b[^<]*<', html)  # how many, in words of the person's language
    assert "nháp" not in html  # a learner never sees a draft
    # The page keeps the query in the box, and carries no inline script or style (Content-Security-Policy).
    assert 'value="rua tay"' in html
    assert "style=" not in html and not re.search(r"<script(?![^>]*\bsrc=)", html)


def test_a_teacher_finds_the_center_draft_with_its_state_and_escaped_title(client, make, login, content):
    center, _programme, lessons = content
    login(make.user(Role.TEACHER, center=center))
    _response, html = page(client, "/search/?q=rua+tay")
    draft = lessons["draft"].id
    assert f'href="/author/#lesson-{draft}"' in html
    assert "&lt;nháp&gt;" in html and "<nháp>" not in html
    assert 'class="badge"' in html
    _response, library_page = page(client, "/author/")
    assert f'id="lesson-{draft}"' in library_page


def test_did_you_mean_links_to_the_corrected_search(client, make, login, content):
    center, _programme, _lessons = content
    login(make.user(Role.LEARNER, center=center))
    _response, html = page(client, "/search/?q=n%C6%B0%E1%BB%9Bc+s%E1%BA%A1ck")  # "nước sạck"
    assert 'href="/search/?q=n%C6%B0%E1%BB%9Bc+s%E1%BA%A1ch"' in html


def test_filters_and_pages_are_plain_links_and_fields(client, make, login, library, content):
    center, programme, _lessons = content
    other = library.programme("Xóa mù chữ")
    course = library.course(other, "Tiếng Việt")
    for i in range(11):
        library.lesson(course, f"Rửa tay bài {i}", "Rửa tay.")
    login(make.user(Role.LEARNER, center=center))
    _response, html = page(client, "/search/?q=rua+tay")
    assert '<select id="search-programme" name="programme">' in html
    assert re.search(r'<a class="button" rel="next" href="/search/\?q=rua\+tay&amp;page=2">', html)
    _response, html = page(client, f"/search/?q=rua+tay&programme={programme.id}")
    assert html.count('class="result-title"') == 2 and 'rel="next"' not in html


def test_an_empty_or_odd_query_is_harmless(client, make, login, content):
    center, _programme, _lessons = content
    login(make.user(Role.LEARNER, center=center))
    for url in ("/search/", "/search/?q=", "/search/?q=%3Cscript%3E", "/search/?q=" + "a" * 5000,
                "/search/?q=x&page=-3&programme=abc"):
        response, html = page(client, url)
        assert response.status_code == 200, url
        assert "<script>" not in html.split("</head>", 1)[1].replace('<script src=', '')


def test_english_interface(client, make, login, content):
    center, _programme, _lessons = content
    login(make.user(Role.LEARNER, center=center, language="en"))
    _response, html = page(client, "/search/?q=rua+tay")
    assert "Find a lesson" in html and "2 lessons found" in html
