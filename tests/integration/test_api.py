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
