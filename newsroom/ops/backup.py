"""Backup archives: the database dump and every media file in one tar, with a SHA-256 manifest.

The manifest is the archive's last member, written once every other member is hashed, so a
truncated archive has no manifest and a damaged one fails a checksum; `verify_backup` reads the
whole archive before `restore_backup` writes anything.
"""

import hashlib
import io
import json
import shutil
import tarfile
import tempfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from django.core.files import File
from django.core.files.storage import Storage
from django.db.backends.base.base import BaseDatabaseWrapper

from .database_dump import DUMP_NAMES, DumpError, dump_database, load_database

MANIFEST = "manifest.json"
FORMAT_VERSION = 1
MEDIA_PREFIX = "media/"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup could not be written, or an archive cannot be trusted; the message names it."""


class HashingReader:
    """Read through a file object, hashing what passes (tarfile reads it exactly once)."""

    def __init__(self, file):
        self.file = file
        self.sha256 = hashlib.sha256()
        self.size = 0

    def read(self, size=-1) -> bytes:
        data = self.file.read(size)
        self.sha256.update(data)
        self.size += len(data)
        return data


def media_names(storage: Storage, directory: str = "") -> Iterator[str]:
    """Every file in the media storage, depth first, in name order."""
    try:
        folders, files = storage.listdir(directory)
    except FileNotFoundError:
        return
    prefix = f"{directory}/" if directory else ""
    for name in sorted(files):
        yield prefix + name
    for folder in sorted(folders):
        yield from media_names(storage, prefix + folder)


def add_member(archive: tarfile.TarFile, name: str, file, size: int, mtime: float) -> dict:
    """Add one file to the archive and return its manifest entry."""
    info = tarfile.TarInfo(name)
    info.size = size
    info.mtime = int(mtime)
    info.mode = 0o644
    reader = HashingReader(file)
    archive.addfile(info, reader)
    return {"sha256": reader.sha256.hexdigest(), "size": reader.size}


def write_backup(
    *, directory: Path, connection: BaseDatabaseWrapper, storage: Storage, now: datetime
) -> tuple[Path, dict]:
    """Write `newsroom-<UTC time>.tar` into `directory`; return its path and manifest."""
    if connection.vendor not in DUMP_NAMES:
        raise BackupError(f"不支持备份 {connection.vendor} 数据库")
    directory.mkdir(parents=True, exist_ok=True)
    final = directory / f"newsroom-{now:%Y%m%dT%H%M%SZ}.tar"
    partial = final.with_name(final.name + ".partial")
    files: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(dir=directory) as scratch:
        dump = Path(scratch) / DUMP_NAMES[connection.vendor]
        try:
            dump_database(connection, dump)
        except DumpError as exc:
            raise BackupError(f"数据库导出失败：{exc}") from exc
        with tarfile.open(partial, "w") as archive:
            with dump.open("rb") as stream:
                files[dump.name] = add_member(
                    archive, dump.name, stream, dump.stat().st_size, now.timestamp()
                )
            for name in media_names(storage):
                with storage.open(name, "rb") as stream:
                    files[MEDIA_PREFIX + name] = add_member(
                        archive, MEDIA_PREFIX + name, stream, storage.size(name), now.timestamp()
                    )
            manifest = {
                "format": FORMAT_VERSION,
                "created_at": now.isoformat(),
                "database": {"vendor": connection.vendor, "file": dump.name},
                "files": files,
            }
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            add_member(archive, MANIFEST, io.BytesIO(data), len(data), now.timestamp())
    partial.replace(final)
    return final, manifest


def verify_backup(path: Path) -> dict:
    """Check every member against the manifest; return the manifest or raise BackupError."""
    try:
        with tarfile.open(path, "r:") as archive:
            members = archive.getmembers()
            manifest = read_manifest(path, archive, members)
            expected = manifest["files"]
            seen: set[str] = set()
            for member in members:
                if member.name == MANIFEST:
                    continue
                entry = expected.get(member.name)
                if entry is None or not member.isfile() or member.name in seen:
                    raise BackupError(f"{path}：含有清单之外的成员 {member.name}，已拒绝恢复。")
                digest = hashlib.sha256()
                with archive.extractfile(member) as stream:
                    while chunk := stream.read(CHUNK):
                        digest.update(chunk)
                if digest.hexdigest() != entry["sha256"] or member.size != entry["size"]:
                    raise BackupError(
                        f"{path}：{member.name} 已损坏（SHA-256 与清单不符），已拒绝恢复。"
                    )
                seen.add(member.name)
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise BackupError(f"{path}：文件已损坏或不是备份归档（{exc}），已拒绝恢复。") from exc
    missing = sorted(set(expected) - seen)
    if missing:
        raise BackupError(f"{path}：缺少 {len(missing)} 个文件（如 {missing[0]}），可能被截断。")
    return manifest


def read_manifest(path: Path, archive: tarfile.TarFile, members: list[tarfile.TarInfo]) -> dict:
    """The manifest, checked for the fields restore relies on."""
    member = next((m for m in members if m.name == MANIFEST), None)
    if member is None:
        raise BackupError(f"{path}：没有 {MANIFEST}：不是完整的备份（可能被截断），已拒绝恢复。")
    try:
        with archive.extractfile(member) as stream:
            manifest = json.loads(stream.read().decode("utf-8"))
        if manifest["format"] != FORMAT_VERSION:
            raise ValueError(f"format {manifest['format']!r}")
        database = manifest["database"]
        if database["file"] not in manifest["files"]:
            raise ValueError("the database file is not listed")
        for name, entry in manifest["files"].items():
            if not isinstance(entry["sha256"], str) or not isinstance(entry["size"], int):
                raise ValueError(name)
    except (UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise BackupError(f"{path}：{MANIFEST} 已损坏或格式不对（{exc}），已拒绝恢复。") from exc
    return manifest


def restore_backup(*, path: Path, connection: BaseDatabaseWrapper, storage: Storage) -> dict:
    """Verify the archive, then replace the database and write its media; return the manifest."""
    manifest = verify_backup(path)
    vendor = manifest["database"]["vendor"]
    if vendor != connection.vendor:
        raise BackupError(f"{path}：这是 {vendor} 数据库的备份，不能恢复到 {connection.vendor}。")
    with tempfile.TemporaryDirectory() as scratch, tarfile.open(path, "r:") as archive:
        dump = Path(scratch) / DUMP_NAMES[vendor]
        with archive.extractfile(manifest["database"]["file"]) as source, dump.open("wb") as copy:
            shutil.copyfileobj(source, copy)
        try:
            load_database(connection, dump)
        except DumpError as exc:
            raise BackupError(f"{path}：数据库恢复失败，数据库未改动：{exc}") from exc
        for name in manifest["files"]:
            if not name.startswith(MEDIA_PREFIX):
                continue
            media_name = name.removeprefix(MEDIA_PREFIX)
            if storage.exists(media_name):
                storage.delete(media_name)
            with archive.extractfile(name) as source:
                stored = storage.save(media_name, File(source, name=media_name))
            if stored != media_name:
                raise BackupError(f"{path}：媒体文件 {media_name} 被存成了 {stored}。")
    return manifest
