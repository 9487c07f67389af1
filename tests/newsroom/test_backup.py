"""Backups: a drill restores an archive into a scratch database and finds every row and file."""

import hashlib
import os
import secrets
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.utils import ConnectionHandler

from articles.models import Photo
from articles.photos import photo_save
from newsroom.ops.backup import MANIFEST, media_names
from tests.factories import image_upload, make_hongkou_story, make_published_article

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _fresh_connection():
    """Start from a new connection: a browser test before this module ends the live server's
    sessions (so the test database can be dropped), and the pool may still hand one out."""
    if connection.vendor == "postgresql":
        connection.close()
        connection.close_pool()


def make_content() -> None:
    """Articles with bylines, districts and a photo with its renditions on disk."""
    story = make_hongkou_story()
    make_published_article(headline="第二篇稿件")
    photo_save(photo=Photo(article=story, image=image_upload(size=(1200, 800))))


def table_fingerprints(database) -> dict[str, tuple[int, str]]:
    """Per table: the row count and a SHA-256 of its rows, in a stable order."""
    fingerprints = {}
    with database.cursor() as cursor:
        for table in sorted(database.introspection.table_names(cursor)):
            cursor.execute(f"SELECT * FROM {database.ops.quote_name(table)}")  # noqa: S608 - table names from Django, quoted
            rows = sorted(repr(tuple(row)) for row in cursor.fetchall())
            digest = hashlib.sha256("\n".join(rows).encode()).hexdigest()
            fingerprints[table] = (len(rows), digest)
    return fingerprints


def media_fingerprints(root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def scratch_database(tmp_path: Path) -> tuple[str, dict]:
    """A scratch database URL and settings: `<name>_drill` on PostgreSQL, a file on SQLite."""
    settings = dict(connection.settings_dict)
    if connection.vendor == "postgresql":
        name = f"{settings['NAME']}_drill"
        with connection.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            cursor.execute(f"CREATE DATABASE {name}")
        user = settings["USER"]
        url = f"postgres://{user}@{settings['HOST']}:{settings['PORT'] or 5432}/{name}"
        options = {k: v for k, v in settings["OPTIONS"].items() if k != "pool"}
        return url, {**settings, "NAME": name, "OPTIONS": options, "TEST": {}}
    path = tmp_path / "drill.sqlite3"
    return f"sqlite:///{path}", {**settings, "NAME": str(path), "TEST": {}}


def drop_scratch_database(settings: dict) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {settings['NAME']} WITH (FORCE)")


def run_restore(archive: Path, *, database_url: str, media_root: Path, tmp_path: Path):
    """`manage.py restore` in its own process, as an operator would run it."""
    environment = {
        key: value for key, value in os.environ.items() if key not in {"REDIS_URL", "LOG_FORMAT"}
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings.dev",
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(media_root),
        NEWSROOM_VAR_DIR=str(tmp_path / "var"),
    )
    return subprocess.run(  # noqa: S603 - fixed argv, no shell
        [sys.executable, "manage.py", "restore", str(archive), "--noinput"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def make_backup(tmp_path: Path) -> Path:
    call_command("backup", str(tmp_path / "backups"), verbosity=0)
    (archive,) = (tmp_path / "backups").glob("newsroom-*.tar")
    return archive


def test_restore_drill_brings_back_every_row_and_media_file(settings, tmp_path):
    make_content()
    archive = make_backup(tmp_path)
    expected_tables = table_fingerprints(connection)
    expected_media = media_fingerprints(Path(settings.MEDIA_ROOT))
    assert expected_tables["articles_article"][0] == 2
    assert len(expected_media) >= 2, "the photo and its renditions"
    url, drill_settings = scratch_database(tmp_path)
    try:
        result = run_restore(
            archive, database_url=url, media_root=tmp_path / "drill-media", tmp_path=tmp_path
        )
        assert result.returncode == 0, result.stderr
        handler = ConnectionHandler({"default": drill_settings})
        try:
            restored_tables = table_fingerprints(handler["default"])
        finally:
            handler.close_all()
    finally:
        drop_scratch_database(drill_settings)
    assert restored_tables == expected_tables
    assert media_fingerprints(tmp_path / "drill-media") == expected_media


def test_backup_lists_every_file_with_its_sha256(tmp_path):
    make_content()
    archive = make_backup(tmp_path)
    manifest = call_command("restore", str(archive), "--check", verbosity=0)
    assert manifest is None
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert names[-1] == MANIFEST
    media = {f"media/{name}" for name in media_names(default_storage)}
    assert media and media <= set(names)


def corrupt_member(archive: Path, member_name: str) -> None:
    """Flip one byte inside a member's content, leaving the tar structure intact."""
    with tarfile.open(archive) as tar:
        member = tar.getmember(member_name)
        offset = member.offset_data + member.size // 2
    with archive.open("r+b") as file:
        file.seek(offset)
        byte = file.read(1)
        file.seek(offset)
        file.write(bytes([byte[0] ^ 0xFF]))


def test_restore_refuses_a_damaged_media_file_naming_it(tmp_path):
    make_content()
    archive = make_backup(tmp_path)
    photo_name = f"media/{Photo.objects.get().image.name}"
    corrupt_member(archive, photo_name)
    with pytest.raises(CommandError, match=f"{archive}.*{photo_name} 已损坏"):
        call_command("restore", str(archive), "--noinput")


def test_restore_refuses_a_damaged_database_dump_and_changes_nothing(tmp_path):
    make_content()
    archive = make_backup(tmp_path)
    before = table_fingerprints(connection)
    with tarfile.open(archive) as tar:
        dump_name = tar.getnames()[0]
    corrupt_member(archive, dump_name)
    with pytest.raises(CommandError, match=f"{dump_name} 已损坏"):
        call_command("restore", str(archive), "--noinput")
    assert table_fingerprints(connection) == before


def test_restore_refuses_a_truncated_archive(tmp_path):
    make_content()
    archive = make_backup(tmp_path)
    data = archive.read_bytes()
    archive.write_bytes(data[: len(data) // 2])
    with pytest.raises(CommandError, match=str(archive)):
        call_command("restore", str(archive), "--noinput")


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    not_a_backup = tmp_path / "notes.tar"
    not_a_backup.write_bytes(b"just some text, not a tar archive\n" * 50)
    with pytest.raises(CommandError, match=f"{not_a_backup}.*不是备份归档"):
        call_command("restore", str(not_a_backup), "--noinput")


@pytest.mark.sqlite
@pytest.mark.django_db(transaction=False)
def test_sqlite_backup_inside_a_transaction_fails_instead_of_waiting(tmp_path):
    with pytest.raises(CommandError, match="inside a transaction"):
        call_command("backup", str(tmp_path), verbosity=0)
