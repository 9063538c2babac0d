"""Backups: a consistent copy of the database and the media in one .tar.gz, and restoring it into an empty instance.

SQLite is copied with its online backup API while the site keeps running; PostgreSQL with
pg_dump/pg_restore. Media files never change under their content-hashed names, so copying them
after the database snapshot always finds every file the snapshot refers to.
"""
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine, make_url

FORMAT = 1


class BackupError(Exception):
    """A backup that cannot be made or restored; the message says why."""


def postgres_program(name: str) -> str:
    """pg_dump or pg_restore: from PATH, else the newest Debian PostgreSQL install."""
    found = shutil.which(name)
    if found:
        return found
    for folder in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (folder / name).exists():
            return str(folder / name)
    raise BackupError(f"{name} is not installed (apt-get install postgresql-client)")


def _libpq_args(engine: Engine) -> tuple[list[str], dict]:
    url = make_url(engine.url)
    args = ["-h", url.host or "localhost", "-p", str(url.port or 5432), "-U", url.username or "postgres",
            "-d", url.database]
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = url.password
    return args, env


def _revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def create(engine: Engine, media_root: Path, destination: Path) -> Path:
    """Write a backup archive (database + media + manifest) and return its path."""
    destination = Path(destination)
    with tempfile.TemporaryDirectory(prefix="lms-backup-") as tmp:
        work = Path(tmp)
        if engine.dialect.name == "sqlite":
            source = sqlite3.connect(engine.url.database)
            target = sqlite3.connect(work / "database.sqlite3")
            with target:
                source.backup(target)  # a consistent snapshot, even while the site writes
            source.close()
            target.close()
            database = "database.sqlite3"
        elif engine.dialect.name == "postgresql":
            args, env = _libpq_args(engine)
            run = subprocess.run([postgres_program("pg_dump"), "-Fc", "--no-owner", "-f", str(work / "database.dump"),
                                  *args], env=env, capture_output=True, text=True)
            if run.returncode:
                raise BackupError(run.stderr.strip())
            database = "database.dump"
        else:
            raise BackupError(f"cannot back up a {engine.dialect.name} database")
        manifest = {"format": FORMAT, "engine": engine.dialect.name, "database": database,
                    "revision": _revision(engine), "created_at": datetime.now(timezone.utc).isoformat()}
        (work / "manifest.json").write_text(json.dumps(manifest, indent=1))
        partial = destination.with_name(destination.name + ".part")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(work / "manifest.json", "manifest.json")
            archive.add(work / database, database)
            if Path(media_root).is_dir():
                archive.add(media_root, "media")
        partial.replace(destination)
    return destination


def _is_empty(engine: Engine) -> bool:
    with engine.connect() as connection:
        tables = [t for t in inspect(connection).get_table_names() if t != "alembic_version"]
        return all(connection.execute(text(f'SELECT COUNT(*) FROM "{t}"')).scalar() == 0 for t in tables)


def restore(engine: Engine, media_root: Path, archive_path: Path, *, force: bool = False) -> dict:
    """Restore a backup into this instance; refuses to overwrite data unless forced. Returns the manifest."""
    if not force and not _is_empty(engine):
        raise BackupError("this instance already holds data; restore into an empty one (or pass --force)")
    with tempfile.TemporaryDirectory(prefix="lms-restore-") as tmp, tarfile.open(archive_path, "r:gz") as archive:
        archive.extractall(tmp, filter="data")
        work = Path(tmp)
        manifest = json.loads((work / "manifest.json").read_text())
        if manifest.get("format") != FORMAT or manifest["engine"] != engine.dialect.name:
            raise BackupError(f"this backup is of a {manifest.get('engine')} database; this instance uses "
                              f"{engine.dialect.name}")
        engine.dispose()
        if engine.dialect.name == "sqlite":
            source = sqlite3.connect(work / manifest["database"])
            target = sqlite3.connect(engine.url.database)
            with target:
                source.backup(target)
            source.close()
            target.close()
        else:
            args, env = _libpq_args(engine)
            run = subprocess.run([postgres_program("pg_restore"), "--clean", "--if-exists", "--no-owner",
                                  "--single-transaction", *args, str(work / manifest["database"])],
                                 env=env, capture_output=True, text=True)
            if run.returncode:
                raise BackupError(run.stderr.strip())
        if (work / "media").is_dir():
            shutil.copytree(work / "media", media_root, dirs_exist_ok=True)
    return manifest
