"""Serving the site under gunicorn, the production WSGI server."""
import multiprocessing

from gunicorn.app.base import BaseApplication


class Server(BaseApplication):
    """gunicorn with the app object given directly (no import string), and our defaults."""

    def __init__(self, app, options: dict):
        self.application = app
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        return self.application


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
