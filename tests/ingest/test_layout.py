"""Page layout: article boundaries, column breaks, captions and subheads."""

from __future__ import annotations

import pytest

from articles.ingest import SourceError

from .conftest import page


def kinds(article):
    return [block.kind for block in article.blocks]


def test_two_articles_without_bylines_back_to_back_are_split(parse):
    text = page(
        page("公交新线开通", "今天起，71路延伸至外滩，沿线居民出行更方便。"),
        page("菜场延长营业", "记者从区商务委获悉，菜场将营业到晚上八点。"),
        gap=3,
    )
    doc = parse(text)
    assert [a.headline for a in doc.articles] == ["公交新线开通", "菜场延长营业"]
    assert [a.bylines for a in doc.articles] == [[], []]
    assert doc.articles[1].first_line == 8
    assert doc.articles[1].raw_text.startswith("菜场延长营业")


def test_article_of_one_paragraph(parse_one):
    article = parse_one(page("公交新线开通", "今天起，71路延伸至外滩，沿线居民出行更方便。"))
    assert kinds(article) == ["paragraph"]


def test_column_break_mid_word_is_rejoined(parse_one):
    article = parse_one(
        page("道路改造完工", "昨天，外环路功能提", "升改造工程全部完工，通行效率明显提高。")
    )
    assert [b.text for b in article.blocks] == [
        "昨天，外环路功能提升改造工程全部完工，通行效率明显提高。"
    ]


def test_column_break_after_a_comma_is_rejoined(parse_one):
    article = parse_one(page("道路改造完工", "昨天上午,", "改造工程全部完工。"))
    assert [b.text for b in article.blocks] == ["昨天上午，改造工程全部完工。"]


def test_quote_spanning_a_column_break_is_rejoined(parse_one):
    article = parse_one(
        page("居民点赞", "老人说：“食堂的饭菜很可口。我们天天来。", "价格也实惠。”她笑着补充。")
    )
    assert [b.text for b in article.blocks] == [
        "老人说：“食堂的饭菜很可口。我们天天来。价格也实惠。”她笑着补充。"
    ]


def test_quotation_running_over_paragraphs_keeps_its_paragraphs(parse_one):
    article = parse_one(page("居民点赞", "她说：“第一件事是吃饭。", "“第二件事是看病。”"))
    assert len(article.blocks) == 2


def test_paragraph_ending_in_colon_before_a_list_stays_a_paragraph(parse_one):
    article = parse_one(
        page(
            "三项新举措",
            "为方便居民，街道推出三项举措：",
            "一是延长服务时间；",
            "二是增加服务网点。",
        )
    )
    assert [b.text for b in article.blocks] == [
        "为方便居民，街道推出三项举措：",
        "一是延长服务时间；",
        "二是增加服务网点。",
    ]


def test_paragraph_ending_in_colon_before_a_quote_stays_a_paragraph(parse_one):
    article = parse_one(page("居民点赞", "一位老人这样评价：", "“饭菜可口，价格实惠。”"))
    assert len(article.blocks) == 2


def test_caption_inside_a_paragraph_is_cut_out_and_placed_after_it(parse_one):
    text = page(
        page("社区食堂开张", "食堂提供早中晚三餐，还为行动不便的老", gap=1),
        page("志愿者为老人送餐上门", "人送餐上门。居民纷纷点赞。", "食堂将继续增加菜品。", gap=1),
        gap=3,
    )
    article = parse_one(text)
    assert kinds(article) == ["paragraph", "caption", "paragraph"]
    assert (
        article.blocks[0].text == "食堂提供早中晚三餐，还为行动不便的老人送餐上门。居民纷纷点赞。"
    )
    assert article.blocks[1].text == "志愿者为老人送餐上门"


def test_caption_ending_in_full_stop_between_paragraphs_stays_in_the_article(parse_one):
    text = page(
        page("社区食堂开张", "食堂提供早中晚三餐。"),
        page("图为居民在食堂用餐。", "食堂将继续增加菜品。"),
        gap=3,
    )
    article = parse_one(text)
    assert kinds(article) == ["paragraph", "caption", "paragraph"]
    assert article.blocks[1].text == "图为居民在食堂用餐。"


def test_numbered_caption_with_photographer_is_a_caption(parse_one):
    text = page(
        page("社区食堂开张", "食堂提供早中晚三餐。", "本报记者 王明"),
        page("①居民在食堂用餐 本报记者 李华 摄"),
        gap=3,
    )
    article = parse_one(text)
    assert kinds(article) == ["paragraph", "caption"]
    assert article.photo_credits == ["李华"]


def test_photographer_line_under_a_caption_is_part_of_the_caption_not_a_byline(parse_one):
    text = page(
        page("社区食堂开张", "食堂提供早中晚三餐。", "食堂将继续增加菜品。"),
        page("图为居民在食堂用餐", "本报记者 李华 摄"),
        gap=3,
    )
    article = parse_one(text)
    assert kinds(article) == ["paragraph", "paragraph", "caption"]
    assert article.blocks[2].text == "图为居民在食堂用餐本报记者李华摄"
    assert article.bylines == []
    assert article.photo_credits == ["李华"]


def test_two_part_subheads_separate_paragraphs(parse_one):
    article = parse_one(
        page(
            "社区食堂开张",
            "食堂提供早中晚三餐。",
            "饭菜可口 价格实惠",
            "一份套餐只要十二元。",
        )
    )
    assert kinds(article) == ["paragraph", "subhead", "paragraph"]
    assert article.blocks[1].text == "饭菜可口 价格实惠"


def test_plain_subheads_that_come_in_a_set_are_subheads(parse_one):
    article = parse_one(
        page(
            "社区食堂开张",
            "食堂提供早中晚三餐。",
            "饭菜可口",
            "一份套餐只要十二元。",
            "服务贴心",
            "志愿者每天送餐上门。",
        )
    )
    assert kinds(article) == ["paragraph", "subhead", "paragraph", "subhead", "paragraph"]


def test_short_fragment_before_a_column_break_is_not_a_subhead(parse_one):
    article = parse_one(
        page(
            "社区食堂开张",
            "食堂提供早中晚三餐。",
            "说起食堂如今的生意如此",
            "“红火”，居民们都竖起了大拇指。",
        )
    )
    assert kinds(article) == ["paragraph", "paragraph"]
    assert article.blocks[1].text == "说起食堂如今的生意如此“红火”，居民们都竖起了大拇指。"


def test_fragment_right_after_a_subhead_joins_the_next_block(parse_one):
    article = parse_one(
        page(
            "社区食堂开张",
            "食堂提供早中晚三餐。",
            "饭菜可口 价格实惠",
            "要说食堂最受欢迎的",
            "菜品，还是红烧肉。",
        )
    )
    assert kinds(article) == ["paragraph", "subhead", "paragraph"]
    assert article.blocks[2].text == "要说食堂最受欢迎的菜品，还是红烧肉。"


def test_messy_whitespace_crlf_tabs_and_ideographic_spaces_are_tolerated(parse_one):
    text = "\r\n\r\n社区食堂开张\t \r\n\r\n\u3000\u3000食堂提供三餐,\r\n\r\n价格实惠。  \r\n"
    article = parse_one(text.replace("\r\n", "\n"))
    assert article.headline == "社区食堂开张"
    assert [b.text for b in article.blocks] == ["食堂提供三餐，价格实惠。"]


def test_page_without_any_headline_is_a_source_error_with_line_number(parse):
    text = "\n\n这是一段没有标题的正文，它很长很长，而且以句号结尾，说明它不是标题行。\n"
    with pytest.raises(SourceError) as info:
        parse(text)
    assert info.value.line == 3
    assert "test.txt：第 3 行" in str(info.value) and "标题" in str(info.value)


def test_whitespace_only_text_is_a_source_error(parse):
    with pytest.raises(SourceError):
        parse("\n \n\u3000\n")


def test_single_plain_subhead_in_an_article_is_a_subhead(parse_one):
    article = parse_one(
        page(
            "老旧小区装上烟感",
            "街道为独居老人免费安装烟感报警器。",
            "独居老人的安全感",
            "家住5楼的陈阿婆是首批受益者之一。",
        )
    )
    assert kinds(article) == ["paragraph", "subhead", "paragraph"]
    assert article.blocks[1].text == "独居老人的安全感"


def test_single_subhead_before_a_quote_that_ends_a_sentence_is_a_subhead(parse_one):
    article = parse_one(
        page(
            "老街焕新颜",
            "修缮工程日前完工。",
            "老街新业态",
            "“带孩子来看看老房子，比去商场有意思。”游客说。",
        )
    )
    assert kinds(article) == ["paragraph", "subhead", "paragraph"]


@pytest.mark.parametrize(
    ("subhead", "rest"),
    [
        ("在希望的田野上", "村民们正在收割晚稻。"),  # the phrase has its own verb
        ("在老街的转角处", "金秋时节，游客络绎不绝。"),  # the paragraph does not open on a subject
    ],
)
def test_prepositional_subhead_before_a_new_paragraph_stays_a_subhead(parse_one, subhead, rest):
    article = parse_one(page("社区新闻", "活动昨天举行。", subhead, rest))
    assert kinds(article) == ["paragraph", "subhead", "paragraph"]


@pytest.mark.parametrize(
    ("fragment", "rest"),
    [
        ("大家都称赞", "“暖心”食堂办得好。"),  # verb before a quoted term
        ("要说这些天来工作如此", "“顺利”，也靠大家帮忙。"),  # adverb before a quote and comma
        ("居民们正在", "排队领取新年礼包。"),  # ends on an adverb
        ("这份礼物属于我们", "每一个社区工作者。"),  # ends on a pronoun
        ("说起老街的历史", "，居民们如数家珍。"),  # next block opens with a comma
        ("这是一条老街", "的新生，也是居民的期盼。"),  # next block opens with a particle
        ("他们带着“幸福", "清单”走进社区。"),  # a quotation left open
        ("记者从区民政局", "获悉，全市新增食堂。"),  # a preposition still waiting for its verb
        ("据悉这批长者食堂", "将于下月开张。"),  # next block opens on an adverb
        ("社区居委会主任", "张建军告诉记者，活动很成功。"),  # a title and its holder's name
        ("在一座车站的施工现场", "工人们正在进行轨道精调作业。"),  # setting, then subject and verb
    ],
)
def test_fragment_before_a_column_break_joins_the_next_block(parse_one, fragment, rest):
    article = parse_one(page("社区新闻", "活动昨天举行。", fragment, rest))
    assert kinds(article) == ["paragraph", "paragraph"]
    assert article.blocks[1].text == fragment + rest


def test_unmarked_caption_between_paragraphs_of_an_article_stays_in_it(parse_one):
    text = page(
        page(
            "社区食堂开张",
            "食堂提供早中晚三餐，附近居民排起了长队。",
            "食堂负责人说，饭菜每天更新。",
        ),
        page("志愿者为老人送餐上门", "食堂将继续增加菜品，明年还将开设第二家。", "本报记者 王明"),
        gap=3,
    )
    article = parse_one(text)
    assert kinds(article) == ["paragraph", "paragraph", "caption", "paragraph"]
    assert article.bylines[0].name == "王明"


def test_one_line_title_after_an_article_with_its_own_byline_starts_a_new_article(parse):
    text = page(
        page("社区食堂开张", "食堂提供早中晚三餐。", "饭菜每天更新。", "本报记者 李华"),
        page("志愿者为老人送餐上门", "志愿者每天中午出发，风雨无阻。", "本报记者 王明"),
        gap=3,
    )
    assert [a.headline for a in parse(text).articles] == ["社区食堂开张", "志愿者为老人送餐上门"]


def test_brief_without_byline_after_a_brief_without_byline_is_a_new_article(parse):
    text = page(
        page("今冬首场寒潮来袭！", "本市今天最低气温将降至零下2摄氏度。"),
        page("滨水驿站开放", "驿站为市民游客提供饮水、充电等服务。", "驿站面积约80平方米。"),
        gap=3,
    )
    assert len(parse(text).articles) == 2


def test_photo_story_of_a_caption_and_a_credit_is_closed_before_the_next_brief(parse):
    text = page(
        page("外滩晨雾", "图为今晨外滩一带出现团雾，陆家嘴的高楼若隐若现。", "本报记者 李明 摄"),
        page("菜场延长营业", "记者从区商务委获悉，菜场将营业到晚上八点。"),
        gap=3,
    )
    first, second = parse(text).articles
    assert kinds(first) == ["caption"]
    assert [(b.name, b.position) for b in first.bylines] == [("李明", "end")]
    assert first.photo_credits == ["李明"]
    assert second.headline == "菜场延长营业"
    assert kinds(second) == ["paragraph"]


@pytest.mark.parametrize("last", ["咨询电话：021-12345678", "沿线居民出行更方便。（完）"])
def test_brief_after_an_article_ending_without_a_full_stop_is_a_new_article(parse, last):
    text = page(
        page("社区食堂开张", "食堂提供早中晚三餐。", last),
        page("菜场延长营业", "记者从区商务委获悉，菜场将营业到晚上八点。"),
        gap=3,
    )
    first, second = parse(text).articles
    assert [b.kind for b in first.blocks] == ["paragraph", "paragraph"]
    assert second.headline == "菜场延长营业"
    assert kinds(second) == ["paragraph"]


def test_a_lone_headline_over_marked_captions_opens_an_article(parse):
    wide = "\n\n\n\n"
    text = (
        "社区食堂开张\n\n昨天，社区食堂正式开张，老人们排队品尝新菜。\n\n食堂每天供应午餐。"
        f"{wide}新桥通车 两岸居民出行更方便{wide}图片说明：新桥通车仪式现场。"
        f"{wide}图片说明：居民步行过桥。\n\n今天上午，新桥正式通车，沿线居民步行十分钟即可过河。\n"
    )
    first, second = parse(text).articles
    assert first.headline == "社区食堂开张"
    assert [b.kind for b in first.blocks] == ["paragraph", "paragraph"]
    assert second.headline == "新桥通车 两岸居民出行更方便"
    assert [b.kind for b in second.blocks] == ["caption", "caption", "paragraph"]


def test_a_short_question_is_a_subhead_but_a_long_one_is_a_paragraph(parse_one):
    article = parse_one(
        page(
            "社区食堂开张",
            "食堂提供早中晚三餐。",
            "饭菜为何这么便宜？",
            "一份套餐只要十二元，街道补贴了一部分。",
            "很多居民都在问这样一个问题：食堂的饭菜为什么能做到又便宜又好吃呢？",
            "负责人说，秘诀是集中采购。",
        )
    )
    assert kinds(article) == ["paragraph", "subhead", "paragraph", "paragraph", "paragraph"]
    assert article.blocks[1].text == "饭菜为何这么便宜？"


def test_a_fragment_holding_two_commas_is_not_a_subhead(parse_one):
    article = parse_one(
        page(
            "社区食堂开张",
            "食堂提供早中晚三餐。",
            "傍晚5点，食堂里香气扑鼻，窗上贴着",
            "福字，居民们陆续来到食堂用餐。",
        )
    )
    assert kinds(article) == ["paragraph", "paragraph"]
    assert article.blocks[1].text.startswith("傍晚5点，食堂里香气扑鼻，窗上贴着福字")


def test_a_quoted_utterance_under_the_headline_opens_the_text(parse_one):
    article = parse_one(
        page(
            "弄堂里的广播",
            "“各位居民，外出请戴口罩，回家勤洗手……”",
            "伴随着广播声，志愿者们又忙开了。",
        )
    )
    assert article.subheadline == []
    assert [b.text[:4] for b in article.blocks] == ["“各位居", "伴随着广"]


def test_the_page_may_open_with_a_long_kicker(parse):
    kicker = "一边是新建的商品房小区，另一边是上世纪八十年代建成的老小区，从反对开门到全票赞同"
    text = page(kicker, "两个小区破墙开门记", "今年3月，围墙终于打开了一个口子。")
    (article,) = parse(text.lstrip("\n")).articles
    # Both are title lines (without a —— or ： the rules cannot tell a kicker from a headline).
    titles = [t for t in (article.kicker, article.headline, *article.subheadline) if t]
    assert titles == [kicker, "两个小区破墙开门记"]
    assert [b.text for b in article.blocks] == ["今年3月，围墙终于打开了一个口子。"]
