"""Kill the server with SIGKILL while phones sync: every event it acknowledged is there afterwards, none twice."""
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.conftest import BASIC_PACK

LMS = str(Path(sys.executable).parent / "lms")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def instance(tmp_path, database_url):
    """A separate database (file, or database on the test PostgreSQL) with the basic pack and one learner."""
    if database_url.startswith("sqlite"):
        url = f"sqlite:///{tmp_path / 'crash.sqlite3'}"
        admin = None
    else:
        name = f"crash_{uuid.uuid4().hex[:8]}"
        admin = create_engine(database_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f"CREATE DATABASE {name}"))
        url = database_url.rsplit("/", 1)[0] + "/" + name
    env = {**os.environ, "LMS_INSTANCE_PATH": str(tmp_path), "LMS_DATABASE_URL": url,
           "LMS_CONTENT_DIR": str(BASIC_PACK), "LMS_SECRET_KEY": "x" * 40}
    subprocess.run([LMS, "setup", "--no-demo"], env=env, check=True, capture_output=True)
    subprocess.run([LMS, "center", "create", "--province-code", "P", "--province-name", "Tỉnh", "--commune-code", "X",
                    "--commune-name", "Xã", "--code", "C", "--name", "Trung tâm"], env=env, check=True, capture_output=True)
    for n in range(3):
        subprocess.run([LMS, "user", "create", "--username", f"hv{n}", "--name", f"Học viên {n}", "--role", "learner",
                        "--center", "C", "--secret", "2468"], env=env, check=True, capture_output=True)
    engine = create_engine(url)
    yield env, engine
    engine.dispose()
    if admin is not None:
        with admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE {url.rsplit('/', 1)[1]} WITH (FORCE)"))
        admin.dispose()


def start(env, port):
    server = subprocess.Popen([LMS, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "2"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    for _ in range(200):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return server
        except OSError:
            time.sleep(0.05)
    raise AssertionError("server did not start")


class Phone:
    """A learner's phone: a session cookie and a queue that keeps events until the server acknowledges them."""

    def __init__(self, base, username, lesson, version):
        self.base, self.lesson, self.version = base, lesson, version
        self.cookies = {}
        page = self.open("/auth/login").read().decode()
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
        self.open("/auth/login", urllib.parse.urlencode({"csrf_token": token, "username": username,
                                                         "secret": "2468"}).encode())
        self.queue, self.acknowledged = [], set()

    def open(self, path, data=None, content_type="application/x-www-form-urlencoded"):
        request = urllib.request.Request(self.base + path, data=data, headers={"Cookie": self.cookie})
        if data is not None:
            request.add_header("Content-Type", content_type)
        response = urllib.request.build_opener(NoRedirect).open(request, timeout=5)
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, value = cookie.split(";")[0].partition("=")
            self.cookies[name] = value
        return response

    @property
    def cookie(self):
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    def study(self, n):
        self.queue += [{"id": str(uuid.uuid4()), "type": "opened", "lesson": self.lesson, "version": self.version,
                        "at": "2026-06-01T08:00:00Z"} for _ in range(n)]

    def sync(self):
        batch = self.queue[:50]
        response = self.open("/api/v1/progress/sync", json.dumps({"events": batch}).encode(), "application/json")
        body = json.loads(response.read())
        done = {r["id"] for r in body["results"] if r["status"] in ("accepted", "duplicate")}
        self.acknowledged |= done
        self.queue = [e for e in self.queue if e["id"] not in done]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None

    def http_error_302(self, request, response, *args):
        return response


def test_acknowledged_events_survive_sigkill_exactly_once(instance):
    env, engine = instance
    with engine.connect() as connection:
        lesson, version = connection.execute(text(
            "SELECT id, published_version_id FROM lessons ORDER BY id LIMIT 1")).one()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start(env, port)
    phones = [Phone(base, f"hv{n}", lesson, version) for n in range(3)]
    stop = threading.Event()

    def keep_syncing(phone):
        while not stop.is_set():
            phone.study(20)
            try:
                phone.sync()
            except OSError:
                time.sleep(0.05)  # the server is gone: the phone keeps its queue

    threads = [threading.Thread(target=keep_syncing, args=(phone,)) for phone in phones]
    for thread in threads:
        thread.start()
    time.sleep(1.5)
    os.killpg(server.pid, signal.SIGKILL)  # master and workers, mid-request
    time.sleep(0.3)
    stop.set()
    for thread in threads:
        thread.join()
    server.wait()
    acknowledged_before = set().union(*(p.acknowledged for p in phones))
    assert len(acknowledged_before) > 50

    server = start(env, port)
    try:
        for phone in phones:
            while phone.queue:
                phone.sync()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait()
    with engine.connect() as connection:
        stored = dict(connection.execute(text("SELECT uuid, COUNT(*) FROM progress_events GROUP BY uuid")).all())
        owners = dict(connection.execute(text(
            "SELECT e.uuid, u.username FROM progress_events e JOIN users u ON u.id = e.user_id")).all())
    sent = set().union(*(p.acknowledged for p in phones))
    assert acknowledged_before <= set(stored)
    assert sent == set(stored)
    assert set(stored.values()) == {1}
    print(f"\nacknowledged before SIGKILL: {len(acknowledged_before)}, acknowledged in all: {len(sent)}, "
          f"stored: {len(stored)}, stored more than once: {sum(n > 1 for n in stored.values())}")  # for the note
    # Three learners through the same workers: every event is its own learner's.
    for n, phone in enumerate(phones):
        assert {owners[i] for i in phone.acknowledged} == {f"hv{n}"}
