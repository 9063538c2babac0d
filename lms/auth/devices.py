"""The learners who recently signed in on this phone, kept in a signed cookie on the phone itself."""
from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

COOKIE = "recent_learners"
KEEP = 8


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.secret_key, salt="recent-learners")


def recent(cookies) -> list[dict]:
    """[{"u": username, "n": display name}, ...], most recent first."""
    try:
        value = _serializer().loads(cookies.get(COOKIE, ""))
    except BadSignature:
        return []
    return [item for item in value if isinstance(item, dict) and {"u", "n"} <= item.keys()][:KEEP]


def remember(response, cookies, username: str, name: str) -> None:
    items = [{"u": username, "n": name}] + [i for i in recent(cookies) if i["u"] != username]
    _save(response, items[:KEEP])


def forget(response, cookies, username: str) -> None:
    _save(response, [i for i in recent(cookies) if i["u"] != username])


def _save(response, items: list[dict]) -> None:
    response.set_cookie(COOKIE, _serializer().dumps(items), max_age=365 * 24 * 3600, httponly=True,
                        samesite="Lax", secure=current_app.config["LMS_PRODUCTION"])
