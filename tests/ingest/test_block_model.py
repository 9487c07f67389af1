"""The block-role CRF: deterministic training, the shipped model file, a missing file."""

from __future__ import annotations

from pathlib import Path

import pytest

from articles.ingest import block_model, parse, parse_document
from articles.ingest.block_labels import labelled_folder, labels_from_report
from articles.ingest.layout import split_blocks

PAGES = Path(__file__).parent / "data" / "pages"


def _accuracy(pages, model: Path) -> float:
    right = total = 0
    for _, blocks, rules, gold in pages:
        for want, got in zip(gold, block_model.predict(blocks, rules, model), strict=True):
            right += want == got
            total += 1
    return right / total


def test_training_twice_on_the_same_folder_gives_identical_predictions(tmp_path):
    pages = labelled_folder(PAGES)
    train = [(blocks, rules, labels) for _, blocks, rules, labels in pages]
    first = block_model.train(train, tmp_path / "a.crfsuite")
    second = block_model.train(train, tmp_path / "b.crfsuite")
    assert first.read_bytes() == second.read_bytes()
    predictions = [block_model.predict(b, rules, first) for _, b, rules, _ in pages]
    assert predictions == [block_model.predict(b, rules, second) for _, b, rules, _ in pages]
    # Trained on these very pages it must fit them nearly perfectly.
    assert _accuracy(pages, first) > 0.95


def test_shipped_model_labels_our_pages():
    pages = labelled_folder(PAGES)
    assert sum(len(labels) for *_, labels in pages) > 200
    assert _accuracy(pages, block_model.MODEL_PATH) > 0.95
    # The article-start flag: the first block of every page opens an article.
    assert all(block_model.predict(b, r)[0].startswith("B-") for _, b, r, _ in pages)


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
        rules = ["B-headline", "I-paragraph"]
        block_model.predict(split_blocks("标题\n\n正文。\n"), rules, missing)


def test_unknown_role_is_refused():
    with pytest.raises(ValueError, match="unknown block role"):
        block_model.label("footer", starts_article=False)


PAGE = (
    "社区食堂开张\n\n本报记者 王小明\n\n昨天,社区食堂正式开张,老人们排队品尝新菜。\n\n"
    "食堂每天供应午餐和晚餐。\n\n\n\n新桥通车\n\n今天上午,新桥正式通车。\n"
)


def test_the_model_has_the_last_word_on_roles_and_article_starts(monkeypatch):
    blocks = split_blocks(PAGE)
    rules = parse.rule_labels(blocks)[1]
    assert rules == [
        "B-headline",
        "I-byline",
        "I-paragraph",
        "I-paragraph",
        "B-headline",
        "I-paragraph",
    ]
    by_rules = parse_document(PAGE, source="t.txt", model=None)
    assert [a.headline for a in by_rules.articles] == ["社区食堂开张", "新桥通车"]

    # A model that reads the second paragraph as a subhead and the second article as a
    # caption of the first: the parser follows it, not the rules.
    overruled = ["B-headline", "I-byline", "I-paragraph", "I-subhead", "I-caption", "I-paragraph"]
    seen = []

    def fake_predict(page_blocks, page_rules, path):
        seen.append(page_rules)
        return overruled, []

    monkeypatch.setattr(parse, "overrule_with_doubts", fake_predict)
    (article,) = parse_document(PAGE, source="t.txt").articles
    assert seen == [rules]
    assert [(b.kind, b.text[:4]) for b in article.blocks] == [
        ("paragraph", "昨天，社"),
        ("subhead", "食堂每天"),
        ("caption", "新桥通车"),
        ("paragraph", "今天上午"),
    ]
    assert [(e.name, e.role) for e in article.bylines] == [("王小明", "本报记者")]


def test_a_byline_the_grammar_refuses_is_read_leniently_or_kept_as_text(monkeypatch):
    page = "新桥通车\n\n半岛周刊评论员 李 华\n\n今天上午,新桥正式通车。\n\n欢迎读者来电咨询\n"
    labels = ["B-headline", "I-byline", "I-paragraph", "I-byline"]
    monkeypatch.setattr(parse, "overrule_with_doubts", lambda b, r, p: (labels, []))
    (article,) = parse_document(page, source="t.txt").articles
    assert [(e.name, e.role) for e in article.bylines] == [("李华", "半岛周刊评论员")]
    # "欢迎读者来电咨询" is no credit at all: it stays in the body rather than vanish.
    assert [b.text for b in article.blocks] == ["今天上午，新桥正式通车。", "欢迎读者来电咨询"]


def test_the_model_overrules_the_rules_only_where_it_is_sure(monkeypatch):
    pages = labelled_folder(PAGES)
    changed = 0
    for _, blocks, rules, _ in pages:
        predicted = block_model.predict(blocks, rules)
        monkeypatch.setattr(block_model, "CONFIDENCE", 0.0)
        assert block_model.overrule(blocks, rules) == predicted
        monkeypatch.setattr(block_model, "CONFIDENCE", 1.01)
        assert block_model.overrule(blocks, rules) == list(rules)
        monkeypatch.setattr(block_model, "CONFIDENCE", 0.8)
        final = block_model.overrule(blocks, rules)
        tagger = block_model.load()
        tagger.tag(block_model.page_features(blocks, rules))
        for i, (label, rule, mine) in enumerate(zip(final, rules, predicted, strict=True)):
            assert label in (rule, mine)
            if label != rule:
                changed += 1
                assert tagger.marginal(mine, i) >= 0.8
    assert changed > 0
