"""Benchmarks: lesson page weight on a phone and lesson page server time (see MEASURE.md).

Run with `make bench`. Builds a throwaway instance with the shipped content, serves it with
gunicorn on 127.0.0.1, and measures with headless Debian Chromium through the DevTools protocol.
"""
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
PHONE = dict(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True, device_scale_factor=2,
             locale="vi-VN")
BUDGET_BYTES = 30 * 1024
BUDGET_MS = 10.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def setup_instance(env) -> None:
    subprocess.run([BIN / "lms", "setup"], env=env, check=True, capture_output=True)


def lesson_ids(env) -> list[int]:
    """A few lessons of each programme, with pictures, to weigh."""
    code = ("from lms import create_app\nfrom lms.extensions import db\nfrom lms.models import Lesson\n"
            "app = create_app()\nwith app.app_context():\n"
            "    print(' '.join(str(l.id) for l in db.session.query(Lesson).order_by(Lesson.id) if 'picture' in l.published_version.html))")
    out = subprocess.run([BIN / "python", "-c", code], env=env, check=True, capture_output=True, text=True).stdout
    ids = [int(x) for x in out.split()]
    return ids[:: max(1, len(ids) // 8)][:8]


def weigh(base: str, ids: list[int]) -> list[dict]:
    from playwright.sync_api import sync_playwright
    results = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        login = browser.new_context(**PHONE)
        page = login.new_page()
        page.goto(f"{base}/auth/login")
        page.fill("#username", "hoa")
        page.fill("#secret", "1234")
        page.click("button.primary")
        cookies = login.cookies()
        login.close()
        for lesson_id in ids:
            context = browser.new_context(**PHONE)
            context.add_cookies(cookies)
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            types, sizes = {}, defaultdict(int)
            cdp.on("Network.responseReceived", lambda e: types.__setitem__(e["requestId"], e["type"]))
            cdp.on("Network.loadingFinished",
                   lambda e: sizes.__setitem__(e["requestId"], sizes[e["requestId"]] + e["encodedDataLength"]))
            row = {"lesson": lesson_id}
            for run in ("cold", "warm"):
                sizes.clear()
                types.clear()
                page.goto(f"{base}/learn/lesson/{lesson_id}", wait_until="networkidle")
                by_type = defaultdict(int)
                for request_id, size in sizes.items():
                    by_type[types.get(request_id, "Other")] += size
                row[run] = dict(by_type)
                row[f"{run}_without_media"] = sum(v for k, v in by_type.items() if k not in ("Image", "Media"))
                row[f"{run}_requests"] = len(sizes)
            results.append(row)
            context.close()
        browser.close()
    return results


def server_times(env, ids: list[int], rounds: int = 60) -> list[float]:
    """Server time of the lesson page, in-process (no network), in milliseconds."""
    code = f"""
import json, re, time
from lms import create_app
app = create_app()
client = app.test_client()
page = client.get('/auth/login').get_data(as_text=True)
token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
client.post('/auth/login', data={{'csrf_token': token, 'username': 'hoa', 'secret': '1234'}})
ids = {ids!r}
for lesson in ids:
    client.get(f'/learn/lesson/{{lesson}}')
times = []
for n in range({rounds}):
    for lesson in ids:
        start = time.perf_counter()
        response = client.get(f'/learn/lesson/{{lesson}}', headers={{'Accept-Encoding': 'gzip'}})
        response.get_data()
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
print(json.dumps(times))
"""
    out = subprocess.run([BIN / "python", "-c", code], env=env, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="lms-bench-") as tmp:
        env = {**os.environ, "LMS_INSTANCE_PATH": tmp}
        print("Setting up a throwaway instance with the shipped content…", flush=True)
        setup_instance(env)
        ids = lesson_ids(env)
        port = free_port()
        server = subprocess.Popen([BIN / "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}", "lms:create_app()"],
                                  env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            for _ in range(100):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                    break
                except OSError:
                    time.sleep(0.1)
            weights = weigh(f"http://127.0.0.1:{port}", ids)
        finally:
            server.terminate()
            server.wait()
        times = server_times(env, ids)

    print("\nLesson page over the wire on a phone (Chromium 360×740, bytes as sent, pictures excluded)")
    print(f"{'lesson':>7} {'cold bytes':>11} {'requests':>9} {'warm bytes':>11}  cold by type")
    for row in weights:
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(row["cold"].items()))
        print(f"{row['lesson']:>7} {row['cold_without_media']:>11} {row['cold_requests']:>9} "
              f"{row['warm_without_media']:>11}  {kinds}")
    cold = [row["cold_without_media"] for row in weights]
    median_ms = statistics.median(times)
    p95 = sorted(times)[int(len(times) * 0.95)]
    print(f"\n{'measure':<46} {'value':>12} {'budget':>10}")
    print(f"{'lesson page first load, max over lessons (B)':<46} {max(cold):>12} {BUDGET_BYTES:>10}")
    print(f"{'lesson page first load, median (B)':<46} {int(statistics.median(cold)):>12} {BUDGET_BYTES:>10}")
    print(f"{'lesson page server time, median (ms)':<46} {median_ms:>12.2f} {BUDGET_MS:>10}")
    print(f"{'lesson page server time, p95 (ms)':<46} {p95:>12.2f} {'':>10}")
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    (results / "lesson-page.json").write_text(json.dumps(
        {"weights": weights, "server_ms": {"median": median_ms, "p95": p95, "n": len(times)}}, indent=1))
    return 0 if max(cold) <= BUDGET_BYTES and median_ms <= BUDGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
