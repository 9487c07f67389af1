"""Embargo and expiry times, the 待校对 status and its 已校对 mark; editors may give the mark.

Frozen: the group and permission as they were when this migration was written (articles/groups.py
holds the live rules).
"""

import django.db.models.deletion
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

EDITORS = "编辑"
PROOFREAD = ("articles", "proofread_article")


def give_editors_proofreading(apps, schema_editor):
    # Permissions are normally made after all migrations; make this one now so the group holds it.
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    permission = apps.get_model("auth", "Permission").objects.get(
        content_type__app_label=PROOFREAD[0], codename=PROOFREAD[1]
    )
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name=EDITORS)
    group.permissions.add(permission)


def take_proofreading_back(apps, schema_editor):
    group = apps.get_model("auth", "Group").objects.filter(name=EDITORS).first()
    if group is not None:
        group.permissions.remove(
            *group.permissions.filter(content_type__app_label=PROOFREAD[0], codename=PROOFREAD[1])
        )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0009_source_versions"),
        ("people", "0001_initial"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
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
        migrations.RunPython(give_editors_proofreading, take_proofreading_back),
    ]
