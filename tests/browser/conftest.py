"""Headless Debian Chromium (driven by Playwright, never a downloaded browser) against a live server."""
import shutil
import threading
import time

import pytest
from werkzeug.serving import make_server

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
PHONE = dict(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True, device_scale_factor=2,
             locale="vi-VN")


def wait_until(page, check, timeout=15.0):
    """Poll through Playwright, so that its route handlers run while we wait. A check may be a JavaScript expression:
    it goes through page.evaluate, because wait_for_function compiles its text inside the page, where the site's
    Content-Security-Policy (no eval) may refuse it."""
    if isinstance(check, str):
        expression = check

        def check():
            return page.evaluate(expression)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        page.wait_for_timeout(200)
    raise AssertionError("timed out")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def live_server(app, db):
    """The app served on 127.0.0.1 from a thread, for the length of one test."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture
def phone(browser):
    context = browser.new_context(**PHONE)
    yield context
    context.close()
