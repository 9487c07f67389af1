"""Embargo and expiry times, the 待校对 status and its 已校对 mark, and front-page pins.

Editors get the right to give the mark and to manage pins. Frozen: the group and permissions as
they were when this migration was written (articles/groups.py holds the live rules).
"""

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

EDITORS = "编辑"
EDITOR_GAINS = [
    ("articles", "proofread_article"),
    ("articles", "add_frontpagepin"),
    ("articles", "change_frontpagepin"),
    ("articles", "delete_frontpagepin"),
    ("articles", "view_frontpagepin"),
]


def _gains(permission_model):
    wanted = []
    for app_label, codename in EDITOR_GAINS:
        permission = permission_model.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is None:
            raise LookupError(f"permission {app_label}.{codename} does not exist")
        wanted.append(permission)
    return wanted


def give_editors_their_new_rights(apps, schema_editor):
    # Permissions are normally made after all migrations; make these now so the group holds them.
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name=EDITORS)
    group.permissions.add(*_gains(apps.get_model("auth", "Permission")))


def take_them_back(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=EDITORS).first()
    if group is not None:
        group.permissions.remove(*_gains(apps.get_model("auth", "Permission")))


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0009_source_versions"),
        ("people", "0001_initial"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="FrontPagePin",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "position",
                    models.PositiveSmallIntegerField(
                        help_text="首页顶部的第几条（1 为头条，最多 5 条）。",
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(5),
                        ],
                        verbose_name="位置",
                    ),
                ),
                (
                    "ends_at",
                    models.DateTimeField(
                        blank=True,
                        help_text="到点自动取消置顶；留空则一直置顶。",
                        null=True,
                        verbose_name="置顶截止",
                    ),
                ),
                ("pinned_at", models.DateTimeField(auto_now_add=True, verbose_name="置顶时间")),
            ],
            options={
                "verbose_name": "首页置顶",
                "verbose_name_plural": "首页置顶",
                "ordering": ["position", "-pinned_at", "-pk"],
            },
        ),
        migrations.AlterModelOptions(
            name="article",
            options={
                "ordering": ["-published_at", "-pk"],
                "permissions": [
                    ("publish_article", "可以发布和撤回稿件"),
                    ("submit_article", "可以提交稿件审核"),
                    ("proofread_article", "可以标记 OCR 稿件已校对"),
                ],
                "verbose_name": "稿件",
                "verbose_name_plural": "稿件",
            },
        ),
        migrations.RemoveConstraint(
            model_name="article",
            name="article_status_valid",
        ),
        migrations.AddField(
            model_name="article",
            name="embargo_until",
            field=models.DateTimeField(
                blank=True,
                help_text="在此时间之前，即使按了发布也不会公开。只有编辑可以设定或取消。",
                null=True,
                verbose_name="禁发至",
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="expires_at",
            field=models.DateTimeField(
                blank=True,
                help_text="到点自动从网站撤下，原网址显示“本文已撤回”。",
                null=True,
                verbose_name="下线时间",
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="proofread_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="校对时间"
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="proofread_by",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="校对人",
            ),
        ),
        migrations.AlterField(
            model_name="article",
            name="status",
            field=models.CharField(
                choices=[
                    ("proofreading", "待校对"),
                    ("draft", "草稿"),
                    ("review", "待审"),
                    ("published", "已发布"),
                    ("withdrawn", "已撤回"),
                ],
                default="draft",
                max_length=20,
                verbose_name="状态",
            ),
        ),
        migrations.AddConstraint(
            model_name="article",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("status__in", ["proofreading", "draft", "review", "published", "withdrawn"])
                ),
                name="article_status_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="article",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("expires_at__isnull", True),
                    ("embargo_until__isnull", True),
                    ("expires_at__gt", models.F("embargo_until")),
                    _connector="OR",
                ),
                name="article_expires_after_embargo",
            ),
        ),
        migrations.AddField(
            model_name="frontpagepin",
            name="article",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="front_page_pin",
                to="articles.article",
                verbose_name="稿件",
            ),
        ),
        migrations.AddField(
            model_name="frontpagepin",
            name="pinned_by",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="置顶人",
            ),
        ),
        migrations.AddConstraint(
            model_name="frontpagepin",
            constraint=models.CheckConstraint(
                condition=models.Q(("position__gte", 1), ("position__lte", 5)),
                name="frontpagepin_position_in_slots",
            ),
        ),
        migrations.RunPython(give_editors_their_new_rights, take_them_back),
    ]
