"""The parts of a lesson page that depend only on its published version: its text (with narration and picture
clips) and its quiz. Rendered once and kept in each process, so that showing a lesson does not load and render
the whole quiz every time (that was half of the page's server time)."""
from datetime import datetime
from functools import lru_cache
from typing import NamedTuple

from flask import current_app, get_template_attribute
from flask_babel import get_locale
from markupsafe import Markup

from lms.models import Lesson
from lms.services import catalog

TEMPLATE = "learn/_version.html"


class VersionParts(NamedTuple):
    body: Markup
    quiz: Markup  # empty when the version has no quiz


def version_parts(lesson: Lesson, save_data: bool) -> VersionParts:
    """The published version's parts, keyed by everything they depend on. A version's text and quiz never
    change once made; clips may be given to it later by the machine voice, which touches the lesson
    (lms.services.speech.give_voice), so the lesson's `updated_at` is part of the key, as is its voice switch."""
    cache = current_app.extensions.get("lms.version_parts")
    if cache is None:
        cache = current_app.extensions["lms.version_parts"] = lru_cache(maxsize=256)(_render)
    return cache(lesson.published_version_id, lesson.updated_at, lesson.machine_voice, save_data, str(get_locale()))


def _render(version_id: int, _changed: datetime, voiced: bool, save_data: bool, _language: str) -> VersionParts:
    version = catalog.version_for_page(version_id)
    body = get_template_attribute(TEMPLATE, "body")(version, version.html, voiced, save_data)
    quiz = get_template_attribute(TEMPLATE, "quiz")(version, voiced)
    return VersionParts(Markup(body), Markup(quiz.strip()))
