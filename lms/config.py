"""Settings from LMS_* environment variables, with embedded defaults for one center."""
import os
import secrets
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _env(name, default=None):
    return os.environ.get(f"LMS_{name}", default)


def _secret_key(instance_path: Path, production: bool) -> str:
    """The signing key: from the environment, or (outside production) a random one kept in instance/."""
    key = _env("SECRET_KEY")
    if key:
        return key
    if production:
        raise RuntimeError("LMS_SECRET_KEY must be set in production")
    path = instance_path / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def _ranges(text: str) -> tuple[tuple[int, int], ...]:
    """"15-25,26-35" → ((15, 25), (26, 35))."""
    return tuple(tuple(int(x) for x in part.split("-")) for part in text.split(","))


def load(instance_path: Path) -> dict:
    """Build the Flask config mapping from the environment."""
    instance_path.mkdir(parents=True, exist_ok=True)
    production = _env("ENV", "development") == "production"
    return {
        "LMS_PRODUCTION": production,
        "SECRET_KEY": _secret_key(instance_path, production),
        "SQLALCHEMY_DATABASE_URI": _env("DATABASE_URL", f"sqlite:///{instance_path / 'lms.sqlite3'}"),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "LMS_MEDIA_DIR": Path(_env("MEDIA_DIR", instance_path / "media")),
        "LMS_MEDIA_URL": _env("MEDIA_URL", "/media/"),
        "LMS_CONTENT_DIR": Path(_env("CONTENT_DIR", PROJECT_ROOT / "content")),
        "LMS_PASS_MARK": int(_env("PASS_MARK", "80")),
        "LMS_MAX_SYNC_BATCH": int(_env("MAX_SYNC_BATCH", "500")),
        "LMS_LOGIN_MAX_FAILURES": int(_env("LOGIN_MAX_FAILURES", "5")),
        "LMS_LOGIN_LOCK_SECONDS": int(_env("LOGIN_LOCK_SECONDS", "60")),
        # Failures from one network address within a window (seconds) before that address must wait.
        "LMS_LOGIN_ADDRESS_LIMIT": (int(_env("LOGIN_ADDRESS_FAILURES", "50")), int(_env("LOGIN_ADDRESS_WINDOW", "900"))),
        # Reverse proxies in front of the site (nginx: 1): their X-Forwarded-For gives the learner's address.
        "LMS_TRUSTED_PROXIES": int(_env("TRUSTED_PROXIES", "0")),
        # "whoosh": an index folder on each server; "postgres": full-text search in the shared database.
        "LMS_SEARCH_BACKEND": _env("SEARCH_BACKEND", "whoosh"),
        "LMS_SEARCH_DIR": Path(_env("SEARCH_DIR", instance_path / "search")),
        # The machine voice: "espeak-ng" (Debian packages espeak-ng and opus-tools) or "none".
        "LMS_SPEECH_ENGINE": _env("SPEECH_ENGINE", "espeak-ng"),
        "LMS_MACHINE_VOICE_KINDS": tuple(_env("MACHINE_VOICE_KINDS", "literacy-1,literacy-2").split(",")),
        "LMS_SPEECH_CACHE_DIR": Path(_env("SPEECH_CACHE_DIR", instance_path / "speech-cache")),
        # Reporting: age bands, the literacy age range and the national targets (percent) are settings.
        "LMS_AGE_BANDS": _ranges(_env("AGE_BANDS", "15-25,26-35,36-60")),
        "LMS_LITERACY_AGES": _ranges(_env("LITERACY_AGES", "15-60"))[0],
        "LMS_TARGETS": {key: float(value) for key, value in (
            item.split("=") for item in _env("TARGETS", "phase1=10.5,phase2=2,needs_growth=5").split(","))},
        "BABEL_DEFAULT_LOCALE": "vi",
        "BABEL_DEFAULT_TIMEZONE": _env("TIMEZONE", "Asia/Ho_Chi_Minh"),
        "BABEL_TRANSLATION_DIRECTORIES": str(PROJECT_ROOT / "translations"),
        "LMS_LANGUAGES": ("vi", "en"),
        # A phone may come back online days later: tokens live as long as the session.
        "WTF_CSRF_TIME_LIMIT": None,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": production,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": production,
        "PERMANENT_SESSION_LIFETIME": 60 * 60 * 24 * 30,
        "MAX_CONTENT_LENGTH": int(_env("MAX_UPLOAD_BYTES", str(20 * 1024 * 1024))),
    }
