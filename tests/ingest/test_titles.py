"""Title lines: kicker, headline and subheadlines, repaired."""

from __future__ import annotations

from .conftest import page

BODY = "本报讯（记者 王明）昨天上午，社区食堂正式开张，附近居民排起了长队。"


def test_kicker_ending_in_dash_leads_into_the_headline(parse_one):
    article = parse_one(page("长宁区 新开社区食 堂——", "老人吃饭不再犯愁", BODY))
    assert article.kicker == "长宁区新开社区食堂——"
    assert article.headline == "老人吃饭不再犯愁"
    assert article.subheadline == []


def test_kicker_in_square_brackets_is_kept_as_printed(parse_one):
    article = parse_one(page("【民生实事】", "社区食堂开张了", BODY))
    assert article.kicker == "【民生实事】"
    assert article.headline == "社区食堂开张了"


def test_headline_ending_in_exclamation_mark_is_still_a_title(parse_one):
    article = parse_one(page("家门口的食堂开张啦!", BODY))
    assert article.headline == "家门口的食堂开张啦！"
    assert article.blocks[0].text.startswith("本报讯（记者王明）")


def test_subheadline_starting_with_dashes_follows_the_headline(parse_one):
    article = parse_one(page("社区食堂开张了", "——记长宁一家为老服务新阵地", BODY))
    assert article.kicker is None
    assert article.headline == "社区食堂开张了"
    assert article.subheadline == ["——记长宁一家为老服务新阵地"]


def test_several_short_lines_become_headline_and_subheadlines(parse_one):
    article = parse_one(page("点亮 城市灯光", "夜间经济系列报道启动", BODY))
    assert article.headline == "点亮 城市灯光"
    assert article.subheadline == ["夜间经济系列报道启动"]


def test_title_lines_spread_over_two_printed_lines_read_as_one(parse_one):
    article = parse_one(page("社区食堂\n开张了", BODY))
    assert article.headline.replace(" ", "") == "社区食堂开张了"
