"""A backup restored into an empty instance holds identical data and media (SQLite and PostgreSQL)."""
import uuid
from datetime import datetime, timezone

import pytest
from sqlalchemy import create_engine, select, text

from lms.extensions import db as _db
from lms.models import EventKind, Lesson, Role
from lms.services import backup, progress
from lms.services.progress import EventIn


def rows(engine):
    """Every row of every table, in primary-key order."""
    out = {}
    with engine.connect() as connection:
        for table in _db.metadata.sorted_tables:
            order = ", ".join(c.name for c in table.primary_key.columns)
            out[table.name] = connection.execute(text(f'SELECT * FROM "{table.name}" ORDER BY {order}')).all()
    return out


def files(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def empty_engine(db, tmp_path):
    """A second, empty database on the same engine as the suite."""
    if db.engine.dialect.name == "sqlite":
        engine = create_engine(f"sqlite:///{tmp_path / 'restored.sqlite3'}")
        yield engine
        engine.dispose()
        return
    name = f"restore_{uuid.uuid4().hex[:8]}"
    admin = create_engine(db.engine.url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
    engine = create_engine(db.engine.url.set(database=name))
    yield engine
    engine.dispose()
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE {name}"))
    admin.dispose()


def test_backup_then_restore_gives_identical_data(make, db, app, tmp_path, empty_engine):
    make.pack()
    learner = make.user(Role.LEARNER, center=make.center(), name="Giàng Thị Hoa", birth_year=1990, ethnic_code="08")
    lesson = db.session.scalar(select(Lesson).where(Lesson.slug == "chu-b"))
    now = datetime(2026, 5, 1, tzinfo=timezone.utc)
    progress.record(learner, [EventIn(uuid=str(uuid.uuid4()), kind=EventKind.READ, lesson_id=lesson.id,
                                      version_id=lesson.published_version_id, occurred_at=now)], now=now, pass_mark=80)
    media_root = app.config["LMS_MEDIA_DIR"]
    archive = backup.create(db.engine, media_root, tmp_path / "lms-backup.tar.gz")

    restored_media = tmp_path / "restored-media"
    manifest = backup.restore(empty_engine, restored_media, archive)
    assert manifest["engine"] == db.engine.dialect.name and manifest["revision"]
    before, after = rows(db.engine), rows(empty_engine)
    assert before == after
    assert sum(len(r) for r in after.values()) > 20
    assert files(restored_media) == files(media_root)


def test_restore_refuses_to_overwrite_data(make, db, app, tmp_path):
    make.pack()
    archive = backup.create(db.engine, app.config["LMS_MEDIA_DIR"], tmp_path / "b.tar.gz")
    with pytest.raises(backup.BackupError):
        backup.restore(db.engine, app.config["LMS_MEDIA_DIR"], archive)
