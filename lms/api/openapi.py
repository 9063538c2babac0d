"""The OpenAPI 3.1 description of /api/v1."""

_TIME = {"type": ["string", "null"], "format": "date-time"}
_ERROR = {"type": "object", "properties": {"error": {"type": "string"}}, "required": ["error"]}


_PERIOD = [{"name": "from", "in": "query", "required": True, "schema": {"type": "string", "format": "date"}},
           {"name": "to", "in": "query", "required": True, "schema": {"type": "string", "format": "date"}}]
_CENTER_FIGURES = {"type": "object", "properties": {
    "code": {"type": "string"}, "name": {"type": "string"},
    "figures": {"type": "object", "description": "see docs/indicators.md"},
    "mobilisation": {"type": "object"}}}


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
    result = {
        "type": "object", "required": ["id", "status"],
        "properties": {
            "id": {"type": "string"},
            "status": {"type": "string", "enum": ["accepted", "duplicate", "rejected"]},
            "reason": {"type": "string"},
            "correct": {"type": "boolean", "description": "answered: whether the answer was right"},
        },
    }
    lesson_progress = {
        "type": "object",
        "properties": {"lesson": {"type": "integer"}, "course": {"type": "integer"}, "first_opened_at": _TIME,
                       "read_at": _TIME, "passed_at": _TIME, "completed_at": _TIME,
                       "best_score": {"type": ["integer", "null"]}, "attempts": {"type": "integer"}},
    }
    course_progress = {
        "type": "object",
        "properties": {"course": {"type": "integer"}, "title": {"type": "string"}, "lessons": {"type": "integer"},
                       "completed_lessons": {"type": "integer"}, "completed_at": _TIME},
    }
    lesson = {"type": "object", "properties": {
        "id": {"type": "integer"}, "slug": {"type": "string"}, "title": {"type": "string"},
        "version": {"type": "integer"}, "minutes": {"type": "integer"}}}
    course = {"type": "object", "properties": {
        "id": {"type": "integer"}, "slug": {"type": "string"}, "title": {"type": "string"},
        "language": {"type": "string"}, "lessons": {"type": "array", "items": lesson}}}
    programme = {"type": "object", "properties": {
        "slug": {"type": "string"}, "kind": {"type": "string"}, "title": {"type": "string"},
        "courses": {"type": "array", "items": course}}}
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
                    {"type": "object", "properties": {"programmes": {"type": "array", "items": programme}}})},
                    "401": unauthorised}}},
            "/me/progress": {"get": {
                "summary": "The signed-in learner's own progress",
                "responses": {"200": {"description": "progress", **_json({"type": "object", "properties": {
                    "user": {"type": "object"},
                    "lessons": {"type": "array", "items": lesson_progress},
                    "courses": {"type": "array", "items": course_progress}}})},
                    "401": unauthorised}}},
            "/progress/sync": {"post": {
                "summary": "Send a batch of progress events (idempotent by event id)",
                "requestBody": {"required": True, **_json({
                    "type": "object", "required": ["events"],
                    "properties": {
                        "user": {"type": ["string", "integer"],
                                 "description": "whose queue this is; refused (409) if another learner is signed in"},
                        "events": {"type": "array", "maxItems": 500, "items": event}}})},
                "responses": {
                    "200": {"description": "a status for every event, in order", **_json({
                        "type": "object", "properties": {
                            "results": {"type": "array", "items": result}, "accepted": {"type": "integer"},
                            "duplicate": {"type": "integer"}, "rejected": {"type": "integer"}}})},
                    "400": {"description": "not a batch", **_json(_ERROR)},
                    "401": unauthorised,
                    "409": {"description": "the events belong to another learner", **_json(_ERROR)},
                    "413": {"description": "too many events in one batch", **_json(_ERROR)},
                    "415": {"description": "not JSON", **_json(_ERROR)}}}},
            "/courses/{course_id}/offline": {"get": {
                "summary": "What to keep on a phone to study a course offline",
                "parameters": [
                    {"name": "course_id", "in": "path", "required": True, "schema": {"type": "integer"}},
                    {"name": "need", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 4000},
                     "description": "device pixels a picture fills on this phone; picks the picture width"}],
                "responses": {
                    "200": {"description": "the plan", **_json({"type": "object", "properties": {
                        "course": {"type": "integer"}, "course_url": {"type": "string"},
                        "lessons": {"type": "array", "items": {"type": "object", "properties": {
                            "id": {"type": "integer"}, "version": {"type": "integer"}, "url": {"type": "string"}}}},
                        "files": {"type": "array", "items": {"type": "object", "properties": {
                            "url": {"type": "string"}, "bytes": {"type": "integer"}}}},
                        "bytes": {"type": "integer"}}})},
                    "401": unauthorised,
                    "404": {"description": "no such course for this person", **_json(_ERROR)}}}},
            "/stats/centers": {"get": {
                "summary": "Figures of every center the token may read (a province's, or one center's)",
                "security": [{"token": []}],
                "parameters": _PERIOD,
                "responses": {"200": {"description": "centers with their figures", **_json({
                    "type": "object", "properties": {"period": {"type": "object"},
                                                     "centers": {"type": "array", "items": _CENTER_FIGURES}}})},
                              "400": {"description": "no period", **_json(_ERROR)},
                              "401": {"description": "no valid token", **_json(_ERROR)}}}},
            "/stats/centers/{code}": {"get": {
                "summary": "One center's figures, breakdowns, months and funnel",
                "security": [{"token": []}],
                "parameters": [{"name": "code", "in": "path", "required": True, "schema": {"type": "string"}}] + _PERIOD,
                "responses": {"200": {"description": "the center's report", **_json({"type": "object"})},
                              "400": {"description": "no period", **_json(_ERROR)},
                              "401": {"description": "no valid token", **_json(_ERROR)},
                              "404": {"description": "not a center this token may read", **_json(_ERROR)}}}},
            "/openapi.json": {"get": {"summary": "This document", "security": [],
                                      "responses": {"200": {"description": "OpenAPI 3.1"}}}},
        },
    }
