"""django-tasks-db under a Chinese name: its app's verbose_name is a plain English string, which
the admin shows wherever content types are listed (taggit's tagged-item inline)."""

from django_tasks_db.apps import TasksAppConfig


class TaskQueueConfig(TasksAppConfig):
    verbose_name = "后台任务队列"
