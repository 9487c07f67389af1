"""Bylines, dateline credits, photo credits and the article type they imply."""

from __future__ import annotations

import pytest

from articles.ingest.model import BylineEntry

from .conftest import page

PARAS = ("昨天上午，社区食堂正式开张，附近居民排起了长队。", "食堂将继续增加菜品。")


def test_end_byline_with_role(parse_one):
    article = parse_one(page("社区食堂开张", *PARAS, "本报记者 袁明"))
    assert article.bylines == [BylineEntry("袁明", "本报记者", "end")]
    assert article.type == "news"
    assert len(article.blocks) == 2


def test_byline_under_headline_with_two_names_of_one_role(parse_one):
    article = parse_one(page("社区食堂开张", "本报记者 张伟 李娜", *PARAS))
    assert article.bylines == [
        BylineEntry("张伟", "本报记者", "under_headline"),
        BylineEntry("李娜", "本报记者", "under_headline"),
    ]
    assert article.type == "news"


def test_byline_with_several_roles(parse_one):
    article = parse_one(page("社区食堂开张", *PARAS, "本报记者 张伟 通讯员 李娜"))
    assert [(b.name, b.role) for b in article.bylines] == [("张伟", "本报记者"), ("李娜", "通讯员")]


def test_names_separated_by_enumeration_comma(parse_one):
    article = parse_one(page("社区食堂开张", *PARAS, "本报记者 张伟、李娜"))
    assert [b.name for b in article.bylines] == ["张伟", "李娜"]


def test_other_papers_reporter_role_is_kept_as_printed(parse_one):
    article = parse_one(page("社区食堂开张", *PARAS, "解放日报记者 周强"))
    assert article.bylines == [BylineEntry("周强", "解放日报记者", "end")]


def test_news_agency_photographer_is_a_byline_and_a_photo_credit(parse_one):
    article = parse_one(page("社区食堂开张", *PARAS, "新华社记者 陈刚 摄"))
    assert article.bylines == [BylineEntry("陈刚", "新华社记者", "end")]
    assert article.photo_credits == ["陈刚"]


def test_lone_name_under_headline_makes_a_commentary(parse_one):
    article = parse_one(page("小食堂里的大民生", "杨欢", *PARAS))
    assert article.bylines == [BylineEntry("杨欢", None, "under_headline")]
    assert article.type == "commentary"


@pytest.mark.parametrize(
    ("line", "role"),
    [
        ("主笔|王五", "主笔"),
        ("□江城报评论员 王五", "江城报评论员"),
        ("半月游评论员 王五", "半月游评论员"),
    ],
)
def test_opinion_signature_under_the_headline_makes_a_commentary(parse_one, line, role):
    article = parse_one(page("小食堂里的大民生", line, *PARAS))
    assert article.bylines == [BylineEntry("王五", role, "under_headline")]
    assert article.type == "commentary"


def test_dateline_credit_stays_in_body_and_names_bylines(parse_one):
    article = parse_one(
        page("社区食堂开张", "本报讯 (记者 张伟 通讯员 李娜)昨天上午,社区食堂正式开张。")
    )
    assert article.blocks[0].text == "本报讯（记者张伟通讯员李娜）昨天上午，社区食堂正式开张。"
    assert article.bylines == [
        BylineEntry("张伟", "记者", "under_headline"),
        BylineEntry("李娜", "通讯员", "under_headline"),
    ]
    assert article.type == "news"


def test_bylines_are_not_people(parse_one):
    article = parse_one(
        page("社区食堂开张", "本报讯(记者 张伟)街道主任王建国说，食堂已开张。", "本报记者 李娜")
    )
    assert {p.name for p in article.people} == {"王建国"}


def test_caption_photographer_forms_are_photo_credits(parse):
    text = page(
        page("外滩灯光秀", "昨晚，外滩灯光秀如约上演，吸引大批市民。"),
        page("①灯光秀现场 本报记者 李华 摄"),
        page("②市民拍照留念 摄影/王东"),
        gap=3,
    )
    article = parse(text).articles[0]
    assert set(article.photo_credits) == {"李华", "王东"}
    assert {p.name for p in article.people}.isdisjoint({"李华", "王东"})


def test_article_made_of_captions_is_photo_news(parse_one):
    article = parse_one(
        page("初雪落申城", "①雪后的外滩 本报记者 李华 摄", "②孩子们在公园堆雪人 本报记者 王东 摄")
    )
    assert [b.kind for b in article.blocks] == ["caption", "caption"]
    assert article.type == "photo_news"


def test_long_article_with_many_subheads_and_no_dateline_is_a_feature(parse_one):
    para = "这是一段关于社区食堂的长篇报道，记录居民的日常生活与变化。" * 30
    article = parse_one(
        page(
            "小食堂的故事",
            para,
            "清晨 第一锅粥",
            para,
            "午间 满堂烟火",
            para,
            "傍晚 送餐上门",
            para,
        )
    )
    assert [b.kind for b in article.blocks].count("subhead") == 3
    assert article.type == "feature"


def test_short_subheadline_starting_with_a_surname_is_not_taken_for_an_author(parse_one):
    article = parse_one(page("外滩灯光秀今晚上演", "周末游", *PARAS))
    assert article.subheadline == ["周末游"]
    assert article.bylines == []


@pytest.mark.parametrize("credit", ["新华社记者 周游 摄", "本报记者 李明 摄"])
def test_short_text_credited_only_to_a_photographer_is_photo_news(parse_one, credit):
    article = parse_one(page("雪后外滩", "昨天清晨，一场小雪过后，外滩披上银装。", credit))
    assert article.type == "photo_news"
    assert article.photo_credits == [credit.split()[1]]


def test_short_news_with_a_writing_reporter_is_not_photo_news(parse_one):
    article = parse_one(page("雪后外滩", "昨天清晨，一场小雪过后，外滩披上银装。", "本报记者 李明"))
    assert article.type == "news"


def test_names_spaced_out_by_the_typesetter_are_one_name(parse_one):
    article = parse_one(page("社区食堂开张", *PARAS, "本报记者 沈 竹 通讯员 欧阳 晓"))
    names = [(b.name, b.role) for b in article.bylines]
    assert names == [("沈竹", "本报记者"), ("欧阳晓", "通讯员")]


def test_spaced_name_of_a_chief_writer_makes_a_commentary(parse_one):
    article = parse_one(page("别让停车难成为心病", "主笔|钱 江", *PARAS))
    assert article.bylines == [BylineEntry("钱江", "主笔", "under_headline")]
    assert article.type == "commentary"


def test_district_media_centre_reporter_role_is_kept_as_printed(parse_one):
    article = parse_one(page("社区食堂开张", "本报记者 沈竹 奉贤区融媒体中心记者 范佳", *PARAS))
    assert [(b.name, b.role) for b in article.bylines] == [
        ("沈竹", "本报记者"),
        ("范佳", "奉贤区融媒体中心记者"),
    ]


def test_spaced_photographer_names_in_a_caption_are_photo_credits(parse_one):
    text = page("社区食堂开张", PARAS[0], "食堂一角 本报记者 沈 竹 周馨 摄", PARAS[1])
    assert parse_one(text).photo_credits == ["沈竹", "周馨"]


def test_spaced_names_in_a_dateline_credit_are_bylines(parse_one):
    text = page(
        "社区食堂开张", "本报讯 (记者 张 杰、金 旻矣 通讯员 黄 浩) 食堂昨天开张。", PARAS[1]
    )
    names = [(b.name, b.role) for b in parse_one(text).bylines]
    assert names == [("张杰", "记者"), ("金旻矣", "记者"), ("黄浩", "通讯员")]


def test_reporter_who_wrote_and_photographed_is_a_photo_credit_but_not_photo_news(parse_one):
    article = parse_one(
        page("雪后外滩", "本报记者 李明 文/摄", "昨天清晨，一场小雪过后，外滩披上银装。")
    )
    assert [(b.name, b.role, b.position) for b in article.bylines] == [
        ("李明", "本报记者", "under_headline")
    ]
    assert article.photo_credits == ["李明"]
    assert article.type == "news"


def test_picture_role_in_a_words_and_pictures_credit_is_a_photo_credit(parse_one):
    article = parse_one(page("弄堂里的修鞋摊", "文/陈思 图/黄磊", *PARAS))
    assert [(b.name, b.role) for b in article.bylines] == [("陈思", "文"), ("黄磊", "图")]
    assert article.photo_credits == ["黄磊"]
    assert article.type == "news"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("□通讯员 张三", [("张三", "通讯员")]),
        ("■记者 李四", [("李四", "记者")]),
        ("●记者 王五", [("王五", "记者")]),
        ("《城市周刊》记者:赵六", [("赵六", "《城市周刊》记者")]),
        ("东城新闻Dnews记者 孙七", [("孙七", "东城新闻Dnews记者")]),
        ("东城新闻高级记者 周八 通讯员 吴九", [("周八", "东城新闻高级记者"), ("吴九", "通讯员")]),
        ("江城网记者 郑十", [("郑十", "江城网记者")]),
        ("半月游评论员 张建", [("张建", "半月游评论员")]),
        ("记者 张伟 | 通讯员 李娜", [("张伟", "记者"), ("李娜", "通讯员")]),
        ("记者｜张伟 通讯员｜李娜", [("张伟", "记者"), ("李娜", "通讯员")]),
    ],
)
def test_byline_markers_outlets_and_grades_are_read_as_printed(parse_one, line, expected):
    article = parse_one(page("社区食堂开张", line, *PARAS))
    assert [(b.name, b.role) for b in article.bylines] == expected
    assert all(b.position == "under_headline" for b in article.bylines)
    assert article.subheadline == []


def test_editor_on_an_end_credit_line_is_a_byline_with_its_own_role(parse_one):
    article = parse_one(page("社区食堂开张", *PARAS, "记者:张三 李四 编辑:王五"))
    assert [(b.name, b.role) for b in article.bylines] == [
        ("张三", "记者"),
        ("李四", "记者"),
        ("王五", "编辑"),
    ]
    assert all(b.position == "end" for b in article.bylines)


def test_many_bare_names_closing_an_article_are_bylines_and_end_it(parse):
    names = "王海 刘一 陈浩 李想 张帆 赵蕾 孙宁 周洁"
    text = page(page("社区食堂开张", *PARAS, names), page("菜场换新颜", *PARAS), gap=3)
    first, second = parse(text).articles
    assert [(b.name, b.role, b.position) for b in first.bylines] == [
        (name, None, "end") for name in names.split()
    ]
    assert second.headline == "菜场换新颜"


def test_bare_names_with_a_surname_outside_the_list_are_bylines_beside_a_known_one(parse_one):
    article = parse_one(page("社区食堂开张", *PARAS, "咸亮 茅文隽"))
    assert [b.name for b in article.bylines] == ["咸亮", "茅文隽"]
    assert article.blocks[-1].text == PARAS[1]


def test_lone_name_opening_with_a_dictionary_word_is_an_author_under_the_headline(parse_one):
    article = parse_one(page("社区食堂开张", "金志明", *PARAS))
    assert article.bylines == [BylineEntry("金志明", None, "under_headline")]
    assert article.subheadline == []


def test_narrator_line_is_a_byline_whose_description_names_places(parse_one):
    article = parse_one(
        page("水塘村变了样", "讲述人:虹口区嘉兴路街道水塘村党总支书记 周海", *PARAS)
    )
    assert article.bylines == [BylineEntry("周海", "讲述人", "under_headline")]
    assert article.districts == ["虹口区"]
    assert article.subdistricts == ["嘉兴路街道"]
    assert article.people == []


def test_page_photography_and_chart_credits_under_the_headline_are_bylines(parse_one):
    article = parse_one(
        page("老弄堂的故事", "文/陈思 孙立", "本版摄影/杨 眉", "制图/黄 欣", *PARAS)
    )
    assert [(b.name, b.role) for b in article.bylines] == [
        ("陈思", "文"),
        ("孙立", "文"),
        ("杨眉", "本版摄影"),
        ("黄欣", "制图"),
    ]
    assert article.photo_credits == []
    assert [b.kind for b in article.blocks] == ["paragraph", "paragraph"]


def test_name_before_its_role_credits_words_and_pictures(parse_one):
    article = parse_one(page("弄堂里的修鞋摊", *PARAS, "李明/文 王东/摄"))
    assert [(b.name, b.role) for b in article.bylines] == [("李明", "文"), ("王东", "摄")]
    assert article.photo_credits == ["王东"]
    assert article.type == "news"


@pytest.mark.parametrize(
    ("opening", "expected"),
    [
        (
            "江城网记者张力、通讯员陆雪2月4日报道:社区食堂开张。",
            [("张力", "江城网记者"), ("陆雪", "通讯员")],
        ),
        ("江南社上海3月29日电 (郁林 郑莹)社区食堂开张。", [("郁林", None), ("郑莹", None)]),
        (
            "江城在线-西湖频道1月3日讯(江城在线记者 吴一 马二)社区食堂开张。",
            [("吴一", "江城在线记者"), ("马二", "江城在线记者")],
        ),
    ],
)
def test_dateline_forms_name_bylines_and_stay_in_the_text(parse_one, opening, expected):
    article = parse_one(page("社区食堂开张", opening, PARAS[1]))
    assert [(b.name, b.role) for b in article.bylines] == expected
    assert all(b.position == "under_headline" for b in article.bylines)
    assert article.blocks[0].text.endswith("社区食堂开张。")
    assert len(article.blocks[0].text) > len("社区食堂开张。")


def test_bracketed_credit_closing_a_brief_is_an_end_byline(parse_one):
    article = parse_one(
        page("社区食堂开张", PARAS[0], "食堂将继续增加菜品。(记者 吴倩 通讯员 蒋丽)")
    )
    assert [(b.name, b.role, b.position) for b in article.bylines] == [
        ("吴倩", "记者", "end"),
        ("蒋丽", "通讯员", "end"),
    ]
    assert article.blocks[-1].text == "食堂将继续增加菜品。（记者吴倩通讯员蒋丽）"


def test_credit_only_caption_under_a_photo_is_a_photo_credit_not_a_byline(parse_one):
    text = page(
        page("社区食堂开张", PARAS[0], "本报记者 袁明"),
        page("江城日报记者 周岚 摄", PARAS[1]),
        gap=3,
    )
    article = parse_one(text)
    assert article.bylines == [BylineEntry("袁明", "本报记者", "end")]
    assert article.photo_credits == ["周岚"]
    assert [b.kind for b in article.blocks] == ["paragraph", "caption", "paragraph"]


def test_chart_credit_after_a_caption_photo_credit_names_no_photographer(parse_one):
    text = page(
        page("沙洲两地人", "本报记者 范明", PARAS[0]),
        page("■ 大桥通车后两地往来更快捷 郁兵 摄 江城图表 制图 戴嘉", PARAS[1]),
        gap=3,
    )
    article = parse_one(text)
    assert article.photo_credits == ["郁兵"]
    assert [b.kind for b in article.blocks] == ["paragraph", "caption", "paragraph"]
    assert "戴嘉" not in {b.name for b in article.bylines} | {p.name for p in article.people}


def test_several_photographers_in_one_end_credit(parse_one):
    article = parse_one(page("雪后外滩", "昨天清晨，一场小雪过后，外滩披上银装。", "李华、王东/摄"))
    assert article.photo_credits == ["李华", "王东"]
    assert article.type == "photo_news"


def test_dateline_after_an_editors_note_split_by_a_column_break_names_bylines(parse_one):
    article = parse_one(
        page(
            "社区食堂开张",
            "【编者按】为记录社区里的新变化，本报推出系列报道，",
            "今天刊发第一篇。",
            "江城新闻网1月3日讯(江城在线记者 吴一 马二)社区食堂昨天开张。",
            PARAS[1],
        )
    )
    assert [(b.name, b.role, b.position) for b in article.bylines] == [
        ("吴一", "江城在线记者", "under_headline"),
        ("马二", "江城在线记者", "under_headline"),
    ]


def test_credit_line_run_on_under_the_last_sentence_is_an_end_byline(parse):
    last = f"{PARAS[1]}\n本报记者 袁明 通讯员 何平"
    text = page(page("社区食堂开张", PARAS[0], last), page("菜场换新颜", *PARAS), gap=3)
    first, second = parse(text).articles
    assert [(b.name, b.role, b.position) for b in first.bylines] == [
        ("袁明", "本报记者", "end"),
        ("何平", "通讯员", "end"),
    ]
    assert first.blocks[-1].text == PARAS[1]
    assert second.headline == "菜场换新颜"


def test_twelve_bare_names_in_an_enumeration_closing_an_article_are_bylines(parse_one):
    names = "王海、刘一、陈浩、李想、张帆、赵蕾、孙宁、周洁、吴迪、郑爽、冯涛、韩雪"
    article = parse_one(page("社区食堂开张", *PARAS, names))
    assert [b.name for b in article.bylines] == names.split("、")
    assert article.blocks[-1].text == PARAS[1]
