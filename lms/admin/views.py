import json

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _, lazy_gettext as _l
from flask_login import current_user

from lms.admin import bp
from lms.admin.forms import ActionForm, EraseForm
from lms.extensions import db
from lms.models import Center, Role, User
from lms.permissions import require
from lms.services import audit, personal_data
from lms.services.personal_data import PersonalDataError

# What each logged action means, in the reader's language; an action missing here shows its key.
ACTION_LABELS = {
    "center.create": _l("Center created"),
    "account.create": _l("Account created"),
    "token.create": _l("API token made"),
    "token.revoke": _l("API token revoked"),
    "class.create": _l("Class created"),
    "class.archive": _l("Class archived"),
    "class.unarchive": _l("Class brought back"),
    "class.enrol": _l("Learners put in a class"),
    "class.remove": _l("Learner taken out of a class"),
    "learner.create": _l("Learner account created"),
    "learner.update": _l("Learner profile corrected"),
    "learner.pin_reset": _l("New PINs given"),
    "lesson.publish": _l("Lesson published"),
    "lesson.unpublish": _l("Lesson unpublished"),
    "lesson.delete": _l("Lesson deleted"),
    "report.export": _l("Report exported"),
    "audit.export": _l("Audit log exported"),
    "person.export": _l("Personal data exported"),
    "person.erase": _l("Personal data erased"),
}
ROLE_LABELS = {
    Role.LEARNER: _l("Learner"), Role.TEACHER: _l("Teacher"), Role.MANAGER: _l("Center manager"),
    Role.OFFICER: _l("Education officer"), Role.ADMIN: _l("Administrator"),
}


@bp.context_processor
def _labels():
    return {"action_labels": ACTION_LABELS, "role_labels": ROLE_LABELS}


@bp.get("/")
@require(Role.ADMIN)
def index():
    return render_template("admin/index.html")


def _filter() -> audit.Filter:
    """The audit log's filters from the query string; unknown values are ignored."""
    center_id = request.args.get("center", type=int)
    if center_id and db.session.get(Center, center_id) is None:
        center_id = None
    return audit.Filter(action=(request.args.get("action") or "").strip()[:40] or None, center_id=center_id or None)


@bp.get("/audit")
@require(Role.ADMIN)
def audit_log():
    """Administrative actions, newest first, a page at a time."""
    chosen = _filter()
    found = audit.page(chosen, max(request.args.get("page", 1, type=int), 1))
    actions = sorted(set(ACTION_LABELS) | set(audit.actions_used()))
    return render_template("admin/audit.html", found=found, chosen=chosen, actions=actions, centers=audit.centers())


@bp.get("/audit.csv")
@require(Role.ADMIN)
def audit_csv():
    """The filtered log as a spreadsheet; the export is itself logged."""
    chosen = _filter()
    headers = [_("Time (UTC)"), _("By (id)"), _("By"), _("Action"), _("What"), _("About (person id)"),
               _("Center (id)"), _("Center"), _("Details")]
    data = audit.export(chosen, headers, by=current_user)
    response = current_app.response_class(data, mimetype="text/csv; charset=utf-8")
    response.headers["Content-Disposition"] = 'attachment; filename="audit-log.csv"'
    return response


@bp.get("/people")
@require(Role.ADMIN)
def people():
    """Find a person by username or name."""
    query = request.args.get("q", "")
    page = max(request.args.get("page", 1, type=int), 1)
    found, total = personal_data.search(query, page)
    centers = {c.id: c.name for c in audit.centers()}
    return render_template("admin/people.html", found=found, total=total, query=query, page=page,
                           per_page=personal_data.PER_PAGE, centers=centers)


def _person_or_404(user_id: int) -> User:
    person = db.session.get(User, user_id)
    if person is None:
        abort(404)
    return person


@bp.get("/people/<int:user_id>")
@require(Role.ADMIN)
def person(user_id):
    """A person's profile and how much is stored about them, with export and erasure."""
    found = _person_or_404(user_id)
    center = db.session.get(Center, found.center_id) if found.center_id else None
    return render_template("admin/person.html", person=found, center=center, counts=personal_data.counts(found),
                           erased=personal_data.is_erased(found), action=ActionForm())


@bp.post("/people/<int:user_id>/export")
@require(Role.ADMIN)
def export(user_id):
    """Everything stored about the person, as a JSON file (a POST, as the export is logged)."""
    found = _person_or_404(user_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    document = personal_data.record_export(found, by=current_user)
    response = current_app.response_class(json.dumps(document, ensure_ascii=False, indent=2),
                                          mimetype="application/json")
    response.headers["Content-Disposition"] = f'attachment; filename="person-{found.id}.json"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/people/<int:user_id>/erase", methods=["GET", "POST"])
@require(Role.ADMIN)
def erase(user_id):
    """Erase a person's personal data; the administrator confirms by typing their username."""
    found = _person_or_404(user_id)
    form = EraseForm()
    if not personal_data.is_erased(found) and form.validate_on_submit():
        if form.username.data.strip().lower() != found.username:
            form.username.errors.append(_("This is not the person's username."))
        else:
            try:
                personal_data.erase_person(found, by=current_user)
            except PersonalDataError as problem:
                form.form_errors.append(str(problem))
            else:
                flash(_("The personal data of person #%(id)s was erased.", id=found.id), "info")
                return redirect(url_for("admin.person", user_id=found.id))
    status = 400 if form.errors or form.form_errors else 200
    return render_template("admin/erase.html", person=found, form=form,
                           erased=personal_data.is_erased(found)), status
