"""Site-wide routes: the front door, health check, language choice and media files."""
from flask import Blueprint

bp = Blueprint("main", __name__)

from lms.main import views  # noqa: E402,F401
