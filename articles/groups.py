"""The newsroom's groups (记者, 编辑) and what each may do ("role" elsewhere is a byline credit).

The migrations apply these (frozen copies); tests/articles/test_groups.py keeps them equal.
"""

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
