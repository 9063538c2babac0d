"""The learner's pages: home, catalogue, lessons, quizzes and progress."""
from flask import Blueprint

bp = Blueprint("learn", __name__)

from lms.learn import preferences, views  # noqa: E402,F401
