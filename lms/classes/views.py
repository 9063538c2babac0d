from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _, get_timezone
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from lms.classes import bp
from lms.classes.cards import qr_svg
from lms.classes.forms import RESULT_LABELS, ActionForm, ClassForm, ConfirmationForm, LearnerForm, PasteForm
from lms.models import PhaseResult, Role
from lms.models.base import utcnow
from lms.permissions import CLASS_STAFF, require
from lms.services import classes
from lms.services.classes import ClassError, NotFound


@bp.app_template_filter("phase_result")
def phase_result(result) -> str:
    """The assessment's words for a phase result, in the reader's language."""
    return str(RESULT_LABELS[PhaseResult(result)])


@bp.app_template_global("phase_confirmations")
def phase_confirmations(user):
    """The confirmation that counts in each programme, for the learner's own progress page."""
    return classes.confirmations_of(user) if user.is_authenticated else []


def _today():
    return utcnow().astimezone(get_timezone()).date()


def _class_or_404(class_id: int):
    try:
        return classes.class_for(current_user, class_id)
    except NotFound:
        abort(404)


def _member_or_404(learning_class, user_id: int):
    try:
        return classes.member(learning_class, user_id)
    except NotFound:
        abort(404)


def _cards(learning_class, logins, *, added=(), skipped=()):
    """The printable login cards, answered at once: their PINs exist nowhere else, so nothing may keep the page."""
    cards = []
    for login in logins:
        url = url_for("auth.login", u=login.user.username, _external=True)
        cards.append(dict(user=login.user, pin=login.pin, url=url,
                          qr=qr_svg(url, _("QR code that opens %(url)s", url=url))))
    response = make_response(render_template("classes/cards.html", learning_class=learning_class, cards=cards,
                                             added=added, skipped=skipped))
    response.headers["Cache-Control"] = "no-store"
    return response


def _class_form(learning_class=None) -> ClassForm:
    form = ClassForm(obj=learning_class)
    form.programme_id.choices = [SelectChoice(p.id, p.title) for p in classes.programmes()]
    if learning_class is None and current_user.role is Role.ADMIN:
        form.center_id.choices = [SelectChoice(c.id, c.name) for c in classes.centers_for(current_user)]
        del form.teacher_id  # named later, once the center is known
        return form
    del form.center_id
    center_id = learning_class.center_id if learning_class else current_user.center_id
    form.teacher_id.choices = [SelectChoice(0, _("No teacher named"))] + [
        SelectChoice(t.id, t.display_name) for t in classes.teachers_of(center_id)]
    if request.method == "GET" and learning_class is None and current_user.role is Role.TEACHER:
        form.teacher_id.data = current_user.id
    return form


@bp.get("/")
@require(*CLASS_STAFF)
def index():
    return render_template("classes/index.html", rows=classes.classes_for(current_user),
                           archived=classes.classes_for(current_user, archived=True))


@bp.route("/new", methods=["GET", "POST"])
@require(*CLASS_STAFF)
def new_class():
    form = _class_form()
    if not classes.centers_for(current_user):
        abort(403)
    error = None
    if form.validate_on_submit():
        center_id = form.center_id.data if "center_id" in form else current_user.center_id
        teacher_id = form.teacher_id.data if "teacher_id" in form else None
        try:
            learning_class = classes.create_class(
                current_user, center_id=center_id, programme_id=form.programme_id.data, name=form.name.data,
                place=form.place.data, schedule=form.schedule.data, teacher_id=teacher_id)
        except ClassError as problem:
            error = str(problem)
        else:
            flash(_("The class was created. Now add its learners."), "info")
            return redirect(url_for("classes.show", class_id=learning_class.id))
    return render_template("classes/edit.html", form=form, learning_class=None, error=error)


@bp.route("/<int:class_id>/edit", methods=["GET", "POST"])
@require(*CLASS_STAFF)
def edit(class_id):
    learning_class = _class_or_404(class_id)
    form = _class_form(learning_class)
    error = None
    if form.validate_on_submit():
        try:
            classes.update_class(learning_class, programme_id=form.programme_id.data, name=form.name.data,
                                 place=form.place.data, schedule=form.schedule.data, teacher_id=form.teacher_id.data)
        except ClassError as problem:
            error = str(problem)
        else:
            flash(_("Saved."), "info")
            return redirect(url_for("classes.show", class_id=learning_class.id))
    return render_template("classes/edit.html", form=form, learning_class=learning_class, error=error,
                           action=ActionForm())


@bp.post("/<int:class_id>/archive")
@require(*CLASS_STAFF)
def archive(class_id):
    learning_class = _class_or_404(class_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    archived = request.form.get("archived") == "1"
    classes.set_archived(learning_class, archived, by=current_user)
    flash(_("The class was archived.") if archived else _("The class is back in the list."), "info")
    return redirect(url_for("classes.show", class_id=learning_class.id))


@bp.get("/<int:class_id>")
@require(*CLASS_STAFF)
def show(class_id):
    """The class on a phone: who is stuck, who stopped, and each learner's figures."""
    learning_class = _class_or_404(class_id)
    report = classes.class_progress(learning_class, utcnow())
    return render_template("classes/show.html", learning_class=learning_class, report=report,
                           programme=classes.programme_of(learning_class), teacher=classes.teacher_of(learning_class),
                           inactive_days=classes.INACTIVE_DAYS)


@bp.get("/<int:class_id>/progress")
@require(*CLASS_STAFF)
def grid(class_id):
    """Every learner in every lesson: a table for a wide screen."""
    learning_class = _class_or_404(class_id)
    report = classes.class_progress(learning_class, utcnow())
    return render_template("classes/progress.html", learning_class=learning_class, report=report,
                           courses=classes.programme_courses(learning_class),
                           programme=classes.programme_of(learning_class))


@bp.route("/<int:class_id>/learners/new", methods=["GET", "POST"])
@require(*CLASS_STAFF)
def add_learner(class_id):
    """One learner with their profile; the answer is their login card."""
    learning_class = _class_or_404(class_id)
    form = LearnerForm()
    error, same_name = None, None
    if form.validate_on_submit():
        try:
            [line] = classes.check_names(learning_class, [classes.clean_name(form.display_name.data)])
            if line.same_name and not request.form.get("another_person"):
                # Probably someone who already has an account: the teacher says so before a second one is made.
                return render_template("classes/learner_form.html", form=form, learning_class=learning_class,
                                       learner=None, error=None, same_name=line, action=ActionForm())
            login = classes.add_learner(learning_class, display_name=form.display_name.data, sex=form.sex.data,
                                        birth_year=form.birth_year.data, ethnic_code=form.ethnic_code.data,
                                        language=form.language.data, this_year=_today().year, by=current_user)
        except ClassError as problem:
            error = str(problem)
        else:
            return _cards(learning_class, [login])
    return render_template("classes/learner_form.html", form=form, learning_class=learning_class, learner=None,
                           error=error, same_name=same_name)


@bp.route("/<int:class_id>/learners/paste", methods=["GET", "POST"])
@require(*CLASS_STAFF)
def paste(class_id):
    """Many learners from a pasted list of names; likely duplicates are shown to decide first."""
    learning_class = _class_or_404(class_id)
    form = PasteForm()
    error = None
    if form.validate_on_submit():
        try:
            names = classes.parse_names(form.names.data)
            lines = classes.check_names(learning_class, names)
            doubtful = [number for number, line in enumerate(lines) if line.doubtful]
            decisions = {number: request.form[f"line-{number}"] for number in doubtful
                         if f"line-{number}" in request.form}
            if doubtful and (form.step.data != "create" or len(decisions) < len(doubtful)):
                form.step.data = "create"
                return render_template("classes/paste_check.html", form=form, learning_class=learning_class,
                                       lines=lines, decisions=decisions,
                                       error=_("Please choose for each name.") if request.form.get("step") == "create"
                                       else None)
            result = classes.enrol_many(learning_class, names, decisions, ethnic_code=form.ethnic_code.data,
                                        language=form.language.data, by=current_user)
        except ClassError as problem:
            error = str(problem)
        else:
            return _cards(learning_class, result.created, added=result.added, skipped=result.skipped)
    return render_template("classes/paste.html", form=form, learning_class=learning_class, error=error)


@bp.route("/<int:class_id>/learners/existing", methods=["GET", "POST"])
@require(*CLASS_STAFF)
def add_existing(class_id):
    """Learners of the center who are not in this class yet."""
    learning_class = _class_or_404(class_id)
    form = ActionForm()
    error = None
    if form.validate_on_submit():
        try:
            count = classes.add_existing(learning_class, request.form.getlist("user_id", type=int), by=current_user)
        except ClassError as problem:
            error = str(problem)
        else:
            flash(_("%(count)s learners were added to the class.", count=count), "info")
            return redirect(url_for("classes.show", class_id=learning_class.id))
    query = request.args.get("q", "")
    return render_template("classes/existing.html", form=form, learning_class=learning_class, query=query,
                           people=classes.candidates(learning_class, query), error=error)


@bp.route("/<int:class_id>/cards", methods=["GET", "POST"])
@require(*CLASS_STAFF)
def cards(class_id):
    """New PINs, and so new login cards, for learners who lost theirs; their old PIN stops working."""
    learning_class = _class_or_404(class_id)
    form = ActionForm()
    error = None
    if form.validate_on_submit():
        try:
            logins = classes.reset_pins(learning_class, request.form.getlist("user_id", type=int), by=current_user)
        except NotFound:
            abort(404)
        except ClassError as problem:
            error = str(problem)
        else:
            return _cards(learning_class, logins)
    return render_template("classes/choose_cards.html", form=form, learning_class=learning_class,
                           people=classes.members(learning_class), error=error)


@bp.get("/<int:class_id>/learners/<int:user_id>")
@require(*CLASS_STAFF)
def learner(class_id, user_id):
    """One learner's lessons as a list, and the phase confirmations."""
    learning_class = _class_or_404(class_id)
    person = _member_or_404(learning_class, user_id)
    report = classes.class_progress(learning_class, utcnow(), only_user=person.id)
    form = ConfirmationForm(formdata=None, confirmed_on=_today())
    return _learner_page(learning_class, person, report, form)


def _learner_page(learning_class, person, report, form, status=200):
    return render_template(
        "classes/learner.html", learning_class=learning_class, person=person, report=report,
        summary=report.learners[0], courses=classes.programme_courses(learning_class),
        programme=classes.programme_of(learning_class), form=form, action=ActionForm(),
        history=classes.confirmation_history(person.id, learning_class.programme_id),
        inactive_days=classes.INACTIVE_DAYS), status


@bp.post("/<int:class_id>/learners/<int:user_id>/confirmations")
@require(*CLASS_STAFF)
def confirm(class_id, user_id):
    """Record the teacher's assessment of the learner's phase; the earlier ones stay as history."""
    learning_class = _class_or_404(class_id)
    person = _member_or_404(learning_class, user_id)
    form = ConfirmationForm()
    if form.validate_on_submit():
        try:
            classes.record_confirmation(learner=person, programme_id=learning_class.programme_id,
                                        result=form.result.data, confirmed_on=form.confirmed_on.data,
                                        note=form.note.data, by=current_user, today=_today())
        except ClassError as problem:
            form.form_errors.append(str(problem))
        else:
            flash(_("The result was recorded."), "info")
            return redirect(url_for("classes.learner", class_id=learning_class.id, user_id=person.id))
    report = classes.class_progress(learning_class, utcnow(), only_user=person.id)
    return _learner_page(learning_class, person, report, form, status=400)


@bp.route("/<int:class_id>/learners/<int:user_id>/edit", methods=["GET", "POST"])
@require(*CLASS_STAFF)
def edit_learner(class_id, user_id):
    learning_class = _class_or_404(class_id)
    person = _member_or_404(learning_class, user_id)
    form = LearnerForm(obj=person)
    error = None
    if request.method == "GET":
        form.sex.data, form.ethnic_code.data, form.language.data = (
            person.sex or "", person.ethnic_code or "", person.language or "")
    if form.validate_on_submit():
        try:
            classes.update_learner(person, display_name=form.display_name.data, sex=form.sex.data,
                                   birth_year=form.birth_year.data, ethnic_code=form.ethnic_code.data,
                                   language=form.language.data, this_year=_today().year, by=current_user)
        except ClassError as problem:
            error = str(problem)
        else:
            flash(_("Saved."), "info")
            return redirect(url_for("classes.learner", class_id=learning_class.id, user_id=person.id))
    return render_template("classes/learner_form.html", form=form, learning_class=learning_class, learner=person,
                           error=error)


@bp.post("/<int:class_id>/learners/<int:user_id>/remove")
@require(*CLASS_STAFF)
def remove(class_id, user_id):
    learning_class = _class_or_404(class_id)
    person = _member_or_404(learning_class, user_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    classes.remove_member(learning_class, person, by=current_user)
    flash(_("%(name)s is no longer in this class (the account and progress stay).", name=person.display_name),
          "info")
    return redirect(url_for("classes.show", class_id=learning_class.id))
