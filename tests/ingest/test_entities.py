"""Districts, subdistricts and people found in an article."""

from __future__ import annotations

import pytest

from articles.ingest.entities import find_places
from articles.ingest.model import Mention

from .conftest import page


def places(gazetteer, text):
    return find_places([text], gazetteer)


def test_full_and_short_district_names_map_to_the_canonical_name(gazetteer):
    districts, _ = places(gazetteer, "浦东新区与奉贤、金山、松江三区合作，青浦的人也来了。")
    assert set(districts) == {"浦东新区", "奉贤区", "金山区", "松江区", "青浦区"}


@pytest.mark.parametrize(
    "text",
    [
        "游船驶过黄浦江。",
        "绿水青山就是金山银山。",
        "她去普陀山旅游。",
        "市域铁路嘉青松金线正在规划。",
        "从虹桥枢纽出发只需十五分钟。",
        "刘懿静安排了一场活动。",
    ],
)
def test_rivers_idioms_mountains_and_look_alikes_are_not_districts(gazetteer, text):
    assert places(gazetteer, text) == ([], [])


def test_historical_district_names_map_to_todays_district(gazetteer):
    districts, _ = places(gazetteer, "老闸北人都记得，卢湾区和南汇的变化很大。")
    assert set(districts) == {"静安区", "黄浦区", "浦东新区"}


def test_subdistricts_named_in_full_are_found(gazetteer):
    districts, subdistricts = places(gazetteer, "嘉兴路街道和唐镇的居民参加了活动。")
    assert set(subdistricts) == {"嘉兴路街道", "唐镇"}
    assert districts == []


def test_subdistrict_containing_a_district_name_is_not_that_district(gazetteer):
    districts, subdistricts = places(gazetteer, "宝山路街道的居民前来参观。")
    assert subdistricts == ["宝山路街道"]
    assert districts == []


def test_people_get_the_title_printed_before_their_name(parse_one):
    article = parse_one(
        page(
            "社区食堂开张",
            "随后，长宁区民政局副局长王建国介绍了情况。他说，食堂已开张。",
            "“饭菜很好。”仙霞居民区党总支书记李秀兰说，居民很满意。",
            "李秀兰表示还会继续努力。",
        )
    )
    assert set(article.people) == {
        Mention("王建国", "长宁区民政局副局长"),
        Mention("李秀兰", "仙霞居民区党总支书记"),
    }


def test_first_titled_mention_gives_the_title(parse_one):
    article = parse_one(
        page(
            "社区食堂开张",
            "。“很好。”周志强说。",
            "街道办事处主任周志强介绍，食堂已开张。",
        )
    )
    assert article.people == [Mention("周志强", "街道办事处主任")]


def test_honorifics_alone_are_not_people(parse_one):
    article = parse_one(
        page("社区食堂开张", "居民王女士说，饭菜可口。老黄说，价格实惠。张先生表示很满意。")
    )
    assert article.people == []


def test_name_before_a_verb_of_speech_is_a_person_without_title(parse_one):
    article = parse_one(page("社区食堂开张", "“饭菜可口。”陈晓东说，他每天都来。"))
    assert article.people == [Mention("陈晓东", None)]


def test_article_places_come_from_titles_and_body(parse_one):
    article = parse_one(page("虹口区 新开社区食堂", "嘉兴路街道的食堂开张了，闵行的居民也来了。"))
    assert set(article.districts) == {"虹口区", "闵行区"}
    assert article.subdistricts == ["嘉兴路街道"]


@pytest.mark.parametrize("kin", ["阿婆", "大伯", "爷叔", "婆婆"])
def test_kinship_honorific_after_surname_is_not_a_person(parse_one, kin):
    article = parse_one(page("老街开街", f"在老街生活了60年的居民周{kin}说，环境更好了。"))
    assert article.people == []


def test_three_character_name_before_a_word_of_speech_is_kept_whole(parse_one):
    article = parse_one(page("加装电梯提速", "市住建委副主任刘建华表示，明年将简化审批流程。"))
    assert article.people == [Mention("刘建华", "市住建委副主任")]


def test_two_character_name_before_a_verb_of_speech(parse_one):
    article = parse_one(page("加装电梯提速", "街道党工委副书记刘俊说，明年将简化流程。"))
    assert article.people == [Mention("刘俊", "街道党工委副书记")]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("区发展和改革委员会主任张建军介绍，", "区发展和改革委员会主任"),
        ("市住房和城乡建设管理委员会副主任张建军说，", "市住房和城乡建设管理委员会副主任"),
        ("区文化和旅游局局长张建军表示，", "区文化和旅游局局长"),
        ("居民和居委会主任张建军一起", "居委会主任"),
        ("王明和区民政局局长张建军一起", "区民政局局长"),
    ],
)
def test_title_keeps_a_bodys_name_joined_by_he_but_not_two_people(parse_one, text, title):
    article = parse_one(page("社区新闻", text + "活动很成功。"))
    assert Mention("张建军", title) in article.people


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("杨浦区委副书记、区长周海鹰表示，", "周海鹰", "杨浦区委副书记、区长"),
        ("镇党委副书记、镇长张晓峰表示，", "张晓峰", "镇党委副书记、镇长"),
        ("书房发起人、退休教师柏文华说，", "柏文华", "书房发起人、退休教师"),
    ],
)
def test_two_posts_joined_by_a_pause_mark_make_one_title(parse_one, text, name, title):
    article = parse_one(page("社区新闻", text + "活动很成功。"))
    assert article.people == [Mention(name, title)]


@pytest.mark.parametrize("parties", ["居民、志愿者和", "居民、志愿者、", "志愿者和"])
def test_a_list_of_groups_before_a_title_is_not_part_of_it(parse_one, parties):
    article = parse_one(page("社区新闻", f"{parties}居委会主任张建军一起打扫楼道。"))
    assert article.people == [Mention("张建军", "居委会主任")]


def test_retired_worker_is_a_printed_title(parse_one):
    article = parse_one(page("社区新闻", "家住附近的退休工人周建明一边压腿一边说，江边变美了。"))
    assert article.people == [Mention("周建明", "退休工人")]


def test_body_name_with_a_noun_verb_field_joined_by_he(parse_one):
    article = parse_one(page("社区新闻", "区住房保障和房屋管理局副局长蒋文介绍，进展顺利。"))
    assert article.people == [Mention("蒋文", "区住房保障和房屋管理局副局长")]


def test_a_count_before_a_title_is_not_part_of_it(parse_one):
    article = parse_one(page("社区新闻", "“通勤时间缩短了。”一家企业负责人邬洁告诉记者。"))
    assert article.people == [Mention("邬洁", "企业负责人")]


def test_profile_subheadline_names_its_subject_with_a_title(parse_one):
    text = page(
        "“小巷总理”的一天",
        "——记长宁区新华路街道居民区党总支书记何蓉",
        "凌晨6点，何蓉就出门了。",
        "何蓉说：“居民的事，再小也是大事。”",
    )
    article = parse_one(text)
    assert article.people == [Mention("何蓉", "长宁区新华路街道居民区党总支书记")]


@pytest.mark.parametrize(
    "text",
    [
        "从浦东机场起飞。",
        "浦东国际机场客流创新高。",
        "松江大学城的学生来了。",
        "金山嘴渔村游客如织。",
        "静安寺商圈人气旺。",
        "宝山钢铁股份有限公司发布年报。",
        "嘉定新城建设加快。",
        "崇明岛上的橘子熟了。",
        "闵行体育公园里人很多。",
        "沿着长宁路一直走。",
        "金山卫的古城墙。",
    ],
)
def test_short_name_opening_a_place_or_company_name_is_not_a_district(gazetteer, text):
    assert places(gazetteer, text) == ([], [])


@pytest.mark.parametrize(
    ("text", "district"),
    [
        ("他是土生土长的闵行人。", "闵行区"),
        ("宝山人在行动。", "宝山区"),
        ("杨浦滨江的工业遗存。", "杨浦区"),
        ("金山农民画享誉全国。", "金山区"),
        ("奉贤黄桃熟了。", "奉贤区"),
        ("崇明三岛的生态。", "崇明区"),
        ("崇明农村的变化。", "崇明区"),
        ("浦东开发开放三十周年。", "浦东新区"),
        ("家住普陀的张阿姨。", "普陀区"),
    ],
)
def test_short_name_standing_as_a_place_is_the_district(gazetteer, text, district):
    assert places(gazetteer, text)[0] == [district]


def test_words_ending_in_a_short_name_are_not_districts(gazetteer):
    assert places(gazetteer, "济南市和河南市民来沪。") == ([], [])


def test_a_part_of_a_subdistrict_name_is_not_a_subdistrict(gazetteer):
    assert places(gazetteer, "嘉兴路一带的小店开张了。") == ([], [])


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        (
            "中国工程院院士、华东理工大学教授钱旭红表示，",
            "钱旭红",
            "中国工程院院士、华东理工大学教授",
        ),
        ("市人大代表、居委会主任朱国萍说，", "朱国萍", "市人大代表、居委会主任"),
        ("全国人大代表朱国萍说，", "朱国萍", "全国人大代表"),
        ("同济大学建筑与城市规划学院教授张松认为，", "张松", "同济大学建筑与城市规划学院教授"),
        ("居委会主任欧阳明说，", "欧阳明", "居委会主任"),
        ("志愿者上官婉儿告诉记者，", "上官婉儿", "志愿者"),
    ],
)
def test_titles_of_deputies_academicians_and_schools_and_compound_surnames(
    parse_one, text, name, title
):
    article = parse_one(page("社区新闻", text + "活动很成功。"))
    assert article.people == [Mention(name, title)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("美国专家约翰·史密斯表示，", Mention("约翰·史密斯", "美国专家")),
        ("“很好。”约翰·史密斯说，", Mention("约翰·史密斯", None)),
    ],
)
def test_foreign_names_with_a_middle_dot_are_kept_whole(parse_one, text, expected):
    article = parse_one(page("社区新闻", text + "活动很成功。"))
    assert article.people == [expected]


@pytest.mark.parametrize("text", ["小李表示很满意。", "张师傅说，活不累。", "李老师告诉记者，"])
def test_more_honorific_forms_are_not_people(parse_one, text):
    article = parse_one(page("社区新闻", text + "活动很成功。"))
    assert article.people == []


def test_two_character_subdistrict_inside_a_longer_word_is_not_found(gazetteer):
    assert places(gazetteer, "这事真荒唐镇上的人都知道。")[1] == []
    assert places(gazetteer, "他在唐镇工作。")[1] == ["唐镇"]


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("街道社区事务受理服务中心主任沈洁告诉记者，", "沈洁", "街道社区事务受理服务中心主任"),
        ("区市场监督管理局执法大队队长张伟说，", "张伟", "区市场监督管理局执法大队队长"),
        ("区生态环境局工作人员李伟说，", "李伟", "区生态环境局工作人员"),
        ("市委常委、浦东新区区委书记朱芝松强调，", "朱芝松", "市委常委、浦东新区区委书记"),
    ],
)
def test_a_verb_inside_a_bodys_name_and_more_posts_stay_in_the_title(parse_one, text, name, title):
    article = parse_one(page("社区新闻", text + "活动很成功。"))
    assert article.people == [Mention(name, title)]


def test_a_verb_before_a_title_still_ends_it(parse_one):
    article = parse_one(page("社区新闻", "记者走访服务中心主任张伟，了解情况。"))
    assert article.people == [Mention("张伟", "服务中心主任")]


def test_a_nickname_in_quotes_is_no_title(parse_one):
    article = parse_one(page("社区新闻", "“小巷总理”朱玉芳每天都在社区里转。"))
    assert article.people == []


@pytest.mark.parametrize("text", ["书记常来小区看看。", "工人师傅正在施工。"])
def test_words_after_a_title_that_only_look_like_names_are_not_people(parse_one, text):
    article = parse_one(page("社区新闻", text + "活动很成功。"))
    assert article.people == []


def test_title_covers_its_whole_head_word(parse_one):
    article = parse_one(page("社区新闻", "快递员钱多多送来包裹。活动很成功。"))
    assert article.people == [Mention("钱多多", "快递员")]
