from flask import current_app, g, jsonify, request, url_for
from sqlalchemy import select

from lms.extensions import db
from lms.models import Center
from flask_login import current_user

from lms.api import bp
from lms.api.openapi import document
from lms.models.base import utcnow
from lms.permissions import public, require, require_token
from lms.services import catalog, offline, progress


# The largest id of a course (PostgreSQL's integer): a bigger one names nothing, and PostgreSQL refuses to even
# compare one with the column (SQLite one beyond 64 bits).
MAX_ID = 2 ** 31 - 1
# Statistics periods: years the figures can be computed for (local midnights stay within Python's dates).
PERIOD_YEARS = (1900, 2999)


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
    for raw, result in zip(events, results):
        # The id as the client wrote it (any case, braces or not): that is what it looks its queue up by.
        if isinstance(raw, dict) and isinstance(raw.get("id"), str):
            result.id = raw["id"]
    return jsonify(results=[{k: v for k, v in vars(r).items() if v is not None} for r in results],
                   accepted=sum(r.status == "accepted" for r in results),
                   duplicate=sum(r.status == "duplicate" for r in results),
                   rejected=sum(r.status == "rejected" for r in results))


@bp.get("/courses/<int:course_id>/offline")
@require()
def offline_plan(course_id):
    """The lesson pages, pictures and sounds to keep on a phone to study a course offline."""
    try:
        if course_id > MAX_ID:
            raise catalog.NotFound
        course = catalog.course_for(current_user, course_id)
    except catalog.NotFound:
        return jsonify(error="no such course"), 404
    try:
        need = max(1, min(int(request.args.get("need", "720")), 4000))
    except ValueError:
        return jsonify(error="need must be a whole number of pixels"), 400
    plan = offline.course_plan(course, need, current_app.config["LMS_MEDIA_DIR"], current_app.config["LMS_MEDIA_URL"])
    return jsonify(course=course.id, course_url=url_for("learn.course", course_id=course.id),
                   lessons=plan.lessons, files=plan.files, bytes=plan.bytes)


# --- statistics for the education sector's database (API tokens) --------------------------------

PERIOD_ERROR = (f"give the period as ?from=YYYY-MM-DD&to=YYYY-MM-DD, from not after to, "
                f"in the years {PERIOD_YEARS[0]} to {PERIOD_YEARS[1]}")


def _stats_request(scope):
    from datetime import date

    from lms.reports.views import settings
    from lms.services import stats
    try:
        start = date.fromisoformat(request.args.get("from", ""))
        end = date.fromisoformat(request.args.get("to", ""))
    except ValueError:
        return None
    if end < start or start.year < PERIOD_YEARS[0] or end.year > PERIOD_YEARS[1]:
        return None
    return stats.Period(start, end, current_app.config["BABEL_DEFAULT_TIMEZONE"]), settings()


def _rate_card(m):
    return {"year": m.year, "illiterate": m.illiterate, "phase1_completed": m.phase1_completed,
            "phase1_new": m.phase1_new, "phase1_rate": m.phase1_rate, "phase2_new": m.phase2_new,
            "phase2_rate": m.phase2_rate, "needs_learners": m.needs_learners,
            "needs_learners_last_year": m.needs_learners_before, "needs_growth": m.needs_growth,
            "targets": m.targets, "met": m.met}


@bp.get("/stats/centers")
@require_token
def stats_centers():
    """Every center the token may read, with its figures for the period (?from=YYYY-MM-DD&to=YYYY-MM-DD)."""
    from lms.services import stats
    asked = _stats_request(None)
    if asked is None:
        return jsonify(error=PERIOD_ERROR), 400
    period, settings = asked
    token = g.api_token
    if token.center_id:
        scopes = {token.center_id: stats.Scope(center_id=token.center_id)}
        figures = {token.center_id: next(iter(stats.figures(scopes[token.center_id], period, settings=settings).values()))}
        mob = {token.center_id: next(iter(stats.mobilisation(scopes[token.center_id], period.end.year, settings).values()))}
    else:
        scope = stats.Scope(province_id=token.province_id)
        figures = stats.figures(scope, period, dimension="center", settings=settings)
        mob = stats.mobilisation(scope, period.end.year, settings, by_center=True)
    centers = {c.id: c for c in db.session.scalars(select(Center).where(Center.id.in_(list(mob))))}
    return jsonify(period={"from": period.start.isoformat(), "to": period.end.isoformat()}, centers=[{
        "code": centers[cid].code, "name": centers[cid].name,
        "figures": figures.get(cid, {n: stats.empty(n) for n in stats.INDICATORS}),
        "mobilisation": _rate_card(m)} for cid, m in mob.items()])


@bp.get("/stats/centers/<code>")
@require_token
def stats_center(code):
    """One center's figures, breakdowns, months and funnel for the period."""
    from lms.permissions import token_sees_center
    from lms.services import stats
    center = db.session.scalar(select(Center).where(Center.code == code))
    if center is None or not token_sees_center(g.api_token, center):
        return jsonify(error="no such center for this token"), 404
    asked = _stats_request(None)
    if asked is None:
        return jsonify(error=PERIOD_ERROR), 400
    period, settings = asked
    scope = stats.Scope(center_id=center.id)
    breakdowns = {d: {str(k): v for k, v in stats.figures(scope, period, dimension=d, settings=settings).items()}
                  for d in ("sex", "kinh", "ethnic", "age", "class")}
    return jsonify(center={"code": center.code, "name": center.name},
                   period={"from": period.start.isoformat(), "to": period.end.isoformat()},
                   figures=next(iter(stats.figures(scope, period, settings=settings).values())),
                   breakdowns=breakdowns, monthly=stats.monthly(scope, period, settings=settings),
                   funnel=stats.funnel(scope, period, settings=settings),
                   mobilisation=_rate_card(next(iter(stats.mobilisation(scope, period.end.year, settings).values()))))
