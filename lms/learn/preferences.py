"""Preferences that belong to the phone rather than the person, kept in cookies."""
from flask import Request, request

from lms.learn import bp
from lms.services.markup import tap_to_show

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
