"""Authoring for teachers: the lesson library, courses, the editor, quizzes, history, copying and packs."""
from flask import Blueprint, current_app

from lms.services.media import relative_name

bp = Blueprint("author", __name__)


def _widths(asset) -> list[int]:
    return [int(w) for w in asset.widths.split(",") if w]


@bp.app_template_global()
def picture_src(asset, need: int = 360, extension: str = "jpg") -> str:
    """The URL of a stored picture at the smallest width it has that is at least `need` pixels."""
    widths = _widths(asset)
    width = next((w for w in widths if w >= need), widths[-1])
    return current_app.config["LMS_MEDIA_URL"] + relative_name(asset.sha256, f"-{width}.{extension}")


@bp.app_template_global()
def picture_srcset(asset, extension: str = "jpg") -> str:
    """Every width of a stored picture, for `srcset`."""
    return ", ".join(f"{current_app.config['LMS_MEDIA_URL']}{relative_name(asset.sha256, f'-{w}.{extension}')} {w}w"
                     for w in _widths(asset))


from lms.author import views  # noqa: E402,F401
