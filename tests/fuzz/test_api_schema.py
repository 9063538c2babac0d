"""Schemathesis against /api/v1/openapi.json, in-process: no 5xx, and every response as the document says.

Every operation is fuzzed with the credentials it is used with: the session cookie of a signed-in learner, or a
statistics token (Bearer) for /stats/*. Schemathesis's default checks run, the auth ones included (a call without
the credentials, or with made-up ones, must get a 401)."""
import uuid
from datetime import date

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig
from sqlalchemy import select

from lms.api.openapi import document
from lms.extensions import db as _db
from lms.models import Lesson, Role
from lms.services import tokens


class InProcess:
    """The WSGI app schemathesis calls: the test's Flask app, each request in its own app context (as in production
    and as tests/conftest.py's client does), so that it sees what the test's factories committed.

    Schemathesis makes some cases while pytest collects, before any fixture has signed anyone in, so the auth
    providers below hand it stand-ins, which become the real session cookie and token here."""

    app = None
    credentials: dict = {}

    def __call__(self, environ, start_response):
        for key in ("HTTP_COOKIE", "HTTP_AUTHORIZATION"):
            for stand_in, real in self.credentials.items():
                if key in environ:
                    environ[key] = environ[key].replace(stand_in, real)
        if _db.session.registry.has():
            _db.session.commit()
            _db.session.expire_all()
        with self.app.app_context():
            return self.app(environ, start_response)


TARGET = InProcess()
# Schemathesis's own list of answers that refuse schema-violating data, and 413 (a batch of more than 500 events),
# which refuses it as plainly as a 400 does.
REJECTIONS = ["400", "401", "403", "404", "405", "406", "409", "413", "415", "422", "428", "429", "5xx"]
# An explicit configuration: no schemathesis.toml lying around changes what CI runs.
CONFIG = SchemathesisConfig.from_dict({"checks": {"negative_data_rejection": {"expected-statuses": REJECTIONS}}})
schema = schemathesis.openapi.from_dict(document(), config=CONFIG)
schema.app = TARGET
SESSION, TOKEN = "stand-in-learner-session", "stand-in-statistics-token"


@schema.auth(refresh_interval=None, retry_on=[]).skip_for(path_regex="^/stats/")
class LearnerSession:
    def get(self, case, ctx):
        return SESSION

    def set(self, case, data, ctx):
        case.cookies = {**(case.cookies or {}), "session": data}


@schema.auth(refresh_interval=None, retry_on=[]).apply_to(path_regex="^/stats/")
class StatisticsToken:
    def get(self, case, ctx):
        return TOKEN

    def set(self, case, data, ctx):
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}


def period_forward(case):
    """A period runs forward within the years 1900 to 2999: documented, but not something JSON Schema can say. Put
    generated dates in that shape so that most calls reach the figures (tests/integration/test_api.py covers the 400s).
    (Schemathesis notices the change and judges the case by what is sent.)"""
    query = case.query
    try:
        start, end = (date.fromisoformat(query["from"]), date.fromisoformat(query["to"]))
    except (KeyError, TypeError, ValueError):
        return
    start, end = sorted(d if 1900 <= d.year <= 2999 else d.replace(year=1900 + d.year % 1100, day=min(d.day, 28))
                        for d in (start, end))
    case.query = {**query, "from": start.isoformat(), "to": end.isoformat()}


@pytest.fixture
def api(app, client):
    TARGET.app = app
    # What is fuzzed is the document the app serves to clients.
    assert client.get("/api/v1/openapi.json").get_json() == schema.raw_schema
    yield
    TARGET.app = None
    TARGET.credentials = {}


@pytest.fixture
def world(api, client, make, login, db):
    """The basic pack, a center with a learner who has read a lesson, signed in on `client`."""
    make.pack()
    center = make.center()
    learner = make.user(Role.LEARNER, center=center)
    login(learner)
    lesson = db.session.scalar(select(Lesson).where(Lesson.slug == "chu-b"))
    event = {"id": str(uuid.uuid4()), "type": "read", "lesson": lesson.id, "version": lesson.published_version_id,
             "at": "2026-02-01T03:00:00Z"}
    assert client.post("/api/v1/progress/sync", json={"events": [event]}).get_json()["accepted"] == 1
    return center


# One parameter, so that each operation's test gets its own id (pytest 9.2 drops the operation from the id of an
# unparametrised schemathesis test).
@pytest.fixture(params=["learner"])
def learner(world, client):
    TARGET.credentials = {**TARGET.credentials, SESSION: client.get_cookie("session").value}


@pytest.fixture(params=["province", "center"])
def token(request, world, make):
    """A statistics token of the learner's province, or of their center only."""
    admin = make.user(Role.ADMIN)
    scope = {"province_id": world.commune.province_id, "center_id": None} if request.param == "province" else \
        {"province_id": None, "center_id": world.id}
    _token, plain = tokens.create("fuzz", **scope, by_user_id=admin.id)
    TARGET.credentials = {**TARGET.credentials, TOKEN: plain}


# The werkzeug client does not undo Flask-Compress as a real HTTP client would: ask for plain bodies.
PLAIN = {"Accept-Encoding": "identity"}

FUZZ = settings(max_examples=100, derandomize=True, database=None, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.filter_too_much])


@pytest.fixture
def answered():
    """The statuses an operation answered; some must be successes, or the credentials never worked."""
    statuses = []
    yield statuses
    assert any(200 <= status < 300 for status in statuses), sorted(set(statuses))


@schema.exclude(path_regex="^/stats/").parametrize()
@FUZZ
def test_session_operations(case, learner, answered):
    answered.append(case.call_and_validate(headers=PLAIN).status_code)


@schema.include(path_regex="^/stats/").parametrize()
@FUZZ
def test_token_operations(case, token, answered):
    period_forward(case)
    answered.append(case.call_and_validate(headers=PLAIN).status_code)


def test_every_operation_is_fuzzed_one_way_or_the_other():
    operations = [result.ok() for result in schema.get_all_operations()]  # .ok() fails on a part it cannot read
    documented = {f"{method.upper()} {path}" for path, item in document()["paths"].items() for method in item}
    assert {operation.label for operation in operations} == documented
    by_token = {f"{method.upper()} {path}" for path, item in document()["paths"].items()
                for method, operation in item.items() if operation.get("security") == [{"token": []}]}
    assert {o.label for o in operations if o.path.startswith("/stats/")} == by_token
