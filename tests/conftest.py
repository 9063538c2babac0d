"""Fixtures for every layer: app, db, client, runner, factories, and sign-in helpers."""
import os
import re
import shutil
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from flask_babel import force_locale
from flask_migrate import upgrade
from sqlalchemy import text

from lms import create_app
from lms.extensions import db as _db
from lms.models import Center, Commune, Province, Role
from lms.services import accounts, packs, speech

FIXTURES = Path(__file__).parent / "fixtures"
BASIC_PACK = FIXTURES / "packs" / "basic"


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    if os.environ.get("LMS_TEST_DATABASE") == "postgresql":
        from tests.postgres import TemporaryPostgres
        server = TemporaryPostgres()
        yield server.start()
        server.stop()
    else:
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"


class FreshContextClient(FlaskClient):
    """Each request gets its own app context, as in production, even while a test holds one for its factories.

    Otherwise requests would share the test's `g` (the signed-in user, the locale) and its database session.
    """

    def open(self, *args, **kwargs):
        if _db.session.registry.has():
            # End the test's own transaction and forget what it loaded (sessions keep objects after a commit), so
            # that what it reads next includes what this request commits.
            _db.session.commit()
            _db.session.expire_all()
        with self.application.app_context():
            return super().open(*args, **kwargs)


@pytest.fixture(scope="session")
def app(database_url, tmp_path_factory):
    instance = tmp_path_factory.mktemp("instance")
    os.environ["LMS_INSTANCE_PATH"] = str(instance)
    app = create_app({
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "LMS_MEDIA_DIR": instance / "media",
        "LMS_LOGIN_LOCK_SECONDS": 60,
        # Machine voice clips depend only on their text: kept between runs so the suite makes each once.
        "LMS_SPEECH_CACHE_DIR": Path(__file__).resolve().parent.parent / ".pytest_cache" / "speech",
    })
    app.test_client_class = FreshContextClient
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
    return app


def _clean(engine):
    tables = list(reversed(_db.metadata.sorted_tables))
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            names = ", ".join(t.name for t in tables)
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            # lessons and lesson_versions refer to each other: loosen the one key that makes a cycle.
            connection.execute(text("UPDATE lessons SET published_version_id = NULL"))
            for table in tables:
                connection.execute(table.delete())


@pytest.fixture
def db(app):
    """The database inside an app context, emptied after the test."""
    with app.app_context():
        yield _db
        _db.session.remove()
        _clean(_db.engine)
    shutil.rmtree(app.config["LMS_MEDIA_DIR"], ignore_errors=True)


@pytest.fixture
def in_english(db):
    """Services speak English inside this test, so that it can assert their messages as written in the code."""
    with force_locale("en"):
        yield


@pytest.fixture
def client(app, db):
    return app.test_client()


@pytest.fixture
def runner(app, db):
    return app.test_cli_runner()


class Factory:
    """Builds places, people and content for tests."""

    def __init__(self, app):
        self.app = app
        self._n = 0

    def center(self, code="C1", province_code="P1"):
        province = _db.session.query(Province).filter_by(code=province_code).one_or_none()
        if province is None:
            province = Province(code=province_code, name=f"Tỉnh {province_code}")
            _db.session.add(province)
            _db.session.flush()
        commune = Commune(code=f"X-{code}", name=f"Xã {code}", province_id=province.id)
        _db.session.add(commune)
        _db.session.flush()
        center = Center(code=code, name=f"Trung tâm {code}", commune_id=commune.id)
        _db.session.add(center)
        _db.session.commit()
        return center

    def user(self, role=Role.LEARNER, *, center=None, province=None, username=None, secret=None, **fields):
        self._n += 1
        username = username or f"{role.value}{self._n}"
        secret = secret or ("1234" if role is Role.LEARNER else "password-123")
        user = accounts.create_user(username=username, display_name=fields.pop("name", f"Người {self._n}"), role=role,
                                    secret=secret, center_id=center.id if center else None,
                                    province_id=province.id if province else None, **fields)
        _db.session.commit()
        return user

    def pack(self, path=BASIC_PACK):
        return packs.import_path(path, media_root=self.app.config["LMS_MEDIA_DIR"],
                                 voice=speech.voicer(self.app.config))


@pytest.fixture
def make(app, db):
    return Factory(app)


def csrf_token(client, url="/auth/login") -> str:
    """The CSRF token of the session, read from a real page like a browser would."""
    page = client.get(url).get_data(as_text=True)
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


def sign_in(client, username, secret, staff=False):
    token = csrf_token(client)
    url = "/auth/login?mode=staff" if staff else "/auth/login"
    return client.post(url, data={"csrf_token": token, "username": username, "secret": secret})


@pytest.fixture
def login(client):
    def do(user, secret=None):
        response = sign_in(client, user.username, secret or ("1234" if user.role is Role.LEARNER else "password-123"),
                           staff=user.role is not Role.LEARNER)
        assert response.status_code == 302, response.get_data(as_text=True)
        return response
    return do
