import hashlib
import json
from pathlib import Path

from flask import current_app, redirect, render_template, request, send_from_directory, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import text

from lms.extensions import db
from lms.main import bp
from lms.permissions import public
from lms.urls import safe_next


@bp.get("/")
@public
def index():
    if current_user.is_authenticated:
        return redirect(url_for("learn.home"))
    return redirect(url_for("auth.login"))


@bp.get("/healthz")
@public
def healthz():
    db.session.execute(text("SELECT 1"))
    return {"status": "ok"}


@bp.post("/lang")
@public
def set_language():
    """Remember the interface language for this person and this phone."""
    lang = request.form.get("lang")
    response = redirect(safe_next(request.form.get("next")) or url_for("main.index"))
    if lang in current_app.config["LMS_LANGUAGES"]:
        response.set_cookie("lang", lang, max_age=365 * 24 * 3600, samesite="Lax", httponly=True,
                            secure=current_app.config["LMS_PRODUCTION"])
        if current_user.is_authenticated and current_user.language != lang:
            current_user.language = lang
            db.session.commit()
    return response


@bp.get("/media/<path:name>")
@public
def media(name):
    """Pictures and sounds under content-hashed names: the same name never changes, so cache it for a year."""
    response = send_from_directory(current_app.config["LMS_MEDIA_DIR"], name, max_age=31536000)
    response.cache_control.public = True
    response.cache_control.immutable = True
    return response


SHELL = ("app.css", "queue.js", "app.js", "icon.svg", "icon-192.png")


@bp.get("/sw.js")
@public
def service_worker():
    """The service worker, served from the root so it may look after every page, with the shell's hashed URLs."""
    static_url = current_app.jinja_env.globals["static_url"]
    shell = [static_url(name) for name in SHELL] + [url_for("main.offline")]
    source = (Path(current_app.static_folder) / "sw.js").read_text()
    version = hashlib.sha256((source + "".join(shell)).encode()).hexdigest()[:12]
    config = {"version": version, "shell": shell, "queue": static_url("queue.js"), "offline": url_for("main.offline")}
    response = current_app.response_class(f"self.LMS = {json.dumps(config)};\n{source}",
                                          mimetype="application/javascript")
    # Browsers check the worker for updates at most once a day; a new version reaches phones within a day.
    response.cache_control.max_age = 86400
    return response


@bp.get("/manifest.webmanifest")
@public
def manifest():
    """What a phone needs to install the site as an app."""
    static_url = current_app.jinja_env.globals["static_url"]
    response = current_app.response_class(json.dumps({
        "name": _("Community learning"), "short_name": _("Learning"), "lang": "vi",
        "start_url": url_for("learn.home"), "scope": "/", "display": "standalone",
        "background_color": "#ffffff", "theme_color": "#0b5d3b",
        "icons": [
            {"src": static_url("icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static_url("icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {"src": static_url("icon-512.png"), "sizes": "512x512", "type": "image/png", "purpose": "maskable"},
        ],
    }, ensure_ascii=False), mimetype="application/manifest+json")
    response.cache_control.max_age = 86400
    return response


@bp.get("/offline")
@public
def offline():
    """Shown by the service worker for a page that is not on the phone while there is no network."""
    return render_template("offline.html")
