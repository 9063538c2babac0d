from flask import render_template, request
from flask_login import current_user

from lms.permissions import require
from lms.search import bp
from lms.services import search


@bp.get("/")
@require()
def results():
    """Lessons matching the typed words; a plain GET form, so it works without JavaScript."""
    query = request.args.get("q", "").strip()[:search.MAX_QUERY_CHARS]
    programme = request.args.get("programme", type=int)
    language = request.args.get("language") or None
    page = max(1, request.args.get("page", 1, type=int))
    found, status = None, 200
    if query:
        try:
            found = search.search(current_user, query, programme_id=programme, language=language, page=page)
        except search.SearchUnavailable:
            status = 503
    programmes, languages = search.filter_choices(current_user)
    return render_template("search/results.html", query=query, found=found, unavailable=status == 503,
                           programme=programme, language=language, programmes=programmes,
                           languages=languages), status
