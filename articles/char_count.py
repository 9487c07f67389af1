"""字数: the characters a reader sees, counted the same way here and in the change form's script.

Every character that is not white space counts once: a CJK character, a letter, a digit, a
punctuation mark. Markup does not count (``**``, a link's address, ``## ``, ``> ``), nor do photo
blocks. ``static/admin_newsroom/writing.js`` mirrors these rules for the live count.
"""

from .blocks import IMAGE, block_plain_text, blocks_from_text


def visible_character_count(text: str) -> int:
    """Characters that are not white space."""
    return sum(1 for char in text or "" if not char.isspace())


def body_character_count(body_text: str) -> int:
    """The body's 字数, from the editors' text form: its blocks' text as readers read it."""
    return sum(
        visible_character_count(block_plain_text(block))
        for block in blocks_from_text(body_text or "")
        if block["kind"] != IMAGE
    )
