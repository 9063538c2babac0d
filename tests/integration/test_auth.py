"""Signing in and out through the real forms: learner PIN, staff password, shared phones."""
from flask import request

from lms import create_app
from lms.models import Role
from tests.conftest import csrf_token, sign_in


def test_a_learner_signs_in_with_a_pin_and_lands_on_home(client, make):
    learner = make.user(Role.LEARNER, center=make.center(), name="Giàng Thị Hoa", secret="2468")
    response = sign_in(client, learner.username, "2468")
    assert response.status_code == 302 and response.headers["Location"].endswith("/learn/")
    page = client.get("/learn/").get_data(as_text=True)
    assert "Xin chào, Giàng Thị Hoa!" in page


def test_a_wrong_pin_gives_a_clear_message_and_no_session(client, make):
    learner = make.user(Role.LEARNER, center=make.center(), secret="2468")
    response = sign_in(client, learner.username, "1111")
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mã PIN/mật khẩu không đúng." in response.get_data(as_text=True)
    assert client.get("/learn/").status_code == 302


def test_staff_sign_in_with_a_password(client, make):
    teacher = make.user(Role.TEACHER, center=make.center(), secret="mat-khau-dai")
    assert sign_in(client, teacher.username, "mat-khau-dai", staff=True).status_code == 302
    assert client.get("/author/").status_code == 200


def test_a_wrong_password_is_refused(client, make):
    teacher = make.user(Role.TEACHER, center=make.center(), secret="mat-khau-dai")
    response = sign_in(client, teacher.username, "mat-khau-sai", staff=True)
    assert "không đúng" in response.get_data(as_text=True)


def test_empty_fields_say_what_is_missing(client, db):
    token = csrf_token(client)
    page = client.post("/auth/login", data={"csrf_token": token, "username": "", "secret": ""}).get_data(as_text=True)
    assert "Xin hãy nhập tên đăng nhập." in page and "Xin hãy nhập mã PIN hoặc mật khẩu." in page


def test_a_form_without_its_csrf_token_is_refused(client, make):
    learner = make.user(Role.LEARNER, center=make.center())
    response = client.post("/auth/login", data={"username": learner.username, "secret": "1234"})
    assert response.status_code == 400


def test_the_phone_remembers_recent_learners_as_name_buttons(client, make):
    center = make.center()
    hoa = make.user(Role.LEARNER, center=center, name="Giàng Thị Hoa", username="hoa")
    minh = make.user(Role.LEARNER, center=center, name="Hoàng Văn Minh", username="minh")
    for person in (hoa, minh):
        sign_in(client, person.username, "1234")
        client.post("/auth/logout", data={"csrf_token": csrf_token(client, "/learn/")})
    page = client.get("/auth/login").get_data(as_text=True)
    assert page.index("Hoàng Văn Minh") < page.index("Giàng Thị Hoa")  # most recent first
    assert 'href="/auth/login?u=hoa"' in page
    assert "1234" not in page
    # Tapping a name asks only for the PIN.
    chosen = client.get("/auth/login?u=hoa").get_data(as_text=True)
    assert "Xin chào, Giàng Thị Hoa!" in chosen and 'name="username" value="hoa"' in chosen
    client.post("/auth/forget", data={"csrf_token": csrf_token(client), "username": "hoa"})
    assert "Giàng Thị Hoa" not in client.get("/auth/login").get_data(as_text=True)


def test_staff_are_not_remembered_on_the_phone(client, make):
    teacher = make.user(Role.TEACHER, center=make.center(), name="Lò Thị Mai", secret="password-123")
    sign_in(client, teacher.username, "password-123", staff=True)
    client.post("/auth/logout", data={"csrf_token": csrf_token(client, "/learn/")})
    assert "Lò Thị Mai" not in client.get("/auth/login").get_data(as_text=True)


def test_sign_out_is_one_tap_and_ends_the_session(client, make, login):
    login(make.user(Role.LEARNER, center=make.center()))
    response = client.post("/auth/logout", data={"csrf_token": csrf_token(client, "/learn/")})
    assert response.status_code == 302
    assert client.get("/learn/").status_code == 302


def test_next_only_stays_on_this_site(client, make):
    learner = make.user(Role.LEARNER, center=make.center())
    for target, expected in (("/learn/progress", "/learn/progress"), ("https://evil.example/", "/learn/"),
                             ("//evil.example", "/learn/")):
        token = csrf_token(client)
        response = client.post("/auth/login", data={"csrf_token": token, "username": learner.username,
                                                    "secret": "1234", "next": target})
        assert response.headers["Location"] == expected
        client.post("/auth/logout", data={"csrf_token": csrf_token(client, "/learn/")})


def test_a_pin_reset_signs_the_learner_out_everywhere(client, make, login, db, app):
    learner = make.user(Role.LEARNER, center=make.center())
    login(learner)
    assert client.get("/learn/").status_code == 200
    from lms.services.accounts import set_secret
    with app.test_request_context():
        set_secret(learner, "9876")
    db.session.commit()
    assert client.get("/learn/").status_code == 302


def test_one_address_trying_pins_on_many_accounts_is_made_to_wait(app, make, monkeypatch):
    monkeypatch.setitem(app.config, "LMS_LOGIN_ADDRESS_LIMIT", (4, 900))
    center = make.center()
    learners = [make.user(Role.LEARNER, center=center, secret="2468") for _ in range(4)]
    guesser = app.test_client()
    guesser.environ_base["REMOTE_ADDR"] = "203.0.113.50"
    for learner in learners:  # one wrong PIN on each account: none of them is locked
        assert sign_in(guesser, learner.username, "1111").status_code == 200
    response = sign_in(guesser, learners[0].username, "2468")
    assert response.status_code == 200 and "Nhập sai quá nhiều lần từ mạng này" in response.get_data(as_text=True)
    neighbour = app.test_client()  # a learner on another connection signs in as usual
    neighbour.environ_base["REMOTE_ADDR"] = "198.51.100.20"
    assert sign_in(neighbour, learners[0].username, "2468").status_code == 302


def test_behind_a_trusted_proxy_the_address_is_the_learners(app):
    def address_seen(site, forwarded):
        seen = []
        site.before_request(lambda: seen.append(request.remote_addr))
        site.test_client().get("/healthz", headers={"X-Forwarded-For": forwarded}, environ_base={"REMOTE_ADDR": "127.0.0.1"})
        return seen[-1]

    behind_nginx = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
                               "LMS_TRUSTED_PROXIES": 1})
    # Only the hop nginx added is trusted: a learner cannot choose their address by sending the header.
    assert address_seen(behind_nginx, "10.9.8.7, 203.0.113.5") == "203.0.113.5"
    # Without a proxy the header is ignored altogether.
    direct = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"]})
    assert address_seen(direct, "203.0.113.5") == "127.0.0.1"
