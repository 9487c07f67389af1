"""Background tasks in the admin: queue the thorough people pass, and follow the task runs.

The database backend's own admin labels everything in English; this read-only one shows the
same rows (through the TaskRun proxy) in Chinese, with what each run found.
"""

from django.contrib import admin, messages
from django.tasks import TaskResultStatus
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult

from ..models import TaskRun
from ..tasks import (
    enqueue_thorough_people,
    load_source_page,
    make_photo_renditions,
    purge_article_pages,
    reindex_articles,
    thorough_people_pass,
)
from .sources import ReadOnlyAdmin

STATUS_LABELS = {
    TaskResultStatus.READY: _("排队中"),
    TaskResultStatus.RUNNING: _("运行中"),
    TaskResultStatus.SUCCESSFUL: _("已完成"),
    TaskResultStatus.FAILED: _("失败"),
}
TASK_LABELS = {
    thorough_people_pass.module_path: _("精确人名识别"),
    make_photo_renditions.module_path: _("生成缩略图"),
    reindex_articles.module_path: _("重建检索索引"),
    load_source_page.module_path: _("载入版面"),
    purge_article_pages.module_path: _("定时清除页面缓存"),
}


@admin.action(permissions=["change"], description=_("用精确人名识别补充人物（后台任务）"))
def find_people_selected(modeladmin, request, queryset):
    """Queue the thorough people pass over the selected articles."""
    results = enqueue_thorough_people(queryset.values_list("pk", flat=True))
    modeladmin.message_user(
        request,
        f"已排入 {len(results)} 个后台任务（共 {queryset.count()} 篇稿件），"
        "可在“后台任务”中查看进度。",
        messages.SUCCESS,
    )


if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)


@admin.register(TaskRun)
class TaskRunAdmin(ReadOnlyAdmin):
    """Read-only: runs are written by the task backend and the worker, never by hand."""

    list_display = [
        "task_display",
        "status_display",
        "enqueued",
        "scheduled_for",
        "finished",
        "arguments",
        "outcome",
    ]
    list_filter = ["status"]
    ordering = ["-enqueued_at"]
    fields = [
        "task_display",
        "status_display",
        "enqueued",
        "scheduled_for",
        "started",
        "finished",
        "arguments",
        "outcome",
        "error",
    ]
    readonly_fields = fields

    @admin.display(description=_("任务"), ordering="task_path")
    def task_display(self, run):
        return TASK_LABELS.get(run.task_path, run.task_path)

    @admin.display(description=_("状态"), ordering="status")
    def status_display(self, run):
        return STATUS_LABELS.get(run.status, run.status)

    # The backend's own fields are labelled in English: each is shown under a Chinese name.
    @admin.display(description=_("排队时间"), ordering="enqueued_at")
    def enqueued(self, run):
        return run.enqueued_at

    @admin.display(description=_("计划时间"), ordering="run_after")
    def scheduled_for(self, run):
        return run.run_after

    @admin.display(description=_("开始时间"), ordering="started_at")
    def started(self, run):
        return run.started_at

    @admin.display(description=_("完成时间"), ordering="finished_at")
    def finished(self, run):
        return run.finished_at

    @admin.display(description=_("错误信息"))
    def error(self, run):
        return run.traceback

    @admin.display(description=_("参数"))
    def arguments(self, run):
        args = run.args_kwargs.get("args") or []
        if run.task_path == load_source_page.module_path and args:
            return args[0].get("file_name", "")
        if run.task_path == make_photo_renditions.module_path and args:
            return f"图片 {args[0]}"
        if run.task_path == reindex_articles.module_path and len(args) >= 2:
            return f"稿件编号 {args[0]}–{args[1] - 1}"
        if run.task_path == purge_article_pages.module_path and args:
            return f"稿件 {args[0]}"
        ids = args[0] if args and isinstance(args[0], list) else []
        return f"稿件 {len(ids)} 篇（编号 {ids[0]}–{ids[-1]}）" if ids else str(run.args_kwargs)

    @admin.display(description=_("结果"))
    def outcome(self, run):
        value = run.return_value if run.status == TaskResultStatus.SUCCESSFUL else None
        if not isinstance(value, dict):
            return "" if value is None else str(value)
        if "articles" in value:
            return f"读了 {value['articles']} 篇，补充人物 {value.get('people', 0)} 人"
        if "created" in value:
            return (
                f"新建 {value['created']}，更新 {value.get('updated', 0)}，"
                f"未变 {value.get('unchanged', 0)}，跳过 {value.get('skipped', 0)}"
            )
        if "renditions" in value:
            return f"生成缩略图 {value['renditions']} 张"
        if "indexed" in value:
            return f"索引 {value['indexed']} 篇稿件"
        if "tags" in value:
            return f"清除缓存标签 {value['tags']} 个"
        return str(value)
