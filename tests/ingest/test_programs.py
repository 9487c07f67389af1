"""Special-report series and installments."""

from __future__ import annotations

from articles.ingest.model import ProgramRef

from .conftest import page

BODY = "本报今起推出城市更新系列报道，记录上海老街区的新变化。今天推出第一辑——黄浦区·老西门。"


def test_series_announced_in_titles_with_first_installment(parse_one):
    article = parse_one(
        page("老街新生", "城市更新系列报道启动", "今推出第一辑——黄浦区·老西门", BODY)
    )
    assert article.program == ProgramRef("城市更新系列报道", "第一辑", "黄浦区·老西门")


def test_series_name_takes_the_bodys_quotation_marks(parse_one):
    body = "本报联合推出点亮“城市之光”特别报道。今日推出第一辑——徐汇滨江。"
    article = parse_one(page("点亮 城市之光", "特别报道启动", "今推出第一辑——徐汇滨江", body))
    assert article.program == ProgramRef("点亮“城市之光”特别报道", "第一辑", "徐汇滨江")


def test_series_continued_in_kicker_with_installment_number(parse_one):
    article = parse_one(page("【老街新生之二】", "老城厢里的烟火气", "昨天，记者走进老城厢。"))
    assert article.program == ProgramRef("老街新生", "之二", "老城厢里的烟火气")


def test_ordinary_article_has_no_program(parse_one):
    article = parse_one(page("社区食堂开张", "记者昨天参加了特别报道的座谈。"))
    assert article.program is None


def test_series_line_with_installment_above_the_headline_is_a_kicker(parse_one):
    article = parse_one(
        page("点亮“城市之光”特别报道之二", "滨江 向“新”而行", "本报讯(记者 张伟)滨江步道焕然一新。")
    )
    assert article.kicker == "点亮“城市之光”特别报道之二"
    assert article.headline == "滨江 向“新”而行"
    assert article.program == ProgramRef("点亮“城市之光”特别报道", "之二", "滨江 向“新”而行")


def test_series_number_in_brackets_or_circled_closing_the_top_line(parse_one):
    body = "本报讯(记者 张伟)记者走进菜场。"
    bracketed = parse_one(page("烟火里的新上海（之二）", "凌晨四点的菜场", body))
    assert bracketed.program == ProgramRef("烟火里的新上海", "之二", "凌晨四点的菜场")
    circled = parse_one(page("家门口的幸福⑤", "凌晨四点的菜场", body))
    assert circled.program == ProgramRef("家门口的幸福", "⑤", "凌晨四点的菜场")


def test_column_kicker_without_a_series_word_or_number_is_no_program(parse_one):
    article = parse_one(
        page("【新春走基层】", "社区食堂的年夜饭", "本报讯(记者 张伟)除夕，食堂里热闹非凡。")
    )
    assert article.program is None


def test_a_number_word_closing_a_plain_headline_is_no_program(parse_one):
    article = parse_one(page("家门口的第一站", "本报讯(记者 张伟)新站昨天开通。"))
    assert article.program is None


def test_series_number_in_brackets_closing_the_top_line(parse_one):
    article = parse_one(page("老街新生：城市更新（二）", "老城厢里的烟火气", "记者走进老城厢。"))
    assert article.program == ProgramRef("老街新生：城市更新", "（二）", "老城厢里的烟火气")


def test_series_named_by_a_deck_under_the_headline(parse_one):
    article = parse_one(page("老城厢里的烟火气", "——老街新生调查之三", "昨天，记者走进老城厢。"))
    assert article.subheadline == ["——老街新生调查之三"]
    assert article.program == ProgramRef("老街新生调查", "之三", "老城厢里的烟火气")


def test_a_bracketed_aside_closing_a_deck_names_no_series(parse_one):
    article = parse_one(page("老城厢里的烟火气", "——记者走访老街（上）", "昨天，记者走进老城厢。"))
    assert article.program is None
