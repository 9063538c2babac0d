"""The tables the reports show, built once and used alike by the pages, the CSV/XLSX exports and the API."""
import csv
import io
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Optional

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from openpyxl import Workbook
from sqlalchemy import select

from lms.extensions import db
from lms.models import Center, LearningClass
from lms.services import stats
from lms.services.reference import ETHNIC_GROUPS

INDICATOR_LABELS = {
    "enrolled": _l("Learners enrolled"),
    "new_enrolled": _l("New enrolments"),
    "active_7": _l("Active, last 7 days"),
    "active_30": _l("Active, last 30 days"),
    "lessons_completed": _l("Lessons completed"),
    "courses_completed": _l("Courses completed"),
    "phases_online": _l("Programme phases completed online"),
    "phases_confirmed": _l("Phases confirmed by the teacher"),
    "completion_rate": _l("Completion rate (%)"),
    "median_days": _l("Median days to complete a course"),
    "quiz_pass_rate": _l("Quiz pass rate (%)"),
}
DIMENSION_LABELS = {
    "sex": _l("Sex"), "kinh": _l("Kinh and minorities"), "ethnic": _l("Ethnic group"), "age": _l("Age band"),
    "class": _l("Class"),
}


@dataclass
class Table:
    """A titled table of values; numbers stay numbers until a page or a file formats them."""

    key: str
    title: str
    headers: list[str]
    rows: list[list]
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Request:
    """What a report is about: whose learners, which period, which filters."""

    scope: stats.Scope
    period: stats.Period
    filters: stats.Filters
    settings: stats.Settings


def period_for(kind: str, start: Optional[str], end: Optional[str], today: date) -> stats.Period:
    """This month, this year, or a custom range of ISO dates (bad dates fall back to this month)."""
    if kind == "year":
        return stats.Period(date(today.year, 1, 1), date(today.year, 12, 31))
    if kind == "custom":
        try:
            first, last = date.fromisoformat(start or ""), date.fromisoformat(end or "")
            if first <= last and (last - first).days <= 366 * 5:
                return stats.Period(first, last)
        except ValueError:
            pass
    first = today.replace(day=1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return stats.Period(first, last)


def describe(request: Request) -> list[str]:
    """The period and filters in words, written at the top of every export."""
    from lms.models import Course, Programme
    lines = [_("Period: %(start)s to %(end)s", start=request.period.start.isoformat(),
               end=request.period.end.isoformat())]
    f = request.filters
    if f.programme_id:
        lines.append(_("Programme: %(name)s", name=db.session.get(Programme, f.programme_id).title))
    if f.course_id:
        lines.append(_("Course: %(name)s", name=db.session.get(Course, f.course_id).title))
    if f.class_id:
        lines.append(_("Class: %(name)s", name=db.session.get(LearningClass, f.class_id).name))
    return lines


def group_label(dimension: str, group) -> str:
    if group in ("?", None):
        return _("Unknown")
    if dimension == "sex":
        return {"F": _("Women"), "M": _("Men")}.get(group, str(group))
    if dimension == "kinh":
        return {"kinh": _("Kinh"), "minority": _("Ethnic minorities")}[group]
    if dimension == "ethnic":
        return ETHNIC_GROUPS.get(group, str(group))
    if dimension == "age":
        return _("Other ages") if group == "other" else str(group)
    if dimension == "class":
        if group == "none":
            return _("In no class")
        found = db.session.get(LearningClass, int(group))
        return found.name if found else str(group)
    return str(group)


def summary(request: Request) -> Table:
    [values] = stats.figures(request.scope, request.period, request.filters, "all", request.settings).values()
    return Table("summary", _("Summary"), [_("Indicator"), _("Value")],
                 [[str(INDICATOR_LABELS[name]), values[name]] for name in stats.INDICATORS])


def breakdown(request: Request, dimension: str) -> Table:
    data = stats.figures(request.scope, request.period, request.filters, dimension, request.settings)
    return Table(f"by-{dimension}", _("By %(dimension)s", dimension=str(DIMENSION_LABELS[dimension]).lower()),
                 [str(DIMENSION_LABELS[dimension])] + [str(INDICATOR_LABELS[n]) for n in stats.INDICATORS],
                 [[group_label(dimension, group)] + [values[n] for n in stats.INDICATORS]
                  for group, values in data.items()])


def monthly(request: Request) -> Table:
    rows = stats.monthly(request.scope, request.period, request.filters, request.settings)
    return Table("monthly", _("Month by month"),
                 [_("Month"), _("New enrolments"), _("Active learners"), _("Lessons completed")],
                 [[r["month"], r["new_enrolled"], r["active"], r["lessons_completed"]] for r in rows])


def funnel(request: Request) -> Table:
    rows = stats.funnel(request.scope, request.period, request.filters, request.settings)
    return Table("funnel", _("From enrolment to completion, per course"),
                 [_("Course"), _("Enrolled"), _("Started"), _("Half-way"), _("Completed")],
                 [[r["course"], r["enrolled"], r["started"], r["half_way"], r["completed"]] for r in rows])


def mobilisation(request: Request) -> Table:
    [m] = stats.mobilisation(request.scope, request.period.end.year, request.settings).values()
    return Table("mobilisation", _("Mobilisation in %(year)s against the national targets", year=m.year),
                 [_("Indicator"), _("Learners"), _("Base"), _("Rate (%)"), _("Target (%)"), _("Met")],
                 [[_("Literacy phase 1"), m.phase1_new, m.illiterate, m.phase1_rate, m.targets["phase1"],
                   _met(m.met["phase1"])],
                  [_("Literacy phase 2"), m.phase2_new, m.phase1_completed, m.phase2_rate, m.targets["phase2"],
                   _met(m.met["phase2"])],
                  [_("Needs-based programmes (growth on last year)"), m.needs_learners, m.needs_learners_before,
                   m.needs_growth, m.targets["needs_growth"], _met(m.met["needs_growth"])]])


def _met(value: Optional[bool]) -> str:
    return _("not known") if value is None else (_("met") if value else _("not met"))


PROVINCE_COLUMNS = stats.SUMMARISED


def province(request: Request, sort: str = "name", descending: bool = False) -> Table:
    """All centers of a province with the same indicators and their phase 1 mobilisation; below target flagged."""
    if request.filters == stats.Filters():  # the usual case: from the summary tables
        data = stats.center_figures(request.scope, request.period, request.settings)
    else:
        data = stats.figures(request.scope, request.period, request.filters, "center", request.settings,
                             only=PROVINCE_COLUMNS)
    mob = stats.mobilisation(request.scope, request.period.end.year, request.settings, by_center=True, needs=False)
    centers = {c.id: c for c in db.session.scalars(select(Center).where(Center.id.in_(list(mob))))}
    rows = []
    for center_id, m in mob.items():
        values = data.get(center_id, {n: stats.empty(n) for n in PROVINCE_COLUMNS})
        below = m.met["phase1"] is False or m.met["phase2"] is False
        rows.append([centers[center_id].name, centers[center_id].code] + [values[n] for n in PROVINCE_COLUMNS]
                    + [m.phase1_rate, m.phase2_rate, _("below target") if below else ""])
    index = {"name": 0, "code": 1, **{n: i + 2 for i, n in enumerate(PROVINCE_COLUMNS)},
             "phase1_rate": 2 + len(PROVINCE_COLUMNS), "phase2_rate": 3 + len(PROVINCE_COLUMNS)}.get(sort, 0)
    rows.sort(key=lambda r: (r[index] is None, r[index] if r[index] is not None else 0), reverse=descending)
    return Table("province", _("Centers of the province"),
                 [_("Center"), _("Code")] + [str(INDICATOR_LABELS[n]) for n in PROVINCE_COLUMNS]
                 + [_("Phase 1 mobilisation (%)"), _("Phase 2 mobilisation (%)"), _("Flag")], rows)


# --- files ----------------------------------------------------------------------------------------

def to_csv(table: Table, context: list[str]) -> bytes:
    """UTF-8 with a byte-order mark, so spreadsheet programs read Vietnamese correctly."""
    out = io.StringIO()
    writer = csv.writer(out)
    for line in context:
        writer.writerow([line])
    writer.writerow([])
    writer.writerow(table.headers)
    for row in table.rows:
        writer.writerow(["" if v is None else v for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(table: Table, context: list[str]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = table.key[:31]
    for line in context:
        sheet.append([line])
    sheet.append([])
    sheet.append(table.headers)
    for row in table.rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
