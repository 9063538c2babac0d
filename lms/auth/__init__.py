"""Signing in and out: learners with a PIN on a shared phone, staff with a password."""
from flask import Blueprint
from flask_babel import lazy_gettext as _l

from lms.extensions import db, login_manager
from lms.models import User

bp = Blueprint("auth", __name__)

login_manager.login_view = "auth.login"
login_manager.login_message = _l("Please sign in to continue.")
login_manager.login_message_category = "info"


@login_manager.user_loader
def load_user(key: str):
    """Sessions name the user and their session version; a PIN or password change ends older sessions."""
    user_id, _, version = key.partition(":")
    if not user_id.isdigit() or not version.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    if user is None or user.session_version != int(version) or not user.is_active:
        return None
    return user


from lms.auth import views  # noqa: E402,F401
