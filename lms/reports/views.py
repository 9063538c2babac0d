from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from lms.extensions import db
from lms.models import ApiToken, Center, Commune, Course, LearningClass, Programme, Province, Role
from lms.permissions import can_issue_token, can_view_center_report, can_view_province_report, require
from lms.reports import bp
from lms.reports.forms import BaseForm, ConfirmForm, TokenForm
from lms.services import audit, reports, stats, tokens

REPORTERS = (Role.MANAGER, Role.OFFICER, Role.ADMIN)


def settings() -> stats.Settings:
    config = current_app.config
    return stats.Settings(age_bands=config["LMS_AGE_BANDS"], literacy_ages=config["LMS_LITERACY_AGES"],
                          targets=config["LMS_TARGETS"])


def _int_arg(name):
    value = request.args.get(name, type=int)
    return value if value and value > 0 else None


def _report_request(scope: stats.Scope, center_id=None) -> reports.Request:
    """The period and filters from the query string; filters that do not belong to this place are dropped."""
    today = datetime.now(ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])).date()
    period = reports.period_for(request.args.get("period", "month"), request.args.get("from"),
                                request.args.get("to"), today)
    programme_id, course_id, class_id = _int_arg("programme"), _int_arg("course"), _int_arg("class")
    if programme_id and db.session.get(Programme, programme_id) is None:
        programme_id = None
    if course_id and db.session.get(Course, course_id) is None:
        course_id = None
    if class_id:
        found = db.session.get(LearningClass, class_id)
        class_id = class_id if found is not None and found.center_id == center_id else None
    return reports.Request(scope, stats.Period(period.start, period.end, current_app.config["BABEL_DEFAULT_TIMEZONE"]),
                           stats.Filters(programme_id, course_id, class_id), settings())


def _center_or_404(center_id: int) -> Center:
    center = db.session.get(Center, center_id)
    if center is None:
        abort(404)
    if not can_view_center_report(current_user, center):
        abort(403)
    return center


@bp.get("/")
@require(*REPORTERS)
def index():
    if current_user.role is Role.MANAGER:
        return redirect(url_for("reports.center", center_id=current_user.center_id))
    if current_user.role is Role.OFFICER:
        return redirect(url_for("reports.province", province_id=current_user.province_id))
    provinces = db.session.scalars(select(Province).order_by(Province.name)).all()
    return render_template("reports/index.html", provinces=provinces)


def _center_tables(center: Center, req: reports.Request, by: str) -> dict:
    return {"summary": reports.summary(req), "breakdown": reports.breakdown(req, by), "monthly": reports.monthly(req),
            "funnel": reports.funnel(req), "mobilisation": reports.mobilisation(req)}


def _by() -> str:
    by = request.args.get("by", "sex")
    return by if by in reports.DIMENSION_LABELS else "sex"


@bp.get("/center/<int:center_id>")
@require(*REPORTERS)
def center(center_id):
    place = _center_or_404(center_id)
    req = _report_request(stats.Scope(center_id=place.id), place.id)
    tables = _center_tables(place, req, _by())
    programmes = db.session.scalars(select(Programme).order_by(Programme.position)).all()
    courses = db.session.scalars(select(Course).where((Course.center_id.is_(None)) | (Course.center_id == place.id))
                                 .order_by(Course.programme_id, Course.position)).all()
    classes = db.session.scalars(select(LearningClass).where(LearningClass.center_id == place.id)
                                 .order_by(LearningClass.name)).all()
    return render_template("reports/center.html", center=place, req=req, tables=tables, by=_by(),
                           dimensions=reports.DIMENSION_LABELS, programmes=programmes, courses=courses,
                           classes=classes, context=reports.describe(req), args=request.args.to_dict())


@bp.get("/center/<int:center_id>/<table>.<fmt>")
@require(*REPORTERS)
def center_export(center_id, table, fmt):
    place = _center_or_404(center_id)
    req = _report_request(stats.Scope(center_id=place.id), place.id)
    tables = _center_tables(place, req, _by())
    if table == "breakdown":
        chosen = tables["breakdown"]
    elif table in tables:
        chosen = tables[table]
    else:
        abort(404)
    response = _file(chosen, [place.name] + reports.describe(req), f"{place.code}-{chosen.key}", fmt)
    audit.record(current_user, "report.export", f"{place.name}: {chosen.key}.{fmt}", center_id=place.id, **_asked(req))
    db.session.commit()
    return response


def _asked(req: reports.Request) -> dict:
    """What an exported report was about, for the audit log."""
    return {"from": req.period.start, "to": req.period.end, "programme_id": req.filters.programme_id,
            "course_id": req.filters.course_id, "class_id": req.filters.class_id}


def _file(table: reports.Table, context: list[str], name: str, fmt: str):
    if fmt == "csv":
        data, mime = reports.to_csv(table, context), "text/csv; charset=utf-8"
    elif fmt == "xlsx":
        data, mime = reports.to_xlsx(table, context), \
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        abort(404)
    response = current_app.response_class(data, mimetype=mime)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@bp.route("/center/<int:center_id>/bases", methods=["GET", "POST"])
@require(Role.MANAGER, Role.ADMIN)
def bases(center_id):
    """The commune's yearly figures that mobilisation is measured against; entered by the center's manager."""
    place = _center_or_404(center_id)
    form = BaseForm()
    if request.method == "GET":
        form.year.data = request.args.get("year", type=int) or datetime.now(timezone.utc).year
    if form.validate_on_submit():
        stats.set_base(place.id, form.year.data, form.illiterate.data, form.phase1_completed.data, current_user.id)
        flash(_("Saved."), "info")
        return redirect(url_for("reports.center", center_id=place.id, period="year"))
    from lms.models import MobilisationBase
    entered = db.session.scalars(select(MobilisationBase).where(MobilisationBase.center_id == place.id)
                                 .order_by(MobilisationBase.year.desc())).all()
    return render_template("reports/bases.html", center=place, form=form, entered=entered)


def _province_or_404(province_id: int) -> Province:
    province = db.session.get(Province, province_id)
    if province is None:
        abort(404)
    if not can_view_province_report(current_user, province.id):
        abort(403)
    return province


def _province_table(province: Province):
    req = _report_request(stats.Scope(province_id=province.id))
    sort = request.args.get("sort", "name")
    table = reports.province(req, sort, request.args.get("dir") == "desc")
    return req, table


@bp.get("/province/<int:province_id>")
@require(Role.OFFICER, Role.ADMIN)
def province(province_id):
    place = _province_or_404(province_id)
    req, table = _province_table(place)
    codes = {c.code: c.id for c in db.session.scalars(
        select(Center).join(Commune).where(Commune.province_id == place.id))}
    return render_template("reports/province.html", province=place, req=req, table=table, codes=codes,
                           context=reports.describe(req), args=request.args.to_dict(),
                           sort=request.args.get("sort", "name"), descending=request.args.get("dir") == "desc")


@bp.get("/province/<int:province_id>/centers.<fmt>")
@require(Role.OFFICER, Role.ADMIN)
def province_export(province_id, fmt):
    place = _province_or_404(province_id)
    req, table = _province_table(place)
    response = _file(table, [place.name] + reports.describe(req), f"{place.code}-centers", fmt)
    audit.record(current_user, "report.export", f"{place.name}: centers.{fmt}", province_id=place.id, **_asked(req))
    db.session.commit()
    return response


# --- API tokens -----------------------------------------------------------------------------------

def _token_scopes():
    """(value, label) of the places this person may issue tokens for."""
    if current_user.role is Role.ADMIN:
        provinces = db.session.scalars(select(Province).order_by(Province.name)).all()
    else:
        provinces = [db.session.get(Province, current_user.province_id)]
    choices = []
    for province in provinces:
        choices.append((f"province:{province.id}", _("Province: %(name)s", name=province.name)))
        for center in db.session.scalars(select(Center).join(Commune).where(Commune.province_id == province.id)
                                         .order_by(Center.name)):
            choices.append((f"center:{center.id}", _("Center: %(name)s", name=center.name)))
    return choices


def _visible_tokens():
    query = select(ApiToken).order_by(ApiToken.created_at.desc())
    if current_user.role is not Role.ADMIN:
        centers = select(Center.id).join(Commune).where(Commune.province_id == current_user.province_id)
        query = query.where((ApiToken.province_id == current_user.province_id) | ApiToken.center_id.in_(centers))
    return db.session.scalars(query).all()


@bp.route("/tokens", methods=["GET", "POST"])
@require(Role.OFFICER, Role.ADMIN)
def api_tokens():
    """Tokens that let the education sector's database read the statistics API."""
    form = TokenForm()
    form.scope.choices = _token_scopes()
    plain = None
    if form.validate_on_submit():
        kind, _sep, ident = form.scope.data.partition(":")
        province_id = int(ident) if kind == "province" else None
        center = db.session.get(Center, int(ident)) if kind == "center" else None
        if not can_issue_token(current_user, province_id, center):
            abort(403)
        _token, plain = tokens.create(form.name.data, province_id=province_id,
                                      center_id=center.id if center else None, by_user_id=current_user.id)
    return render_template("reports/tokens.html", form=form, tokens=_visible_tokens(), plain=plain,
                           confirm=ConfirmForm())


@bp.post("/tokens/<int:token_id>/revoke")
@require(Role.OFFICER, Role.ADMIN)
def revoke_token(token_id):
    token = db.session.get(ApiToken, token_id)
    if token is None or token not in _visible_tokens():
        abort(404)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    tokens.revoke(token, by=current_user)
    flash(_("The token was revoked."), "info")
    return redirect(url_for("reports.api_tokens"))
