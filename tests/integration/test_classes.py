"""Class pages through the client: creating classes, enrolling, login cards, progress, confirmations, permissions."""
import re

import pytest
from sqlalchemy import func, select
from werkzeug.security import check_password_hash

from lms.models import ClassMember, LearningClass, PhaseConfirmation, Programme, Role, User
from lms.services import classes
from tests.conftest import csrf_token, sign_in

CARD = re.compile(r'<article class="login-card" data-username="([^"]+)">.*?login-username">([^<]+)<.*?'
                  r'login-pin">([0-9]+)<.*?<svg class="qr" role="img" aria-label="([^"]+)"', re.S)


@pytest.fixture
def world(make, db):
    make.pack()
    center, other = make.center("C1"), make.center("C2")
    people = dict(
        teacher=make.user(Role.TEACHER, center=center, name="Lò Thị Mai"),
        colleague=make.user(Role.TEACHER, center=center, name="Hà Văn Tú"),
        manager=make.user(Role.MANAGER, center=center),
        admin=make.user(Role.ADMIN),
        officer=make.user(Role.OFFICER, province=center.commune.province),
        learner=make.user(Role.LEARNER, center=center, name="Giàng Thị Hoa", username="hoa.giang"),
        stranger=make.user(Role.TEACHER, center=other),
        stranger_manager=make.user(Role.MANAGER, center=other),
    )
    programme = db.session.scalar(select(Programme))
    learning_class = classes.create_class(people["teacher"], center_id=center.id, programme_id=programme.id,
                                          name="Lớp xóa mù chữ thôn Nà Hẩu")
    classes.add_existing(learning_class, [people["learner"].id])
    return dict(center=center, other=other, programme=programme, cls=learning_class, **people)


def client_for(app, user=None, secret=None):
    client = app.test_client()
    if user is not None:
        response = sign_in(client, user.username, secret or ("1234" if user.role is Role.LEARNER else "password-123"),
                           staff=user.role is not Role.LEARNER)
        assert response.status_code == 302
    return client


def token(client):
    return csrf_token(client, "/classes/")


def cards_of(html):
    return CARD.findall(html)


def test_a_teacher_creates_edits_and_archives_a_class(app, world, db):
    client = client_for(app, world["teacher"])
    page = client.get("/classes/new").get_data(as_text=True)
    assert f'<option selected value="{world["teacher"].id}">' in page  # a teacher teaches their own class
    response = client.post("/classes/new", data={
        "csrf_token": token(client), "name": "Lớp tin học", "programme_id": world["programme"].id,
        "place": "Nhà văn hóa", "schedule": "Tối thứ Ba, 19:00", "teacher_id": world["colleague"].id})
    assert response.status_code == 302
    created = db.session.scalar(select(LearningClass).where(LearningClass.name == "Lớp tin học"))
    assert (created.center_id, created.teacher_id, created.schedule) == (
        world["center"].id, world["colleague"].id, "Tối thứ Ba, 19:00")
    assert response.headers["Location"].endswith(f"/classes/{created.id}")
    assert "Lớp tin học" in client.get("/classes/").get_data(as_text=True)
    # Bad input changes nothing and says why.
    response = client.post("/classes/new", data={"csrf_token": token(client), "name": " ", "programme_id": "0"})
    assert response.status_code == 200 and 'class="field-error"' in response.get_data(as_text=True)
    response = client.post(f"/classes/{created.id}/edit", data={
        "csrf_token": token(client), "name": "Lớp tin học cơ bản", "programme_id": world["programme"].id,
        "place": "", "schedule": "", "teacher_id": "0"})
    assert response.status_code == 302
    db.session.refresh(created)
    assert (created.name, created.teacher_id, created.place) == ("Lớp tin học cơ bản", None, "")
    client.post(f"/classes/{created.id}/archive", data={"csrf_token": token(client), "archived": "1"})
    db.session.refresh(created)
    assert created.archived
    listing = client.get("/classes/").get_data(as_text=True)
    assert 'class="archived"' in listing
    client.post(f"/classes/{created.id}/archive", data={"csrf_token": token(client), "archived": "0"})
    db.session.refresh(created)
    assert not created.archived


def test_pasting_five_names_prints_five_cards_whose_pins_work(app, world, db):
    client = client_for(app, world["teacher"])
    cls = world["cls"]
    names = "Lò Văn Minh\nTrần Thị Lan\n\n3. Hà Văn Tú\nMùa A Páo\nĐặng Thị Thu\n"
    response = client.post(f"/classes/{cls.id}/learners/paste", data={
        "csrf_token": token(client), "names": names, "ethnic_code": "08", "language": "", "step": "check"})
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"  # the PINs are on it
    html = response.get_data(as_text=True)
    cards = cards_of(html)
    assert [username for username, *_ in cards] == ["minh.lo", "lan.tran", "tu.ha", "pao.mua", "thu.dang"]
    for username, shown, pin, label in cards:
        assert shown == username and len(pin) == 4
        assert label.endswith(f"/auth/login?u={username}")
    assert html.count('class="sheet"') == 1
    # No plain PIN is kept: the database holds a salted hash of each (a hash may contain four digits by chance).
    for username, _shown, pin, _label in cards:
        stored = db.session.scalar(select(User.secret_hash).where(User.username == username))
        assert stored.startswith("scrypt:") and stored != pin and check_password_hash(stored, pin)
    members = db.session.scalar(select(func.count()).select_from(ClassMember).where(ClassMember.class_id == cls.id))
    assert members == 6
    # A learner signs in with a card.
    username, _shown, pin, _label = cards[2]
    learner = client_for(app)
    assert sign_in(learner, username, pin).status_code == 302
    assert learner.get("/learn/").status_code == 200
    user = db.session.scalar(select(User).where(User.username == username))
    assert (user.display_name, user.ethnic_code, user.center_id) == ("Hà Văn Tú", "08", world["center"].id)


def test_nine_cards_take_two_sheets(app, world):
    client = client_for(app, world["teacher"])
    names = "\n".join(f"Nguyễn Văn {chr(65 + n)}" for n in range(9))
    html = client.post(f"/classes/{world['cls'].id}/learners/paste", data={
        "csrf_token": token(client), "names": names, "step": "check"}).get_data(as_text=True)
    assert len(cards_of(html)) == 9 and html.count('class="sheet"') == 2


def test_likely_duplicates_are_shown_to_confirm_or_skip(app, world, db):
    client = client_for(app, world["teacher"])
    cls = world["cls"]
    hoa = world["learner"]
    lan = classes.add_learner(classes.class_for(world["manager"], cls.id), display_name="Trần Thị Lan",
                              this_year=2026).user
    classes.remove_member(cls, lan)
    names = "Giang Thi Hoa\nTrần Thị Lan\nLò Văn Minh\nlò văn minh"
    form = {"csrf_token": token(client), "names": names, "step": "check"}
    page = client.post(f"/classes/{cls.id}/learners/paste", data=form)
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "login-card" not in html
    assert 'name="step" type="hidden" value="create"' in html
    for number in (0, 1, 3):
        assert f'name="line-{number}"' in html
    assert 'name="line-2"' not in html
    assert f'name="line-0" value="{hoa.id}"' in html and f'name="line-1" value="{lan.id}"' in html
    # Without a choice for every doubtful name, nothing is created.
    form.update({"step": "create", "line-0": "skip"})
    again = client.post(f"/classes/{cls.id}/learners/paste", data=form)
    assert "login-card" not in again.get_data(as_text=True) and 'role="alert"' in again.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(User).where(User.display_name.like("L_ V_n Minh"))) == 0
    form.update({"line-1": str(lan.id), "line-3": "new"})
    done = client.post(f"/classes/{cls.id}/learners/paste", data=form).get_data(as_text=True)
    assert [username for username, *_ in cards_of(done)] == ["minh.lo", "minh.lo2"]
    members = set(db.session.scalars(select(ClassMember.user_id).where(ClassMember.class_id == cls.id)))
    assert lan.id in members and hoa.id in members and len(members) == 4


def test_one_learner_with_a_profile_gets_a_card(app, world, db):
    client = client_for(app, world["teacher"])
    cls = world["cls"]
    response = client.post(f"/classes/{cls.id}/learners/new", data={
        "csrf_token": token(client), "display_name": "Sùng Thị Mỷ", "sex": "F", "birth_year": "1994",
        "ethnic_code": "08", "language": "vi"})
    [(username, _shown, pin, label)] = cards_of(response.get_data(as_text=True))
    assert username == "my.sung" and response.headers["Cache-Control"] == "no-store"
    user = db.session.scalar(select(User).where(User.username == username))
    assert (user.sex, user.birth_year, user.ethnic_code, user.language) == ("F", 1994, "08", "vi")
    bad = client.post(f"/classes/{cls.id}/learners/new", data={
        "csrf_token": token(client), "display_name": "Lò Văn Minh", "birth_year": "năm 90"})
    assert bad.status_code == 200 and "login-card" not in bad.get_data(as_text=True)
    assert 'class="field-error"' in bad.get_data(as_text=True)
    # A name the center already has: nothing is made until the teacher says it is another person.
    same = {"csrf_token": token(client), "display_name": "giàng thị hoa", "sex": "F"}
    first = client.post(f"/classes/{cls.id}/learners/new", data=same).get_data(as_text=True)
    assert "login-card" not in first and 'name="another_person"' in first and "hoa.giang" in first
    assert db.session.scalar(select(func.count()).select_from(User).where(User.username.like("hoa.giang%"))) == 1
    again = client.post(f"/classes/{cls.id}/learners/new", data={**same, "another_person": "1"})
    assert [username for username, *_ in cards_of(again.get_data(as_text=True))] == ["hoa.giang2"]
    # The profile can be corrected later.
    client.post(f"/classes/{cls.id}/learners/{user.id}/edit", data={
        "csrf_token": token(client), "display_name": "Sùng Thị Mỷ", "sex": "F", "birth_year": "1993",
        "ethnic_code": "08", "language": ""})
    db.session.refresh(user)
    assert (user.birth_year, user.language) == (1993, None)


def test_learners_of_the_center_can_be_added_and_taken_out(app, world, make, db):
    client = client_for(app, world["teacher"])
    cls = world["cls"]
    minh = make.user(Role.LEARNER, center=world["center"], name="Lò Văn Minh")
    outsider = make.user(Role.LEARNER, center=world["other"], name="Người xã khác")
    page = client.get(f"/classes/{cls.id}/learners/existing").get_data(as_text=True)
    assert f'value="{minh.id}"' in page and f'value="{outsider.id}"' not in page
    assert f'value="{world["learner"].id}"' not in page  # already in the class
    client.post(f"/classes/{cls.id}/learners/existing", data={"csrf_token": token(client), "user_id": [outsider.id]})
    client.post(f"/classes/{cls.id}/learners/existing", data={"csrf_token": token(client), "user_id": [minh.id]})
    members = set(db.session.scalars(select(ClassMember.user_id).where(ClassMember.class_id == cls.id)))
    assert members == {world["learner"].id, minh.id}
    client.post(f"/classes/{cls.id}/learners/{minh.id}/remove", data={"csrf_token": token(client)})
    members = set(db.session.scalars(select(ClassMember.user_id).where(ClassMember.class_id == cls.id)))
    assert members == {world["learner"].id}
    assert db.session.get(User, minh.id) is not None


def test_resetting_a_pin_prints_a_new_card_and_signs_the_learner_out(app, world, db):
    learner = client_for(app, world["learner"])
    assert learner.get("/learn/").status_code == 200
    client = client_for(app, world["teacher"])
    cls = world["cls"]
    response = client.post(f"/classes/{cls.id}/cards", data={"csrf_token": token(client),
                                                              "user_id": [world["learner"].id]})
    [(username, _shown, pin, _label)] = cards_of(response.get_data(as_text=True))
    assert username == "hoa.giang" and response.headers["Cache-Control"] == "no-store"
    assert learner.get("/learn/").status_code == 302  # signed out on the phone
    assert sign_in(client_for(app), "hoa.giang", pin).status_code == 302
    if pin != "1234":
        assert sign_in(client_for(app), "hoa.giang", "1234").status_code == 200  # the old PIN is refused
    choose = client.get(f"/classes/{cls.id}/cards").get_data(as_text=True)
    assert f'value="{world["learner"].id}"' in choose and "login-card" not in choose


def test_progress_pages_and_a_confirmation_that_the_learner_sees(app, world, db):
    client = client_for(app, world["teacher"])
    cls, hoa = world["cls"], world["learner"]
    show = client.get(f"/classes/{cls.id}").get_data(as_text=True)
    assert f'/classes/{cls.id}/learners/{hoa.id}"' in show and 'id="learners"' in show
    grid = client.get(f"/classes/{cls.id}/progress").get_data(as_text=True)
    assert grid.count('data-state="todo"') == 2 and 'id="grid"' in grid
    page = client.get(f"/classes/{cls.id}/learners/{hoa.id}").get_data(as_text=True)
    assert page.count('data-state="todo"') == 2 and 'id="history"' not in page
    response = client.post(f"/classes/{cls.id}/learners/{hoa.id}/confirmations", data={
        "csrf_token": token(client), "result": "hoan-thanh-tot", "confirmed_on": "2026-01-15", "note": "Đọc tốt"})
    assert response.status_code == 302
    bad = client.post(f"/classes/{cls.id}/learners/{hoa.id}/confirmations", data={
        "csrf_token": token(client), "result": "hoan-thanh", "confirmed_on": "2999-01-01"})
    assert bad.status_code == 400 and 'role="alert"' in bad.get_data(as_text=True)
    client.post(f"/classes/{cls.id}/learners/{hoa.id}/confirmations", data={
        "csrf_token": token(client), "result": "chua-hoan-thanh", "confirmed_on": "2025-12-01"})
    rows = db.session.scalars(select(PhaseConfirmation).order_by(PhaseConfirmation.id)).all()
    assert [(r.result.value, r.confirmed_by_id) for r in rows] == [
        ("hoan-thanh-tot", world["teacher"].id), ("chua-hoan-thanh", world["teacher"].id)]
    page = client.get(f"/classes/{cls.id}/learners/{hoa.id}").get_data(as_text=True)
    history = page.split('id="history"')[1].split("</table>")[0]
    assert history.count("<tr>") == 3 and "Đọc tốt" in history  # header and two results, latest first
    assert history.index("2026") < history.index("2025")
    # The learner sees the latest result apart from the lessons done online.
    learner = client_for(app, hoa)
    mine = learner.get("/learn/progress").get_data(as_text=True)
    assert 'id="assessed"' in mine and world["programme"].title in mine.split('id="assessed"')[1]
    learner.post("/lang", data={"csrf_token": csrf_token(learner, "/learn/"), "lang": "en"})
    mine = learner.get("/learn/progress").get_data(as_text=True)
    assert "Completed well" in mine.split('id="assessed"')[1].split("</section>")[0]


def test_managers_run_every_class_of_their_center_and_administrators_all(app, world):
    cls = world["cls"]
    for who in ("manager", "colleague", "admin"):
        client = client_for(app, world[who])
        assert client.get(f"/classes/{cls.id}").status_code == 200, who
        assert client.get(f"/classes/{cls.id}/progress").status_code == 200, who
        assert cls.name in client.get("/classes/").get_data(as_text=True), who
    admin = client_for(app, world["admin"])
    page = admin.get("/classes/new").get_data(as_text=True)
    assert f'<option value="{world["other"].id}">' in page  # administrators choose the center


# Every class route with what a stranger would send; {c} is the class, {u} its learner.
ROUTES = [
    ("GET", "/classes/{c}", None),
    ("GET", "/classes/{c}/progress", None),
    ("GET", "/classes/{c}/edit", None),
    ("POST", "/classes/{c}/edit", {"name": "Lớp bị đổi", "programme_id": "{p}"}),
    ("POST", "/classes/{c}/archive", {"archived": "1"}),
    ("GET", "/classes/{c}/learners/new", None),
    ("POST", "/classes/{c}/learners/new", {"display_name": "Kẻ Lạ"}),
    ("GET", "/classes/{c}/learners/paste", None),
    ("POST", "/classes/{c}/learners/paste", {"names": "Kẻ Lạ", "step": "check"}),
    ("GET", "/classes/{c}/learners/existing", None),
    ("POST", "/classes/{c}/learners/existing", {"user_id": "{u}"}),
    ("GET", "/classes/{c}/cards", None),
    ("POST", "/classes/{c}/cards", {"user_id": "{u}"}),
    ("GET", "/classes/{c}/learners/{u}", None),
    ("GET", "/classes/{c}/learners/{u}/edit", None),
    ("POST", "/classes/{c}/learners/{u}/edit", {"display_name": "Bị đổi tên"}),
    ("POST", "/classes/{c}/learners/{u}/confirmations", {"result": "hoan-thanh", "confirmed_on": "2026-01-01"}),
    ("POST", "/classes/{c}/learners/{u}/remove", {}),
]


def _fill(value, world):
    return value.format(c=world["cls"].id, u=world["learner"].id, p=world["programme"].id)


@pytest.mark.parametrize("who,expected", [
    ("anonymous", 302), ("learner", 403), ("officer", 403), ("stranger", 404), ("stranger_manager", 404)])
def test_nobody_else_reads_or_changes_a_class(app, world, db, who, expected):
    client = client_for(app, None if who == "anonymous" else world[who])
    secret_before = world["learner"].secret_hash
    for method, path, data in ROUTES:
        url = _fill(path, world)
        if method == "GET":
            response = client.get(url)
        else:
            form = {k: _fill(v, world) for k, v in data.items()}
            form["csrf_token"] = csrf_token(client, "/auth/login")
            response = client.post(url, data=form)
        assert response.status_code == expected, (who, method, url)
        if expected == 302:
            assert "/auth/login" in response.headers["Location"]
        assert 'class="login-card"' not in response.get_data(as_text=True)
    for path in ("/classes/", "/classes/new"):
        response = client.get(path)
        assert response.status_code == (200 if who.startswith("stranger") else expected), (who, path)
        assert world["cls"].name not in response.get_data(as_text=True)
    # Nothing changed.
    db.session.rollback()  # ends the read snapshot: see what others committed
    cls = db.session.get(LearningClass, world["cls"].id)
    learner = db.session.get(User, world["learner"].id)
    assert (cls.name, cls.archived) == ("Lớp xóa mù chữ thôn Nà Hẩu", False)
    assert (learner.display_name, learner.secret_hash) == ("Giàng Thị Hoa", secret_before)
    assert db.session.scalar(select(func.count()).select_from(PhaseConfirmation)) == 0
    assert db.session.scalar(select(func.count()).select_from(ClassMember)) == 1
    assert db.session.scalar(select(func.count()).select_from(User).where(User.display_name == "Kẻ Lạ")) == 0


def test_a_teacher_cannot_reach_a_learner_through_another_class(app, world, make, db):
    """A learner of the center who is not in this class: not printable, not assessable through it."""
    cls = world["cls"]
    outsider = make.user(Role.LEARNER, center=world["center"])
    client = client_for(app, world["teacher"])
    before = outsider.secret_hash
    assert client.post(f"/classes/{cls.id}/cards", data={"csrf_token": token(client),
                                                         "user_id": [outsider.id]}).status_code == 404
    assert client.get(f"/classes/{cls.id}/learners/{outsider.id}").status_code == 404
    assert client.post(f"/classes/{cls.id}/learners/{outsider.id}/confirmations", data={
        "csrf_token": token(client), "result": "hoan-thanh", "confirmed_on": "2026-01-01"}).status_code == 404
    db.session.refresh(outsider)
    assert outsider.secret_hash == before


def test_forms_without_a_csrf_token_are_refused(app, world, db):
    client = client_for(app, world["teacher"])
    response = client.post(f"/classes/{world['cls'].id}/cards", data={"user_id": [world["learner"].id]})
    assert response.status_code == 400
    assert db.session.scalar(select(User.session_version).where(User.id == world["learner"].id)) == 1
