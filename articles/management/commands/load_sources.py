"""Load the paper's OCR'd page files as articles: parse every file, then save them in one go."""

import hashlib
import json
import re
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from articles.ingest import SourceError, decode_source, parse_document, report_json
from articles.ingest.model import ParseWarning
from articles.ingest.thorough import add_thorough_people
from articles.loading import (
    ACTION_LABELS,
    LOADED_STATUSES,
    Action,
    LoadError,
    SourcePage,
    load_documents,
)
from articles.loading.background import page_payload
from articles.models import ArticleStatus
from articles.tasks import load_source_page

DEFAULT_SOURCES = Path(settings.BASE_DIR) / "fixtures" / "sources"
PAGE_PATTERN = re.compile(r"^[A-Z]{0,3}\d{1,4}$")
NOTHING_WRITTEN = "本次运行没有写入任何内容。"


def edition_date(value: str) -> date:
    """An edition date as YYYY-MM-DD."""
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"“{value}”不是 YYYY-MM-DD 格式的日期") from None


def page_label(value: str) -> str:
    """A printed page such as A5 or B12."""
    label = value.strip().upper()
    if not PAGE_PATTERN.match(label):
        raise ValueError(f"“{value}”不是版次，应当像 A5、B12 这样")
    return label


def page_files(paths: list[str]) -> list[Path]:
    """The files to load: each file as given, each folder's *.txt files in name order."""
    files: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files.extend(sorted(p for p in path.glob("*.txt") if p.is_file()))
        elif path.is_file():
            files.append(path)
        else:
            raise CommandError(
                f"{given}：文件或文件夹不存在。请检查路径（可以是页面文件或存放页面文件的文件夹）。"
                + NOTHING_WRITTEN
            )
    return files


def sidecar_meta(path: Path) -> dict:
    """Edition date and page from `<file>.meta.json` (or `<stem>.meta.json`) beside the file."""
    for candidate in (path.with_name(path.name + ".meta.json"), path.with_suffix(".meta.json")):
        if not candidate.is_file():
            continue
        try:
            data = json.loads(candidate.read_text(encoding="utf-8"))
            if not isinstance(data, dict):
                raise ValueError("应当是一个 JSON 对象")
            meta = {}
            if data.get("date"):
                meta["date"] = edition_date(str(data["date"]))
            if data.get("page"):
                meta["page"] = page_label(str(data["page"]))
            return meta
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise CommandError(
                f"{candidate}：无法读取版面信息（{exc}）。请写成 "
                '{"date": "2022-11-21", "page": "A5"}。' + NOTHING_WRITTEN
            ) from None
    return {}


def source_error_message(path: Path, error: SourceError) -> str:
    """Name the file, where in it, what is wrong and what to do."""
    where = []
    if error.line is not None:
        where.append(f"第 {error.line} 行")
    if error.offset is not None:
        where.append(f"字节偏移 {error.offset}")
    location = f"（{'，'.join(where)}）" if where else ""
    hint = f" 处理办法：{error.hint}。" if error.hint else ""
    return f"{path}{location}：无法载入：{error.message}。{hint}{NOTHING_WRITTEN}"


def warning_message(path: str, warning: ParseWarning) -> str:
    """One parse warning as file:line, which article, and what to check."""
    article = f"第 {warning.article + 1} 篇：" if warning.article is not None else ""
    return f"  {path}:{warning.line}：警告：{article}{warning.message}"


class Command(BaseCommand):
    help = (
        "载入报纸版面的 OCR 文本（文件或文件夹，默认 fixtures/sources/）："
        "先解析全部文件，再在一个事务中保存；同一文件重复载入不会产生重复稿件。"
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", metavar="PATH", help="页面文件或文件夹")
        parser.add_argument("--dry-run", action="store_true", help="只解析和报告，不写入")
        parser.add_argument(
            "--format",
            choices=["text", "json"],
            default="text",
            help="json：在标准输出打印解析结果",
        )
        parser.add_argument("--date", help="见报日期 YYYY-MM-DD（文件未注明时）")
        parser.add_argument("--page", help="版次，如 A5（文件未注明时）")
        parser.add_argument(
            "--status",
            choices=[status.value for status in LOADED_STATUSES],
            default=ArticleStatus.PROOFREADING,
            help=(
                "新稿件的状态：默认 proofreading（待校对，校对后才能发布）；"
                "published 立即发布（已印出的旧报）；draft 草稿"
            ),
        )
        parser.add_argument(
            "--people",
            choices=["fast", "thorough"],
            default="fast",
            help="人物识别：fast 只用规则（默认）；thorough 再用统计模型（thulac）补充人名，"
            "每千字约需半秒，在本命令中直接完成",
        )
        parser.add_argument(
            "--in-background",
            action="store_true",
            help="只读取文件，每个版面排入一个后台任务（由 db_worker 解析并各自在一个事务中保存），"
            "进度和结果见管理后台“后台任务”",
        )

    def handle(
        self,
        *args,
        paths,
        dry_run,
        format,
        date,
        page,
        status,
        people,
        in_background,
        verbosity,
        **options,
    ):
        try:
            date = edition_date(date) if date else None
            page = page_label(page) if page else ""
        except ValueError as exc:
            raise CommandError(f"{exc}。{NOTHING_WRITTEN}") from None
        files = page_files(paths or [str(DEFAULT_SOURCES)])
        if in_background:
            if dry_run or format == "json":
                raise CommandError(
                    "--in-background 不能与 --dry-run 或 --format json 同用：后台任务会写入，"
                    f"解析结果不在本命令中产生。{NOTHING_WRITTEN}"
                )
            self._enqueue(files, date=date, page=page, status=status, people=people)
            return
        pages = [
            self._read(
                path, date=date, page=page, thorough=people == "thorough", verbosity=verbosity
            )
            for path in files
        ]
        try:
            report = load_documents(pages=pages, status=status, now=timezone.now(), dry_run=dry_run)
        except LoadError as exc:
            raise CommandError(f"{exc.path}：保存失败：{exc.message}。{NOTHING_WRITTEN}") from exc
        for source in pages:
            for outcome in report.for_path(source.path):
                if outcome.action == Action.SKIPPED or verbosity >= 2:
                    reason = f"（{outcome.reason}）" if outcome.reason else ""
                    self._progress(
                        f"  {ACTION_LABELS[outcome.action]} #{outcome.position} "
                        f"{outcome.headline}{reason}"
                    )
        if verbosity >= 1:
            for source in pages:
                for warning in source.document.warnings:
                    self._progress(warning_message(source.path, warning))
        summary = (
            f"{'试运行，未写入：' if dry_run else ''}文件 {report.files} 个；稿件 "
            f"新建 {report.count(Action.CREATED)}，更新 {report.count(Action.UPDATED)}，"
            f"未变 {report.count(Action.UNCHANGED)}，跳过 {report.count(Action.SKIPPED)}；"
            f"解析警告 {report.warnings} 条"
        )
        if format == "json":
            self._progress(summary)
            self.stdout.write(report_json(source.document for source in pages))
        elif verbosity >= 1:
            self.stdout.write(self.style.SUCCESS(summary))

    def _enqueue(self, files: list[Path], *, date, page, status: str, people: str) -> None:
        """Read and decode every file first (a bad one queues nothing), then one task a page."""
        payloads = []
        for path in files:
            data = self._bytes(path)
            meta = sidecar_meta(path)
            try:
                text = decode_source(data, source=path.name)
            except SourceError as exc:
                raise CommandError(source_error_message(path, exc)) from None
            payloads.append(
                page_payload(
                    path=str(path),
                    file_name=path.name,
                    data=data,
                    text=text,
                    edition_date=date or meta.get("date"),
                    page=page or meta.get("page", ""),
                )
            )
        with transaction.atomic():  # all the pages are queued, or none
            for payload in payloads:
                load_source_page.enqueue(payload, status, people)
        self.stdout.write(
            self.style.SUCCESS(
                f"已排入 {len(payloads)} 个载入后台任务（每个版面一个），"
                "由 db_worker 执行，进度见管理后台“后台任务”。"
            )
        )

    def _bytes(self, path: Path) -> bytes:
        try:
            return path.read_bytes()
        except OSError as exc:
            raise CommandError(
                f"{path}：无法读取（{exc.strerror}）。请检查文件权限。{NOTHING_WRITTEN}"
            ) from None

    def _progress(self, message: str) -> None:
        """Progress goes to stderr, uncoloured, so stdout stays clean for --format json."""
        self.stderr.write(message, style_func=str)

    def _read(self, path: Path, *, date, page, thorough: bool, verbosity) -> SourcePage:
        """Read, decode and parse one file; any problem stops the run before anything is saved."""
        data = self._bytes(path)
        meta = sidecar_meta(path)
        sha256 = hashlib.sha256(data).hexdigest()
        try:
            text = decode_source(data, source=path.name)
            document = parse_document(text, source=path.name, sha256=sha256)
            found = add_thorough_people(document) if thorough else 0
        except SourceError as exc:
            raise CommandError(source_error_message(path, exc)) from None
        except Exception as exc:  # A parser bug must still name the file, not dump a traceback.
            raise CommandError(
                f"{path}：解析器内部错误（{type(exc).__name__}: {exc}）。请把这个文件和这条信息"
                f"报告给开发人员。{NOTHING_WRITTEN}"
            ) from exc
        source = SourcePage(
            path=str(path),
            file_name=path.name,
            sha256=sha256,
            size=len(data),
            text=text,
            document=document,
            edition_date=date or meta.get("date"),
            page=page or meta.get("page", ""),
        )
        if verbosity >= 1:
            when = source.edition_date.isoformat() if source.edition_date else "未知"
            where = source.page or "未知"
            extra = f"；精确识别补充人物 {found} 人" if thorough else ""
            self._progress(
                f"{path}：{len(document.articles)} 篇；见报日期 {when}，版次 {where}{extra}"
            )
        return source
