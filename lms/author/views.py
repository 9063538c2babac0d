from flask import render_template
from flask_login import current_user

from lms.author import bp
from lms.models import Role
from lms.permissions import require
from lms.services import authoring


@bp.get("/")
@require(Role.TEACHER, Role.MANAGER, Role.ADMIN)
def library():
    """Every course a teacher may work with, with each lesson's state and version."""
    return render_template("author/library.html", programmes=authoring.library(current_user))
