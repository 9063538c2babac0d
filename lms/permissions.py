"""Who may do what, in one place: every view declares a requirement, one hook enforces it, predicates check scope."""
from dataclasses import dataclass
from functools import wraps
from typing import Optional

from flask import abort, current_app, g, jsonify, request
from flask_login import current_user

from lms.extensions import login_manager
from lms.models import Course, Role, User

_ATTR = "_lms_access"
EVERYONE_SIGNED_IN = frozenset(Role)
STAFF = frozenset(r for r in Role if r.is_staff)


@dataclass(frozen=True)
class Access:
    roles: Optional[frozenset]  # None: open to anyone, signed in or not
    token: bool = False         # an API token (Authorization: Bearer …) instead of a session


def _declare(view, access: Access):
    setattr(view, _ATTR, access)
    return view


def public(view):
    """Open to everyone, signed in or not."""
    return _declare(view, Access(None))


def require(*roles: Role):
    """Only signed-in people with one of these roles (every signed-in person when none are given)."""
    allowed = frozenset(roles) or EVERYONE_SIGNED_IN

    def decorate(view):
        return _declare(view, Access(allowed))
    return decorate


def require_token(view):
    """Only with a valid, unrevoked API token; the token is then in `g.api_token`."""
    return _declare(view, Access(None, token=True))


def access_of(view) -> Optional[Access]:
    return getattr(view, _ATTR, None)


def enforce():
    """before_request hook: refuse unless the endpoint's declared requirement is met; undeclared means refused."""
    if request.endpoint is None or request.endpoint == "static":
        return None
    access = access_of(current_app.view_functions[request.endpoint])
    if access is None:
        current_app.logger.error("endpoint %s declares no access rule", request.endpoint)
        abort(403)
    if access.token:
        from lms.services import tokens
        header = request.headers.get("Authorization", "")
        token = tokens.verify(header[7:].strip()) if header.startswith("Bearer ") else None
        if token is None:
            return jsonify(error="a valid API token is required (Authorization: Bearer …)"), 401
        g.api_token = token
        return None
    if access.roles is None:
        return None
    if not current_user.is_authenticated:
        if request.blueprint == "api":
            return jsonify(error="authentication required"), 401
        return login_manager.unauthorized()
    if current_user.role not in access.roles:
        abort(403)
    return None


def can_study(user: User, course: Course) -> bool:
    """Shared-library courses are open to all; a center's own courses to its people and administrators."""
    return course.center_id is None or course.center_id == user.center_id or user.role is Role.ADMIN


def can_view_learner(viewer: User, learner: User) -> bool:
    """A learner sees themself; staff see learners of their center (officers: province); administrators all."""
    if viewer.id == learner.id or viewer.role is Role.ADMIN:
        return True
    if viewer.role in (Role.TEACHER, Role.MANAGER):
        return learner.center_id is not None and learner.center_id == viewer.center_id
    if viewer.role is Role.OFFICER:
        return learner.center is not None and learner.center.province_id == viewer.province_id
    return False


def can_view_center_report(user: User, center) -> bool:
    """A center's figures: its manager, the officers of its province, administrators."""
    if user.role is Role.ADMIN:
        return True
    if user.role is Role.MANAGER:
        return user.center_id == center.id
    if user.role is Role.OFFICER:
        return user.province_id == center.province_id
    return False


def can_view_province_report(user: User, province_id: int) -> bool:
    return user.role is Role.ADMIN or (user.role is Role.OFFICER and user.province_id == province_id)


def can_issue_token(user: User, province_id: Optional[int], center) -> bool:
    """Statistics tokens: administrators for anything, officers within their province."""
    if user.role is Role.ADMIN:
        return True
    if user.role is not Role.OFFICER:
        return False
    if center is not None:
        return center.province_id == user.province_id
    return province_id == user.province_id


def token_sees_center(token, center) -> bool:
    return token.center_id == center.id if token.center_id else token.province_id == center.province_id


# Classes (/classes): teachers and managers run the classes of their own center, administrators every class.
CLASS_STAFF = (Role.TEACHER, Role.MANAGER, Role.ADMIN)


def can_manage_center_classes(user: User, center_id: Optional[int]) -> bool:
    """Create and run classes (and their learners' accounts) at a center."""
    if user.role is Role.ADMIN:
        return True
    return user.role in (Role.TEACHER, Role.MANAGER) and user.center_id is not None and user.center_id == center_id


def class_scope(user: User):
    """The classes a person may run, as a SQL condition."""
    from sqlalchemy import false, true

    from lms.models import LearningClass
    if user.role is Role.ADMIN:
        return true()
    if user.role in (Role.TEACHER, Role.MANAGER) and user.center_id is not None:
        return LearningClass.center_id == user.center_id
    return false()


# Authoring (/author): the shared library (a course without a center) is the administrators'; a center's courses
# are its teachers' and managers'. Anyone who authors may read (and copy) what is published anywhere.
AUTHORS = (Role.TEACHER, Role.MANAGER, Role.ADMIN)


def can_edit_course(user: User, course: Course) -> bool:
    """Change a course, add and order its lessons: administrators any; teachers and managers their center's."""
    if user.role is Role.ADMIN:
        return True
    return (user.role in (Role.TEACHER, Role.MANAGER) and course.center_id is not None
            and course.center_id == user.center_id)


def can_edit_lesson(user: User, lesson) -> bool:
    """Write, publish and restore a lesson: as for its course, and a teacher's own lessons of a center's course."""
    if can_edit_course(user, lesson.course):
        return True
    return (user.role in (Role.TEACHER, Role.MANAGER) and lesson.author_id == user.id
            and lesson.course.center_id is not None)


def can_delete_lesson(user: User, lesson) -> bool:
    """Delete a lesson never published: its author, the center's manager, administrators."""
    if user.role in (Role.ADMIN, Role.MANAGER):
        return can_edit_lesson(user, lesson)
    return can_edit_lesson(user, lesson) and lesson.author_id == user.id


def can_create_course(user: User) -> bool:
    """Teachers and managers add courses to their center; administrators to the shared library."""
    return user.role is Role.ADMIN or (user.role in (Role.TEACHER, Role.MANAGER) and user.center_id is not None)


def can_copy_lesson(user: User, lesson) -> bool:
    """Copy a published lesson of the shared library or of any center into one's own drafts."""
    from lms.models import LessonStatus
    return (can_create_course(user) and lesson.status is LessonStatus.PUBLISHED
            and lesson.published_version_id is not None)
