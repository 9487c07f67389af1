"""People found beyond a title before the name or a verb of speech (invented sentences)."""

from __future__ import annotations

import pytest

from articles.ingest.model import Mention

from .conftest import page


def people_in(parse_one, *paragraphs: str) -> list[Mention]:
    return parse_one(page("社区新闻", *paragraphs)).people


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("62岁的王建国每天都来帮忙。", "王建国"),
        ("七十多岁的刘桂英坚持锻炼。", "刘桂英"),
        ("奶奶林玉珍最喜欢这里。", "林玉珍"),
        ("她的丈夫黄志明说，出门方便多了。", "黄志明"),
        ("邻居赵德华经常来串门。", "赵德华"),
    ],
)
def test_an_age_or_a_relationship_introduces_a_name_without_a_title(parse_one, text, name):
    assert people_in(parse_one, text) == [Mention(name, None)]


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("领队陈志强带着队员出发。", "陈志强", "领队"),
        ("学者马千里认为，这很重要。", "马千里", "学者"),
        ("原政委吴海洋也来了。", "吴海洋", "原政委"),
        ("果农钱立新摘下一筐柚子。", "钱立新", "果农"),
        ("社区工作者郑小梅挨家挨户上门。", "郑小梅", "社区工作者"),
        ("助理团成员蒋雪芬阿姨捡到了钱包。", "蒋雪芬", "助理团成员"),
    ],
)
def test_titles_found_by_their_last_character(parse_one, text, name, title):
    assert people_in(parse_one, text) == [Mention(name, title)]


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("浦东新区的孙立伟区长接听了电话。", "孙立伟", "区长"),
        ("会上，杨浦区诸葛文杰区长作了发言。", "诸葛文杰", "杨浦区区长"),
        ("复旦大学新闻学院马志远副教授说，这是好事。", "马志远", "复旦大学新闻学院副教授"),
        ("东城代表团的吴春华代表提出建议。", "吴春华", "代表"),
    ],
)
def test_a_post_printed_after_the_name_is_its_title(parse_one, text, name, title):
    assert people_in(parse_one, text) == [Mention(name, title)]


def test_a_post_inside_a_longer_word_after_a_place_is_no_title(parse_one):
    assert people_in(parse_one, "北塘代表团的吴春华代表提出建议。") == [Mention("吴春华", "代表")]


def test_daibiao_as_a_verb_is_no_title(parse_one):
    assert people_in(parse_one, "会上，吴春华代表公司致辞。") == []


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("王建国是社区党支部书记，他带头清理楼道。", "王建国", "社区党支部书记"),
        ("王建国是一名退休教师。", "王建国", "退休教师"),
        ("李秀英，居委会主任，负责这项工作。", "李秀英", "居委会主任"),
    ],
)
def test_a_title_after_the_name_with_shi_or_a_comma(parse_one, text, name, title):
    assert people_in(parse_one, text) == [Mention(name, title)]


@pytest.mark.parametrize("text", ["张伟，男，四十五岁。", "王建国是这条弄堂的老住户，住了三十年。"])
def test_a_description_that_is_no_title_names_nobody(parse_one, text):
    assert people_in(parse_one, text) == []


def test_a_status_printed_like_a_title_is_no_title(parse_one):
    people = people_in(parse_one, "灯塔村村民周秀兰种了三亩草莓。居民顾永福也来帮忙。")
    assert people == [Mention("周秀兰", None), Mention("顾永福", None)]


def test_a_quoted_title_keeps_its_quotes(parse_one):
    assert people_in(parse_one, "“老书记”孙德胜每天巡查。") == [Mention("孙德胜", "“老书记”")]
    assert people_in(parse_one, "这些物资由“乐邻”创始人侯月琴自掏腰包采购。") == [
        Mention("侯月琴", "“乐邻”创始人")
    ]


@pytest.mark.parametrize(
    ("text", "name"),
    [("阿卜杜勒·卡里姆表示欢迎。", "阿卜杜勒·卡里姆"), ("当年马可·波罗来到这里。", "马可·波罗")],
)
def test_foreign_names_are_made_of_transliteration_characters(parse_one, text, name):
    people = people_in(parse_one, text)
    assert [p.name for p in people] == ([name] if name else [])


def test_a_column_name_with_a_dot_is_no_foreign_name(parse_one):
    assert people_in(parse_one, "这是区长周记·邻里有事您说话栏目。") == []


@pytest.mark.parametrize(
    ("text", "name"),
    [("蔺建军介绍了情况。", "蔺建军"), ("上海市总工会副主席张得志表示欢迎。", "张得志")],
)
def test_rarer_surnames_and_function_characters_inside_names(parse_one, text, name):
    assert [p.name for p in people_in(parse_one, text)] == [name]


@pytest.mark.parametrize(
    "text",
    ["他叫来几位老师傅来帮忙。", "她藏身居民楼里。", "主持人：让我们用掌声欢迎区委书记。"],
)
def test_a_title_word_running_into_the_next_word_names_nobody(parse_one, text):
    assert people_in(parse_one, text) == []


def test_a_verb_before_a_place_ends_the_title(parse_one):
    people = people_in(parse_one, "主持人：让我们用掌声欢迎奉贤区委书记周志平。")
    assert people == [Mention("周志平", "奉贤区委书记")]


def test_a_colleague_named_in_the_text_is_a_person_with_the_papers_credit(parse_one):
    people = people_in(parse_one, "听本报记者陈立杰讲述背后的故事。")
    assert people == [Mention("陈立杰", "本报记者")]


def test_a_name_followed_by_an_aspect_particle_keeps_two_characters(parse_one):
    people = people_in(parse_one, "居民区党总支书记盛弘忙着搬家。")
    assert people == [Mention("盛弘", "居民区党总支书记")]
