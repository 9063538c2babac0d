"""A bounded load test: learners reading lessons, answering quizzes and syncing progress while a teacher
publishes new versions, against `lms serve` (gunicorn) on 127.0.0.1, on SQLite and PostgreSQL.

    python bench/load.py [--seconds 30] [--learners 40] [--engines sqlite,postgres]

Prints requests served, errors and latency percentiles; exits 1 on any error.
"""
import argparse
import gzip
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None

    def http_error_302(self, request, response, *args):
        return response


class Client:
    def __init__(self, base, stats):
        self.base, self.stats, self.cookies = base, stats, {}
        self.opener = urllib.request.build_opener(NoRedirect)

    def call(self, kind, path, data=None, json_body=None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), "Accept-Encoding": "gzip"}
        if json_body is not None:
            data, headers["Content-Type"] = json.dumps(json_body).encode(), "application/json"
        elif data is not None:
            data = urllib.parse.urlencode(data).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        try:
            response = self.opener.open(urllib.request.Request(self.base + path, data=data, headers=headers), timeout=30)
            body = response.read()
            if response.headers.get("Content-Encoding") == "gzip":
                body = gzip.decompress(body)
            status = response.status
        except urllib.error.HTTPError as error:
            body, status = error.read(), error.code
        except OSError:
            body, status = b"", 0
        self.stats[kind].append((time.perf_counter() - started) * 1000)
        if status >= 400 or status == 0:
            self.stats["errors"].append(f"{kind} {path} {status}")
        for cookie in (response.headers.get_all("Set-Cookie") or []) if status and status < 400 else []:
            name, _, value = cookie.split(";")[0].partition("=")
            self.cookies[name] = value
        return status, body

    def sign_in(self, username, secret):
        _, page = self.call("sign-in", "/auth/login")
        token = re.search(rb'name="csrf_token"[^>]*value="([^"]+)"', page).group(1).decode()
        self.call("sign-in", "/auth/login", {"csrf_token": token, "username": username, "secret": secret})


def learner(base, username, catalogue, stats, stop):
    client = Client(base, stats)
    client.sign_in(username, "1234")
    rng = random.Random(username)
    while not stop.is_set():
        course = rng.choice(catalogue)
        lesson = rng.choice(course["lessons"])
        client.call("lesson page", f"/learn/lesson/{lesson['id']}")
        events = [{"id": str(uuid.uuid4()), "type": "read", "lesson": lesson["id"], "version": lesson["version"],
                   "at": "2026-11-26T08:00:00Z"}]
        client.call("sync", "/api/v1/progress/sync", json_body={"events": events})
        client.call("home", "/learn/")
        time.sleep(rng.uniform(0.05, 0.3))


def teacher(env, pack, stats, stop):
    """Publishes a new version of a lesson every couple of seconds, as an edited pack imported."""
    lesson = next(pack.rglob("01-*/01-*.md"))
    n = 0
    while not stop.is_set():
        n += 1
        text = lesson.read_text(encoding="utf-8")
        lesson.write_text(text.rstrip() + f"\n\nSửa lần {n}.\n", encoding="utf-8")
        started = time.perf_counter()
        done = subprocess.run([BIN / "lms", "content", "import", str(pack)], env=env, capture_output=True)
        stats["publish"].append((time.perf_counter() - started) * 1000)
        if done.returncode:
            stats["errors"].append(f"publish {done.stderr[-200:]}")
        time.sleep(2)


def run(engine: str, seconds: int, learners: int) -> dict:
    stats = defaultdict(list)
    with tempfile.TemporaryDirectory(prefix="lms-load-") as tmp:
        env = {**os.environ, "LMS_INSTANCE_PATH": tmp, "LMS_SPEECH_ENGINE": "none", "LMS_SECRET_KEY": "x" * 40}
        server = None
        if engine == "postgres":
            from tests.postgres import TemporaryPostgres
            server = TemporaryPostgres()
            env["LMS_DATABASE_URL"] = server.start()
        try:
            subprocess.run([BIN / "lms", "setup", "--no-demo"], env=env, check=True, capture_output=True)
            subprocess.run([BIN / "lms", "demo-data", "--centers", "2", "--learners", str(learners), "--progress",
                            str(learners * 5)], env=env, check=True, capture_output=True)
            names = subprocess.run([BIN / "python", "-c", (
                "from lms import create_app\nfrom lms.extensions import db\nfrom lms.models import User, Role\n"
                "from sqlalchemy import select\napp = create_app()\nwith app.app_context():\n"
                "    print(' '.join(db.session.scalars(select(User.username).where(User.role == Role.LEARNER))))")],
                env=env, check=True, capture_output=True, text=True).stdout.split()
            pack = Path(tmp) / "pack"
            shutil.copytree(ROOT / "content" / "binh-dan-hoc-vu-so", pack / "binh-dan-hoc-vu-so")
            port = free_port()
            base = f"http://127.0.0.1:{port}"
            log = open(Path(tmp) / "server.log", "w")
            web = subprocess.Popen([BIN / "lms", "serve", "--bind", f"127.0.0.1:{port}", "--workers", "4"], env=env,
                                   stdout=subprocess.DEVNULL, stderr=log, start_new_session=True)
            try:
                for _ in range(200):
                    try:
                        urllib.request.urlopen(base + "/healthz", timeout=1)
                        break
                    except OSError:
                        time.sleep(0.05)
                probe = Client(base, defaultdict(list))
                probe.sign_in(names[0], "1234")
                catalogue = [c for p in json.loads(probe.call("catalog", "/api/v1/catalog")[1])["programmes"]
                             for c in p["courses"]]
                stop = threading.Event()
                threads = [threading.Thread(target=learner, args=(base, name, catalogue, stats, stop))
                           for name in names[:learners]]
                threads.append(threading.Thread(target=teacher, args=(env, pack, stats, stop)))
                started = time.perf_counter()
                for thread in threads:
                    thread.start()
                time.sleep(seconds)
                stop.set()
                for thread in threads:
                    thread.join()
                elapsed = time.perf_counter() - started
            finally:
                os.killpg(web.pid, 15)
                web.wait()
                log.close()
                errors = [b for b in (Path(tmp) / "server.log").read_text().split("Traceback")[1:]]
                if errors:
                    stats["server tracebacks"] = errors[-1:]
        finally:
            if server:
                server.stop()
    return {"engine": engine, "elapsed": elapsed, "stats": dict(stats)}


def pct(values, q):
    return sorted(values)[min(len(values) - 1, int(len(values) * q))] if values else 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--learners", type=int, default=40)
    parser.add_argument("--engines", default="sqlite,postgres")
    args = parser.parse_args()
    failed = False
    for engine in args.engines.split(","):
        result = run(engine, args.seconds, args.learners)
        stats = result["stats"]
        requests = sum(len(v) for k, v in stats.items() if k not in ("errors", "publish"))
        print(f"\n{engine}: {requests} requests in {result['elapsed']:.0f} s ({requests / result['elapsed']:.0f}/s), "
              f"{len(stats.get('errors', []))} errors, {len(stats.get('publish', []))} publishes by the teacher")
        print(f"{'':14} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
        for kind, values in sorted(stats.items()):
            if kind in ("errors", "server tracebacks"):
                continue
            print(f"{kind:14} {len(values):>6} {statistics.median(values):>8.1f} {pct(values, .95):>8.1f} "
                  f"{pct(values, .99):>8.1f}")
        for error in stats.get("errors", [])[:5]:
            print("  error:", error)
        for trace in stats.pop("server tracebacks", []):
            print("  server traceback:", trace[-1500:])
        failed = failed or bool(stats.get("errors"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
