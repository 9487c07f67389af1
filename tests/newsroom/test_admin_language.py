"""Everything an editor or a reporter sees in the admin is Chinese.

Two checks: every admin page each of them can open, scanned for English UI text (a list of
strings known to have leaked, plus any Latin word that is not data or a technical name), and
our catalogue, which must translate every msgid it holds.
"""

import re
from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from articles import services
from articles.models import ArticleStatus, District, Program, SourceDocument, Subdistrict
from newsroom.catalogues import catalogue_paths, compile_catalogues, untranslated
from people.models import Person, Reporter
from tests.articles.test_admin import one_of_each
from tests.factories import make_draft, make_reporter, make_user

pytestmark = pytest.mark.django_db

# English that has reached editors before: Django 6.1's new strings, django-axes, taggit,
# model class names on the delete page, boolean icons.
KNOWN_ENGLISH = [
    r"Filter by",
    r"Select an option",
    r"\bAxes\b",
    r"[Aa]ccess (attempts?|logs?|failures?)",
    r"Attempt Time|Logout Time|Locked Out",
    r"Merge selected tags|New Tag Name|Tags have been merged",
    r"\bCan (add|change|delete|view)\b",
    r"relationship|object \(\d+\)",
    r"\b(True|False|None)\b",
    r"\b(Search|Save|Delete|History|Action|Go|Yes|No|Today|Now|Logout|Log out)\b",
    r"Base version",
]
# Names, abbreviations and syntax that stay as they are in Chinese UI text.
TECHNICAL = {
    "OCR", "SHA-256", "JPEG", "PNG", "WebP", "MB", "ID", "URL", "JSON", "UTF-8", "GBK", "IP",
    "HTTP", "Accept", "GET", "POST", "Control", "Command", "Mac", "YYYY-MM-DD", "iconv", "RSS",
    "Atom",
    # The link schemes the body's inline markup accepts, as an editor must type them.
    "http", "https", "mailto",
}  # fmt: skip
LATIN = re.compile(r"[A-Za-z][A-Za-z0-9_\-]*")
HIDDEN_TAGS = {"script", "style", "svg", "template"}
VISIBLE_ATTRIBUTES = {"title", "placeholder", "aria-label", "alt"}


class VisibleText(HTMLParser):
    """The text a person sees or hears: body text, labels, button values, alt and titles."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in HIDDEN_TAGS:
            self._hidden += 1
        if tag == "input" and attributes.get("type") == "hidden":
            return
        for name, value in attrs:
            if value and (
                name in VISIBLE_ATTRIBUTES
                or (name == "value" and attributes.get("type") in ("submit", "button"))
            ):
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in HIDDEN_TAGS:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.parts.append(data.strip())


def visible_text(html: str) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    return parser.parts


def data_words() -> set[str]:
    """Latin words that are content, not UI: user names, pinyin, slugs, file names."""
    values = [
        *get_user_model().objects.values_list("username", flat=True),
        *Reporter.objects.values_list("pinyin", "slug"),
        *Person.objects.values_list("pinyin", flat=True),
        *District.objects.values_list("slug", "name_en"),
        *Subdistrict.objects.values_list("slug", flat=True),
        *Program.objects.values_list("slug", flat=True),
        *SourceDocument.objects.values_list("file_name", "sha256", "page"),
    ]
    words = set()
    for value in values:
        for text in value if isinstance(value, tuple) else (value,):
            words.update(LATIN.findall(str(text or "")))
    return words


def english_in(parts: list[str], allowed: set[str]) -> list[str]:
    """Each visible string that shows English UI text, with what gave it away."""
    found = []
    for part in parts:
        known = [p for p in KNOWN_ENGLISH if re.search(p, part)]
        stray = [w for w in LATIN.findall(part) if w not in allowed]
        if known or stray:
            found.append(f"{part[:80]!r} ({', '.join(known + stray)})")
    return found


def admin_pages(user) -> list[str]:
    """Every admin page this user may open: the desk, lists, forms, history, our own pages."""
    pages = [reverse("admin:index"), reverse("admin:password_change")]
    if user.is_staff and user.has_perm("articles.view_article"):
        pages.append(reverse("admin-statistics"))
    request = type("Request", (), {"user": user})()
    for model_admin in admin.site._registry.values():
        if not model_admin.has_view_or_change_permission(request):
            continue
        info = f"admin:{model_admin.opts.app_label}_{model_admin.opts.model_name}"
        pages += [reverse(f"{info}_changelist"), reverse(f"{info}_changelist") + "?q=zz"]
        if model_admin.has_add_permission(request):
            pages.append(reverse(f"{info}_add"))
        obj = model_admin.get_queryset(request).order_by("pk").first()
        if obj is None:
            continue
        for view in ("change", "history", "delete", "send_back", "comments"):
            try:
                pages.append(reverse(f"{info}_{view}", args=[obj.pk]))
            except NoReverseMatch:
                continue
    return pages


def desk_with_everything(user):
    """One of every object, and the user's own story sent back with a comment."""
    one_of_each()
    reporter = make_reporter("赵记者", user=user if not user.is_superuser else None)
    story = make_draft(headline="审稿中的稿件", created_by=user, bylines=[reporter])
    services.article_submit(article=story, user=user)
    editor = make_user("editor", username="值班编辑")
    services.article_send_back(article=story, user=editor, comment="请补充数据来源。")
    services.article_comment_add(article=story, user=user, text="已补充。")
    make_draft(status=ArticleStatus.REVIEW, headline="等待审核")


@pytest.mark.parametrize("role", ["editor", "reporter"])
@pytest.mark.usefixtures("db_tasks")  # a task run (database backend) to show
def test_every_admin_page_speaks_chinese(client, role):
    user = make_user(role, username=f"测试{role}")
    desk_with_everything(user)
    client.force_login(user)
    allowed = TECHNICAL | data_words()
    problems = {}
    pages = admin_pages(user)
    for url in pages:
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        found = english_in(visible_text(response.text), allowed)
        if found:
            problems[url] = found
    assert len(pages) > 20
    assert problems == {}


def test_lockout_records_speak_chinese_to_the_superuser(client):
    allowed = TECHNICAL | data_words()
    login = client.get(reverse("admin:login"))
    assert english_in(visible_text(login.text), allowed) == []
    client.force_login(make_user("superuser", username="管理员"))
    index = client.get(reverse("admin:index")).text
    assert "登录保护" in index and "Axes" not in index
    for model in ("accessattempt", "accesslog", "accessfailurelog"):
        response = client.get(reverse(f"admin:axes_{model}_changelist"))
        assert response.status_code == 200
        assert english_in(visible_text(response.text), allowed) == []


def test_the_catalogue_translates_every_msgid_it_holds():
    paths = catalogue_paths()
    assert paths, "no catalogue under locale/"
    for path in paths:
        assert untranslated(path) == []


def test_the_compiled_catalogue_is_in_use():
    with translation.override("zh-hans"):
        assert translation.gettext("- Select an option -") == "- 请选择 -"
        assert translation.gettext("access attempts") == "登录尝试"


def test_compiling_refuses_a_catalogue_with_a_missing_translation(tmp_path):
    po = tmp_path / "zh_Hans" / "LC_MESSAGES" / "django.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n\nmsgid "Merge"\nmsgstr "合并"\n\nmsgid "Split"\nmsgstr ""\n'
    )
    with pytest.raises(ValueError, match=r"django\.po:7: “Split” 没有译文"):
        compile_catalogues(tmp_path)
    assert not po.with_suffix(".mo").exists()


def test_the_tag_merge_tool_speaks_chinese(client):
    from taggit.models import Tag

    client.force_login(make_user("editor"))
    old = Tag.objects.create(name="老城区", slug="laochengqu")
    picked = client.post(
        reverse("admin:taggit_tag_changelist"),
        {"action": "render_tag_form", "_selected_action": [old.pk]},
        follow=True,
    )
    assert "合并所选标签" in picked.text
    assert english_in(visible_text(picked.text), TECHNICAL | data_words()) == []
    merged = client.post(
        reverse("admin:taggit_tag_merge_tags"), {"new_tag_name": "旧城区"}, follow=True
    )
    assert "标签已合并。" in merged.text


def test_a_refused_page_explains_itself_in_chinese(client):
    author = make_user("reporter")
    story = make_draft(status=ArticleStatus.REVIEW, created_by=author)
    client.force_login(author)
    response = client.get(reverse("admin:articles_article_send_back", args=[story.pk]))
    assert response.status_code == 403
    assert "无权访问" in response.text
    assert english_in(visible_text(response.text), TECHNICAL | data_words()) == []
