"""bench/ingest_eval.py counts checks the way the README's comparison rules say."""

from __future__ import annotations

import copy
import importlib.util
import json
import sys
from pathlib import Path

import pytest

from articles.ingest import decode_source, document_to_dict, parse_document
from articles.ingest.layout import split_blocks

REPO = Path(__file__).resolve().parents[2]
PAGES = Path(__file__).parent / "data" / "pages"
PAGE = PAGES / "101_page.txt"

_spec = importlib.util.spec_from_file_location("ingest_eval", REPO / "bench" / "ingest_eval.py")
ingest_eval = importlib.util.module_from_spec(_spec)
sys.modules["ingest_eval"] = ingest_eval
_spec.loader.exec_module(ingest_eval)


@pytest.fixture(scope="module")
def expected() -> dict:
    return json.loads(PAGE.with_name("101_page.expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def parsed() -> dict:
    return document_to_dict(
        parse_document(decode_source(PAGE.read_bytes(), source=PAGE.name), source=PAGE.name)
    )


def test_an_exact_page_passes_every_check(expected, parsed):
    score = ingest_eval.score_report("101", expected, parsed)
    n = len(expected["articles"])
    assert score.failures == []
    assert score.group(ingest_eval.STRUCTURE) == (9 * n, 9 * n)
    assert score.group(ingest_eval.ENTITIES) == (3 * n, 3 * n)


def test_each_difference_fails_its_own_check(expected, parsed):
    got = copy.deepcopy(parsed)
    first = got["articles"][0]
    first["bylines"] = first["bylines"][1:]
    first["people"] = []
    paragraph = next(b for b in first["blocks"] if b["kind"] == "paragraph")
    paragraph["text"] += "多"
    got["articles"][1]["headline"] = "别的标题"
    score = ingest_eval.score_report("101", expected, got)
    failed = [line.split(": ")[1] for line in score.failures]
    assert sorted(failed[:4]) == ["body length", "bylines", "last chars", "people"]
    # the second article is still found by its first paragraph: only its title fails
    assert failed[4:] == ["title"]
    assert score.passed["title"] == score.total["title"] - 1


def test_titles_compare_without_whitespace_and_whatever_the_split(expected, parsed):
    got = copy.deepcopy(parsed)
    article = got["articles"][0]
    article["headline"], article["kicker"] = article["kicker"] + " " + article["headline"], None
    assert ingest_eval.score_report("101", expected, got).failures == []


def test_a_lost_article_fails_all_its_checks_and_extras_are_listed(expected, parsed):
    got = copy.deepcopy(parsed)
    lost = got["articles"].pop(2)
    lost["headline"], lost["blocks"] = "另一篇", [{"kind": "paragraph", "text": "别的文字。"}]
    got["articles"].append(lost)
    score = ingest_eval.score_report("101", expected, got)
    assert sum(line.endswith("article not found") for line in score.failures) == 12
    assert score.failures[-1].endswith("extra article 另一篇")


def test_folds_split_by_page_deterministically_and_disjointly():
    pages = ingest_eval.find_pages(PAGES)
    split = ingest_eval.folds(pages, 4)
    assert split == ingest_eval.folds(list(reversed(pages)), 4)
    names = [p.name for fold in split for p in fold]
    assert sorted(names) == sorted(p.name for p in pages) and len(set(names)) == len(names)


def test_the_command_scores_the_shipped_pages_fully(capsys):
    assert ingest_eval.main([str(PAGES), "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "= structure" in out and "100.0 %" in out.split("= structure")[1].splitlines()[0]


def test_a_missing_folder_is_said_plainly(capsys, tmp_path):
    assert ingest_eval.main([str(tmp_path / "absent")]) == 1
    assert "no such folder" in capsys.readouterr().err


def test_cv_scores_the_loader_and_the_block_model_by_page(capsys):
    # Our pages only: every fold trains on the other folds and nothing else.
    assert ingest_eval.main([str(PAGES), "--cv", "3", "--train-extra"]) == 0
    tables, model = capsys.readouterr().out.split("block-role model, 3-fold")
    figures = dict(line.rsplit(None, 1) for line in model.splitlines()[1:])
    assert figures["pages"] == "15"
    assert float(figures["role accuracy"]) > 0.7
    assert float(figures["start F1"]) > 0.8
    # The loader's checks on held-out pages, scored with each fold's own model.
    structure = next(line for line in tables.splitlines() if line.startswith("= structure"))
    passed, total = map(int, structure.split()[2:4])
    assert total > 100 and passed / total > 0.8


def test_cv_never_trains_on_the_page_it_scores(monkeypatch, tmp_path):
    trained: list[set[int]] = []
    real_train = ingest_eval.block_model.train

    def train(pages, path):
        pages = list(pages)
        trained.append({_fingerprint(blocks) for blocks, *_ in pages})
        return real_train(pages, path)

    monkeypatch.setattr(ingest_eval.block_model, "train", train)
    pages = ingest_eval.find_pages(PAGES)
    ingest_eval.cross_validate(pages, 3, [])
    assert len(trained) == 3
    for fold, model_pages in zip(ingest_eval.folds(pages, 3), trained, strict=True):
        assert len(model_pages) == len(pages) - len(fold)
        for page in fold:
            blocks = split_blocks(page.text_path.read_text(encoding="utf-8"))
            assert _fingerprint(blocks) not in model_pages


def _fingerprint(blocks) -> str:
    return "\n".join(block.text for block in blocks)


def test_people_thorough_adds_the_second_pass_and_times_it(capsys, tmp_path):
    text = "\n\n社区花园开放\n\n周末，陆建新带着孙子来到新开的社区花园。\n"
    (tmp_path / "p.txt").write_text(text, encoding="utf-8")
    report = ingest_eval.shipped_parser(text, "p.txt")
    report["articles"][0]["people"] = [{"name": "陆建新", "title": None}]
    (tmp_path / "p.expected.json").write_text(json.dumps(report, ensure_ascii=False), "utf-8")

    assert ingest_eval.main([str(tmp_path), "--quiet"]) == 0
    assert people_row(capsys.readouterr().out) == ["0", "1"]
    assert ingest_eval.main([str(tmp_path), "--quiet", "--people", "thorough"]) == 0
    out = capsys.readouterr().out
    assert people_row(out) == ["1", "1"]
    assert "thorough people pass:" in out and "characters/s wall" in out


def people_row(out: str) -> list[str]:
    """Passed and total of the people row of the eval's table."""
    row = next(line for line in out.splitlines() if line.startswith("people "))
    return row.split()[1:3]
