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

# Inside a label or an emphasis, a backslash always takes the next character with it, so an
# escaped ``\*`` or ``\]`` never closes one.
_TOKEN = re.compile(
    r"""
      \\(?P<escaped>[\\*\[\]()])
    | \[(?P<label>(?:\\.|[^\[\]\n\\])+)\]\((?P<href>(?:https?://|mailto:)[^\s()<>"'\\]+)\)
    | \*\*(?P<strong>(?!\s)(?:\\.|[^*\\])+(?<!\s))\*\*
    | \*(?P<em>(?!\s)(?:\\.|[^*\\])+(?<!\s))\*
    """,
    re.VERBOSE | re.IGNORECASE,
)
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
        if match["escaped"] is not None:
            parts.append(html.escape(match["escaped"]))
        elif match["label"] is not None:
            label = _render(match["label"])
            parts.append(f'<a href="{html.escape(match["href"])}">{label}</a>')
        elif match["strong"] is not None:
            parts.append(f"<strong>{_render(match['strong'])}</strong>")
        else:
            parts.append(f"<em>{_render(match['em'])}</em>")
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
        if match["escaped"] is not None:
            parts.append(match["escaped"])
        elif match["label"] is not None:
            parts.append(inline_markup_text(match["label"]))
        else:
            parts.append(inline_markup_text(match["strong"] or match["em"]))
    parts.append((text or "")[position:])
    return "".join(parts)
