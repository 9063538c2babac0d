from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from lms.auth import bp, devices
from lms.auth.forms import ForgetForm, LoginForm
from lms.models import Role
from lms.models.base import utcnow
from lms.permissions import public
from lms.services.accounts import SignInRefused, authenticate
from lms.urls import safe_next


@bp.route("/login", methods=["GET", "POST"])
@public
def login():
    staff = request.args.get("mode") == "staff"
    form = LoginForm()
    if request.method == "GET":
        form.username.data = request.args.get("u", "")
        form.next.data = request.args.get("next", "")
    error = None
    if form.validate_on_submit():
        try:
            user = authenticate(form.username.data, form.secret.data, utcnow(),
                                max_failures=current_app.config["LMS_LOGIN_MAX_FAILURES"],
                                lock_seconds=current_app.config["LMS_LOGIN_LOCK_SECONDS"],
                                address=request.remote_addr or "unknown",
                                address_limit=current_app.config["LMS_LOGIN_ADDRESS_LIMIT"])
        except SignInRefused as refused:
            error = str(refused)
        else:
            login_user(user)
            response = redirect(safe_next(form.next.data) or url_for("learn.home"))
            if user.role is Role.LEARNER:
                devices.remember(response, request.cookies, user.username, user.display_name)
            return response
    recent = devices.recent(request.cookies)
    chosen = next((r for r in recent if r["u"] == form.username.data), None)
    return render_template("auth/login.html", form=form, error=error, staff=staff, recent=recent, chosen=chosen,
                           forget_form=ForgetForm())


@bp.post("/logout")
@public
def logout():
    if current_user.is_authenticated:
        logout_user()
    flash(_("You have signed out."), "info")
    return redirect(url_for("auth.login"))


@bp.post("/forget")
@public
def forget():
    """Remove a name from this phone's list of recent learners."""
    form = ForgetForm()
    response = redirect(url_for("auth.login"))
    if form.validate_on_submit():
        devices.forget(response, request.cookies, form.username.data)
    return response
