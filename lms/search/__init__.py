"""Finding lessons: the search results page (the search box lives on the learner home and the lesson library)."""
from flask import Blueprint

bp = Blueprint("search", __name__)

from lms.search import views  # noqa: E402,F401
