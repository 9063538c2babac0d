"""The JSON API under /api/v1.

It is exempt from form CSRF tokens because it only accepts `application/json` bodies, which a
cross-site form cannot send, and session cookies are SameSite=Lax.
"""
from flask import Blueprint

bp = Blueprint("api", __name__)

from lms.api import views  # noqa: E402,F401
