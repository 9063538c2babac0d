"""A phone-first learning system for Vietnam's community learning centers."""
import hashlib
import os
import sqlite3
from pathlib import Path

from flask import Flask, current_app, has_request_context, request, url_for
from flask_compress import Compress
from flask_login import current_user
from sqlalchemy import event
from sqlalchemy.engine import Engine
from werkzeug.middleware.proxy_fix import ProxyFix

from lms import config as settings
from lms.extensions import babel, csrf, db, login_manager, migrate


def create_app(config: dict | None = None) -> Flask:
    """Build the application; `config` overrides settings (tests use it)."""
    instance = Path(os.environ.get("LMS_INSTANCE_PATH", settings.PROJECT_ROOT / "instance"))
    app = Flask(__name__, instance_path=str(instance), template_folder=str(settings.PROJECT_ROOT / "templates"),
                static_folder=str(settings.PROJECT_ROOT / "static"))
    app.config.update(settings.load(instance))
    app.config.update(config or {})
    if app.config["LMS_TRUSTED_PROXIES"]:
        proxies = app.config["LMS_TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)
    register_extensions(app)
    register_blueprints(app)
    register_hooks(app)
    register_templates(app)
    register_cli(app)
    return app


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(connection, _record):
    # WAL lets readers and one writer work at once; FULL sync means an acknowledged commit survives power loss.
    if isinstance(connection, sqlite3.Connection):
        cursor = connection.cursor()
        for pragma in ("journal_mode=WAL", "foreign_keys=ON", "busy_timeout=10000", "synchronous=FULL"):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()


def _select_locale():
    languages = current_app.config["LMS_LANGUAGES"]
    if has_request_context():
        if current_user and current_user.is_authenticated and current_user.language in languages:
            return current_user.language
        if request.cookies.get("lang") in languages:
            return request.cookies["lang"]
    return "vi"


def register_extensions(app: Flask) -> None:
    db.init_app(app)
    migrate.init_app(app, db, directory=str(settings.PROJECT_ROOT / "migrations"), render_as_batch=True)
    login_manager.init_app(app)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=_select_locale)
    app.config.setdefault("COMPRESS_ALGORITHM", ["br", "gzip"])
    app.config.setdefault("COMPRESS_MIN_SIZE", 300)
    app.config.setdefault("COMPRESS_MIMETYPES", ["text/html", "text/css", "text/javascript", "application/javascript",
                                                 "application/json", "image/svg+xml", "application/manifest+json"])
    Compress(app)
    from lms import auth  # noqa: F401  (registers the user loader)


def register_blueprints(app: Flask) -> None:
    from lms.admin import bp as admin_bp
    from lms.api import bp as api_bp
    from lms.auth import bp as auth_bp
    from lms.author import bp as author_bp
    from lms.classes import bp as classes_bp
    from lms.learn import bp as learn_bp
    from lms.main import bp as main_bp
    from lms.reports import bp as reports_bp
    from lms.search import bp as search_bp
    app.register_blueprint(main_bp)
    app.register_blueprint(auth_bp, url_prefix="/auth")
    app.register_blueprint(learn_bp, url_prefix="/learn")
    app.register_blueprint(author_bp, url_prefix="/author")
    app.register_blueprint(classes_bp, url_prefix="/classes")
    app.register_blueprint(search_bp, url_prefix="/search")
    app.register_blueprint(reports_bp, url_prefix="/reports")
    app.register_blueprint(admin_bp, url_prefix="/admin")
    app.register_blueprint(api_bp, url_prefix="/api/v1")
    csrf.exempt(api_bp)  # JSON only, SameSite cookies; see lms/api/__init__.py


def register_hooks(app: Flask) -> None:
    from lms import errors, permissions
    app.before_request(permissions.enforce)
    app.after_request(_headers)
    errors.register(app)


def _headers(response):
    response.headers.setdefault(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; media-src 'self'; style-src 'self'; script-src 'self'; "
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    if request.blueprint == "learn" and current_user.is_authenticated:
        # The service worker keeps a learner page for whoever it belongs to, known as it arrives, not when its
        # script has run: a quick tap onward must not leave it unkept or kept for the one signed in before.
        response.headers["X-Lms-User"] = str(current_user.id)
    if request.endpoint == "static" and "v" in request.args:
        response.cache_control.public = True
        response.cache_control.max_age = 31536000
        response.cache_control.immutable = True
    elif request.endpoint != "main.media" and "Cache-Control" not in response.headers:
        # Pages hold personal progress: never kept by shared caches.
        response.cache_control.private = True
        response.cache_control.no_cache = True
    return response


def register_templates(app: Flask) -> None:
    hashes: dict[str, str] = {}

    def static_url(filename: str) -> str:
        """A static file's URL carrying its content hash, so it can be cached for a year."""
        if filename not in hashes or app.debug:
            data = (Path(app.static_folder) / filename).read_bytes()
            hashes[filename] = hashlib.sha256(data).hexdigest()[:12]
        return url_for("static", filename=filename, v=hashes[filename])

    def media_url(asset) -> str:
        """The URL of a stored file as uploaded (narration, originals)."""
        return app.config["LMS_MEDIA_URL"] + relative_name(asset.sha256, f".{asset.extension}")

    from flask_babel import get_locale

    from lms.services.media import relative_name
    from lms.services.reference import ETHNIC_GROUPS
    app.jinja_env.globals.update(static_url=static_url, media_url=media_url, get_locale=get_locale,
                                 ETHNIC_GROUPS=ETHNIC_GROUPS,
                                 LANGUAGES=app.config["LMS_LANGUAGES"])
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True


def register_cli(app: Flask) -> None:
    from lms import cli
    cli.register(app)
