"""The OpenAPI 3.1 description of /api/v1."""

_TIME = {"type": ["string", "null"], "format": "date-time"}
_INT = {"type": "integer"}
_STR = {"type": "string"}


def _object(properties: dict, optional: dict | None = None, **extra) -> dict:
    """An object that always has `properties` and may have `optional` ones."""
    return {"type": "object", "properties": {**properties, **(optional or {})}, "required": list(properties), **extra}


_ERROR = _object({"error": _STR})

_PERIOD = [{"name": "from", "in": "query", "required": True, "schema": {"type": "string", "format": "date"},
            "description": "first day of the period (local dates, both ends included), in the years 1900 to 2999"},
           {"name": "to", "in": "query", "required": True, "schema": {"type": "string", "format": "date"},
            "description": "last day of the period: not before `from`, in the years 1900 to 2999"}]
_BAD_PERIOD = {"description": "no period, or one that runs backwards or lies outside the years 1900 to 2999",
               "content": {"application/json": {"schema": _ERROR}}}
_PERIOD_OUT = _object({"from": {"type": "string", "format": "date"}, "to": {"type": "string", "format": "date"}})
# The indicators of docs/indicators.md: counts, and rates or a median that are null when there is nothing to count.
_FIGURES = _object({**{name: _INT for name in ("enrolled", "new_enrolled", "active_7", "active_30",
                                                "lessons_completed", "courses_completed", "phases_online",
                                                "phases_confirmed")},
                    **{name: {"type": ["number", "null"]} for name in ("completion_rate", "median_days",
                                                                        "quiz_pass_rate")}},
                   description="see docs/indicators.md")
_RATE = {"type": ["number", "null"]}
_MOBILISATION = _object({
    "year": _INT, "illiterate": {"type": ["integer", "null"]}, "phase1_completed": {"type": ["integer", "null"]},
    "phase1_new": _INT, "phase1_rate": _RATE, "phase2_new": _INT, "phase2_rate": _RATE, "needs_learners": _INT,
    "needs_learners_last_year": _INT, "needs_growth": _RATE,
    "targets": {"type": "object", "additionalProperties": {"type": "number"}},
    "met": {"type": "object", "additionalProperties": {"type": ["boolean", "null"]},
            "description": "whether each target is met; null when its rate cannot be computed"}})
_CENTER_FIGURES = _object({"code": _STR, "name": _STR, "figures": _FIGURES, "mobilisation": _MOBILISATION})
_CENTER_REPORT = _object({
    "center": _object({"code": _STR, "name": _STR}), "period": _PERIOD_OUT, "figures": _FIGURES,
    "breakdowns": _object({d: {"type": "object", "additionalProperties": _FIGURES,
                               "description": "the figures of each group"}
                           for d in ("sex", "kinh", "ethnic", "age", "class")}),
    "monthly": {"type": "array", "items": _object({"month": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"},
                                                    "new_enrolled": _INT, "active": _INT,
                                                    "lessons_completed": _INT})},
    "funnel": {"type": "array", "items": _object({"course_id": _INT, "course": _STR, "enrolled": _INT,
                                                   "started": _INT, "half_way": _INT, "completed": _INT})},
    "mobilisation": _MOBILISATION})


def _json(schema):
    return {"content": {"application/json": {"schema": schema}}}


def document() -> dict:
    event = {
        "type": "object",
        "required": ["id", "type", "lesson", "version", "at"],
        "properties": {
            "id": {"type": "string", "format": "uuid", "description": "made by the client; sending it again is harmless"},
            "type": {"type": "string", "enum": ["opened", "read", "answered"]},
            "lesson": {"type": "integer"},
            "version": {"type": "integer", "description": "the lesson version the learner saw"},
            "at": {"type": "string", "format": "date-time", "description": "when it happened on the phone"},
            "attempt": {"type": "string", "format": "uuid", "description": "answered: the quiz attempt"},
            "question": {"type": "integer", "description": "answered: the question"},
            "choices": {"type": "array", "items": {"type": "integer"}, "description": "answered: chosen choice ids"},
        },
    }
    result = _object({
        "id": {"type": "string", "description": "the event's id as sent"},
        "status": {"type": "string", "enum": ["accepted", "duplicate", "rejected"]},
    }, {
        "reason": {"type": "string", "description": "rejected: why"},
        "correct": {"type": "boolean", "description": "answered and accepted: whether the answer was right"},
    })
    lesson_progress = _object({
        "lesson": _INT, "course": _INT, "first_opened_at": _TIME, "read_at": _TIME, "passed_at": _TIME,
        "completed_at": _TIME, "best_score": {"type": ["integer", "null"]}, "attempts": _INT})
    course_progress = _object({"course": _INT, "title": _STR, "lessons": _INT, "completed_lessons": _INT,
                               "completed_at": _TIME})
    lesson = _object({"id": _INT, "slug": _STR, "title": _STR, "version": _INT, "minutes": _INT})
    course = _object({"id": _INT, "slug": _STR, "title": _STR, "language": _STR,
                      "lessons": {"type": "array", "items": lesson}})
    programme = _object({"slug": _STR, "kind": _STR, "title": _STR, "courses": {"type": "array", "items": course}})
    unauthorised = {"description": "not signed in", **_json(_ERROR)}
    return {
        "openapi": "3.1.0",
        "info": {"title": "Community learning center LMS", "version": "1",
                 "description": "Learner progress and the catalogue. Sign in through /auth/login; "
                                "the session cookie authenticates these calls."},
        "servers": [{"url": "/api/v1"}],
        "components": {"securitySchemes": {
            "session": {"type": "apiKey", "in": "cookie", "name": "session"},
            "token": {"type": "http", "scheme": "bearer",
                      "description": "a statistics token made under /reports/tokens; read-only"}}},
        "security": [{"session": []}],
        "paths": {
            "/catalog": {"get": {
                "summary": "Published programmes, courses and lessons",
                "responses": {"200": {"description": "the catalogue", **_json(
                    _object({"programmes": {"type": "array", "items": programme}}))},
                    "401": unauthorised}}},
            "/me/progress": {"get": {
                "summary": "The signed-in learner's own progress",
                "responses": {"200": {"description": "progress", **_json(_object({
                    "user": _object({"username": _STR, "name": _STR}),
                    "lessons": {"type": "array", "items": lesson_progress},
                    "courses": {"type": "array", "items": course_progress}}))},
                    "401": unauthorised}}},
            "/progress/sync": {"post": {
                "summary": "Send a batch of progress events (idempotent by event id)",
                "requestBody": {"required": True, **_json({
                    "type": "object", "required": ["events"],
                    "properties": {
                        "user": {"type": ["string", "integer", "null"],
                                 "description": "whose queue this is; refused (409) if another learner is signed in"},
                        "events": {"type": "array", "maxItems": 500, "items": {
                            "description": "an event as described here; anything else in the list is answered "
                                           "`rejected` with a reason, and the rest of the batch still counts",
                            "anyOf": [event, {}]}}}})},
                "responses": {
                    "200": {"description": "a status for every event, in order", **_json(_object({
                        "results": {"type": "array", "items": result}, "accepted": _INT, "duplicate": _INT,
                        "rejected": _INT}))},
                    "400": {"description": "not a batch: the body is not an object with a list of events",
                            **_json(_ERROR)},
                    "401": unauthorised,
                    "409": {"description": "the events belong to another learner", **_json(_ERROR)},
                    "413": {"description": "too many events in one batch", **_json(_ERROR)},
                    "415": {"description": "not JSON", **_json(_ERROR)}}}},
            "/courses/{course_id}/offline": {"get": {
                "summary": "What to keep on a phone to study a course offline",
                "parameters": [
                    {"name": "course_id", "in": "path", "required": True, "schema": {"type": "integer"}},
                    {"name": "need", "in": "query", "schema": {"type": "integer", "default": 720},
                     "description": "device pixels a picture fills on this phone; picks the picture width "
                                    "(taken as 1 to 4000 when outside)"}],
                "responses": {
                    "200": {"description": "the plan", **_json(_object({
                        "course": _INT, "course_url": _STR,
                        "lessons": {"type": "array", "items": _object({"id": _INT, "version": _INT, "url": _STR})},
                        "files": {"type": "array", "items": _object({"url": _STR, "bytes": _INT})},
                        "bytes": _INT}))},
                    "400": {"description": "need is not a whole number", **_json(_ERROR)},
                    "401": unauthorised,
                    "404": {"description": "no such course for this person", **_json(_ERROR)}}}},
            "/stats/centers": {"get": {
                "summary": "Figures of every center the token may read (a province's, or one center's)",
                "security": [{"token": []}],
                "parameters": _PERIOD,
                "responses": {"200": {"description": "centers with their figures", **_json(_object({
                    "period": _PERIOD_OUT, "centers": {"type": "array", "items": _CENTER_FIGURES}}))},
                              "400": _BAD_PERIOD,
                              "401": {"description": "no valid token", **_json(_ERROR)}}}},
            "/stats/centers/{code}": {"get": {
                "summary": "One center's figures, breakdowns, months and funnel",
                "security": [{"token": []}],
                "parameters": [{"name": "code", "in": "path", "required": True, "schema": {"type": "string"}}] + _PERIOD,
                "responses": {"200": {"description": "the center's report", **_json(_CENTER_REPORT)},
                              "400": _BAD_PERIOD,
                              "401": {"description": "no valid token", **_json(_ERROR)},
                              "404": {"description": "not a center this token may read", **_json(_ERROR)}}}},
            "/openapi.json": {"get": {"summary": "This document", "security": [],
                                      "responses": {"200": {"description": "OpenAPI 3.1",
                                                            **_json({"type": "object"})}}}},
        },
    }
