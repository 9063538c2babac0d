"""Site-wide behaviour: health, language, headers, static caching, every route guarded."""
import pytest

from lms.models import Role
from lms.permissions import access_of
from tests.conftest import csrf_token


def test_healthz_answers_when_the_database_does(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.get_json() == {"status": "ok"}


def test_vietnamese_by_default_and_english_when_chosen_and_remembered(client, make, login, db):
    assert "Đăng nhập" in client.get("/auth/login").get_data(as_text=True)
    client.post("/lang", data={"csrf_token": csrf_token(client), "lang": "en", "next": "/auth/login"})
    page = client.get("/auth/login").get_data(as_text=True)
    assert "Sign in" in page and "Đăng nhập" not in page and '<html lang="en">' in page
    learner = make.user(Role.LEARNER, center=make.center())
    login(learner)
    assert "My courses" in client.get("/learn/").get_data(as_text=True)
    # Chosen while signed in: kept with the person, whatever phone they use next.
    client.post("/lang", data={"csrf_token": csrf_token(client, "/learn/"), "lang": "vi"})
    db.session.refresh(learner)
    assert learner.language == "vi"


def test_a_signed_in_persons_language_follows_them(app, make, login, client, db):
    learner = make.user(Role.LEARNER, center=make.center(), language="en")
    login(learner)
    assert "My courses" in client.get("/learn/").get_data(as_text=True)


def test_security_headers(client):
    response = client.get("/auth/login")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_a_learner_page_names_its_learner_for_the_phone_s_service_worker(client, make, login):
    assert "X-Lms-User" not in client.get("/auth/login").headers
    learner = make.user(Role.LEARNER, center=make.center())
    login(learner)
    assert client.get("/learn/").headers["X-Lms-User"] == str(learner.id)
    assert "X-Lms-User" not in client.get("/auth/login").headers  # only learner pages are kept on the phone


def test_static_files_have_hashed_urls_cached_for_a_year(client):
    page = client.get("/auth/login").get_data(as_text=True)
    import re
    url = re.search(r'href="(/static/app\.css\?v=[0-9a-f]{12})"', page).group(1)
    response = client.get(url)
    assert response.status_code == 200
    assert "max-age=31536000" in response.headers["Cache-Control"] and "immutable" in response.headers["Cache-Control"]


def test_pages_are_compressed_for_slow_networks(client):
    response = client.get("/auth/login", headers={"Accept-Encoding": "gzip"})
    assert response.headers.get("Content-Encoding") == "gzip"


def test_every_route_declares_who_may_use_it(app):
    undeclared = [rule.endpoint for rule in app.url_map.iter_rules()
                  if rule.endpoint != "static" and access_of(app.view_functions[rule.endpoint]) is None]
    assert undeclared == []


# Expected access for each kind of visitor, route by route.
PAGES = [
    ("/learn/", {"anonymous": 302, "learner": 200, "teacher": 200}),
    ("/learn/programmes", {"anonymous": 302, "learner": 200, "teacher": 200}),
    ("/learn/progress", {"anonymous": 302, "learner": 200, "teacher": 200}),
    ("/author/", {"anonymous": 302, "learner": 403, "teacher": 200, "manager": 200, "admin": 200, "officer": 403}),
    ("/api/v1/me/progress", {"anonymous": 401, "learner": 200}),
    ("/api/v1/catalog", {"anonymous": 401, "learner": 200}),
    ("/api/v1/openapi.json", {"anonymous": 200, "learner": 200}),
]


@pytest.mark.parametrize("path,expected", PAGES)
def test_pages_are_guarded_by_role(path, expected, app, make, db):
    center = make.center()
    people = {
        "learner": make.user(Role.LEARNER, center=center),
        "teacher": make.user(Role.TEACHER, center=center),
        "manager": make.user(Role.MANAGER, center=center),
        "admin": make.user(Role.ADMIN),
        "officer": make.user(Role.OFFICER, province=center.commune.province),
    }
    from tests.conftest import sign_in
    for who, status in expected.items():
        client = app.test_client()
        if who != "anonymous":
            person = people[who]
            sign_in(client, person.username, "1234" if who == "learner" else "password-123", staff=who != "learner")
        assert client.get(path).status_code == status, (path, who)


def test_an_undeclared_route_is_refused(app, client):
    """Deny by default: a view added without a rule answers 403, not the page."""
    from flask import Flask
    probe = Flask("probe")
    probe.config.update(app.config)
    from lms.permissions import enforce

    @probe.get("/secret")
    def secret():
        return "secret"

    probe.before_request(enforce)
    assert probe.test_client().get("/secret").status_code == 403
