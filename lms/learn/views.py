from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from lms.learn import bp, preferences
from lms.learn.parts import version_parts
from lms.learn.forms import EventForm, SettingsForm
from lms.models import EventKind
from lms.models.base import utcnow
from lms.permissions import require
from lms.services import accounts, catalog, progress
from lms.services.progress import EventIn


def _record(event: EventIn):
    [result] = progress.record(current_user, [event], now=utcnow(), pass_mark=current_app.config["LMS_PASS_MARK"])
    return result


def _course_or_404(course_id: int):
    try:
        return catalog.course_for(current_user, course_id)
    except catalog.NotFound:
        abort(404)


def _lesson_or_404(lesson_id: int):
    try:
        return catalog.lesson_for(current_user, lesson_id)
    except catalog.NotFound:
        abort(404)


@bp.get("/")
@require()
def home():
    courses = progress.my_courses(current_user)
    return render_template("learn/home.html", courses=courses,
                           continue_lesson=progress.continue_lesson(current_user, courses))


@bp.get("/programmes")
@require()
def programmes():
    started = {state.course.id: state for state in progress.my_courses(current_user)}
    listing = catalog.programmes_for(current_user)
    counts = catalog.lesson_counts([c.id for _programme, courses in listing for c in courses])
    return render_template("learn/programmes.html", programmes=listing, started=started, counts=counts)


@bp.get("/course/<int:course_id>")
@require()
def course(course_id):
    course = _course_or_404(course_id)
    lessons = catalog.course_lessons(course.id)
    if not lessons:
        abort(404)
    states = progress.lesson_states(current_user, course.id)
    state = next((s for s in progress.my_courses(current_user) if s.course.id == course.id), None)
    return render_template("learn/course.html", course=course, lessons=lessons, states=states, state=state,
                           form=EventForm())


@bp.post("/course/<int:course_id>/start")
@require()
def start_course(course_id):
    course = _course_or_404(course_id)
    progress.start_course(current_user, course)
    first = next(iter(catalog.course_lessons(course.id)), None)
    return redirect(url_for("learn.lesson", lesson_id=first.id) if first else url_for("learn.course", course_id=course.id))


@bp.get("/l/<programme>/<course>/<lesson>")
@require()
def lesson_by_slug(programme, course, lesson):
    try:
        found = catalog.lesson_by_slugs(current_user, programme, course, lesson)
    except catalog.NotFound:
        abort(404)
    return redirect(url_for("learn.lesson", lesson_id=found.id))


@bp.get("/lesson/<int:lesson_id>")
@require()
def lesson(lesson_id):
    lesson = _lesson_or_404(lesson_id)
    version = lesson.published_version
    # The page carries the id of the opening recorded here, so a copy opened later from the phone's cache
    # can tell that its own opening is not yet known to the server.
    opened_id = ""
    if not request.headers.get("X-LMS-Download"):  # a download for later is not an opening
        opened_id = progress.new_id()
        _record(EventIn(uuid=opened_id, kind=EventKind.OPENED, lesson_id=lesson.id, version_id=version.id,
                        occurred_at=utcnow()))
    form = EventForm(event_id=progress.new_id())
    return render_template("learn/lesson.html", lesson=lesson, version=version, course=lesson.course,
                           parts=version_parts(lesson, preferences.save_data(request)),
                           state=progress.lesson_state(current_user, lesson.id), form=form, opened_id=opened_id,
                           next_lesson=catalog.next_lesson(lesson))


@bp.post("/lesson/<int:lesson_id>/read")
@require()
def mark_read(lesson_id):
    lesson = _lesson_or_404(lesson_id)
    form = EventForm()
    if not form.validate_on_submit():
        abort(400)
    version_id = request.form.get("version_id", type=int) or lesson.published_version_id
    result = _record(EventIn(uuid=form.event_id.data, kind=EventKind.READ, lesson_id=lesson.id,
                             version_id=version_id, occurred_at=utcnow()))
    if result.status == "rejected":
        abort(400)
    if progress.has_quiz(lesson):
        return redirect(url_for("learn.quiz", lesson_id=lesson.id))
    following = catalog.next_lesson(lesson)
    if following:
        return redirect(url_for("learn.lesson", lesson_id=following.id))
    return redirect(url_for("learn.course", course_id=lesson.course_id))


@bp.get("/lesson/<int:lesson_id>/quiz")
@require()
def quiz(lesson_id):
    """Start a new attempt at the published version's quiz."""
    lesson = _lesson_or_404(lesson_id)
    if not progress.has_quiz(lesson):
        abort(404)
    return redirect(url_for("learn.question", lesson_id=lesson.id, version_id=lesson.published_version_id,
                            attempt=progress.new_id(), number=1))


def _quiz_context(lesson_id, version_id, attempt):
    lesson = _lesson_or_404(lesson_id)
    try:
        version = catalog.quiz_version(lesson, version_id)
    except catalog.NotFound:
        abort(404)
    if not progress.is_uuid(attempt):
        abort(404)
    found, answers = progress.attempt_for(current_user, attempt)
    return lesson, version, found, answers


@bp.route("/lesson/<int:lesson_id>/quiz/<int:version_id>/<attempt>/<int:number>", methods=["GET", "POST"])
@require()
def question(lesson_id, version_id, attempt, number):
    lesson, version, found, answers = _quiz_context(lesson_id, version_id, attempt)
    if not 1 <= number <= len(version.questions):
        abort(404)
    question = version.questions[number - 1]
    form = EventForm()
    error = None
    if request.method == "POST" and question.id not in answers:
        choices = request.form.getlist("choice", type=int)
        if not form.validate_on_submit():
            abort(400)
        if not choices:
            error = _("Please choose an answer.")
        else:
            result = _record(EventIn(uuid=form.event_id.data, kind=EventKind.ANSWERED, lesson_id=lesson.id,
                                     version_id=version.id, occurred_at=utcnow(), attempt=attempt,
                                     question_id=question.id, choice_ids=tuple(sorted(set(choices)))))
            if result.status == "rejected":
                error = result.reason
            else:
                return redirect(request.path)
    answer = answers.get(question.id)
    chosen = {int(c) for c in answer.choice_ids.split(",")} if answer else set()
    form = EventForm(formdata=None, event_id=progress.new_id())
    return render_template("learn/question.html", lesson=lesson, version=version, question=question, number=number,
                           attempt=attempt, answer=answer, chosen=chosen, form=form, error=error,
                           total=len(version.questions), answered=len(answers))


@bp.get("/lesson/<int:lesson_id>/quiz/<int:version_id>/<attempt>/result")
@require()
def result(lesson_id, version_id, attempt):
    lesson, version, found, answers = _quiz_context(lesson_id, version_id, attempt)
    if found is None or found.score is None:
        return redirect(url_for("learn.question", lesson_id=lesson.id, version_id=version.id, attempt=attempt,
                                number=len(answers) + 1 if found else 1))
    state = progress.lesson_state(current_user, lesson.id)
    return render_template("learn/result.html", lesson=lesson, version=version, attempt=found, state=state,
                           pass_mark=version.pass_mark or current_app.config["LMS_PASS_MARK"],
                           next_lesson=catalog.next_lesson(lesson))


@bp.get("/progress")
@require()
def my_progress():
    return render_template("learn/progress.html", lessons=progress.completed_lessons(current_user),
                           courses=progress.completed_courses(current_user),
                           programmes=progress.completed_programmes(current_user),
                           current=progress.my_courses(current_user))


@bp.route("/settings", methods=["GET", "POST"])
@require()
def settings():
    """Reading comfort (kept with the person) and saving data (kept on this phone, as it is about its connection)."""
    form = SettingsForm()
    if form.validate_on_submit():
        accounts.set_reading_comfort(current_user, text_size=form.text_size.data,
                                     high_contrast=form.high_contrast.data)
        response = redirect(url_for("learn.settings"))
        response.set_cookie(preferences.SAVE_DATA_COOKIE, "1" if form.save_data.data else "0",
                            max_age=365 * 24 * 3600, samesite="Lax", secure=current_app.config["LMS_PRODUCTION"])
        flash(_("Saved."), "info")
        return response
    if request.method == "GET":
        form.text_size.data = current_user.text_size
        form.high_contrast.data = current_user.high_contrast
        form.save_data.data = preferences.save_data(request)
    return render_template("learn/settings.html", form=form)
