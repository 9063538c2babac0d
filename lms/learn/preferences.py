"""Preferences that belong to the phone rather than the person, kept in cookies."""
from flask import Request, current_app, request

from lms.learn import bp
from lms.services.markup import listen_under_pictures, tap_to_show

SAVE_DATA_COOKIE = "savedata"


def save_data(req: Request) -> bool:
    """Show pictures only on a tap: the phone's choice once made; until then the browser's Save-Data hint
    (app.js also turns it on for a slow connection, as the Network Information API reports it)."""
    choice = req.cookies.get(SAVE_DATA_COOKIE)
    return choice == "1" if choice in ("0", "1") else req.headers.get("Save-Data") == "on"


@bp.app_context_processor
def preferences():
    return {"save_data": save_data(request)}


bp.add_app_template_filter(tap_to_show)


@bp.app_template_filter()
def picture_clips(html: str, item, label: str, voiced: bool = True) -> str:
    """A lesson's HTML with a listen button under each picture that has a clip; `item` is a version or a draft.
    A machine-voice clip is left out when the lesson's machine voice is off (`voiced`), as for questions."""
    media_url = current_app.jinja_env.globals["media_url"]
    clips = {m.asset.sha256: media_url(m.audio) for m in item.media
             if m.audio is not None and m.asset.kind == "image" and (voiced or not m.audio.machine_voice)}
    return listen_under_pictures(html, clips, label)
