"""Server speed under the production server, as MEASURE.md says: `lms serve` (gunicorn, default workers) on
SQLite with the shipped content, measured with Debian's `wrk` on 127.0.0.1 with a signed-in learner's cookie.

    python bench/serve.py [--seconds 15] [--runs 3] [--engine sqlite|postgres]

- lesson pages: `wrk -t2 -c10 --latency` over eight lessons (req/s, p50, p99), and one connection at a time
  (p50: the server time of a lesson page over HTTP);
- progress ingest: learners' phones sending batches of 100 events (openings, readings, answers, each with its
  own UUID) to /api/v1/progress/sync; events accepted per second, counted in the database afterwards
  (budget: 1,000 events/s on 2 cores).

Each figure is the median of `--runs` runs. Exits 1 when wrk is missing or a budget is missed.
"""
import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

BIN = Path(sys.executable).parent
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BUDGET_EVENTS_PER_S = 1000
BATCH = 100

LESSONS_LUA = """
local paths = {%s}
local i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
"""

# Each wrk thread is one learner (its own cookie); every event and every quiz attempt gets a fresh UUID, made
# from the thread's number, the run's number and a counter. The events are the ones a phone sends after studying: for each lesson,
# opened, read and an answer to each question (the right one).
SYNC_LUA = """
local cookies = {%(cookies)s}
local lessons = %(lessons)s
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
function init(args)
  run, n, l = tonumber(args[1]), 0, 0
  cookie = cookies[(tid - 1) %% #cookies + 1]
end
local function id()
  n = n + 1
  return string.format("%%08x-%%04x-4000-8000-%%012x", tid, run, n)
end
request = function()
  local events = {}
  while #events < %(batch)d do
    l = l %% #lessons + 1
    local lesson = lessons[l]
    local head = '"lesson":' .. lesson[1] .. ',"version":' .. lesson[2] .. ',"at":"2026-11-26T08:00:00Z"'
    events[#events + 1] = '{"id":"' .. id() .. '","type":"opened",' .. head .. '}'
    events[#events + 1] = '{"id":"' .. id() .. '","type":"read",' .. head .. '}'
    local attempt = id()
    for q = 3, #lesson, 2 do
      if #events < %(batch)d then
        events[#events + 1] = '{"id":"' .. id() .. '","type":"answered",' .. head .. ',"attempt":"' .. attempt ..
          '","question":' .. lesson[q] .. ',"choices":[' .. lesson[q + 1] .. ']}'
      end
    end
  end
  local body = '{"events":[' .. table.concat(events, ",") .. ']}'
  return wrk.format("POST", "/api/v1/progress/sync",
                    {["Content-Type"] = "application/json", ["Cookie"] = cookie, ["Accept-Encoding"] = "gzip"}, body)
end
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sign_in(base: str, username: str, secret: str) -> str:
    """The session cookie of a signed-in learner."""
    jar = urllib.request.HTTPCookieProcessor()
    opener = urllib.request.build_opener(jar)
    page = opener.open(base + "/auth/login").read().decode()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    opener.open(base + "/auth/login", urllib.parse.urlencode(
        {"csrf_token": token, "username": username, "secret": secret}).encode())
    return "; ".join(f"{c.name}={c.value}" for c in jar.cookiejar)


def python(env, code: str) -> str:
    return subprocess.run([BIN / "python", "-c", code], env=env, check=True, capture_output=True, text=True).stdout


def catalogue(env) -> tuple[list[int], list[list[int]]]:
    """Eight lessons with pictures for the page test; every published lesson with its quiz for the events."""
    out = python(env, (
        "import json\nfrom lms import create_app\nfrom lms.extensions import db\nfrom lms.models import Lesson\n"
        "from lms.models import LessonStatus\nfrom sqlalchemy import select\napp = create_app()\n"
        "with app.app_context():\n"
        "    lessons = db.session.scalars(select(Lesson).where(Lesson.status == LessonStatus.PUBLISHED)"
        ".order_by(Lesson.id)).all()\n"
        "    pages = [l.id for l in lessons if 'picture' in l.published_version.html]\n"
        "    events = [[l.id, l.published_version_id] + [x for q in l.published_version.questions for x in "
        "(q.id, ','.join(str(c.id) for c in q.choices if c.is_correct))] for l in lessons]\n"
        "    print(json.dumps([pages[:: max(1, len(pages) // 8)][:8], events]))"))
    return json.loads(out)


def count_events(env) -> int:
    return int(python(env, (
        "from lms import create_app\nfrom lms.extensions import db\nfrom lms.models import ProgressEvent\n"
        "from sqlalchemy import func, select\napp = create_app()\nwith app.app_context():\n"
        "    print(db.session.scalar(select(func.count()).select_from(ProgressEvent)))")))


def wrk(base: str, script: Path, threads: int, connections: int, seconds: int, headers=(), script_args=()) -> dict:
    args = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", str(script)]
    for header in headers:
        args += ["-H", header]
    out = subprocess.run(args + [base, "--", *script_args], check=True, capture_output=True, text=True).stdout
    unit = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}

    def latency(p):
        found = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s|m)\s*$", out, re.M)
        if found is None:  # no request finished
            print(out, file=sys.stderr)
            return float("nan")
        return float(found.group(1)) * unit[found.group(2)]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
            "requests": int(re.search(r"(\d+) requests in", out).group(1)),
            "p50": latency(50), "p99": latency(99), "non2xx": int(errors.group(1)) if errors else 0}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--engine", choices=("sqlite", "postgres"), default="sqlite",
                        help="postgres: a throwaway PostgreSQL server on 127.0.0.1, as the tests start")
    options = parser.parse_args()
    if shutil.which("wrk") is None:
        print("wrk is not installed (apt-get install -y wrk)", file=sys.stderr)
        return 1
    env = {**os.environ, "LMS_SECRET_KEY": "x" * 40}
    if options.engine == "postgres":
        from tests.postgres import TemporaryPostgres
        database = TemporaryPostgres()
        env["LMS_DATABASE_URL"] = database.start()
    try:
        return measure(options, env)
    finally:
        if options.engine == "postgres":
            database.stop()


def measure(options, env) -> int:
    with tempfile.TemporaryDirectory(prefix="lms-serve-") as tmp:
        env = {**env, "LMS_INSTANCE_PATH": tmp}
        print("Setting up a throwaway instance with the shipped content…", flush=True)
        subprocess.run([BIN / "lms", "setup"], env=env, check=True, capture_output=True)
        pages, lessons = catalogue(env)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        log = open(Path(tmp) / "server.log", "w")
        web = subprocess.Popen([BIN / "lms", "serve", "--bind", f"127.0.0.1:{port}"], env=env,
                               stdout=subprocess.DEVNULL, stderr=log, start_new_session=True)
        try:
            for _ in range(300):
                try:
                    urllib.request.urlopen(base + "/healthz", timeout=1)
                    break
                except OSError:
                    time.sleep(0.05)
            cookies = [sign_in(base, name, pin) for name, pin in (("hoa", "1234"), ("minh", "2345"), ("lan", "3456"))]
            page_script = Path(tmp) / "lessons.lua"
            page_script.write_text(LESSONS_LUA % ", ".join(f'"/learn/lesson/{i}"' for i in pages))
            sync_script = Path(tmp) / "sync.lua"
            sync_script.write_text(SYNC_LUA % {
                "cookies": ", ".join(json.dumps(c) for c in cookies), "batch": BATCH,
                "lessons": "{" + ", ".join("{" + ", ".join(f'"{x}"' if isinstance(x, str) else str(x) for x in l) + "}"
                                           for l in lessons if len(l) > 2) + "}"})
            page_headers = (f"Cookie: {cookies[0]}", "Accept-Encoding: gzip")
            print(f"Lesson pages with wrk ({options.runs} runs of {options.seconds} s each)…", flush=True)
            busy = [wrk(base, page_script, 2, 10, options.seconds, page_headers) for _ in range(options.runs)]
            alone = [wrk(base, page_script, 1, 1, options.seconds, page_headers) for _ in range(options.runs)]
            print("Progress events through the sync endpoint…", flush=True)
            ingest = []
            for number in range(options.runs):
                before = count_events(env)
                run = wrk(base, sync_script, 2, 4, options.seconds, script_args=[str(number + 1)])
                run["stored"] = count_events(env) - before
                run["events_per_s"] = run["stored"] / options.seconds
                ingest.append(run)
        finally:
            os.killpg(web.pid, 15)
            web.wait()
            log.close()
        server_log = (Path(tmp) / "server.log").read_text()
        tracebacks = server_log.count("Traceback")
        if tracebacks:
            print("The server's last traceback:\n" + server_log[server_log.rindex("Traceback"):][-2500:], file=sys.stderr)

    def med(runs, key):
        return statistics.median(r[key] for r in runs)
    sent = sum(r["requests"] for r in ingest) * BATCH
    stored = sum(r["stored"] for r in ingest)
    print()
    title = "%s, median of %d runs, %d s each" % (options.engine, options.runs, options.seconds)
    print(f"{title:<58} {'value':>10} {'budget':>8}")
    print(f"{'lesson pages, 10 connections: requests/s':<58} {med(busy, 'rps'):>10.1f}")
    print(f"{'lesson pages, 10 connections: p50 (ms)':<58} {med(busy, 'p50'):>10.2f}")
    print(f"{'lesson pages, 10 connections: p99 (ms)':<58} {med(busy, 'p99'):>10.2f}")
    print(f"{'lesson page, one connection: p50 (ms)':<58} {med(alone, 'p50'):>10.2f} {10:>8}")
    print(f"{'lesson page, one connection: p99 (ms)':<58} {med(alone, 'p99'):>10.2f}")
    print(f"{'progress ingest, 4 connections: events accepted/s':<58} {med(ingest, 'events_per_s'):>10.0f} "
          f"{BUDGET_EVENTS_PER_S:>8}")
    print(f"{'progress ingest: batch of %d, p50 (ms)' % BATCH:<58} {med(ingest, 'p50'):>10.1f}")
    print(f"{'progress ingest: batch of %d, p99 (ms)' % BATCH:<58} {med(ingest, 'p99'):>10.1f}")
    print(f"{'events sent in completed requests / stored':<58} {sent:>10} {stored:>8}")
    errors = sum(r["non2xx"] for r in busy + alone + ingest)
    print(f"{'non-2xx responses, server tracebacks':<58} {errors:>10} {tracebacks:>8}")
    ok = errors == 0 and tracebacks == 0 and med(ingest, "events_per_s") >= BUDGET_EVENTS_PER_S
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
