"""Score the loader on folders of pages with expected reports (../shared/sources/README.md rules).

Run: .venv/bin/python bench/ingest_eval.py [DIR ...] [--cv K] [--quiet]
With no DIR it scores ../shared/pages, tests/ingest/data/pages and the seed (tests/data). A page
is `X.txt` beside `X.expected.json` (or in fixtures/sources/ for the seed). A folder that does not
exist is reported and skipped.

Each expected article is matched to the parsed article whose title reads the same (whitespace
removed, NFKC), else to the one whose first paragraph opens the same way; an expected article with
no match fails all its checks.

Checks per expected article. Structure:
- title: kicker + headline + subheadlines as one string (any split that reads the same counts);
- paragraphs: the number of paragraph blocks;
- first chars, last chars: the first (last) character of every paragraph, in order;
- body length: the total length of the paragraphs' text;
- captions, subheads: the texts in reading order;
- bylines: the set of (name, role);
- photo credits: the set of names;
- program: (name, installment, installment title), counted only when either side has one.
Entities: districts, subdistricts and people (name, title), as sets.
This is how ../shared/pages/README.md's baseline was counted (nine structure checks an article
plus program, three entity checks), so its figures and these compare. Extra parsed articles are
listed as failure lines but add no check: their cost shows in the article they were split from.

`--cv K` cross-validates the block-role model (articles/ingest/block_model.py) instead: the pages
are split into K folds by page (sorted names, round robin), each fold is labelled by a model trained
on the other folds only, and it reports block-role accuracy and article-start precision, recall and
F1 over all held-out blocks. Labels come from `X.blocks.json` beside the page, else from its report.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from page_layouts import same_title, training_pages  # noqa: E402

from articles.ingest import block_model, decode_source, document_to_dict, parse_document  # noqa: E402
from articles.ingest.block_labels import labelled_folder, labelled_page  # noqa: E402
from articles.ingest.thorough import add_thorough_people, article_texts, tagger  # noqa: E402

DEFAULT_DIRS = [
    ROOT.parent / "shared" / "pages",
    ROOT / "tests/ingest/data/pages",
    ROOT / "tests/data",
]
SEED_SOURCES = ROOT / "fixtures" / "sources"
# Pages every cross-validation fold trains on besides the other folds: our own pages and the seed.
RAW = ROOT.parent / "shared" / "pages" / "raw"
EXTRA_TRAINING = [ROOT / "tests/ingest/data/pages", ROOT.parent / "shared" / "sources"]

STRUCTURE = [
    "title",
    "paragraphs",
    "first chars",
    "last chars",
    "body length",
    "captions",
    "subheads",
    "bylines",
    "photo credits",
    "program",
]
ENTITIES = ["districts", "subdistricts", "people"]
OPTIONAL = {"program"}


def norm(text: str | None) -> str:
    """NFKC with all whitespace removed, as pages are compared."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


@dataclass(frozen=True)
class Page:
    name: str
    text_path: Path
    expected: dict


@dataclass
class Score:
    """Passed and total checks per kind, and one line per failure."""

    passed: dict[str, int] = field(default_factory=dict)
    total: dict[str, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    def add(self, kind: str, ok: bool, where: str, detail: str = "") -> None:
        self.total[kind] = self.total.get(kind, 0) + 1
        self.passed[kind] = self.passed.get(kind, 0) + ok
        if not ok:
            self.failures.append(f"{where}: {kind}{': ' + detail if detail else ''}")

    def merge(self, other: Score) -> None:
        for kind, n in other.total.items():
            self.total[kind] = self.total.get(kind, 0) + n
            self.passed[kind] = self.passed.get(kind, 0) + other.passed[kind]
        self.failures.extend(other.failures)

    def group(self, kinds: list[str]) -> tuple[int, int]:
        return sum(self.passed.get(k, 0) for k in kinds), sum(self.total.get(k, 0) for k in kinds)


def find_pages(folder: Path) -> list[Page]:
    """The folder's pages that have an expected report and a page text."""
    pages = []
    for expected_path in sorted(folder.glob("*.expected.json")):
        stem = expected_path.name.removesuffix(".expected.json")
        text_path = next(
            (p for p in (folder / f"{stem}.txt", SEED_SOURCES / f"{stem}.txt") if p.is_file()), None
        )
        if text_path is None:
            print(f"skipped {expected_path}: no {stem}.txt beside it", file=sys.stderr)
            continue
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        pages.append(Page(f"{folder.name}/{stem}", text_path, expected))
    return pages


def _title(article: dict) -> str:
    return norm(
        (article.get("kicker") or "") + article["headline"] + "".join(article["subheadline"])
    )


def _texts(article: dict, kind: str) -> list[str]:
    return [norm(b["text"]) for b in article["blocks"] if b["kind"] == kind]


def _opening(article: dict) -> str:
    paragraphs = _texts(article, "paragraph")
    return paragraphs[0][:12] if paragraphs else ""


def _program(article: dict) -> tuple | None:
    p = article.get("program")
    return (p["name"], p.get("installment"), p.get("installment_title")) if p else None


def _checks(article: dict) -> dict[str, object]:
    """What each check compares, for one article."""
    paragraphs = _texts(article, "paragraph")
    return {
        "title": _title(article),
        "paragraphs": len(paragraphs),
        "first chars": [p[:1] for p in paragraphs],
        "last chars": [p[-1:] for p in paragraphs],
        "body length": sum(len(p) for p in paragraphs),
        "captions": _texts(article, "caption"),
        "subheads": _texts(article, "subhead"),
        "bylines": sorted({(b["name"], b["role"] or "") for b in article["bylines"]}),
        "photo credits": sorted(set(article["photo_credits"])),
        "districts": sorted(set(article["districts"])),
        "subdistricts": sorted(set(article["subdistricts"])),
        "people": sorted({(p["name"], p["title"] or "") for p in article["people"]}),
        "program": _program(article),
    }


def _match(expected: list[dict], got: list[dict]) -> list[int | None]:
    """For each expected article, the index of its parsed article (or None)."""
    free = set(range(len(got)))
    matches: list[int | None] = []
    for key in (_title, _opening):
        for i, article in enumerate(expected):
            if len(matches) > i and matches[i] is not None:
                continue
            found = next(
                (j for j in sorted(free) if key(got[j]) and key(got[j]) == key(article)), None
            )
            if found is not None:
                free.discard(found)
            if len(matches) > i:
                matches[i] = found
            else:
                matches.append(found)
    return matches


def _show(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def score_report(name: str, expected: dict, got: dict) -> Score:
    """Score one page's parsed report against its expected report."""
    score = Score()
    want, have = expected["articles"], got["articles"]
    matches = _match(want, have)
    for i, (article, j) in enumerate(zip(want, matches, strict=True)):
        where = f"{name} #{i + 1} {_title(article)[:16]}"
        target = _checks(article)
        if j is None:
            for kind in STRUCTURE + ENTITIES:
                if kind not in OPTIONAL or target[kind]:
                    score.add(kind, False, where, "article not found")
            continue
        result = _checks(have[j])
        for kind in STRUCTURE + ENTITIES:
            if kind in OPTIONAL and not target[kind] and not result[kind]:
                continue
            ok = target[kind] == result[kind]
            detail = "" if ok else f"expected {_show(target[kind])}, got {_show(result[kind])}"
            score.add(kind, ok, where, detail)
    for j in sorted(set(range(len(have))) - set(matches)):
        score.failures.append(f"{name} parsed #{j + 1}: extra article {_title(have[j])[:16]}")
    return score


def parser_with(model: Path | None) -> Callable[[str, str], dict]:
    """The loader's parser with a given block-role model (None: the rules alone)."""

    def parse(text: str, source: str) -> dict:
        return document_to_dict(parse_document(text, source=source, model=model))

    return parse


shipped_parser = parser_with(block_model.MODEL_PATH)


@dataclass
class ThoroughParser:
    """The shipped parser plus the thorough people pass, timing that pass on its own."""

    seconds: float = 0.0
    cpu: float = 0.0
    chars: int = 0

    def __call__(self, text: str, source: str) -> dict:
        document = parse_document(text, source=source)
        started, started_cpu = time.perf_counter(), time.process_time()
        add_thorough_people(document)
        self.seconds += time.perf_counter() - started
        self.cpu += time.process_time() - started_cpu
        self.chars += sum(len("".join(article_texts(a))) for a in document.articles)
        return document_to_dict(document)

    def speed(self) -> str:
        wall = self.chars / self.seconds if self.seconds else 0.0
        cpu = self.chars / self.cpu if self.cpu else 0.0
        return (
            f"thorough people pass: {self.chars} characters in {self.seconds:.1f} s wall, "
            f"{self.cpu:.1f} s CPU ({wall:,.0f} characters/s wall, {cpu:,.0f} per CPU second; "
            "model loading excluded)"
        )


def score_pages(pages: list[Page], parse: Callable[[str, str], dict]) -> Score:
    total = Score()
    for page in pages:
        text = decode_source(page.text_path.read_bytes(), source=page.text_path.name)
        total.merge(score_report(page.name, page.expected, parse(text, page.text_path.name)))
    return total


def folds(pages: list[Page], k: int) -> list[list[Page]]:
    """K folds by page: sorted names dealt round robin, so every run splits the same way."""
    ordered = sorted(pages, key=lambda p: p.name)
    return [ordered[i::k] for i in range(k)]


def cross_validate(
    pages: list[Page], k: int, extra: list[Path], raw: Path | None = None, layouts: int = 0
) -> tuple[dict[str, float], Score]:
    """Each fold is parsed with a model trained on the other folds (plus the `extra` folders,
    which are never scored, and `layouts` pages laid out from the `raw` articles that are not on
    the fold's pages): block-role accuracy, article-start P/R/F1, and the loader's checks."""
    labelled = {p.name: labelled_page(p.text_path, p.expected) for p in pages}
    always = [page[1:] for folder in extra if folder.is_dir() for page in labelled_folder(folder)]
    split = folds(pages, k)
    right = rules_right = blocks = true_starts = found = hits = 0
    score = Score()
    with tempfile.TemporaryDirectory() as tmp:
        for i, held_out in enumerate(split):
            training = [labelled[p.name] for j, fold in enumerate(split) if j != i for p in fold]
            if raw is not None and layouts:
                held_titles = {
                    same_title(a["headline"]) for p in held_out for a in p.expected["articles"]
                }
                training += training_pages(raw, layouts, leave_out=held_titles)
            path = block_model.train(training + always, Path(tmp) / f"fold{i}.crfsuite")
            score.merge(score_pages(held_out, parser_with(path)))
            for page in held_out:
                page_blocks, rules, gold = labelled[page.name]
                predicted = block_model.overrule(page_blocks, rules, path)
                for rule, want in zip(rules, gold, strict=True):
                    rules_right += (
                        block_model.split_label(rule)[0] == block_model.split_label(want)[0]
                    )
                for want, got in zip(gold, predicted, strict=True):
                    (want_role, want_start), (got_role, got_start) = (
                        block_model.split_label(want),
                        block_model.split_label(got),
                    )
                    blocks += 1
                    right += want_role == got_role
                    true_starts += want_start
                    found += got_start
                    hits += want_start and got_start
    precision = hits / found if found else 0.0
    recall = hits / true_starts if true_starts else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    figures = {
        "pages": len(pages),
        "blocks": blocks,
        "role accuracy": right / blocks if blocks else 0.0,
        "rules alone": rules_right / blocks if blocks else 0.0,
        "start precision": precision,
        "start recall": recall,
        "start F1": f1,
    }
    return figures, score


def render_cv(figures: dict[str, float], k: int) -> str:
    """The cross-validation figures, one a line."""
    lines = [f"block-role model, {k}-fold cross-validation by page"]
    for name, value in figures.items():
        lines.append(
            f"{name:<16} {value:.3f}" if isinstance(value, float) else f"{name:<16} {value}"
        )
    return "\n".join(lines)


def render(score: Score, *, quiet: bool) -> str:
    lines = [] if quiet else list(score.failures)
    if lines:
        lines.append("")
    lines.append(f"{'check':<14} {'passed':>7} {'total':>6} {'%':>7}")
    for group, kinds in (("structure", STRUCTURE), ("entities", ENTITIES)):
        for kind in kinds:
            if score.total.get(kind):
                n, t = score.passed[kind], score.total[kind]
                lines.append(f"{kind:<14} {n:>7} {t:>6} {100 * n / t:>6.1f}%")
        n, t = score.group(kinds)
        pct = f"{100 * n / t:.1f} %" if t else "n/a"
        lines.append(f"{'= ' + group:<14} {n:>7} {t:>6} {pct:>8}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dirs", nargs="*", type=Path, help="folders of pages with expected reports")
    parser.add_argument("--cv", type=int, metavar="K", help="K-fold cross-validation by page")
    parser.add_argument("--quiet", action="store_true", help="tables only, no failure lines")
    parser.add_argument(
        "--train-extra",
        nargs="*",
        type=Path,
        default=EXTRA_TRAINING,
        metavar="DIR",
        help="labelled folders every --cv fold also trains on (never scored)",
    )
    parser.add_argument(
        "--raw", type=Path, default=RAW, help="tagged articles to lay out as more training pages"
    )
    parser.add_argument(
        "--layouts",
        type=int,
        default=0,
        metavar="N",
        help="with --cv: train each fold on N pages laid out from the raw articles not in it",
    )
    parser.add_argument(
        "--rules-only", action="store_true", help="score the rules without the block-role model"
    )
    parser.add_argument(
        "--people",
        choices=["fast", "thorough"],
        default="fast",
        help="thorough: add the second people pass (thulac), as load_sources --people thorough",
    )
    args = parser.parse_args(argv)
    pages: list[Page] = []
    for folder in args.dirs or DEFAULT_DIRS:
        if not folder.is_dir():
            print(f"skipped {folder}: no such folder", file=sys.stderr)
            continue
        pages.extend(find_pages(folder))
    if not pages:
        print("no pages to score", file=sys.stderr)
        return 1
    if args.cv is not None and not 2 <= args.cv <= len(pages):
        parser.error(f"--cv needs 2 <= K <= {len(pages)} (the number of pages)")
    if args.cv:
        raw = args.raw if args.raw and args.raw.is_dir() else None
        figures, score = cross_validate(pages, args.cv, args.train_extra, raw, args.layouts)
        print(render(score, quiet=args.quiet))
        print()
        print(render_cv(figures, args.cv))
        return 0
    if args.people == "thorough":
        thorough = ThoroughParser()
        tagger()  # load the model before timing
        print(render(score_pages(pages, thorough), quiet=args.quiet))
        print(thorough.speed())
        return 0
    parse = parser_with(None) if args.rules_only else shipped_parser
    print(render(score_pages(pages, parse), quiet=args.quiet))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
