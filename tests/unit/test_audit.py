"""The audit log: an entry lives and dies with the action it records."""
import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from lms.extensions import db as _db
from lms.models import ApiToken, AuditEntry, Programme, ProgrammeKind, Role
from lms.services import audit, classes, tokens

pytestmark = pytest.mark.usefixtures("in_english")


def entries(action=None):
    query = select(AuditEntry).order_by(AuditEntry.id)
    if action:
        query = query.where(AuditEntry.action == action)
    return _db.session.scalars(query).all()


@pytest.fixture
def world(make, db):
    center = make.center("C1")
    programme = Programme(slug="xmc1", kind=ProgrammeKind.LITERACY_1, title="Xóa mù chữ 1")
    db.session.add(programme)
    db.session.commit()
    teacher = make.user(Role.TEACHER, center=center, name="Lò Thị Mai")
    admin = make.user(Role.ADMIN, name="Quản trị")
    learning_class = classes.create_class(teacher, center_id=center.id, programme_id=programme.id, name="Lớp A")
    return dict(center=center, programme=programme, teacher=teacher, admin=admin, cls=learning_class)


def test_an_entry_is_kept_with_the_commit_and_dropped_with_the_rollback(world, db):
    before = len(entries())
    audit.record(world["admin"], "token.create", "dropped")
    db.session.rollback()
    assert len(entries()) == before
    audit.record(world["admin"], "token.create", "kept", center_id=world["center"].id, ids=[1, 2])
    db.session.commit()
    [entry] = entries("token.create")
    assert (entry.target, entry.actor_id, entry.center_id, entry.data) == (
        "kept", world["admin"].id, world["center"].id, {"ids": [1, 2]})
    assert entry.actor_name == f"Quản trị ({world['admin'].username})" and entry.at is not None


def test_a_refused_action_leaves_no_entry(world, db):
    classes.set_archived(world["cls"], True, by=world["teacher"])
    count = len(entries())
    with pytest.raises(classes.ClassError):
        classes.add_learner(world["cls"], display_name="Lò Văn Minh", this_year=2026, by=world["teacher"])
    with pytest.raises(classes.ClassError):
        classes.enrol_many(world["cls"], ["Giàng Thị Hoa"], {}, by=world["teacher"])
    db.session.commit()  # whatever the failed actions left in the session would be committed here
    assert len(entries()) == count
    assert [e.action for e in entries()] == ["class.create", "class.archive"]


def test_an_action_whose_commit_fails_leaves_no_entry(world, db):
    """The entry is added before the commit: when the action's own write fails there, both go."""
    count = len(entries())
    with pytest.raises(IntegrityError):
        tokens.create("x", province_id=999_999, center_id=None, by_user_id=world["admin"].id)  # no such province
    db.session.rollback()
    assert len(entries()) == count
    assert db.session.scalar(select(func.count()).select_from(ApiToken)) == 0


def test_the_class_services_record_who_did_what(world, db):
    teacher, cls = world["teacher"], world["cls"]
    login = classes.add_learner(cls, display_name="Giàng Thị Hoa", this_year=2026, by=teacher)
    result = classes.enrol_many(cls, ["Lò Văn Minh", "Hà Thị Lan"], {}, by=teacher)
    [reset] = classes.reset_pins(cls, [login.user.id], by=teacher)
    created = entries("learner.create")[0]
    assert created.subject_id == login.user.id and "Giàng Thị Hoa" in created.target
    assert created.actor_id == teacher.id and created.center_id == world["center"].id
    enrol = entries("class.enrol")[0]
    assert enrol.data["created"] == [made.user.id for made in result.created]
    pin = entries("learner.pin_reset")[0]
    assert pin.data["user_ids"] == [reset.user.id] and pin.subject_id == reset.user.id


def test_tokens_are_logged_when_made_and_revoked_once(world, db):
    token, _plain = tokens.create("CSDL ngành", province_id=None, center_id=world["center"].id,
                                  by_user_id=world["admin"].id)
    tokens.revoke(token, by=world["admin"])
    tokens.revoke(token, by=world["admin"])  # already revoked: nothing happens, nothing is logged
    assert [(e.action, e.target, e.actor_id) for e in entries() if e.action.startswith("token.")] == [
        ("token.create", "CSDL ngành", world["admin"].id), ("token.revoke", "CSDL ngành", world["admin"].id)]


def test_pages_filters_and_csv(world, db):
    for n in range(60):
        audit.record(world["admin"], "report.export", f"r{n}", center_id=world["center"].id)
    audit.record(world["admin"], "token.create", "other")
    db.session.commit()
    first = audit.page(audit.Filter(action="report.export"))
    assert (first.total, len(first.entries), first.has_next, first.has_prev) == (60, 50, True, False)
    assert first.entries[0].target == "r59"  # newest first
    second = audit.page(audit.Filter(action="report.export"), 2)
    assert [e.target for e in second.entries] == [f"r{n}" for n in range(9, -1, -1)] and not second.has_next
    assert audit.page(audit.Filter(center_id=world["center"].id)).total == 61  # with the class.create entry
    data = audit.export(audit.Filter(action="token.create"), ["h"] * 9, by=world["admin"]).decode("utf-8-sig")
    assert data.count("\n") == 2 and "other" in data and "r1" not in data
    assert entries("audit.export")[0].actor_id == world["admin"].id


def test_centers_and_accounts_made_on_the_command_line_are_logged(db, runner):
    """Made by whoever runs the server, they show as made by the system, with what was made."""
    made = runner.invoke(args=["center", "create", "--province-code", "P9", "--province-name", "Tỉnh Chín",
                               "--commune-code", "X9", "--commune-name", "Xã Chín", "--code", "C9",
                               "--name", "Trung tâm Chín"])
    assert made.exit_code == 0, made.output
    made = runner.invoke(args=["user", "create", "--username", "mai.lo", "--name", "Lò Thị Mai", "--role", "teacher",
                               "--center", "C9", "--secret", "một mật khẩu dài"])
    assert made.exit_code == 0, made.output
    refused = runner.invoke(args=["user", "create", "--username", "mai.lo", "--name", "Lò Thị Mai",
                                  "--role", "teacher", "--center", "C9", "--secret", "một mật khẩu dài"])
    assert refused.exit_code != 0
    [center] = entries("center.create")
    [account] = entries("account.create")
    assert (center.actor_id, center.actor_name, center.target) == (None, "", "Trung tâm Chín (C9)")
    assert (account.target, account.center_id, account.data["role"]) == ("Lò Thị Mai (mai.lo)", center.center_id,
                                                                         "teacher")
    assert account.subject_id is not None
