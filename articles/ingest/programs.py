"""Special-report series (…特别报道) and the installment an article belongs to."""

from __future__ import annotations

import re

from .model import ProgramRef
from .titles import INSTALLMENT, SERIES, Titles

_EDGE = "【】[]「」（）()·—：: "
# A series name closed by its number (烟火里的新上海（之二）, 家门口的幸福⑤) on the top title
# line; 第一站 closing a headline is too often plain words to count there.
_CLOSING_NUMBER = re.compile(r"(?:之[一二三四五六七八九十\d]+|[\u2460-\u2473])[）)】\]]?$")
# A bare number in brackets closing the top line: 告别的温度（一）.
_BRACKETED_NUMBER = re.compile(r"[（(][一二三四五六七八九十]+[）)]$")
_QUOTES = '“”‘’"《》「」'


def _in_body(plain: str, body: str) -> str | None:
    """The body's own spelling of plain, which may add quotation marks (点亮“上海金环”)."""
    if len(plain) < 2:
        return None
    gap = f"[{re.escape(_QUOTES)}]?"
    match = re.search(gap.join(re.escape(ch) for ch in plain), body)
    if not match:
        return None
    spelled = match.group()
    if spelled.count("“") > spelled.count("”") and body.startswith("”", match.end()):
        spelled += "”"
    return spelled


def _series_name(lines: list[str]) -> str | None:
    """The series name from the title lines: from the headline through the series word."""
    for i, line in enumerate(lines):
        match = SERIES.search(line)
        if not match:
            continue
        head = line[: match.end()]
        # 融媒体特别报道 alone names nothing; the series title sits on the line(s) above it.
        if len(head) - len(match.group()) <= 3 and i > 0:
            head = lines[i - 1] + head
        return head.replace(" ", "").strip(_EDGE) or None
    return None


def find_program(titles: Titles, body: str) -> ProgramRef | None:
    """The series this article opens or continues, from its title lines."""
    lines = [line for line in titles.lines() if line]
    installment = installment_title = None
    for line in lines:
        match = INSTALLMENT.search(line)
        if match:
            installment = match.group()
            rest = line[match.end() :].strip(_EDGE)
            installment_title = rest or None
            if installment_title is None and line == titles.kicker:
                installment_title = titles.headline or None
            break
    name = _series_name(lines)
    if name is None and installment:
        for line in lines:
            match = INSTALLMENT.search(line)
            if match and line == titles.kicker:
                name = line[: match.start()].strip(_EDGE) or None
    if name is None and len(lines) > 1:
        # On the top line (烟火里的新上海（之二）, 告别的温度（一）) or a deck naming the series
        # under the headline (——风貌区调查之三): the headline is the installment's title.
        decks = [line for line in titles.subheadline if line.startswith("—")]
        for line in [lines[0], *decks]:
            match = _CLOSING_NUMBER.search(line) or (
                _BRACKETED_NUMBER.search(line) if line == lines[0] else None
            )
            if match:
                name = line[: match.start()].strip(_EDGE) or None
                number = match.group()
                installment = number if number[0] in "（(" and "之" not in number else None
                installment = installment or number.strip(_EDGE)
                installment_title = lines[1] if line == lines[0] else titles.headline
                break
    if name is None:
        return None
    name = _in_body(name, body.replace(" ", "")) or name
    return ProgramRef(name, installment, installment_title)
