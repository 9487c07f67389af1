"""The inline markup of paragraphs and captions: links and emphasis, rendered once, sanitised.

The syntax is deliberately tiny, so OCR text (which may carry stray ``*`` or ``[``) reads as
it was printed:

- ``[文字](https://example.com/)`` is a link; the address must start with ``http://``,
  ``https://`` or ``mailto:`` and hold no spaces or brackets, or the whole thing stays text.
- ``**文字**`` is strong emphasis, ``*文字*`` is emphasis. The text inside may not start or
  end with a space and may not contain ``*``; a lone ``*`` stays a ``*``.
- ``\\*``, ``\\[``, ``\\]``, ``\\(``, ``\\)`` and ``\\\\`` write the character itself.

Anything else, including HTML, is escaped. The HTML built here then goes through nh3, which
keeps only ``<a href>``, ``<strong>`` and ``<em>``, drops any other scheme, and sets
``rel="nofollow noopener"`` on links: a second lock in case the parser above ever slips.
No Django here, so the search text rules can strip markup too.
"""

import html
import re

import nh3

# The pattern is written so PostgreSQL's regular expressions read it the same way
# (articles/search/postgres.py strips markup for the index with it): white space spelt out as
# exactly the characters Python's ``\s`` matches, schemes without a case-folding flag, ``(?s)``
# (a dot matches a newline in both), and at every position at most one branch can match. Inside
# a label or an emphasis a backslash takes the next character with it, so an escaped ``\*`` or
# ``\]`` never closes one.
SPACE = "\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
PATTERN = (
    r"(?s)\\([\\*\[\]()])"
    r"|\[((?:\\.|[^\[\]\n\\])+)\]"
    r"\(((?:[hH][tT][tT][pP][sS]?://|[mM][aA][iI][lL][tT][oO]:)[^" + SPACE + r"()<>\"'\\]+)\)"
    r"|\*\*((?![" + SPACE + r"])(?:\\.|[^*\\])+(?<![" + SPACE + r"]))\*\*"
    r"|\*((?![" + SPACE + r"])(?:\\.|[^*\\])+(?<![" + SPACE + r"]))\*"
)
_TOKEN = re.compile(PATTERN)
ESCAPED, LABEL, HREF, STRONG, EM = 1, 2, 3, 4, 5
ALLOWED_TAGS = {"a", "strong", "em"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow noopener"


def _render(text: str) -> str:
    """Markup to HTML, every other character escaped (a link's text cannot hold a link)."""
    parts = []
    position = 0
    for match in _TOKEN.finditer(text):
        parts.append(html.escape(text[position : match.start()]))
        position = match.end()
        if match[ESCAPED] is not None:
            parts.append(html.escape(match[ESCAPED]))
        elif match[LABEL] is not None:
            label = _render(match[LABEL])
            parts.append(f'<a href="{html.escape(match[HREF])}">{label}</a>')
        elif match[STRONG] is not None:
            parts.append(f"<strong>{_render(match[STRONG])}</strong>")
        else:
            parts.append(f"<em>{_render(match[EM])}</em>")
    parts.append(html.escape(text[position:]))
    return "".join(parts)


def render_inline_markup(text: str) -> str:
    """The text as sanitised HTML: only links (http, https, mailto), strong and em survive."""
    return nh3.clean(
        _render(text or ""),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )


def inline_markup_text(text: str) -> str:
    """The text as a reader reads it, markup removed: for feeds, search, JSON-LD and counts."""
    parts = []
    position = 0
    for match in _TOKEN.finditer(text or ""):
        parts.append(text[position : match.start()])
        position = match.end()
        if match[ESCAPED] is not None:
            parts.append(match[ESCAPED])
        elif match[LABEL] is not None:
            parts.append(inline_markup_text(match[LABEL]))
        else:
            parts.append(inline_markup_text(match[STRONG] or match[EM]))
    parts.append((text or "")[position:])
    return "".join(parts)
