"""Serving the site under gunicorn, the production WSGI server."""
import multiprocessing
import os
import sys


def default_workers() -> int:
    # Requests wait on the database more than on the CPU: two workers per core, plus one.
    return multiprocessing.cpu_count() * 2 + 1


def check_production(config: dict) -> None:
    """Refuse to serve a production site that is unsafe."""
    if config.get("LMS_PRODUCTION"):
        if config.get("DEBUG"):
            raise RuntimeError("debug mode must be off in production")
        if len(config.get("SECRET_KEY") or "") < 32:
            raise RuntimeError("LMS_SECRET_KEY must be a long random value in production (32 characters or more)")


def exec_gunicorn(bind: str, workers: int, timeout: int) -> None:
    """Replace this process with gunicorn. Each worker builds its own app, outside the command's app context,
    so that no request ever shares `g` or a database session with another."""
    args = [sys.executable, "-m", "gunicorn", "--bind", bind, "--workers", str(workers), "--timeout", str(timeout),
            "--graceful-timeout", "30", "--access-logfile", "-", "--error-logfile", "-",
            "--forwarded-allow-ips", "127.0.0.1", "--max-requests", "5000", "--max-requests-jitter", "500",
            "lms.wsgi:app"]
    os.execv(sys.executable, args)
