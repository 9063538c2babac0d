"""Error pages: in the user's language, JSON under the API, and a rolled-back session after a crash."""
from flask import jsonify, render_template, request
from flask_babel import gettext as _

from lms.extensions import db


def _respond(status: int, message: str):
    if request.blueprint == "api" or request.path.startswith("/api/"):
        return jsonify(error=message), status
    return render_template("errors/error.html", status=status, message=message), status


def register(app):
    @app.errorhandler(403)
    def forbidden(_error):
        return _respond(403, _("You are not allowed to open this page."))

    @app.errorhandler(404)
    def not_found(_error):
        return _respond(404, _("This page does not exist."))

    @app.errorhandler(413)
    def too_large(_error):
        return _respond(413, _("The file is too large."))

    @app.errorhandler(500)
    def server_error(_error):
        db.session.rollback()
        return _respond(500, _("Something went wrong on the server. Please try again."))
