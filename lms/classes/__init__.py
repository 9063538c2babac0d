"""Classes a teacher runs: learners, login cards, progress, and the phase confirmations."""
from flask import Blueprint

bp = Blueprint("classes", __name__)

from lms.classes import views  # noqa: E402,F401
