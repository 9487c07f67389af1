"""RSS and Atom generators that drop the control characters XML 1.0 cannot carry (or shuns).

Django's XML writer raises on them, so one stray \\x01 pasted into a headline or a
reporter's name would turn every feed that lists the article into a 500. Readers lose
nothing: the characters are invisible, and the HTML pages keep the text as saved.
"""

import re

from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

# The C0 controls django.utils.xmlutils refuses (all but tab, newline, return), and DEL and
# the C1 controls XML 1.0 discourages, which readers such as feedparser take for cp1252.
_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def xml_text(value):
    """`value` with XML-illegal characters removed, through lists and tuples of strings."""
    if isinstance(value, str):
        return _NOT_IN_XML.sub("", value)
    if isinstance(value, list | tuple):
        return type(value)(xml_text(part) for part in value)
    return value


class XmlTextMixin:
    """Cleans the feed's and each item's text once Django has turned it into strings."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.feed = {key: xml_text(value) for key, value in self.feed.items()}

    def add_item(self, *args, **kwargs):
        super().add_item(*args, **kwargs)
        self.items[-1] = {key: xml_text(value) for key, value in self.items[-1].items()}


class XmlSafeRssFeed(XmlTextMixin, Rss201rev2Feed):
    pass


class XmlSafeAtomFeed(XmlTextMixin, Atom1Feed):
    pass
