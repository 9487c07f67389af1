"""OCR repairs: half-width punctuation, spaces in titles and body, sentence ends."""

from __future__ import annotations

import pytest

from articles.ingest.repair import (
    ends_sentence,
    fix_punctuation,
    repair_body,
    repair_title,
)


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("上午,市民来到公园", "上午，市民来到公园"),
        ("他说:“好。”", "他说：“好。”"),
        ("道路更通畅;公园更多", "道路更通畅；公园更多"),
        ("太好了!真的吗?", "太好了！真的吗？"),
        ("长三角(上海)智慧医院", "长三角（上海）智慧医院"),
        ("完成15.8万套(间),占91.6%", "完成15.8万套（间），占91.6%"),
        ("(1)加强巡查", "（1）加强巡查"),
        ("增长80%,全市", "增长80%，全市"),
    ],
)
def test_half_width_punctuation_next_to_chinese_becomes_full_width(raw, fixed):
    assert fix_punctuation(raw) == fixed


@pytest.mark.parametrize(
    "kept",
    ["共1,000人参加", "11:30开门", "增幅达10.3%", "Hello, world!", "see (iPhone 14) now"],
)
def test_numbers_times_and_latin_text_keep_half_width_punctuation(kept):
    assert fix_punctuation(kept) == kept


def test_body_drops_spaces_between_chinese_but_keeps_latin_spacing():
    assert repair_body("新时代 新征程 点亮“上海金环”") == "新时代新征程点亮“上海金环”"
    assert repair_body("本报讯 (记者 张三) 今天") == "本报讯（记者张三）今天"
    assert repair_body("他用 New York Times 读新闻") == "他用 New York Times 读新闻"


def test_title_space_inside_a_word_is_removed_from_the_whole_line():
    assert repair_title("选派32名机 关干部到基 层锻炼") == "选派32名机关干部到基层锻炼"
    assert repair_title("长宁区 试点垃 圾分类新做法") == "长宁区试点垃圾分类新做法"


@pytest.mark.parametrize(
    "title", ["下到社区里 下沉心练功夫", "点亮 上海金环", "把合适的人 放到合适的岗位上"]
)
def test_title_space_between_two_phrases_is_kept(title):
    assert repair_title(title) == title


def test_title_space_that_isolates_one_character_is_stray():
    assert repair_title("上 海迎来初雪") == "上海迎来初雪"


@pytest.mark.parametrize(
    ("text", "ends"),
    [
        ("这是一句话。", True),
        ("真好！", True),
        ("是吗？", True),
        ("还有……", True),
        ("他说：“我们会做好。”", True),
        ("所谓“动人”", False),
        ("功能提", False),
        ("如下：", False),
        ("（完）", False),
    ],
)
def test_sentence_ends_at_stop_marks_or_a_closing_quote_after_one(text, ends):
    assert ends_sentence(text) is ends


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("家门口的 “小修小补” 去哪了？", "家门口的“小修小补”去哪了？"),
        ("我眼中的 “新上海人”", "我眼中的“新上海人”"),
    ],
)
def test_title_space_after_a_structural_particle_is_damage(damaged, repaired):
    assert repair_title(damaged) == repaired
