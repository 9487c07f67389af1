"""Preview links shared with outside reviewers and the preview log; both groups may share.

The permission lists are frozen as they were when this migration was written (articles/groups.py
holds the live rules), the proofreading mark and front-page pins of 0010 included.
"""

from django.contrib.auth.management import create_permissions

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models



REPORTERS = "记者"
EDITORS = "编辑"

# (app_label, codename) pairs. Reporters may delete bylines, photos and mentions: the admin lets
# them change only their own unpublished articles, and fixing a wrong byline is part of that.
REPORTER_PERMISSIONS = [
    ("articles", "add_article"),
    ("articles", "change_article"),
    ("articles", "view_article"),
    ("articles", "submit_article"),
    ("articles", "add_byline"),
    ("articles", "change_byline"),
    ("articles", "delete_byline"),
    ("articles", "view_byline"),
    ("articles", "add_photo"),
    ("articles", "change_photo"),
    ("articles", "delete_photo"),
    ("articles", "view_photo"),
    ("articles", "view_district"),
    ("articles", "view_subdistrict"),
    ("articles", "view_program"),
    ("articles", "view_programinstallment"),
    ("articles", "view_articlemention"),
    ("articles", "add_articlemention"),
    ("articles", "change_articlemention"),
    ("articles", "delete_articlemention"),
    ("people", "view_reporter"),
    ("people", "view_person"),
    ("people", "add_person"),
    ("taggit", "view_tag"),
    # Links to their own drafts for outside reviewers: made, revoked, their uses read.
    ("articles", "add_previewshare"),
    ("articles", "change_previewshare"),
    ("articles", "view_previewshare"),
    ("articles", "view_previewaccess"),
]

EDITOR_MODELS = {
    "articles": [
        "article",
        "byline",
        "articlemention",
        "photo",
        "correction",
        "district",
        "subdistrict",
        "formerdistrictname",
        "program",
        "programinstallment",
        "frontpagepin",
    ],
    "people": ["reporter", "person"],
    "taggit": ["tag", "taggeditem"],
}
EDITOR_EXTRA = [
    ("articles", "publish_article"),
    ("articles", "submit_article"),
    ("articles", "proofread_article"),
    ("articles", "view_sourcedocument"),
    # Shares are revoked, never deleted: deleting one would delete its access log.
    ("articles", "add_previewshare"),
    ("articles", "change_previewshare"),
    ("articles", "view_previewshare"),
    ("articles", "view_previewaccess"),
]


def editor_permissions() -> list[tuple[str, str]]:
    pairs = [
        (app, f"{action}_{model}")
        for app, models in EDITOR_MODELS.items()
        for model in models
        for action in ("add", "change", "delete", "view")
    ]
    return pairs + EDITOR_EXTRA


def sync_groups(group_model, permission_model) -> None:
    """Create both groups and give each exactly its permissions."""
    for name, pairs in ((REPORTERS, REPORTER_PERMISSIONS), (EDITORS, editor_permissions())):
        group, _ = group_model.objects.get_or_create(name=name)
        wanted = []
        for app_label, codename in pairs:
            permission = permission_model.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is None:
                raise LookupError(f"permission {app_label}.{codename} does not exist")
            wanted.append(permission)
        group.permissions.set(wanted)


def sync(apps, schema_editor):
    # The new models' permissions are normally made after every migration has run.
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    sync_groups(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0013_api_tokens'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='PreviewShare',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('reviewer', models.CharField(help_text='报社以外审阅人的姓名和单位，例如“张明（虹口区文旅局）”。', max_length=100, verbose_name='审阅人')),
                ('token_hash', models.CharField(editable=False, max_length=64, unique=True, verbose_name='令牌摘要')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='创建时间')),
                ('expires_at', models.DateTimeField(verbose_name='有效期至')),
                ('revoked_at', models.DateTimeField(blank=True, null=True, verbose_name='撤销时间')),
                ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='preview_shares', to='articles.article', verbose_name='稿件')),
                ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='创建人')),
            ],
            options={
                'verbose_name': '外部审阅链接',
                'verbose_name_plural': '外部审阅链接',
                'ordering': ['-created_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='PreviewAccess',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='时间')),
                ('ip_address', models.GenericIPAddressField(blank=True, null=True, verbose_name='IP 地址')),
                ('user_agent', models.CharField(blank=True, max_length=300, verbose_name='浏览器')),
                ('granted', models.BooleanField(verbose_name='已放行')),
                ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='preview_accesses', to='articles.article', verbose_name='稿件')),
                ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='用户')),
                ('share', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='accesses', to='articles.previewshare', verbose_name='外部审阅链接')),
            ],
            options={
                'verbose_name': '预览记录',
                'verbose_name_plural': '预览记录',
                'ordering': ['-at', '-pk'],
            },
        ),
        migrations.AddConstraint(
            model_name='previewshare',
            constraint=models.CheckConstraint(condition=models.Q(('expires_at__gt', models.F('created_at'))), name='previewshare_expires_after_creation'),
        ),
        migrations.RunPython(sync, migrations.RunPython.noop),
    ]
