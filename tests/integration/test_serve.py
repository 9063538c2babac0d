"""`lms serve` runs the site under gunicorn, and refuses an unsafe production setup."""
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

LMS = str(Path(sys.executable).parent / "lms")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_answers_under_gunicorn(tmp_path):
    env = {**os.environ, "LMS_INSTANCE_PATH": str(tmp_path), "LMS_DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}"}
    subprocess.run([LMS, "db", "upgrade"], env=env, check=True, capture_output=True)
    port = free_port()
    server = subprocess.Popen([LMS, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "2"], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as response:
                    assert response.status == 200
                    break
            except OSError:
                time.sleep(0.1)
        else:
            raise AssertionError("gunicorn did not answer")
    finally:
        server.terminate()
        output = server.communicate(timeout=20)[0]
    assert "Booting worker" in output
    assert "GET /healthz" in output  # the access log


def test_production_needs_a_real_secret_key(tmp_path):
    env = {**os.environ, "LMS_INSTANCE_PATH": str(tmp_path), "LMS_ENV": "production"}
    env.pop("LMS_SECRET_KEY", None)
    missing = subprocess.run([LMS, "serve"], env=env, capture_output=True, text=True)
    assert missing.returncode != 0 and "LMS_SECRET_KEY" in missing.stderr
    short = subprocess.run([LMS, "serve"], env={**env, "LMS_SECRET_KEY": "secret"}, capture_output=True, text=True)
    assert short.returncode != 0 and "LMS_SECRET_KEY" in short.stderr
