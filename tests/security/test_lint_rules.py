"""The bandit rules (ruff's S) run in `make test`, and every exception to them says why."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOQA_S = re.compile(r"#\s*noqa:\s*(S\d{3}(?:,\s*S\d{3})*)(.*)$")
NOSEC = re.compile(r"#\s*nosec\b(.*)$")
BANDIT_PATHS = ["articles", "people", "newsroom", "bench", "scripts"]


def test_the_bandit_rules_are_selected_and_make_test_runs_them():
    lint = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["ruff"]["lint"]
    assert "S" in lint["select"]
    assert not any(rule.startswith("S") for rule in lint.get("ignore", []))
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^test: .*\blint\b", makefile, flags=re.MULTILINE)
    assert "$(VENV)/bin/ruff check ." in makefile


def _source_lines(folders):
    paths = [ROOT / "manage.py", *(p for folder in folders for p in (ROOT / folder).rglob("*.py"))]
    for path in paths:
        for number, line in enumerate(path.read_text().splitlines(), 1):
            yield f"{path.relative_to(ROOT)}:{number}", line


def test_every_noqa_for_a_bandit_rule_gives_its_reason():
    folders = ["newsroom", "articles", "people", "tests", "bench", "scripts"]
    unexplained = [
        where
        for where, line in _source_lines(folders)
        if (match := NOQA_S.search(line)) and not match.group(2).split("# nosec")[0].strip(" -—:")
    ]
    assert unexplained == []


def test_bandit_runs_in_make_lint_over_the_code():
    makefile = (ROOT / "Makefile").read_text()
    lint_target = makefile.split("\nlint:", 1)[1].split("\n\n", 1)[0]
    assert "$(VENV)/bin/bandit" in lint_target
    assert "--configfile pyproject.toml" in lint_target
    assert re.search(r"^BANDIT_PATHS := " + " ".join(BANDIT_PATHS) + "$", makefile, re.MULTILINE)
    bandit = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["bandit"]
    assert "skips" not in bandit, "skip a bandit test on the line that needs it, with a reason"


def test_every_nosec_names_the_bandit_tests_and_a_reason():
    """A bare `# nosec` would hide every finding on its line; each one names what it accepts."""
    vague = []
    for where, line in _source_lines(BANDIT_PATHS):
        match = NOSEC.search(line)
        if match is None:
            continue
        named = re.fullmatch(r"(\s+B\d{3})+\s*", match.group(1))
        reason = line[: match.start()].split("#", 1)[-1].split("noqa:")[-1]
        if not named or not re.sub(r"S\d{3},?", "", reason).strip(" -—:"):
            vague.append(where)
    assert vague == []
