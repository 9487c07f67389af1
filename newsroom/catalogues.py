"""Compile the project's gettext catalogues (`locale/`) in pure Python.

Django's `compilemessages` runs GNU gettext's `msgfmt`, which the python:slim image and many
laptops lack; babel reads the .po and writes the .mo with no system tools, so `make setup`,
the Docker build and the tests compile the same way everywhere.
"""

from dataclasses import dataclass
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"


@dataclass(frozen=True)
class Untranslated:
    """A msgid with no (or only a fuzzy) translation, and where it is."""

    path: Path
    line: int
    msgid: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: “{self.msgid}” 没有译文（或只有待确认的 fuzzy 译文）"


def catalogue_paths(root: Path = LOCALE_DIR) -> list[Path]:
    return sorted(root.glob("*/LC_MESSAGES/*.po"))


def _read(path: Path):
    with path.open("rb") as handle:
        return read_po(handle, locale=path.parent.parent.name)


def untranslated(path: Path) -> list[Untranslated]:
    """Every entry of one catalogue that would fall through to English."""
    found = []
    for message in _read(path):
        if not message.id:
            continue  # the header
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            msgid = message.id[0] if isinstance(message.id, tuple) else message.id
            found.append(Untranslated(path, message.lineno, msgid))
    return found


def compile_catalogues(root: Path = LOCALE_DIR) -> list[Path]:
    """Write each catalogue's .mo beside it; refuse (ValueError) if any entry lacks Chinese."""
    paths = catalogue_paths(root)
    missing = [entry for path in paths for entry in untranslated(path)]
    if missing:
        raise ValueError("\n".join(str(entry) for entry in missing))
    written = []
    for path in paths:
        target = path.with_suffix(".mo")
        with target.open("wb") as handle:
            write_mo(handle, _read(path))
        written.append(target)
    return written
