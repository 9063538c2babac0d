"""Administration through the client: the audit log fills as people work, and personal data is exported and erased."""
import csv
import io
import json
import re

import pytest
from sqlalchemy import select

from lms.models import ApiToken, AuditEntry, Programme, Role, User
from lms.services import audit, authoring, classes
from lms.services.authoring import CourseInput, DraftText
from tests.conftest import csrf_token, sign_in


@pytest.fixture
def world(make, db):
    make.pack()
    center, other = make.center("C1"), make.center("C2")
    people = dict(
        learner=make.user(Role.LEARNER, center=center, name="Giàng Thị Hoa", username="hoa.giang"),
        teacher=make.user(Role.TEACHER, center=center, name="Lò Thị Mai", username="mai"),
        manager=make.user(Role.MANAGER, center=center, username="quanly"),
        officer=make.user(Role.OFFICER, province=center.commune.province, username="canbo"),
        admin=make.user(Role.ADMIN, name="Quản Trị", username="quantri"),
        other_learner=make.user(Role.LEARNER, center=other, name="Lò Văn Minh", username="minh.lo"),
    )
    programme = db.session.scalar(select(Programme))
    learning_class = classes.create_class(people["teacher"], center_id=center.id, programme_id=programme.id,
                                          name="Lớp Nà Hẩu")
    classes.add_existing(learning_class, [people["learner"].id])
    return dict(center=center, other=other, programme=programme, cls=learning_class, **people)


def client_for(app, user=None):
    client = app.test_client()
    if user is not None:
        response = sign_in(client, user.username, "1234" if user.role is Role.LEARNER else "password-123",
                           staff=user.role is not Role.LEARNER)
        assert response.status_code == 302
    return client


def english(client):
    client.post("/lang", data={"csrf_token": csrf_token(client), "lang": "en"})
    return client


def logged(db, action):
    db.session.rollback()  # see what the requests committed
    return db.session.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)).all()


# --- who may come in ------------------------------------------------------------------------------------------------

def _pages(world):
    learner = world["learner"].id
    return [("GET", "/admin/"), ("GET", "/admin/audit"), ("GET", "/admin/audit.csv"), ("GET", "/admin/people"),
            ("GET", f"/admin/people/{learner}"), ("POST", f"/admin/people/{learner}/export"),
            ("GET", f"/admin/people/{learner}/erase"), ("POST", f"/admin/people/{learner}/erase")]


@pytest.mark.parametrize("role", ["learner", "teacher", "manager", "officer"])
def test_only_administrators_come_in(app, world, db, role):
    client = client_for(app, world[role])
    for method, path in _pages(world):
        data = {"csrf_token": csrf_token(client), "username": "hoa.giang"} if method == "POST" else None
        assert client.open(path, method=method, data=data).status_code == 403, path
    assert logged(db, "audit.export") == [] and logged(db, "person.export") == []
    assert db.session.get(User, world["learner"].id).username == "hoa.giang"


def test_anonymous_people_are_sent_to_sign_in(app, world):
    client = client_for(app)
    for method, path in _pages(world):
        response = client.open(path, method=method, data={"csrf_token": csrf_token(client)})
        assert response.status_code == 302 and "/auth/login" in response.headers["Location"], path


def test_administrators_see_the_link_and_the_pages(app, world):
    admin = english(client_for(app, world["admin"]))
    assert 'href="/admin/"' in admin.get("/admin/people").get_data(as_text=True)
    for _method, path in _pages(world)[:5]:
        assert admin.get(path).status_code == 200, path
    teacher = client_for(app, world["teacher"])
    assert 'href="/admin/"' not in teacher.get("/classes/").get_data(as_text=True)


# --- what is logged -------------------------------------------------------------------------------------------------

def test_tokens_made_and_revoked_are_logged(app, world, db):
    client = client_for(app, world["admin"])
    url = "/reports/tokens"
    client.post(url, data={"csrf_token": csrf_token(client, url), "name": "CSDL ngành",
                           "scope": f"center:{world['center'].id}"})
    token = db.session.scalar(select(ApiToken))
    client.post(f"/reports/tokens/{token.id}/revoke", data={"csrf_token": csrf_token(client, url)})
    [made], [revoked] = logged(db, "token.create"), logged(db, "token.revoke")
    assert (made.actor_id, made.target, made.center_id) == (world["admin"].id, "CSDL ngành", world["center"].id)
    assert (revoked.actor_id, revoked.data["token_id"]) == (world["admin"].id, token.id)


def test_a_report_export_is_logged(app, world, db):
    client = client_for(app, world["manager"])
    center = world["center"].id
    assert client.get(f"/reports/center/{center}/summary.csv?period=year").status_code == 200
    assert client.get(f"/reports/center/{center}/summary.pdf").status_code == 404  # nothing exported: nothing logged
    [entry] = logged(db, "report.export")
    assert entry.actor_id == world["manager"].id and entry.center_id == center and entry.target.endswith(".csv")


def test_a_pin_reset_is_logged_with_the_teacher(app, world, db):
    client = client_for(app, world["teacher"])
    url = f"/classes/{world['cls'].id}/cards"
    response = client.post(url, data={"csrf_token": csrf_token(client, url), "user_id": world["learner"].id})
    assert response.status_code == 200
    [entry] = logged(db, "learner.pin_reset")
    assert (entry.actor_id, entry.subject_id, entry.data["user_ids"]) == (
        world["teacher"].id, world["learner"].id, [world["learner"].id])


def test_publishing_and_unpublishing_are_logged(app, world, db):
    teacher = world["teacher"]
    course = authoring.create_course(teacher, world["programme"].id, CourseInput(title="Trồng lúa nước"))
    lesson = authoring.create_lesson(teacher, course, "Gieo mạ")
    draft = authoring.save_draft(teacher, lesson, 1, DraftText("Gieo mạ", "Gieo mạ đúng lúc."))
    client = client_for(app, teacher)
    response = client.post(f"/author/lessons/{lesson.id}/publish",
                           data={"csrf_token": csrf_token(client), "revision": str(draft.revision)})
    assert response.status_code == 302
    client.post(f"/author/lessons/{lesson.id}/unpublish", data={"csrf_token": csrf_token(client)})
    [published], [unpublished] = logged(db, "lesson.publish"), logged(db, "lesson.unpublish")
    assert (published.actor_id, published.target, published.center_id) == (teacher.id, "Gieo mạ", world["center"].id)
    assert published.data == {"lesson_id": lesson.id, "version": 1} and unpublished.data["lesson_id"] == lesson.id


# --- the audit page -------------------------------------------------------------------------------------------------

def test_the_audit_page_filters_pages_and_exports(app, world, db):
    for n in range(55):
        audit.record(world["teacher"], "report.export", f"báo cáo {n}", center_id=world["center"].id)
    audit.record(world["admin"], "token.create", "tỉnh khác", center_id=world["other"].id, ids=[7, 8], fmt="csv")
    db.session.commit()
    client = english(client_for(app, world["admin"]))

    def shown(query):
        page = client.get(f"/admin/audit?{query}").get_data(as_text=True)
        return re.findall(r'<li class="card" data-action="([^"]+)">', page), page
    actions, page = shown("")
    assert len(actions) == 50 and 'rel="next"' in page and "Report exported" in page
    actions, page = shown(f"center={world['other'].id}")
    assert actions == ["token.create"] and "tỉnh khác" in page and "fmt: csv · ids: 7, 8" in page
    actions, _page = shown("action=token.create")
    assert actions == ["token.create"]
    actions, page = shown("action=report.export&page=2")
    assert actions == ["report.export"] * 5 and "báo cáo 0" in page and 'rel="prev"' in page
    actions, _page = shown(f"action=report.export&center={world['other'].id}")
    assert actions == []

    response = client.get(f"/admin/audit.csv?center={world['other'].id}")
    assert response.headers["Content-Disposition"].startswith("attachment")
    rows = list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig"))))
    assert rows[0][0] == "Time (UTC)" and [row[4] for row in rows[1:]] == ["tỉnh khác"]
    [exported] = logged(db, "audit.export")
    assert exported.actor_id == world["admin"].id and exported.center_id == world["other"].id


# --- personal data --------------------------------------------------------------------------------------------------

def test_people_are_found_and_shown(app, world):
    client = client_for(app, world["admin"])
    page = client.get("/admin/people?q=giàng").get_data(as_text=True)
    assert f'href="/admin/people/{world["learner"].id}"' in page and "Lò Văn Minh" not in page
    page = client.get(f"/admin/people/{world['learner'].id}").get_data(as_text=True)
    assert "hoa.giang" in page and "Trung tâm C1" in page
    assert client.get("/admin/people/999999").status_code == 404


def test_the_export_downloads_as_a_json_attachment_and_is_logged(app, world, db):
    client = client_for(app, world["admin"])
    url = f"/admin/people/{world['learner'].id}"
    response = client.post(f"{url}/export", data={"csrf_token": csrf_token(client, url)})
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert response.headers["Content-Disposition"] == f'attachment; filename="person-{world["learner"].id}.json"'
    assert response.headers["Cache-Control"] == "no-store"
    document = json.loads(response.get_data(as_text=True))
    assert document["person"]["username"] == "hoa.giang" and len(document["class_memberships"]) == 1
    assert "minh.lo" not in response.get_data(as_text=True)
    [entry] = logged(db, "person.export")
    assert (entry.actor_id, entry.subject_id) == (world["admin"].id, world["learner"].id)
    assert client.post(f"{url}/export").status_code == 400  # no CSRF token: nothing exported


def test_erasure_is_confirmed_by_the_username_and_signs_the_person_out(app, world, db):
    learner = world["learner"]
    phone = client_for(app, learner)
    assert phone.get("/learn/").status_code == 200
    client = english(client_for(app, world["admin"]))
    url = f"/admin/people/{learner.id}/erase"
    page = client.get(url).get_data(as_text=True)
    assert 'name="username"' in page and "hoa.giang" in page
    wrong = client.post(url, data={"csrf_token": csrf_token(client, url), "username": "hoa"})
    assert wrong.status_code == 400 and "not the person" in wrong.get_data(as_text=True)
    assert logged(db, "person.erase") == [] and db.session.get(User, learner.id).username == "hoa.giang"
    done = client.post(url, data={"csrf_token": csrf_token(client, url), "username": " Hoa.Giang "})
    assert done.status_code == 302 and done.headers["Location"].endswith(f"/admin/people/{learner.id}")
    erased = db.session.get(User, learner.id)
    assert erased.username == f"erased-{learner.id}" and not erased.is_active
    assert phone.get("/learn/").status_code == 302  # signed out
    assert sign_in(client_for(app), "hoa.giang", "1234").status_code != 302
    [entry] = logged(db, "person.erase")
    assert entry.actor_id == world["admin"].id and "Giàng" not in entry.target
    assert "erased already" in client.get(url).get_data(as_text=True)
    again = client.post(url, data={"csrf_token": csrf_token(client, url), "username": erased.username})
    assert again.status_code == 200 and len(logged(db, "person.erase")) == 1


def test_an_administrator_cannot_erase_themself(app, world, db):
    client = english(client_for(app, world["admin"]))
    url = f"/admin/people/{world['admin'].id}/erase"
    response = client.post(url, data={"csrf_token": csrf_token(client, url), "username": "quantri"})
    assert response.status_code == 400 and "your own account" in response.get_data(as_text=True)
    assert logged(db, "person.erase") == []
