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


# Chrome DevTools' "Slow 3G" preset: 400 kbit/s each way (500 × 0.8), 2 s of added round-trip latency.
SLOW_3G = {"offline": False, "latency": 2000, "downloadThroughput": 500 * 1000 / 8 * 0.8,
           "uploadThroughput": 500 * 1000 / 8 * 0.8}


def _signed_in_cookies(browser, base):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(f"{base}/auth/login")
    page.fill("#username", "hoa")
    page.fill("#secret", "1234")
    page.click("button.primary")
    cookies = context.cookies()
    context.close()
    return cookies


def _count_bytes(context, page):
    """Bytes that really came over the network (not from the service worker or a cache), by resource type."""
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    seen = {}
    sizes = defaultdict(int)

    def response(e):
        r = e["response"]
        seen[e["requestId"]] = (e["type"], r.get("fromServiceWorker") or r.get("fromDiskCache")
                                or r.get("fromPrefetchCache"))
    cdp.on("Network.responseReceived", response)
    cdp.on("Network.loadingFinished",
           lambda e: sizes.__setitem__(e["requestId"], sizes[e["requestId"]] + e["encodedDataLength"]))
    return cdp, seen, sizes


def _tally(seen, sizes):
    by_type, requests = defaultdict(int), 0
    for request_id, size in sizes.items():
        kind, cached = seen.get(request_id, ("Other", False))
        if not cached and size:
            by_type[kind] += size
            requests += 1
    return dict(by_type), requests


def weigh(base: str, ids: list[int]) -> list[dict]:
    """Cold (fresh phone), warm (the same page again) and offline loads of lesson pages."""
    from playwright.sync_api import sync_playwright
    results = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        cookies = _signed_in_cookies(browser, base)
        for lesson_id in ids:
            context = browser.new_context(**PHONE)
            context.add_cookies(cookies)
            page = context.new_page()
            cdp, seen, sizes = _count_bytes(context, page)
            row = {"lesson": lesson_id}
            for run in ("cold", "warm", "offline"):
                if run == "warm":
                    # Let the service worker take the page in hand, as it does on a real phone after the first visit.
                    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=10000)
                if run == "offline":
                    context.set_offline(True)
                seen.clear()
                sizes.clear()
                page.goto(f"{base}/learn/lesson/{lesson_id}", wait_until="load")
                page.wait_for_timeout(500)
                by_type, requests = _tally(seen, sizes)
                row[run] = by_type
                row[f"{run}_without_media"] = sum(v for k, v in by_type.items() if k not in ("Image", "Media"))
                row[f"{run}_requests"] = requests
                row[f"{run}_ok"] = page.locator("h1").count() == 1
            results.append(row)
            context.close()
        browser.close()
    return results


def slow_3g(base: str, lesson_id: int) -> dict:
    """Time to open a lesson for the first time on a phone over Slow 3G."""
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        cookies = _signed_in_cookies(browser, base)
        times = []
        for _ in range(3):
            context = browser.new_context(**PHONE)
            context.add_cookies(cookies)
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", SLOW_3G)
            page.goto(f"{base}/learn/lesson/{lesson_id}", wait_until="load", timeout=120000)
            timing = page.evaluate("""() => {
                const nav = performance.getEntriesByType('navigation')[0];
                const fcp = performance.getEntriesByName('first-contentful-paint')[0];
                return {fcp: fcp ? fcp.startTime : null, dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd};
            }""")
            times.append(timing)
            context.close()
        browser.close()
    return {k: statistics.median(t[k] for t in times if t[k] is not None) for k in ("fcp", "dcl", "load")}


def lighthouse(base: str, lesson_id: int, cookies_header: str) -> dict | None:
    """Lighthouse 12.2.3 mobile scores of a lesson page (needs Node; installed by `make bench`)."""
    cli = ROOT / "node_modules" / ".bin" / "lighthouse"
    if not cli.exists():
        return None
    with tempfile.TemporaryDirectory() as out:
        report = Path(out) / "report.json"
        subprocess.run([str(cli), f"{base}/learn/lesson/{lesson_id}", "--quiet", "--output=json",
                        f"--output-path={report}", "--only-categories=performance,accessibility,best-practices",
                        "--chrome-flags=--headless --no-sandbox --disable-gpu --disable-background-networking "
                        "--disable-component-update --disable-sync --no-first-run",
                        f"--extra-headers={json.dumps({'Cookie': cookies_header})}"],
                       env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"}, check=True, capture_output=True,
                       timeout=300)
        data = json.loads(report.read_text())
    scores = {name: round(category["score"] * 100) for name, category in data["categories"].items()}
    scores["failing audits"] = sorted(a["id"] for a in data["audits"].values()
                                      if a.get("score") is not None and a["score"] < 1
                                      and a.get("scoreDisplayMode") in ("binary", "numeric"))
    return scores


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


def _cookie_header(base: str) -> str:
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        cookies = _signed_in_cookies(browser, base)
        browser.close()
    return "; ".join(f"{c['name']}={c['value']}" for c in cookies)


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="lms-bench-") as tmp:
        env = {**os.environ, "LMS_INSTANCE_PATH": tmp}
        print("Setting up a throwaway instance with the shipped content…", flush=True)
        setup_instance(env)
        ids = lesson_ids(env)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen([BIN / "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}", "lms:create_app()"],
                                  env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            for _ in range(100):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                    break
                except OSError:
                    time.sleep(0.1)
            print("Weighing lesson pages in Chromium…", flush=True)
            weights = weigh(base, ids)
            print("Opening a lesson over Slow 3G…", flush=True)
            slow = slow_3g(base, ids[0])
            print("Running Lighthouse…", flush=True)
            scores = lighthouse(base, ids[0], _cookie_header(base))
        finally:
            server.terminate()
            server.wait()
        times = server_times(env, ids)

    print("\nLesson page over the wire on a phone (Chromium 360×740, bytes as sent, pictures excluded)")
    print(f"{'lesson':>7} {'cold B':>8} {'req':>4} {'warm B':>7} {'offline B':>10} {'opens offline':>14}  cold by type")
    for row in weights:
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(row["cold"].items()))
        print(f"{row['lesson']:>7} {row['cold_without_media']:>8} {row['cold_requests']:>4} "
              f"{row['warm_without_media']:>7} {row['offline_without_media']:>10} {str(row['offline_ok']):>14}  {kinds}")
    cold = [row["cold_without_media"] for row in weights]
    warm = [row["warm_without_media"] for row in weights]
    median_ms = statistics.median(times)
    p95 = sorted(times)[int(len(times) * 0.95)]
    print(f"\n{'measure':<52} {'value':>10} {'budget':>8}")
    print(f"{'lesson page first load, max over lessons (B)':<52} {max(cold):>10} {BUDGET_BYTES:>8}")
    print(f"{'lesson page first load, median (B)':<52} {int(statistics.median(cold)):>10} {BUDGET_BYTES:>8}")
    print(f"{'lesson page opened again, max (B)':<52} {max(warm):>10} {0:>8}")
    print(f"{'lesson page server time, median (ms)':<52} {median_ms:>10.2f} {BUDGET_MS:>8}")
    print(f"{'lesson page server time, p95 (ms)':<52} {p95:>10.2f} {'':>8}")
    print(f"{'first lesson open on Slow 3G: first paint (ms)':<52} {slow['fcp']:>10.0f}")
    print(f"{'first lesson open on Slow 3G: load (ms)':<52} {slow['load']:>10.0f}")
    if scores:
        for name in ("performance", "accessibility", "best-practices"):
            print(f"{'Lighthouse mobile ' + name:<52} {scores[name]:>10} {100:>8}")
        print(f"{'Lighthouse audits below full marks':<52} {', '.join(scores['failing audits']) or '-'}")
    else:
        print("Lighthouse: not installed (make bench installs lighthouse@12.2.3 with npm)")
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    (results / "lesson-page.json").write_text(json.dumps(
        {"weights": weights, "server_ms": {"median": median_ms, "p95": p95, "n": len(times)},
         "slow_3g_ms": slow, "lighthouse": scores}, indent=1))
    ok = max(cold) <= BUDGET_BYTES and max(warm) == 0 and median_ms <= BUDGET_MS
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
