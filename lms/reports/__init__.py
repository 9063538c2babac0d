"""Statistics for center managers and education officers, with exports and API tokens."""
from flask import Blueprint

bp = Blueprint("reports", __name__)

from lms.reports import views  # noqa: E402,F401
