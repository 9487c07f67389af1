"""Chinese numerals as printed in installment labels: 第一辑, 之二, 第十二期 → 1, 2, 12."""

import re

_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
_DIGITS |= {"五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_NUMERAL = "0-9０-９〇零一二两三四五六七八九十百千"
_LABEL = re.compile(rf"(?:第|之)\s*([{_NUMERAL}]+)")


def chinese_number(text: str) -> int | None:
    """Read 12, １２, 十二, 一百零五 or 二〇二二 as an int; None when it is not a number."""
    text = text.strip()
    if not text:
        return None
    if text.isdigit():
        return int(text)  # int() understands full-width digits too.
    if any(ch not in _DIGITS and ch not in _UNITS for ch in text):
        return None
    if not any(ch in _UNITS for ch in text):
        # Digit by digit, as years are printed: 二〇二二.
        return int("".join(str(_DIGITS[ch]) for ch in text))
    total, digit = 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        else:
            # A bare 十 at the start means 1×10 (十二 = 12).
            total += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
    return total + (digit or 0)


def installment_number(label: str) -> int | None:
    """The number in an installment label (第一辑 → 1, 之二 → 2), or None if it has none."""
    match = _LABEL.search(label or "")
    return chinese_number(match.group(1)) if match else None
