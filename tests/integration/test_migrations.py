"""The schema changes only through migrations: one head, and it matches the models."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import Config

from lms.extensions import db as _db


def test_there_is_a_single_head(app):
    config = Config()
    config.set_main_option("script_location", app.extensions["migrate"].directory)
    assert len(ScriptDirectory.from_config(config).get_heads()) == 1


def test_the_migrated_schema_matches_the_models(app, db):
    with _db.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), _db.metadata)
    assert diff == []


def test_upgrading_a_database_that_holds_lessons_and_progress(tmp_path):
    """Each migration runs on a database in use (SQLite rebuilds tables in batch mode): nothing is lost."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    from sqlalchemy import create_engine, text

    from tests.conftest import BASIC_PACK
    lms = str(Path(sys.executable).parent / "lms")
    env = {**os.environ, "LMS_INSTANCE_PATH": str(tmp_path), "LMS_DATABASE_URL": f"sqlite:///{tmp_path / 'old.db'}",
           "LMS_CONTENT_DIR": str(BASIC_PACK), "LMS_SPEECH_ENGINE": "none"}
    subprocess.run([lms, "setup"], env=env, check=True, capture_output=True)
    engine = create_engine(env["LMS_DATABASE_URL"])

    def counts():
        with engine.connect() as c:
            return [c.execute(text(f"SELECT COUNT(*) FROM {t}")).scalar()
                    for t in ("lessons", "quiz_questions", "quiz_choices", "users", "media_assets")]
    before = counts()
    subprocess.run([lms, "db", "downgrade", "0001"], env=env, check=True, capture_output=True)
    result = subprocess.run([lms, "db", "upgrade"], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    assert counts() == before and before[0] == 2
    engine.dispose()
