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
