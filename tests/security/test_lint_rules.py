"""The bandit rules (ruff's S) run in `make test`, and every exception to them says why."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOQA_S = re.compile(r"#\s*noqa:\s*(S\d{3}(?:,\s*S\d{3})*)(.*)$")


def test_the_bandit_rules_are_selected_and_make_test_runs_them():
    lint = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["ruff"]["lint"]
    assert "S" in lint["select"]
    assert not any(rule.startswith("S") for rule in lint.get("ignore", []))
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^test: .*\blint\b", makefile, flags=re.MULTILINE)
    assert "$(VENV)/bin/ruff check ." in makefile


def test_every_noqa_for_a_bandit_rule_gives_its_reason():
    unexplained = []
    folders = ["newsroom", "articles", "people", "tests", "bench", "scripts"]
    paths = [ROOT / "manage.py", *(p for folder in folders for p in (ROOT / folder).rglob("*.py"))]
    for path in paths:
        for number, line in enumerate(path.read_text().splitlines(), 1):
            match = NOQA_S.search(line)
            if match and not match.group(2).strip(" -—:"):
                unexplained.append(f"{path.relative_to(ROOT)}:{number}")
    assert unexplained == []
