"""The block-role CRF: deterministic training, the shipped model file, a missing file."""

from __future__ import annotations

from pathlib import Path

import pytest

from articles.ingest import block_model
from articles.ingest.block_labels import labelled_folder, labels_from_report
from articles.ingest.layout import split_blocks

PAGES = Path(__file__).parent / "data" / "pages"


def _accuracy(pages, model: Path) -> float:
    right = total = 0
    for _, blocks, gold in pages:
        for want, got in zip(gold, block_model.predict(blocks, model), strict=True):
            right += want == got
            total += 1
    return right / total


def test_training_twice_on_the_same_folder_gives_identical_predictions(tmp_path):
    pages = labelled_folder(PAGES)
    train = [(blocks, labels) for _, blocks, labels in pages]
    first = block_model.train(train, tmp_path / "a.crfsuite")
    second = block_model.train(train, tmp_path / "b.crfsuite")
    assert first.read_bytes() == second.read_bytes()
    predictions = [block_model.predict(blocks, first) for _, blocks, _ in pages]
    assert predictions == [block_model.predict(blocks, second) for _, blocks, _ in pages]
    # Trained on these very pages it must fit them nearly perfectly.
    assert _accuracy(pages, first) > 0.95


def test_shipped_model_labels_our_pages():
    pages = labelled_folder(PAGES)
    assert sum(len(labels) for _, _, labels in pages) > 200
    assert _accuracy(pages, block_model.MODEL_PATH) > 0.8
    # The article-start flag: the first block of every page opens an article.
    assert all(block_model.predict(blocks)[0].startswith("B-") for _, blocks, _ in pages)


def test_labels_from_a_report_follow_the_printed_order():
    report = {
        "articles": [
            {
                "kicker": "【专栏】",
                "headline": "新桥开通",
                "subheadline": ["——两岸居民出行更方便"],
                "bylines": [{"name": "王小明", "role": "记者", "position": "end"}],
                "blocks": [
                    {
                        "kind": "paragraph",
                        "text": "昨天，新桥正式开通，沿线居民步行十分钟即可过河。",
                    },
                    {"kind": "caption", "text": "新桥夜景 李四 摄"},
                ],
            },
            {"kicker": None, "headline": "短讯", "subheadline": [], "bylines": [], "blocks": []},
        ]
    }
    text = (
        "【专栏】\n\n新 桥开通\n\n——两岸居民出行更方便\n\n昨天,新桥正式开通,沿线居民\n\n"
        "步行十分钟即可过河。\n\n\n\n新桥夜景 李四 摄\n\n记者 王小明\n\n\n\n短讯\n"
    )
    labels = labels_from_report(split_blocks(text), report, source="t")
    assert labels == [
        "B-kicker",
        "I-headline",
        "I-deck",
        "I-paragraph",
        "I-continuation",
        "I-caption",
        "I-byline",
        "B-headline",
    ]


def test_missing_model_file_says_how_to_rebuild_it(tmp_path):
    missing = tmp_path / "none.crfsuite"
    with pytest.raises(block_model.ModelMissingError, match="make train-ingest"):
        block_model.predict(split_blocks("标题\n\n正文。\n"), missing)


def test_unknown_role_is_refused():
    with pytest.raises(ValueError, match="unknown block role"):
        block_model.label("footer", starts_article=False)
