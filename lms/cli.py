"""The `lms` command: a Flask CLI group with the project's own commands."""
import sys
import time
from pathlib import Path

import click
from flask import current_app
from flask.cli import FlaskGroup
from flask_migrate import upgrade
from sqlalchemy import select

from lms.extensions import db
from lms.models import Center, Commune, Province, Role
from lms.services import accounts, audit, backup, demo, packs, search, speech
from lms.services import content_check as content_checks


def _create_app():
    from lms import create_app
    return create_app()


@click.group(cls=FlaskGroup, create_app=_create_app)
def main():
    """Community learning center LMS."""


def _import(path: Path) -> packs.ImportReport:
    return packs.import_path(path, media_root=current_app.config["LMS_MEDIA_DIR"],
                             media_url=current_app.config["LMS_MEDIA_URL"], voice=speech.voicer(current_app.config))


def _fail(error: packs.PackError):
    for problem in error.problems:
        click.echo(f"  {problem}", err=True)
    sys.exit(1)


content = click.Group("content", help="Import, export and check content packs.")


@content.command("import")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
def content_import(path):
    """Import a pack folder or .zip (idempotent by slug)."""
    try:
        report = _import(path)
    except packs.PackError as error:
        click.echo(f"Không nhập được {path}:", err=True)
        _fail(error)
    click.echo(f"Đã nhập {path}: {report.created} bài mới, {report.updated} bài cập nhật, "
               f"{report.unchanged} bài không đổi.")


@content.command("export")
@click.argument("dest", type=click.Path(path_type=Path))
@click.option("--programme", "programmes", multiple=True, help="Only this programme slug (repeatable).")
def content_export(dest, programmes):
    """Write programmes back as a pack folder."""
    count = packs.export_pack(dest, media_root=current_app.config["LMS_MEDIA_DIR"],
                              programme_slugs=list(programmes) or None)
    click.echo(f"Đã xuất {count} bài vào {dest}.")


@content.command("check")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--max-sentence-words", default=25, show_default=True, help="Longer sentences are warned about.")
@click.option("--max-picture-kb", default=150, show_default=True, help="Larger pictures are errors.")
def content_check(path, max_sentence_words, max_picture_kb):
    """Check a pack without importing it: errors make the command fail, warnings are advice."""
    limits = content_checks.Limits(max_sentence_words=max_sentence_words, max_picture_kb=max_picture_kb)
    try:
        with packs.opened(path) as root:
            problems = content_checks.check(packs.read_pack(root), limits)
    except packs.PackError as error:
        problems = error.problems
    for problem in problems:
        click.echo(f"{problem.severity}: {problem}")
    errors = sum(p.severity == "error" for p in problems)
    click.echo(f"{errors} lỗi, {len(problems) - errors} cảnh báo.")
    sys.exit(1 if errors else 0)


@click.command("setup")
@click.option("--demo/--no-demo", "with_demo", default=True, help="Create the demo center and accounts.")
def setup(with_demo):
    """Upgrade the database, import the shipped content and (by default) create the demo accounts."""
    upgrade(directory=current_app.extensions["migrate"].directory)
    content_dir = current_app.config["LMS_CONTENT_DIR"]
    if content_dir.is_dir():
        try:
            report = _import(content_dir)
        except packs.PackError as error:
            click.echo(f"Không nhập được {content_dir}:", err=True)
            _fail(error)
        click.echo(f"Nội dung: {report.created} bài mới, {report.updated} bài cập nhật, {report.unchanged} bài không đổi, "
                   f"{report.voiced} đoạn giọng đọc máy mới.")
    if with_demo:
        click.echo("\nTài khoản dùng thử (chỉ để thử, đừng dùng cho người thật):")
        for account in demo.ensure_demo():
            kind = "PIN" if account.role is Role.LEARNER else "mật khẩu"
            click.echo(f"  {account.role.value:<8} {account.username:<10} {kind}: {account.secret:<14} {account.name}")


center = click.Group("center", help="Provinces, communes and centers.")


@center.command("create")
@click.option("--province-code", required=True)
@click.option("--province-name", required=True)
@click.option("--commune-code", required=True)
@click.option("--commune-name", required=True)
@click.option("--code", required=True, help="The center's code.")
@click.option("--name", required=True, help="The center's name.")
def center_create(province_code, province_name, commune_code, commune_name, code, name):
    """Create a center (and its province and commune if new)."""
    province = db.session.scalar(select(Province).where(Province.code == province_code)) or Province(
        code=province_code, name=province_name)
    db.session.add(province)
    db.session.flush()
    commune = db.session.scalar(select(Commune).where(Commune.code == commune_code)) or Commune(
        code=commune_code, name=commune_name, province_id=province.id)
    db.session.add(commune)
    db.session.flush()
    if db.session.scalar(select(Center.id).where(Center.code == code)):
        raise click.ClickException(f"Mã trung tâm {code} đã có.")
    created = Center(code=code, name=name, commune_id=commune.id)
    db.session.add(created)
    db.session.flush()
    audit.record(None, "center.create", f"{name} ({code})", center_id=created.id, province=province.code)
    db.session.commit()
    click.echo(f"Đã tạo {name} ({code}).")


user = click.Group("user", help="Accounts.")


@user.command("create")
@click.option("--username", required=True)
@click.option("--name", required=True, help="Display name.")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--center", "center_code", help="Center code (learners, teachers, managers).")
@click.option("--province", "province_code", help="Province code (officers).")
@click.password_option("--secret", help="PIN (learners) or password (staff).")
def user_create(username, name, role, center_code, province_code, secret):
    """Create an account."""
    role = Role(role)
    center_id = province_id = None
    if center_code:
        center_id = db.session.scalar(select(Center.id).where(Center.code == center_code))
        if center_id is None:
            raise click.ClickException(f"Không có trung tâm {center_code}.")
    if province_code:
        province_id = db.session.scalar(select(Province.id).where(Province.code == province_code))
        if province_id is None:
            raise click.ClickException(f"Không có tỉnh {province_code}.")
    if role in (Role.LEARNER, Role.TEACHER, Role.MANAGER) and center_id is None:
        raise click.ClickException("Người học, giáo viên và quản lý cần --center.")
    if role is Role.OFFICER and province_id is None:
        raise click.ClickException("Cán bộ Sở cần --province.")
    try:
        created = accounts.create_user(username=username, display_name=name, role=role, secret=secret,
                                       center_id=center_id, province_id=province_id)
    except accounts.AccountError as error:
        raise click.ClickException(str(error))
    db.session.flush()
    audit.record(None, "account.create", f"{created.display_name} ({created.username})", center_id=center_id,
                 subject=created, role=role.value, province_id=province_id)
    db.session.commit()
    click.echo(f"Đã tạo tài khoản {username}.")


search_group = click.Group("search", help="The search index.")


@search_group.command("reindex")
def search_reindex():
    """Rebuild the search index from the database (searches go on meanwhile)."""
    started = time.perf_counter()
    count = search.reindex()
    click.echo(f"Đã lập chỉ mục tìm kiếm ({current_app.config['LMS_SEARCH_BACKEND']}): {count} bài trong "
               f"{time.perf_counter() - started:.1f} giây.")


@click.command("backup")
@click.argument("destination", type=click.Path(path_type=Path))
def backup_command(destination):
    """Write a consistent backup (database and media) to a .tar.gz file; the site may keep running."""
    path = backup.create(db.engine, current_app.config["LMS_MEDIA_DIR"], destination)
    click.echo(f"Đã sao lưu vào {path} ({path.stat().st_size // 1024} KB).")


@click.command("restore")
@click.argument("archive", type=click.Path(exists=True, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite an instance that already holds data.")
def restore_command(archive, force):
    """Restore a backup into this (empty) instance."""
    try:
        manifest = backup.restore(db.engine, current_app.config["LMS_MEDIA_DIR"], archive, force=force)
    except backup.BackupError as error:
        raise click.ClickException(str(error))
    click.echo(f"Đã khôi phục bản sao lưu lúc {manifest['created_at']}.")


@click.command("serve")
@click.option("--bind", default="127.0.0.1:8000", show_default=True, help="Address and port to listen on.")
@click.option("--workers", type=int, default=None, help="Worker processes (default: 2 per core + 1).")
@click.option("--timeout", type=int, default=60, show_default=True, help="Seconds before a stuck worker restarts.")
def serve(bind, workers, timeout):
    """Serve the site with gunicorn, the production WSGI server."""
    from lms.serve import check_production, default_workers, exec_gunicorn
    try:
        check_production(current_app.config)
    except RuntimeError as error:
        raise click.ClickException(str(error))
    exec_gunicorn(bind, workers or default_workers(), timeout)


@click.command("demo-data")
@click.option("--centers", default=20, show_default=True)
@click.option("--learners", default=2000, show_default=True)
@click.option("--progress", default=20000, show_default=True, help="About this many lesson-progress rows.")
@click.option("--seed", default=2026, show_default=True)
def demo_data(centers, learners, progress, seed):
    """Generate synthetic centers, classes, learners and progress at a chosen scale (for benchmarks and trials)."""
    from lms.services import demo_scale
    started = time.perf_counter()
    report = demo_scale.generate(centers=centers, learners=learners, progress=progress, seed=seed)
    click.echo(f"{report.centers} trung tâm, {report.classes} lớp, {report.learners} người học, "
               f"{report.enrolments} lượt ghi danh, {report.progress} dòng tiến độ, {report.events} sự kiện, "
               f"{report.attempts} lượt kiểm tra, {report.completions} khóa hoàn thành "
               f"trong {time.perf_counter() - started:.0f} giây.")


stats_group = click.Group("stats", help="Statistics.")


@stats_group.command("rebuild")
def stats_rebuild():
    """Recompute the summary tables behind the province figures from the progress tables."""
    from lms.services import summaries
    started = time.perf_counter()
    summaries.rebuild()
    click.echo(f"Đã tính lại bảng tổng hợp trong {time.perf_counter() - started:.1f} giây.")


def register(app):
    for group in (content, center, user, setup, search_group, backup_command, restore_command, serve, demo_data,
                  stats_group):
        app.cli.add_command(group)
