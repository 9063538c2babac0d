from flask import current_app, jsonify, request, url_for
from flask_login import current_user

from lms.api import bp
from lms.api.openapi import document
from lms.models.base import utcnow
from lms.permissions import public, require
from lms.services import catalog, offline, progress


def _iso(moment):
    return moment.isoformat().replace("+00:00", "Z") if moment else None


@bp.get("/openapi.json")
@public
def openapi():
    return jsonify(document())


@bp.get("/catalog")
@require()
def catalogue():
    """Published programmes, courses and lessons with their current versions, for offline download."""
    return jsonify(programmes=[{
        "slug": programme.slug, "kind": programme.kind.value, "title": programme.title,
        "courses": [{
            "id": course.id, "slug": course.slug, "title": course.title, "language": course.language,
            "lessons": [{"id": lesson.id, "slug": lesson.slug, "title": lesson.published_version.title,
                         "version": lesson.published_version_id, "minutes": lesson.published_version.minutes}
                        for lesson in catalog.course_lessons(course.id)],
        } for course in courses],
    } for programme, courses in catalog.programmes_for(current_user)])


@bp.get("/me/progress")
@require()
def my_progress():
    """The signed-in person's own progress; there is no way to ask for someone else's here."""
    lessons = [{
        "lesson": lesson.id, "course": lesson.course_id, "first_opened_at": _iso(state.first_opened_at),
        "read_at": _iso(state.read_at), "passed_at": _iso(state.passed_at), "completed_at": _iso(state.completed_at),
        "best_score": state.best_score, "attempts": state.attempts,
    } for lesson, state in progress.lesson_rows(current_user)]
    courses = [{"course": s.course.id, "title": s.course.title, "lessons": s.total, "completed_lessons": s.done,
                "completed_at": _iso(s.completed_at)} for s in progress.my_courses(current_user)]
    return jsonify(user={"username": current_user.username, "name": current_user.display_name},
                   lessons=lessons, courses=courses)


@bp.post("/progress/sync")
@require()
def sync():
    """Apply a batch of client-made events; each gets its own status, so a resent batch is safe."""
    if not request.is_json:
        return jsonify(error="expected a JSON body (Content-Type: application/json)"), 415
    body = request.get_json(silent=True)
    events = body.get("events") if isinstance(body, dict) else None
    # A shared phone says whose queue this is: never apply one learner's events as another's.
    if isinstance(body, dict) and body.get("user") not in (None, "", str(current_user.id), current_user.id):
        return jsonify(error="these events belong to another learner than the one signed in"), 409
    if not isinstance(events, list):
        return jsonify(error="expected {\"events\": [...]}"), 400
    limit = current_app.config["LMS_MAX_SYNC_BATCH"]
    if len(events) > limit:
        return jsonify(error=f"at most {limit} events per request"), 413
    parsed = []
    for raw in events:
        try:
            parsed.append(progress.parse_event(raw))
        except progress.EventRejected as rejected:
            rejected.event_id = str(raw.get("id", "")) if isinstance(raw, dict) else ""
            parsed.append(rejected)
    results = progress.record(current_user, parsed, now=utcnow(), pass_mark=current_app.config["LMS_PASS_MARK"])
    return jsonify(results=[{k: v for k, v in vars(r).items() if v is not None} for r in results],
                   accepted=sum(r.status == "accepted" for r in results),
                   duplicate=sum(r.status == "duplicate" for r in results),
                   rejected=sum(r.status == "rejected" for r in results))


@bp.get("/courses/<int:course_id>/offline")
@require()
def offline_plan(course_id):
    """The lesson pages, pictures and sounds to keep on a phone to study a course offline."""
    try:
        course = catalog.course_for(current_user, course_id)
    except catalog.NotFound:
        return jsonify(error="no such course"), 404
    need = max(1, min(request.args.get("need", 720, type=int), 4000))
    plan = offline.course_plan(course, need, current_app.config["LMS_MEDIA_DIR"], current_app.config["LMS_MEDIA_URL"])
    return jsonify(course=course.id, course_url=url_for("learn.course", course_id=course.id),
                   lessons=plan.lessons, files=plan.files, bytes=plan.bytes)
