"""A property over every text field readers see: hostile text saved through the services stays
text in the HTML pages, the RSS and Atom feeds and the JSON-LD block, wherever it is rendered."""

import html
import json
import re
from html.parser import HTMLParser

import feedparser
import pytest
from django.db import transaction
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from taggit.models import Tag

from articles.blocks import block_plain_text
from articles.models import Article, Byline, Photo, Program
from articles.photos import photo_save
from articles.services.credits import BylineSpec
from articles.services.drafts import article_create_draft
from articles.services.fields import clip_to_field
from articles.services.revisions import article_save_with_new_version
from articles.services.sources import program_get_or_create
from articles.services.workflow import article_publish
from people.models import Reporter
from tests.factories import image_upload, make_correction, make_district, make_user

pytestmark = pytest.mark.django_db

# What an attacker (or a careless paste) puts in a field, mixed with ordinary text.
FRAGMENTS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "</script>",
    "</SCRIPT ",
    "<!--",
    "-->",
    "]]>",
    "<![CDATA[",
    '"',
    "'",
    "&",
    "&amp;",
    "&lt;b&gt;",
    "\\u003c",
    "\u2028\u2029",
    "上海·虹口",
    "😀",
    "\x01\x08\x0b\x1f\x7f",
    # The body's inline markup (articles/inline_markup.py), well-formed and not.
    "[链接](javascript:alert(1))",
    '[链接](https://e.com/"onmouseover="alert(1))',
    "[链接](https://e.com/)",
    "**",
    "*",
    "[",
    "\\",
]
# Any character a database keeps (PostgreSQL refuses NUL), control characters included.
PLAIN = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=6)
HOSTILE = st.tuples(PLAIN, st.sampled_from(FRAGMENTS), PLAIN, st.sampled_from(FRAGMENTS)).map(
    "".join
)


def hostile(prefix: str):
    """Hostile text led by a few Chinese characters, so names still make a slug."""
    return HOSTILE.map(lambda text: prefix + text)


class PageShape(HTMLParser):
    """What a browser would build: elements with their attributes, script bodies, text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements, self.scripts, self.texts = [], [], []
        self._script = None

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        if tag == "script":
            self._script = []

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append((self.elements_of("script")[-1][1], "".join(self._script)))
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)
        else:
            self.texts.append(data)

    def elements_of(self, tag):
        return [element for element in self.elements if element[0] == tag]


def parse_page(client, url) -> PageShape:
    response = client.get(url)
    assert response.status_code == 200, url
    shape = PageShape()
    shape.feed(response.text)
    shape.close()
    handlers = [(tag, name) for tag, attrs in shape.elements for name in attrs if name[:2] == "on"]
    assert handlers == [], url
    assert not [attrs for tag, attrs in shape.elements_of("img") if attrs.get("src") == "x"], url
    for attrs, _ in shape.scripts:
        # Only our own scripts: the JSON-LD data block, or a file from /static/.
        assert attrs.get("type") == "application/ld+json" or attrs.get("src", "").startswith(
            "/static/"
        ), (url, attrs)
    return shape


def page_json_ld(shape: PageShape) -> dict:
    """The JSON-LD block as a browser ends it (at the first `</script`), parsed as JSON."""
    (block,) = [body for attrs, body in shape.scripts if attrs.get("type") == "application/ld+json"]
    assert "</script" not in block.lower() and "<!--" not in block
    return json.loads(block)


# Control characters XML 1.0 cannot carry or discourages: feeds drop them
# (articles/feed_types.py), pages keep them.
NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def in_feed(text: str) -> str:
    """The text as a feed reader gets it: no XML-illegal characters, line ends as XML
    parsers normalise them, and the surrounding space feedparser trims."""
    return NOT_IN_XML.sub("", text).replace("\r\n", "\n").replace("\r", "\n").strip()


def spaced(text: str) -> str:
    return " ".join(text.split())


def parse_feed(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, (url, feed.get("bozo_exception"))
    return feed


def as_text(detail) -> str:
    """A feed field's value as a reader shows it; an HTML field must hold no element."""
    if detail.type == "text/plain":
        return detail.value
    assert "<" not in detail.value, detail
    return html.unescape(detail.value)


@st.composite
def hostile_articles(draw):
    return {
        "kicker": draw(hostile("引题")),
        "headline": draw(hostile("主题")),
        "subheadline": [draw(hostile("副题"))],
        "summary": draw(hostile("摘要")),
        "paragraph": draw(hostile("正文")),
        "subhead": draw(hostile("小标题")),
        "caption": draw(hostile("图注")),
        "reporter": draw(hostile("记者")),
        "role": draw(hostile("本报")),
        "tag": draw(hostile("标签")),
        "program": draw(hostile("专题")),
        "correction": draw(hostile("更正")),
        "photo_caption": draw(hostile("图片说明")),
        "photo_credit": draw(hostile("摄影")),
    }


def publish_hostile_article(editor, text: dict):
    """Everything through the services, as the admin and the write API save it."""
    district = make_district("hongkou")
    article = article_create_draft(
        user=editor,
        fields={
            "kicker": clip_to_field(Article, "kicker", text["kicker"]),
            "headline": clip_to_field(Article, "headline", text["headline"]),
            "subheadline": text["subheadline"],
            "summary": text["summary"],
            "body": [
                {"kind": "paragraph", "text": text["paragraph"]},
                {"kind": "subhead", "text": text["subhead"]},
                {"kind": "caption", "text": text["caption"]},
            ],
            "program": program_get_or_create(name=clip_to_field(Program, "name", text["program"])),
        },
        bylines=[
            BylineSpec(
                name=clip_to_field(Reporter, "name", text["reporter"]),
                role=clip_to_field(Byline, "role", text["role"]),
            )
        ],
        districts=[district],
        tags=[clip_to_field(Tag, "name", text["tag"])],
    )
    photo = photo_save(
        photo=Photo(
            article=article,
            image=image_upload(size=(64, 48)),
            caption=text["photo_caption"],
            credit=clip_to_field(Photo, "credit", text["photo_credit"]),
        )
    )
    article.body = [*article.body, {"kind": "image", "photo": photo.pk}]
    article_save_with_new_version(article=article, update_fields=["body"])
    article_publish(article=article, user=editor)
    make_correction(article, text["correction"])
    article.refresh_from_db()
    return article


@pytest.fixture
def editor():
    return make_user("editor")


@settings(
    max_examples=5,
    deadline=None,
    # Each example saves an article and renders 15 responses; shrinking a failure would take
    # minutes, and the failing text is printed whole anyway.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=hostile_articles())
def test_hostile_text_stays_text_in_pages_feeds_and_json_ld(client, editor, text):
    with transaction.atomic():
        article = publish_hostile_article(editor, text)
        check_article_page(client, article)
        check_list_pages_and_feeds(client, article)
        transaction.set_rollback(True)


def check_article_page(client, article):
    shape = parse_page(client, article.get_absolute_url())
    photo = article.photos.get()
    byline = article.bylines.select_related("reporter").get()
    correction = article.corrections.get()
    texts = "\x00".join(shape.texts)
    shown = [
        article.kicker,
        article.headline,
        *article.subheadline,
        *(block["text"] for block in article.body if block.get("kind") == "subhead"),
        byline.reporter.name,
        byline.role,
        article.program.name,
        *article.tags.names(),
        correction.text,
        photo.caption,
        photo.credit,
    ]
    assert [value for value in shown if value not in texts] == []
    # Paragraphs and captions read as their text without the markup (emphasis splits them into
    # several text nodes); the HTML parser turns their carriage returns into line feeds.
    read = "".join(shape.texts)
    marked = [
        block_plain_text(block).replace("\r\n", "\n").replace("\r", "\n")
        for block in article.body
        if block.get("kind") in ("paragraph", "caption")
    ]
    assert [value for value in marked if value not in read] == []
    links = [attrs for tag, attrs in shape.elements_of("a") if "nofollow" in attrs.get("rel", "")]
    assert all(attrs["href"].startswith(("http://", "https://")) for attrs in links)
    data = page_json_ld(shape)
    assert data["headline"] == article.headline
    assert data["description"] == article.summary
    assert data["alternativeHeadline"] == article.full_title
    assert [author["name"] for author in data["author"]] == [byline.reporter.name]
    assert [c["text"] for c in data["correction"]] == [correction.text]


def check_list_pages_and_feeds(client, article):
    reporter = article.bylines.get().reporter
    tag = article.tags.get()
    owners = [
        "",
        f"/tag/{tag.slug}/",
        article.districts.get().get_absolute_url(),
        reporter.get_absolute_url(),
        article.program.get_absolute_url(),
    ]
    for page in owners:
        shape = parse_page(client, page or "/")
        assert article.headline in "\x00".join(shape.texts), page
    for owner in owners:
        for kind in ("feed/", "feed/atom/"):
            url = f"{owner.rstrip('/')}/{kind}"
            (entry,) = [
                e
                for e in parse_feed(client, url).entries
                if e.link.endswith(article.get_absolute_url())
            ]
            assert as_text(entry.title_detail) == in_feed(article.full_title), url
            assert as_text(entry.summary_detail) == in_feed(article.summary), url
            assert entry.author == in_feed(reporter.name), url
            # Atom's category is an attribute, whose white space XML normalises.
            assert spaced(in_feed(tag.name)) in {spaced(t.term) for t in entry.tags}, url
