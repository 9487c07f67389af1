"""Title lines: kicker (引题), headline (主题) and subheadline lines (副题)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lexicon import INSTALLMENT_UNITS, SERIES_FORMS, SERIES_KINDS
from .repair import repair_title
from .text import alternation

_NUM = "一二三四五六七八九十百零〇两\\d"
INSTALLMENT = re.compile(rf"第[{_NUM}]+[{''.join(INSTALLMENT_UNITS)}]|之[{_NUM}]+")
SERIES = re.compile(alternation(SERIES_KINDS) + alternation(SERIES_FORMS))


@dataclass(slots=True)
class Titles:
    """The repaired title lines of one article."""

    kicker: str | None = None
    headline: str = ""
    subheadline: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """All title lines in printed order."""
        return ([self.kicker] if self.kicker else []) + [self.headline, *self.subheadline]


def is_kicker(line: str) -> bool:
    """A kicker leads into the headline: it ends in —— or ：, sits in 【…】, or names a series."""
    if line.endswith(("——", "—", "：", ":")) or (line.startswith("【") and line.endswith("】")):
        return True
    return bool(SERIES.search(line) and INSTALLMENT.search(line))


def split_titles(lines: list[str]) -> Titles:
    """Assign title lines to kicker, headline and subheadlines."""
    repaired = [repair_title(line) for line in lines if line.strip()]
    if not repaired:
        return Titles()
    if len(repaired) >= 2 and is_kicker(repaired[0]) and not repaired[1].startswith("——"):
        return Titles(repaired[0], repaired[1], repaired[2:])
    return Titles(None, repaired[0], repaired[1:])
