"""Article body blocks: the stored JSON shape, its validation, and the editors' text form.

The body is stored as an ordered list of blocks, ``{"kind": ..., "text": ...}``, with
``"photo": <id>`` on image blocks. Editors write it as plain text: blocks separated by
a blank line, ``## `` before a subhead, ``> `` before a caption, ``[图片 12]`` for photo 12.
Paragraphs and captions may carry inline links and emphasis (``articles/inline_markup.py``);
the text is stored as typed and rendered on the way out.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .inline_markup import inline_markup_text

PARAGRAPH, SUBHEAD, CAPTION, IMAGE = "paragraph", "subhead", "caption", "image"
TEXT_KINDS = (PARAGRAPH, SUBHEAD, CAPTION)
KINDS = (*TEXT_KINDS, IMAGE)

_IMAGE_LINE = re.compile(r"^\[图片\s*(\d+)\]$")
_BLANK_LINES = re.compile(r"\n\s*\n")


def validate_blocks(value) -> None:
    """Refuse anything that is not a list of well-formed blocks, naming the bad one."""
    if not isinstance(value, list):
        raise ValidationError(_("正文必须是段落列表。"))
    for number, block in enumerate(value, start=1):
        if not isinstance(block, dict) or block.get("kind") not in KINDS:
            raise ValidationError(_("第 %(n)d 段的类型无效。"), params={"n": number})
        if block["kind"] == IMAGE:
            if not isinstance(block.get("photo"), int):
                raise ValidationError(_("第 %(n)d 段图片缺少图片编号。"), params={"n": number})
        elif not isinstance(block.get("text"), str) or not block["text"].strip():
            raise ValidationError(_("第 %(n)d 段没有文字。"), params={"n": number})


def blocks_from_text(text: str) -> list[dict]:
    """Parse the editors' text form into blocks."""
    blocks = []
    for chunk in _BLANK_LINES.split(text.replace("\r\n", "\n").strip()):
        chunk = chunk.strip()
        if not chunk:
            continue
        image = _IMAGE_LINE.match(chunk)
        if image:
            blocks.append({"kind": IMAGE, "photo": int(image.group(1))})
        elif chunk.startswith("## "):
            blocks.append({"kind": SUBHEAD, "text": chunk[3:].strip()})
        elif chunk.startswith("> "):
            blocks.append({"kind": CAPTION, "text": chunk[2:].strip()})
        else:
            # A paragraph is one block even if the editor wrapped its lines.
            blocks.append({"kind": PARAGRAPH, "text": "".join(chunk.splitlines())})
    return blocks


def blocks_to_text(blocks: list[dict]) -> str:
    """Render blocks in the editors' text form; the inverse of blocks_from_text."""
    parts = []
    for block in blocks or []:
        kind = block.get("kind")
        if kind == IMAGE:
            parts.append(f"[图片 {block.get('photo')}]")
        elif kind == SUBHEAD:
            parts.append(f"## {block.get('text', '')}")
        elif kind == CAPTION:
            parts.append(f"> {block.get('text', '')}")
        else:
            parts.append(block.get("text", ""))
    return "\n\n".join(parts)


def block_plain_text(block: dict) -> str:
    """A text block as readers read it: a paragraph's or caption's markup removed."""
    text = block.get("text", "")
    return inline_markup_text(text) if block.get("kind") in (PARAGRAPH, CAPTION) else text


def blocks_plain_text(blocks: list[dict]) -> str:
    """Paragraphs and subheads joined by newlines (captions and images left out), no markup."""
    return "\n".join(
        block_plain_text(b) for b in blocks or [] if b.get("kind") in (PARAGRAPH, SUBHEAD)
    )
