"""The paragraphs' inline markup: links and emphasis render, everything else stays text."""

from html.parser import HTMLParser

import pytest
from django.db import connection
from hypothesis import given, settings
from hypothesis import strategies as st

from articles.blocks import blocks_plain_text
from articles.char_count import body_character_count, visible_character_count
from articles.inline_markup import inline_markup_text, render_inline_markup

REL = 'rel="nofollow noopener"'


def test_a_link_renders_with_nofollow_noopener():
    html = render_inline_markup("详见[区政府网站](https://www.shhk.gov.cn/)。")
    assert html == f'详见<a href="https://www.shhk.gov.cn/" {REL}>区政府网站</a>。'


def test_mailto_and_http_links_render():
    mailto = render_inline_markup("[来信](mailto:news@example.com)")
    assert '<a href="mailto:news@example.com"' in mailto
    assert '<a href="http://example.com/a?b=1&amp;c=2"' in render_inline_markup(
        "[旧站](http://example.com/a?b=1&c=2)"
    )


def test_strong_and_em_render():
    assert render_inline_markup("**重要**与*强调*") == "<strong>重要</strong>与<em>强调</em>"


def test_emphasis_inside_a_link_and_a_link_inside_strong():
    assert render_inline_markup("[**看这里**](https://e.com/)") == (
        f'<a href="https://e.com/" {REL}><strong>看这里</strong></a>'
    )
    assert render_inline_markup("**[看](https://e.com/)**") == (
        f'<strong><a href="https://e.com/" {REL}>看</a></strong>'
    )


@pytest.mark.parametrize(
    "text",
    [
        "[点我](javascript:alert(1))",
        "[点我](JaVaScRiPt:alert(1))",
        "[点我](data:text/html;base64,PHNjcmlwdD4=)",
        "[点我](vbscript:msgbox)",
        "[点我](//evil.example/)",
        '[点我](https://e.com/" onmouseover="alert(1))',
        "[点我](https://e.com/ 空格)",
        "[点我]( https://e.com/)",
    ],
)
def test_other_schemes_and_broken_addresses_stay_text(text):
    html = render_inline_markup(text)
    assert "<a" not in html
    assert "href" not in html
    assert html.startswith("[点我](")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ('<a href="https://e.com/">x</a>', '&lt;a href="https://e.com/"&gt;x&lt;/a&gt;'),
        ("<strong onclick=x>粗</strong>", "&lt;strong onclick=x&gt;粗&lt;/strong&gt;"),
        ("**<img src=x onerror=alert(1)>**", "<strong>&lt;img src=x onerror=alert(1)&gt;</strong>"),
        ("&amp; &lt;b&gt; &#x3C;", "&amp;amp; &amp;lt;b&amp;gt; &amp;#x3C;"),
        ("<!-- 注释 -->", "&lt;!-- 注释 --&gt;"),
    ],
)
def test_html_in_the_text_is_escaped_not_interpreted(text, expected):
    assert render_inline_markup(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("单价5*3元", "单价5*3元"),
        ("注*：见下", "注*：见下"),
        ("** 空 **", "** 空 **"),
        ("*未闭合", "*未闭合"),
        ("**未闭合", "**未闭合"),
        ("[未闭合的方括号", "[未闭合的方括号"),
        ("[标签](未闭合", "[标签](未闭合"),
        ("[图1]", "[图1]"),
        ("***三星***", "*<strong>三星</strong>*"),
        ("\\*不是强调\\*", "*不是强调*"),
        ("\\[不是链接](https://e.com/)", "[不是链接](https://e.com/)"),
        ("反斜杠\\\\本身", "反斜杠\\本身"),
    ],
)
def test_odd_or_unclosed_markup_degrades_to_text(text, expected):
    assert render_inline_markup(text) == expected


def test_ocr_text_with_a_stray_star_or_bracket_reads_as_printed():
    text = "据统计*，第[3版刊登的“上海·虹口”一文(见图)"
    assert render_inline_markup(text) == text
    assert inline_markup_text(text) == text


def test_a_pair_of_stars_is_emphasis_unless_escaped():
    assert render_inline_markup("第*版与第*版") == "第<em>版与第</em>版"
    assert render_inline_markup("第\\*版与第\\*版") == "第*版与第*版"


def test_plain_text_drops_markup_and_keeps_words():
    assert inline_markup_text("详见[区政府网站](https://e.com/)，**务必**带*证件*。") == (
        "详见区政府网站，务必带证件。"
    )
    assert inline_markup_text("5*3 与 \\*") == "5*3 与 *"


def test_body_plain_text_strips_paragraph_markup_but_not_subheads():
    body = [
        {"kind": "paragraph", "text": "**加粗**的[链接](https://e.com/)"},
        {"kind": "subhead", "text": "**小标题**"},
        {"kind": "caption", "text": "*图注*"},
    ]
    assert blocks_plain_text(body) == "加粗的链接\n**小标题**"


def test_character_count_skips_space_markup_and_photos():
    assert visible_character_count("上海 虹口\n ab, 1") == 8
    body = "## 小标题\n\n第一段**强调**，[链接](https://e.com/a)。\n\n> *图注*\n\n[图片 3]"
    # 小标题 3 + 第一段强调，链接。 9 + 图注 2
    assert body_character_count(body) == 14


class _Shape(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.text = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


@given(st.text(alphabet=st.sampled_from(list("ab上海*[]()\\<>&\"' :/.ptshj\n"))))
def test_any_text_keeps_only_safe_links_and_emphasis_and_reads_as_its_plain_text(text):
    shape = _Shape()
    shape.feed(render_inline_markup(text))
    shape.close()
    assert {tag for tag, _ in shape.tags} <= {"a", "strong", "em"}
    for tag, attrs in shape.tags:
        if tag == "a":
            assert set(attrs) == {"href", "rel"}
            assert attrs["href"].startswith(("http://", "https://", "mailto:"))
        else:
            assert attrs == {}
    assert "".join(shape.text) == inline_markup_text(text)


MARKUP_ALPHABET = st.sampled_from(
    [*"ab上海*[]()\\<>&\"' :/.\n\r\t\u3000\xa0\x1c\ufeff", "https://e.com", "mailto:x", "**"]
)


@pytest.mark.postgres
@pytest.mark.django_db
@settings(max_examples=400, deadline=None)
@given(st.lists(MARKUP_ALPHABET, max_size=40))
def test_the_search_index_strips_markup_in_sql_as_python_does(pieces):
    texts = ["".join(pieces), "详见[区政府网站](https://e.com/)，**务必**带*证件*。", "5*3 与 \\*"]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT newsroom_markup_text(t) FROM unnest(%s::text[]) WITH ORDINALITY AS u(t, n) "
            "ORDER BY n",
            [texts],
        )
        in_sql = [row[0] for row in cursor.fetchall()]
    assert in_sql == [inline_markup_text(text) for text in texts]
