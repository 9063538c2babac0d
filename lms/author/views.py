import tempfile
from pathlib import Path

from flask import (
    Response, abort, current_app, flash, jsonify, redirect, render_template, request, url_for,
)
from flask_babel import format_datetime, gettext as _
from flask_login import current_user

from lms.author import bp
from lms.extensions import csrf
from lms.author.forms import (
    ActionForm, AudioForm, CopyForm, CourseForm, EditorForm, NewCourseForm, NewLessonForm, PackForm, PictureForm,
    VoiceForm,
)
from lms.models import LessonStatus, QuestionKind
from lms.permissions import (
    AUTHORS, can_copy_lesson, can_create_course, can_delete_lesson, can_edit_course, can_edit_lesson, require,
)
from lms.services import authoring, media, packs, speech
from lms.services.authoring import ChoiceInput, CourseInput, DraftText, QuestionInput

# A pack carries a course's pictures and sounds as taken (a phone photo is several MB): more than one upload.
MAX_PACK_UPLOAD = 200 * 1024 * 1024


@bp.after_request
def _policy(response):
    # As the site's policy, plus blob: sounds, so a teacher can listen to a recording before sending it.
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; style-src 'self'; "
        "script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
    return response


def _error(status: int, message: str):
    if _wants_json():
        return jsonify(error=message), status
    return render_template("errors/error.html", status=status, message=message), status


@bp.errorhandler(authoring.NotAllowed)
def _not_allowed(_error_):
    return _error(403, _("You are not allowed to open this page."))


@bp.errorhandler(authoring.NotFound)
def _not_found(_error_):
    return _error(404, _("This page does not exist."))


def _wants_json() -> bool:
    return request.is_json or request.accept_mimetypes.best == "application/json"


def _media_root() -> Path:
    return Path(current_app.config["LMS_MEDIA_DIR"])


def _media_url() -> str:
    return current_app.config["LMS_MEDIA_URL"]


def _voice():
    return speech.voicer(current_app.config)


def _int(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _when(moment) -> str:
    return format_datetime(moment, "short")


# --- the library -------------------------------------------------------------------------------------------

@bp.get("/")
@require(*AUTHORS)
def library():
    """The courses a teacher works on, and the shared library to copy from."""
    return render_template("author/library.html", library=authoring.library(current_user), form=ActionForm(),
                           pack_form=PackForm(), can_create=can_create_course(current_user))


@bp.get("/others")
@require(*AUTHORS)
def others():
    """Published courses of other centers, to copy and adapt."""
    query = request.args.get("q", "").strip()[:100]
    page = max(1, request.args.get("page", 1, type=int))
    found, total = authoring.other_centers(current_user, query, page)
    return render_template("author/others.html", found=found, total=total, query=query, page=page, per_page=20,
                           form=ActionForm())


@bp.post("/import")
@require(*AUTHORS)
@csrf.exempt  # the site-wide check would read the body under the smaller limit; PackForm checks the token instead
def import_pack():
    """A content pack from a USB stick: checked like `lms content import`, imported whole or not at all."""
    request.max_content_length = MAX_PACK_UPLOAD
    form = PackForm()
    if not form.validate_on_submit() or not form.pack.data:
        flash(_("Choose a .zip file."), "error")
        return redirect(url_for("author.library"))
    with tempfile.TemporaryDirectory(prefix="lms-upload-") as tmp:
        path = Path(tmp) / "pack.zip"
        form.pack.data.save(path)
        try:
            report = authoring.import_pack(current_user, path, media_root=_media_root(), media_url=_media_url(),
                                           voice=_voice())
        except packs.PackError as error:
            return render_template("author/import_problems.html", problems=error.problems,
                                   name=form.pack.data.filename), 400
    flash(_("Imported: %(created)s new lessons, %(updated)s updated, %(unchanged)s unchanged.",
            created=report.created, updated=report.updated, unchanged=report.unchanged), "info")
    return redirect(url_for("author.library"))


# --- courses -----------------------------------------------------------------------------------------------

def _course_input(form: CourseForm) -> CourseInput:
    return CourseInput(title=form.title.data or "", description=form.description.data or "",
                       subject=form.subject.data or "", term=form.term.data, language=(form.language.data or "").strip())


@bp.route("/courses/new", methods=["GET", "POST"])
@require(*AUTHORS)
def new_course():
    if not can_create_course(current_user):
        raise authoring.NotAllowed()
    form = NewCourseForm()
    form.programme.choices = [(p.id, p.title) for p in authoring.programmes()]
    problems = []
    if form.validate_on_submit():
        try:
            course = authoring.create_course(current_user, form.programme.data, _course_input(form))
        except authoring.Invalid as error:
            problems = error.problems
        else:
            flash(_("The course was created. Add its first lesson."), "info")
            return redirect(url_for("author.course", course_id=course.id))
    return render_template("author/course_form.html", form=form, problems=problems, course=None)


@bp.route("/courses/<int:course_id>", methods=["GET", "POST"])
@require(*AUTHORS)
def course(course_id):
    """A course: its lessons in order (up/down buttons on a phone, dragging on a laptop), its details, its pack."""
    course = authoring.course_for(current_user, course_id)
    editable = can_edit_course(current_user, course)
    form = CourseForm(obj=course) if editable else None
    problems = []
    if request.method == "POST":
        if not editable:
            raise authoring.NotAllowed()
        if form.validate_on_submit():
            try:
                authoring.update_course(current_user, course, _course_input(form))
            except authoring.Invalid as error:
                problems = error.problems
            else:
                flash(_("Saved."), "info")
                return redirect(url_for("author.course", course_id=course.id))
    lessons = sorted(authoring.visible_lessons(current_user, course), key=lambda item: (item.position, item.id))
    return render_template("author/course.html", course=course, editable=editable, form=form, problems=problems,
                           lessons=lessons, titles=authoring.titles(current_user, lessons), action=ActionForm(), new_lesson=NewLessonForm(),
                           can_copy=can_create_course(current_user),
                           can_edit_lesson=lambda lesson: can_edit_lesson(current_user, lesson),
                           can_copy_lesson=lambda lesson: can_copy_lesson(current_user, lesson))


@bp.post("/courses/<int:course_id>/lessons")
@require(*AUTHORS)
def new_lesson(course_id):
    course = authoring.get_course(course_id)
    if not can_edit_course(current_user, course):
        raise authoring.NotAllowed()  # before the form is read: a refusal does not depend on what was sent
    form = NewLessonForm()
    if not form.validate_on_submit():
        flash(_("Give the lesson a title."), "error")
        return redirect(url_for("author.course", course_id=course.id))
    try:
        lesson = authoring.create_lesson(current_user, course, form.title.data)
    except authoring.Invalid as error:
        for problem in error.problems:
            flash(problem, "error")
        return redirect(url_for("author.course", course_id=course.id))
    return redirect(url_for("author.edit", lesson_id=lesson.id))


@bp.post("/courses/<int:course_id>/order")
@require(*AUTHORS)
def order(course_id):
    """The order of a course's lessons after dragging (JSON list of lesson ids)."""
    course = authoring.get_course(course_id)
    if not can_edit_course(current_user, course):
        raise authoring.NotAllowed()
    ids = (request.get_json(silent=True) or {}).get("lessons")
    if not isinstance(ids, list) or not all(isinstance(i, int) for i in ids):
        return jsonify(error=_("These lessons are not all in this course.")), 400
    try:
        authoring.reorder_lessons(current_user, course, ids)
    except authoring.Invalid as error:
        return jsonify(error=str(error)), 400
    return jsonify(ok=True)


@bp.post("/lessons/<int:lesson_id>/move")
@require(*AUTHORS)
def move(lesson_id):
    lesson = authoring.get_lesson(lesson_id)
    if ActionForm().validate_on_submit():
        authoring.move_lesson(current_user, lesson, -1 if request.form.get("direction") == "up" else 1)
    return redirect(url_for("author.course", course_id=lesson.course_id) + f"#lesson-{lesson.id}")


@bp.post("/courses/<int:course_id>/copy")
@require(*AUTHORS)
def copy_course(course_id):
    course = authoring.course_for(current_user, course_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    copy = authoring.copy_course(current_user, course)
    flash(_("The course was copied into your drafts. Adapt its lessons, then publish them."), "info")
    return redirect(url_for("author.course", course_id=copy.id))


@bp.route("/lessons/<int:lesson_id>/copy", methods=["GET", "POST"])
@require(*AUTHORS)
def copy_lesson(lesson_id):
    lesson = authoring.get_lesson(lesson_id)
    if not can_copy_lesson(current_user, lesson):
        raise authoring.NotAllowed()
    form = CopyForm()
    targets = authoring.copy_targets(current_user)
    form.course.choices = [(c.id, f"{c.programme.title} · {c.title}") for c in targets]
    if form.validate_on_submit():
        copy = authoring.copy_lesson(current_user, lesson, authoring.get_course(form.course.data))
        flash(_("The lesson was copied into your drafts."), "info")
        return redirect(url_for("author.edit", lesson_id=copy.id))
    return render_template("author/copy.html", lesson=lesson, form=form, targets=targets)


@bp.get("/courses/<int:course_id>/pack.zip")
@require(*AUTHORS)
def export_pack(course_id):
    """The course as a content pack, to carry on a USB stick to a center without internet."""
    course = authoring.get_course(course_id)
    data = authoring.export_course(current_user, course, media_root=_media_root())
    response = Response(data, mimetype="application/zip")
    response.headers["Content-Disposition"] = f'attachment; filename="{course.slug}.zip"'
    return response


# --- the editor ----------------------------------------------------------------------------------------------

def _editor_page(lesson, *, form=None, conflict=None, problems=None, status=200):
    draft = authoring.draft_for(lesson)
    if form is None:
        form = EditorForm(obj=draft, formdata=None)
        form.revision.data = draft.revision
    return render_template(
        "author/editor.html", lesson=lesson, course=lesson.course, draft=draft, form=form, conflict=conflict,
        problems=problems or [], changed=authoring.has_changes(draft), picture_form=PictureForm(formdata=None),
        audio_form=AudioForm(formdata=None), voice_form=VoiceForm(formdata=None, machine_voice=lesson.machine_voice),
        action=ActionForm(), can_delete=can_delete_lesson(current_user, lesson) and lesson.published_version_id is None,
        draft_html=authoring.preview_html(draft, media_url=_media_url()), pictures=authoring.draft_pictures(draft),
        when=_when), status


@bp.route("/lessons/<int:lesson_id>/edit", methods=["GET", "POST"])
@require(*AUTHORS)
def edit(lesson_id):
    """The editor: the text with a toolbar and a preview, pictures, narration, links to the quiz and history."""
    lesson = authoring.lesson_for_editing(current_user, lesson_id)
    if request.method == "GET":
        return _editor_page(lesson)
    form = EditorForm()
    if not form.validate_on_submit():
        return _editor_page(lesson, form=form, status=400)
    try:
        authoring.save_draft(current_user, lesson, _int(form.revision.data, 0), DraftText(
            title=form.title.data or "", markdown=form.markdown.data or "", minutes=form.minutes.data,
            language=(form.language.data or "").strip(), tags=form.tags.data or "", pass_mark=form.pass_mark.data))
    except authoring.Conflict as error:
        # Both texts stay: theirs is shown, this person's stays in the form and is saved over theirs only if
        # they press Save again (the form now carries the current revision).
        form.revision.data = error.current.revision
        return _editor_page(lesson, form=form, conflict=error.current, status=409)
    except authoring.Invalid as error:
        return _editor_page(lesson, form=form, problems=error.problems, status=400)
    flash(_("Saved on the server."), "info")
    return redirect(url_for("author.edit", lesson_id=lesson.id))


@bp.post("/lessons/<int:lesson_id>/draft")
@require(*AUTHORS)
def autosave(lesson_id):
    """Autosave from editor.js (JSON): 200 with the new revision, or 409 with the text someone else saved."""
    lesson = authoring.lesson_for_editing(current_user, lesson_id)
    data = request.get_json(silent=True)
    if not isinstance(data, dict) or _int(data.get("revision")) is None:
        return jsonify(error=_("The draft could not be read.")), 400
    text = DraftText(title=str(data.get("title") or ""), markdown=str(data.get("markdown") or ""),
                     minutes=_int(data.get("minutes"), 0), language=str(data.get("language") or "").strip(),
                     tags=str(data.get("tags") or ""), pass_mark=_int(data.get("pass_mark")))
    try:
        draft = authoring.save_draft(current_user, lesson, _int(data["revision"]), text,
                                     editor_key=str(data.get("editor") or "")[:36] or None)
    except authoring.Conflict as error:
        theirs = error.current
        return jsonify(error=str(error), conflict=True, revision=theirs.revision, title=theirs.title,
                       markdown=theirs.markdown,
                       by=theirs.updated_by.display_name if theirs.updated_by else "",
                       at=_when(theirs.updated_at)), 409
    except authoring.Invalid as error:
        return jsonify(error=" ".join(error.problems), problems=error.problems), 400
    return jsonify(revision=draft.revision, at=_when(draft.updated_at))


@bp.route("/lessons/<int:lesson_id>/preview", methods=["GET", "POST"])
@require(*AUTHORS)
def preview(lesson_id):
    """The lesson as a learner will see it. POST (editor.js): the text as typed, as an HTML fragment.
    GET: a whole page; the draft for those who edit it, the published version for those who may copy it."""
    lesson = authoring.get_lesson(lesson_id)
    if request.method == "POST" or can_edit_lesson(current_user, lesson):
        lesson = authoring.lesson_for_editing(current_user, lesson_id)
        draft = authoring.draft_for(lesson)
        if request.method == "POST":
            data = request.get_json(silent=True) or {}
            html = authoring.preview_html(draft, str(data.get("markdown") or ""), media_url=_media_url())
            return render_template("author/_preview.html", item=draft, html=html,
                                   title=str(data.get("title") or ""), lesson=lesson)
        return render_template("author/preview.html", lesson=lesson, item=draft, title=draft.title,
                               html=authoring.preview_html(draft, media_url=_media_url()), is_draft=True)
    if not can_copy_lesson(current_user, lesson):
        raise authoring.NotAllowed()
    version = lesson.published_version
    return render_template("author/preview.html", lesson=lesson, item=version, title=version.title, html=version.html,
                           is_draft=False)


@bp.post("/lessons/<int:lesson_id>/pictures")
@require(*AUTHORS)
def picture(lesson_id):
    """A picture from the phone's camera or gallery. editor.js inserts the Markdown it answers at the cursor;
    without JavaScript it is added at the end of the text."""
    lesson = authoring.lesson_for_editing(current_user, lesson_id)
    form = PictureForm()
    json = _wants_json()
    if not form.validate_on_submit() or not form.picture.data:
        return _refuse(lesson, [_("Choose a picture.")], json)
    try:
        path, snippet = authoring.add_picture(current_user, lesson, form.picture.data.read(), form.alt.data or "",
                                              media_root=_media_root())
    except media.MediaError as error:
        return _refuse(lesson, [str(error)], json)
    except authoring.Invalid as error:
        return _refuse(lesson, error.problems, json)
    if json:  # with the picture's place in the list of clips, so its clip can be recorded at once
        draft = authoring.draft_for(lesson)
        clip = render_template("author/_picture_clip.html", picture=authoring.added_picture(draft, path, form.alt.data),
                               lesson=lesson, draft=draft, action=ActionForm(), audio_form=AudioForm(formdata=None))
        return jsonify(path=path, markdown=snippet, clip=clip)
    try:
        authoring.append_to_text(current_user, lesson, _int(form.revision.data, 0), snippet)
    except authoring.Conflict:
        flash(_("The picture is kept, but the text changed meanwhile: add this line where you want it: %(md)s",
                md=snippet), "error")
    else:
        flash(_("The picture was added at the end of the text."), "info")
    return redirect(url_for("author.edit", lesson_id=lesson.id) + "#pictures")


def _refuse(lesson, problems, json):
    if json:
        return jsonify(error=" ".join(problems), problems=problems), 400
    return _editor_page(lesson, problems=problems, status=400)


@bp.post("/lessons/<int:lesson_id>/narration")
@require(*AUTHORS)
def narration(lesson_id):
    """Narration of the whole lesson: a file, or a recording made in the browser and listened to first."""
    lesson = authoring.lesson_for_editing(current_user, lesson_id)
    return _lesson_audio(lesson, lambda data: authoring.set_narration(current_user, lesson, data,
                                                                      media_root=_media_root()),
                         _("The narration was saved. It is published with the lesson."), "#narration")


def _lesson_audio(lesson, store, saved: str, anchor: str):
    """Store a sound sent for a lesson (a file from the form, or the recorder's JSON request) with `store(data)`."""
    form = AudioForm()
    json = _wants_json()
    if not form.validate_on_submit() or not form.audio.data:
        return _refuse(lesson, [_("Choose a sound file or record one.")], json)
    try:
        asset = store(form.audio.data.read())
    except media.MediaError as error:
        return _refuse(lesson, [str(error)], json)
    if json:
        return jsonify(url=current_app.jinja_env.globals["media_url"](asset))
    flash(saved, "info")
    return redirect(url_for("author.edit", lesson_id=lesson.id) + anchor)


@bp.post("/lessons/<int:lesson_id>/narration/remove")
@require(*AUTHORS)
def remove_narration(lesson_id):
    lesson = authoring.lesson_for_editing(current_user, lesson_id)
    if ActionForm().validate_on_submit():
        authoring.clear_narration(current_user, lesson)
    return redirect(url_for("author.edit", lesson_id=lesson.id) + "#narration")


@bp.post("/lessons/<int:lesson_id>/pictures/audio")
@require(*AUTHORS)
def picture_audio(lesson_id):
    """A short clip of a picture of the text (what it shows, read aloud): a file, or a recording made in the browser.
    The picture's path comes in the form, or from the recorder in the query string (`?path=media/…`)."""
    lesson = authoring.lesson_for_editing(current_user, lesson_id)
    path = request.values.get("path", "")
    return _lesson_audio(lesson, lambda data: authoring.set_picture_audio(current_user, lesson, path, data,
                                                                          media_root=_media_root()),
                         _("The recording was saved."), "#pictures")


@bp.post("/lessons/<int:lesson_id>/pictures/audio/remove")
@require(*AUTHORS)
def remove_picture_audio(lesson_id):
    lesson = authoring.lesson_for_editing(current_user, lesson_id)
    path = request.form.get("path", "")
    if ActionForm().validate_on_submit() and path:
        authoring.clear_picture_audio(current_user, lesson, path)
    return redirect(url_for("author.edit", lesson_id=lesson.id) + "#pictures")


@bp.post("/lessons/<int:lesson_id>/voice")
@require(*AUTHORS)
def machine_voice(lesson_id):
    lesson = authoring.lesson_for_editing(current_user, lesson_id)
    form = VoiceForm()
    if form.validate_on_submit():
        authoring.set_machine_voice(current_user, lesson, bool(form.machine_voice.data), _voice())
        flash(_("Saved."), "info")
    return redirect(url_for("author.edit", lesson_id=lesson.id) + "#narration")


@bp.post("/lessons/<int:lesson_id>/publish")
@require(*AUTHORS)
def publish(lesson_id):
    lesson = authoring.lesson_for_editing(current_user, lesson_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        version = authoring.publish(current_user, lesson, media_url=_media_url(), voice=_voice(),
                                    revision=_int(request.form.get("revision")))
    except authoring.Invalid as error:
        return _editor_page(lesson, problems=error.problems, status=400)
    except authoring.Conflict:
        return _editor_page(lesson, problems=[_("The text changed since this page was opened. Check it, then "
                                                "publish again.")], status=409)
    except authoring.NothingToPublish as error:
        flash(str(error), "info")
        return redirect(url_for("author.edit", lesson_id=lesson.id))
    flash(_("Published as version %(n)s. Learners see it now.", n=version.number), "info")
    return redirect(url_for("author.edit", lesson_id=lesson.id))


@bp.post("/lessons/<int:lesson_id>/unpublish")
@require(*AUTHORS)
def unpublish(lesson_id):
    lesson = authoring.lesson_for_editing(current_user, lesson_id)
    if ActionForm().validate_on_submit():
        authoring.unpublish(current_user, lesson)
        flash(_("The lesson was taken down. Learners no longer see it; their progress is kept."), "info")
    return redirect(url_for("author.edit", lesson_id=lesson.id))


@bp.post("/lessons/<int:lesson_id>/delete")
@require(*AUTHORS)
def delete(lesson_id):
    lesson = authoring.get_lesson(lesson_id)
    course_id = lesson.course_id
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        authoring.delete_lesson(current_user, lesson)
    except authoring.Invalid as error:
        flash(str(error), "error")
        return redirect(url_for("author.edit", lesson_id=lesson_id))
    flash(_("The draft was deleted."), "info")
    return redirect(url_for("author.course", course_id=course_id))


# --- the quiz ------------------------------------------------------------------------------------------------

def _question_input() -> QuestionInput:
    try:
        kind = QuestionKind(request.form.get("kind", "single"))
    except ValueError:
        kind = QuestionKind.SINGLE
    choices = []
    for i in range(authoring.MAX_CHOICES):
        upload = request.files.get(f"choice-{i}-picture")
        data = upload.read() if upload and upload.filename else None
        image_id = None if request.form.get(f"choice-{i}-drop") else _int(request.form.get(f"choice-{i}-image"))
        choices.append(ChoiceInput(text=request.form.get(f"choice-{i}-text", ""),
                                   correct=request.form.get(f"choice-{i}-right") == "1", image_id=image_id, image=data))
    return QuestionInput(kind=kind, text=request.form.get("text", ""), explanation=request.form.get("explanation", ""),
                         choices=choices)


def _question_values(question=None, data: QuestionInput = None) -> dict:
    """What the question form shows: a saved question, or what was just typed."""
    if data is not None:
        choices = [{"text": c.text, "right": c.correct, "image": authoring.picture(c.image_id)} for c in data.choices]
        values = {"kind": data.kind.value, "text": data.text, "explanation": data.explanation}
    elif question is not None:
        choices = [{"text": c.text, "right": c.is_correct, "image": c.image} for c in question.choices]
        values = {"kind": question.kind.value, "text": question.text, "explanation": question.explanation}
    else:
        choices, values = [], {"kind": "single", "text": "", "explanation": ""}
    rows = min(authoring.MAX_CHOICES, max(4, len(choices) + 1))
    values["choices"] = choices + [{"text": "", "right": False, "image": None}] * (rows - len(choices))
    return values


def _quiz_page(lesson, values=None, problems=None, status=200):
    draft = authoring.draft_for(lesson)
    return render_template("author/quiz.html", lesson=lesson, draft=draft, action=ActionForm(),
                           values=values or _question_values(), problems=problems or []), status


@bp.route("/lessons/<int:lesson_id>/quiz", methods=["GET", "POST"])
@require(*AUTHORS)
def quiz(lesson_id):
    """The quiz: its questions in order, and a form to add one."""
    lesson = authoring.lesson_for_editing(current_user, lesson_id)
    if request.method == "GET":
        return _quiz_page(lesson)
    if not ActionForm().validate_on_submit():
        abort(400)
    data = _question_input()
    try:
        authoring.add_question(current_user, lesson, data, media_root=_media_root())
    except (authoring.Invalid, media.MediaError) as error:
        problems = error.problems if isinstance(error, authoring.Invalid) else [str(error)]
        return _quiz_page(lesson, values=_question_values(data=data), problems=problems, status=400)
    flash(_("The question was added."), "info")
    return redirect(url_for("author.quiz", lesson_id=lesson.id) + "#add")


@bp.route("/questions/<int:question_id>", methods=["GET", "POST"])
@require(*AUTHORS)
def question(question_id):
    question = authoring.get_question(current_user, question_id)
    lesson = question.draft.lesson
    values, problems, conflict, status = _question_values(question), [], None, 200
    revision = question.revision
    if request.method == "POST":
        if not ActionForm().validate_on_submit():
            abort(400)
        data = _question_input()
        try:
            authoring.update_question(current_user, question, _int(request.form.get("revision"), 0), data,
                                      media_root=_media_root())
        except authoring.Conflict as error:
            conflict, status = error.current, 409
            values, revision = _question_values(data=data), error.current.revision
        except (authoring.Invalid, media.MediaError) as error:
            problems = error.problems if isinstance(error, authoring.Invalid) else [str(error)]
            values, status, revision = _question_values(data=data), 400, _int(request.form.get("revision"), 0)
        else:
            flash(_("The question was saved."), "info")
            return redirect(url_for("author.quiz", lesson_id=lesson.id) + f"#question-{question.id}")
    return render_template("author/question.html", lesson=lesson, question=question, values=values, revision=revision,
                           problems=problems, conflict=conflict, action=ActionForm(),
                           audio_form=AudioForm(formdata=None)), status


@bp.post("/questions/<int:question_id>/move")
@require(*AUTHORS)
def move_question(question_id):
    question = authoring.get_question(current_user, question_id)
    if ActionForm().validate_on_submit():
        authoring.move_question(current_user, question, -1 if request.form.get("direction") == "up" else 1)
    return redirect(url_for("author.quiz", lesson_id=question.draft.lesson_id) + f"#question-{question.id}")


@bp.post("/questions/<int:question_id>/delete")
@require(*AUTHORS)
def delete_question(question_id):
    question = authoring.get_question(current_user, question_id)
    lesson_id = question.draft.lesson_id
    if ActionForm().validate_on_submit():
        authoring.delete_question(current_user, question)
        flash(_("The question was deleted."), "info")
    return redirect(url_for("author.quiz", lesson_id=lesson_id))


@bp.post("/questions/<int:question_id>/audio")
@require(*AUTHORS)
def question_audio(question_id):
    """A short recorded clip of the question; it replaces the machine voice for it."""
    question = authoring.get_question(current_user, question_id)
    form = AudioForm()
    json = _wants_json()
    message = None
    if not form.validate_on_submit() or not form.audio.data:
        message = _("Choose a sound file or record one.")
    else:
        try:
            asset = authoring.set_question_audio(current_user, question, form.audio.data.read(),
                                                 media_root=_media_root())
        except media.MediaError as error:
            message = str(error)
    if json:
        if message:
            return jsonify(error=message), 400
        return jsonify(url=current_app.jinja_env.globals["media_url"](asset))
    flash(message or _("The recording was saved."), "error" if message else "info")
    return redirect(url_for("author.question", question_id=question.id) + "#audio")


@bp.post("/questions/<int:question_id>/audio/remove")
@require(*AUTHORS)
def remove_question_audio(question_id):
    question = authoring.get_question(current_user, question_id)
    if ActionForm().validate_on_submit():
        authoring.clear_question_audio(current_user, question)
    return redirect(url_for("author.question", question_id=question.id) + "#audio")


# --- history ---------------------------------------------------------------------------------------------------

@bp.get("/lessons/<int:lesson_id>/history")
@require(*AUTHORS)
def history(lesson_id):
    """Every version: who made it and when, what changed, and restoring an old one."""
    lesson = authoring.lesson_for_editing(current_user, lesson_id)
    draft = authoring.draft_for(lesson)
    return render_template("author/history.html", lesson=lesson, draft=draft, rows=authoring.history(lesson),
                           changed=authoring.has_changes(draft), action=ActionForm(), when=_when)


@bp.get("/lessons/<int:lesson_id>/history/<int:version_id>")
@require(*AUTHORS)
def version_diff(lesson_id, version_id):
    """What a version changed from the one before it."""
    lesson = authoring.lesson_for_editing(current_user, lesson_id)
    version = authoring.version_of(lesson, version_id)
    before = authoring.previous_version(version)
    lines = authoring.diff(authoring.content_lines(before) if before else None, authoring.content_lines(version))
    return render_template("author/diff.html", lesson=lesson, version=version, before=before, lines=lines,
                           draft=None, when=_when)


@bp.get("/lessons/<int:lesson_id>/changes")
@require(*AUTHORS)
def changes(lesson_id):
    """What the draft changes from the latest version: what publishing would change."""
    lesson = authoring.lesson_for_editing(current_user, lesson_id)
    draft = authoring.draft_for(lesson)
    before = packs.latest_version(lesson.id)
    lines = authoring.diff(authoring.content_lines(before) if before else None, authoring.content_lines(draft))
    return render_template("author/diff.html", lesson=lesson, version=None, before=before, lines=lines, draft=draft,
                           when=_when)


@bp.post("/lessons/<int:lesson_id>/history/<int:version_id>/restore")
@require(*AUTHORS)
def restore(lesson_id, version_id):
    lesson = authoring.lesson_for_editing(current_user, lesson_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        version = authoring.restore(current_user, lesson, version_id, media_url=_media_url(), voice=_voice(),
                                    revision=_int(request.form.get("revision")))
    except authoring.Conflict:
        flash(_("The draft changed since this page was opened. Look at it again before restoring."), "error")
        return redirect(url_for("author.history", lesson_id=lesson.id))
    if lesson.status is LessonStatus.PUBLISHED:
        flash(_("Restored as version %(n)s. Learners see it now.", n=version.number), "info")
    else:
        flash(_("Restored into the draft as version %(n)s.", n=version.number), "info")
    return redirect(url_for("author.history", lesson_id=lesson.id))
