"""Authoring for teachers: the lesson library and (later) the editor."""
from flask import Blueprint

bp = Blueprint("author", __name__)

from lms.author import views  # noqa: E402,F401
