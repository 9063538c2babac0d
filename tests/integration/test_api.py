"""The JSON API: own progress only, a batch sync with a status per event, and the OpenAPI document."""
import uuid

import pytest
from sqlalchemy import func, select

from lms.models import Lesson, ProgressEvent, Role
from tests.conftest import sign_in


@pytest.fixture
def world(make, db):
    make.pack()
    center = make.center()
    return make.user(Role.LEARNER, center=center), make.user(Role.LEARNER, center=center)


def read_event(lesson, at="2026-02-01T03:00:00Z"):
    return {"id": str(uuid.uuid4()), "type": "read", "lesson": lesson.id, "version": lesson.published_version_id, "at": at}


def lessons(db):
    return {l.slug: l for l in db.session.scalars(select(Lesson))}


def test_sync_reports_a_status_per_event_and_a_resent_batch_is_harmless(client, world, db, login):
    learner, _ = world
    login(learner)
    b = lessons(db)["chu-b"]
    good = read_event(b)
    batch = {"events": [good, {"id": "nope", "type": "read"}, {**read_event(b), "version": 999}]}
    body = client.post("/api/v1/progress/sync", json=batch).get_json()
    assert [r["status"] for r in body["results"]] == ["accepted", "rejected", "rejected"]
    assert body["results"][1]["id"] == "nope" and body["results"][1]["reason"]
    again = client.post("/api/v1/progress/sync", json=batch).get_json()
    assert [r["status"] for r in again["results"]] == ["duplicate", "rejected", "rejected"]
    assert db.session.scalar(select(func.count()).select_from(ProgressEvent)) == 1
    progress = client.get("/api/v1/me/progress").get_json()
    [row] = progress["lessons"]
    assert row["lesson"] == b.id and row["completed_at"] == "2026-02-01T03:00:00Z"


def test_answers_through_the_api_are_graded(client, world, db, login):
    learner, _ = world
    login(learner)
    a = lessons(db)["chu-a"]
    attempt = str(uuid.uuid4())
    question = a.published_version.questions[0]
    right = [c.id for c in question.choices if c.is_correct]
    event = {"id": str(uuid.uuid4()), "type": "answered", "lesson": a.id, "version": a.published_version_id,
             "at": "2026-02-01T03:00:00Z", "attempt": attempt, "question": question.id, "choices": right}
    [result] = client.post("/api/v1/progress/sync", json={"events": [event]}).get_json()["results"]
    assert result == {"id": event["id"], "status": "accepted", "correct": True}


def test_a_learner_sees_only_their_own_progress(client, world, db, app):
    mine, theirs = world
    b = lessons(db)["chu-b"]
    other = app.test_client()
    sign_in(other, theirs.username, "1234")
    other.post("/api/v1/progress/sync", json={"events": [read_event(b)]})
    sign_in(client, mine.username, "1234")
    body = client.get(f"/api/v1/me/progress?user={theirs.id}").get_json()
    assert body["user"]["username"] == mine.username and body["lessons"] == []


def test_the_api_needs_a_session_and_json(client, world, login):
    assert client.get("/api/v1/me/progress").status_code == 401
    assert client.post("/api/v1/progress/sync", json={"events": []}).status_code == 401
    login(world[0])
    assert client.post("/api/v1/progress/sync", data={"events": "x"}).status_code == 415
    assert client.post("/api/v1/progress/sync", json={"nothing": 1}).status_code == 400
    assert client.post("/api/v1/progress/sync", json={"events": [{}] * 501}).status_code == 413


def test_the_openapi_document_describes_every_api_route(client, app):
    doc = client.get("/api/v1/openapi.json").get_json()
    assert doc["openapi"].startswith("3.")
    import re
    routes = {re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule.removeprefix("/api/v1"))
              for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/v1")}
    assert routes == set(doc["paths"])


def test_the_catalogue_for_offline_download(client, world, login, db):
    login(world[0])
    [programme] = client.get("/api/v1/catalog").get_json()["programmes"]
    [course] = programme["courses"]
    assert [l["slug"] for l in course["lessons"]] == ["chu-a", "chu-b"]
    assert all(l["version"] for l in course["lessons"])


# Found by tests/fuzz: inputs that made the API answer 500, and the event ids a phone looks its queue up by.

def test_numbers_and_times_beyond_the_database_are_refused_not_crashes(client, world, db, login):
    login(world[0])
    b = lessons(db)["chu-b"]
    events = [{**read_event(b), "version": 2 ** 31}, {**read_event(b), "version": 2 ** 63},
              {**read_event(b), "lesson": 2 ** 64},
              read_event(b, at="0001-01-01T00:00:00+05:00"), read_event(b, at="9999-12-31T23:59:59-05:00")]
    body = client.post("/api/v1/progress/sync", json={"events": events}).get_json()
    assert [r["status"] for r in body["results"]] == ["rejected"] * 5
    assert all(r["reason"] for r in body["results"])
    assert db.session.scalar(select(func.count()).select_from(ProgressEvent)) == 0
    assert client.get(f"/api/v1/courses/{2 ** 31}/offline").status_code == 404
    assert client.get(f"/api/v1/courses/{2 ** 63}/offline").status_code == 404
    assert client.get(f"/api/v1/courses/{b.course_id}/offline?need=wide").status_code == 400
    assert client.get(f"/api/v1/courses/{b.course_id}/offline?need=99999").status_code == 200


def test_results_carry_the_id_as_the_phone_wrote_it(client, world, db, login):
    login(world[0])
    b = lessons(db)["chu-b"]
    event = read_event(b)
    upper = {**event, "id": event["id"].upper()}
    braces = {**event, "id": "{" + event["id"] + "}"}
    body = client.post("/api/v1/progress/sync", json={"events": [event, upper, braces]})
    assert [(r["id"], r["status"]) for r in body.get_json()["results"]] == [
        (event["id"], "accepted"), (upper["id"], "duplicate"), (braces["id"], "duplicate")]


@pytest.mark.parametrize("period", ["from=0001-01-01&to=2026-01-01", "from=2026-01-01&to=9999-12-31",
                                    "from=2026-02-01&to=2026-01-01", "from=2026-01-01", "from=x&to=y"])
def test_a_period_the_figures_cannot_be_made_for_is_refused(app, make, db, period):
    from lms.services import tokens
    center = make.center()
    _token, plain = tokens.create("t", province_id=None, center_id=center.id, by_user_id=make.user(Role.ADMIN).id)
    api = app.test_client()
    for path in ("/api/v1/stats/centers", f"/api/v1/stats/centers/{center.code}"):
        response = api.get(f"{path}?{period}", headers={"Authorization": f"Bearer {plain}"})
        assert response.status_code == 400 and "YYYY-MM-DD" in response.get_json()["error"]
