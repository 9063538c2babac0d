from flask import current_app, redirect, request, send_from_directory, url_for
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
