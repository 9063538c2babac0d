"""Administration: the audit log of administrative actions, and people's personal data (export and erasure)."""
from flask import Blueprint

bp = Blueprint("admin", __name__)

from lms.admin import views  # noqa: E402,F401
