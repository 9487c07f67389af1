"""Parse warnings: each check fires where an editor should look, and a clean page has none."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from articles.ingest import decode_source, parse, parse_document
from articles.ingest.block_model import Disagreement
from articles.ingest.model import ParseWarning

from .conftest import REPO

PAGES = Path(__file__).parent / "data" / "pages"
SEED = REPO / "fixtures" / "sources" / "000_cfa3f902709d73c1.txt"

CLEAN = (
    "社区食堂开张\n\n本报记者 王小明\n\n"
    "昨天，杨浦区社区食堂正式开张，老人们排队品尝新菜，食堂每天供应午餐和晚餐。\n"
)


def codes(document) -> list[str]:
    return [w.code for w in document.warnings]


def test_a_clean_page_has_no_warnings(parse):
    assert parse(CLEAN).warnings == []


def test_an_article_without_a_byline_is_flagged_at_its_first_line(parse):
    page = "\n\n社区食堂开张\n\n昨天，社区食堂正式开张，老人们排队品尝新菜，食堂每天供应午餐。\n"
    (warning,) = parse(page).warnings
    assert warning == ParseWarning("no_byline", "没有找到署名，请核对作者", 3, 0)


def test_a_fragment_of_a_body_is_flagged_but_a_photo_story_is_not(parse):
    page = CLEAN + "\n\n\n\n新桥通车\n\n记者 李华\n\n今天通车。\n"
    document = parse(page)
    assert codes(document) == ["short_body"]
    assert document.warnings[0].article == 1
    assert "5 个字" in document.warnings[0].message
    photo = "外滩晨雾\n\n图为今晨外滩出现团雾。\n\n本报记者 李明 摄\n"
    assert "short_body" not in codes(parse(photo))


def test_a_district_of_another_city_is_flagged_on_its_line(parse):
    page = (
        "社区食堂开张\n\n本报记者 王小明\n\n昨天，社区食堂正式开张，老人们排队品尝新菜。\n\n"
        "杭州市拱墅区的同行也来取经，还带来了自己的菜单和做法。\n"
    )
    (warning,) = parse(page).warnings
    assert (warning.code, warning.line) == ("unknown_district", 7)
    assert "拱墅区" in warning.message


def test_place_words_that_are_no_district_are_not_flagged(parse):
    page = CLEAN + "\n居民区、老城区和开发区的居民要求和区人大代表见面，把电梯列入区政府实事。\n"
    assert parse(page).warnings == []


def test_ocr_debris_left_after_repair_is_flagged(parse):
    page = CLEAN.replace("老人们", "老人|们")
    (warning,) = parse(page).warnings
    assert (warning.code, warning.line) == ("ocr_debris", 5)
    assert "“|”" in warning.message


def test_a_byline_no_grammar_reads_is_flagged_where_it_was_kept(monkeypatch):
    page = "新桥通车\n\n半岛周刊评论员 李 华\n\n今天上午,新桥正式通车。\n\n欢迎读者来电咨询\n"
    labels = ["B-headline", "I-byline", "I-paragraph", "I-byline"]
    monkeypatch.setattr(parse, "overrule_with_doubts", lambda b, r, p: (labels, []))
    document = parse_document(page, source="t.txt")
    assert [(w.code, w.line) for w in document.warnings] == [("unread_byline", 7)]


def test_an_article_the_model_left_without_a_headline_is_flagged(monkeypatch):
    page = "新桥通车\n\n记者 李华\n\n今天上午，新桥正式通车，两岸居民出行方便了。\n\n"
    page += "\n\n\n桥下的老渡口明天停航，渡轮将送往船厂保养，居民可改走新桥。\n"
    labels = ["B-headline", "I-byline", "I-paragraph", "B-paragraph"]
    monkeypatch.setattr(parse, "overrule_with_doubts", lambda b, r, p: (labels, []))
    document = parse_document(page, source="t.txt")
    assert ("no_headline", 10, 1) in [(w.code, w.line, w.article) for w in document.warnings]


def test_the_models_doubts_are_flagged_only_below_sure(monkeypatch):
    page = CLEAN + "\n食堂由街道和社区共同出资，价格实惠，菜品每周更换。\n"

    def doubtful(blocks, rules, path):
        doubts = [
            Disagreement(2, rules[2], "I-subhead", 0.85),  # overruled, not very sure
            Disagreement(3, rules[3], "I-caption", 0.6),  # too unsure to overrule
            Disagreement(1, rules[1], "I-paragraph", 0.99),  # sure: no warning
        ]
        final = list(rules)
        final[2] = "I-subhead"
        return final, doubts

    monkeypatch.setattr(parse, "overrule_with_doubts", doubtful)
    document = parse_document(page, source="t.txt")
    roles = [w for w in document.warnings if w.code == "uncertain_role"]
    assert [(w.line, w.article) for w in roles] == [(5, 0), (7, 0)]
    assert "从“正文段落”改作“小标题”" in roles[0].message and "85%" in roles[0].message
    assert "可能是“图片说明”" in roles[1].message


def test_warnings_leave_the_parse_itself_unchanged(parse):
    page = CLEAN.replace("老人们", "老人|们")
    document = parse(page)
    assert document.warnings
    assert [b.text for b in document.articles[0].blocks] == [
        "昨天，杨浦区社区食堂正式开张，老人|们排队品尝新菜，食堂每天供应午餐和晚餐。"
    ]


def test_no_warning_fires_on_every_page_of_the_held_out_set():
    """A warning every page carries is noise: editors learn to skip it, and the others too."""
    pages = sorted(PAGES.glob("*.txt")) + [SEED]
    fired: Counter[str] = Counter()
    total = 0
    for path in pages:
        document = parse_document(decode_source(path.read_bytes(), source=path.name), source="p")
        fired.update({w.code for w in document.warnings})
        total += len(document.warnings)
        assert all(1 <= w.line <= document.articles[-1].first_line + 200 for w in document.warnings)
    assert fired, "the checks never fire: they check nothing"
    assert max(fired.values()) < len(pages) / 2
    assert total < 2 * len(pages)


@pytest.mark.parametrize("code", ["no_byline"])
def test_the_seed_page_warns_about_its_unsigned_article(code):
    document = parse_document(decode_source(SEED.read_bytes(), source=SEED.name), source="s")
    assert [(w.code, w.article) for w in document.warnings] == [(code, 1)]
