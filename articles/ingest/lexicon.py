"""Every word list the ingest parser relies on, in one place.

Modules import these lists and build their regexes from them (compiled once, at import); no
module retypes a word that is listed here. A list that is part of another is a view derived from
it, not a copy. `tests/ingest/test_lexicon.py` names, for each public list, one word a parse relies
on, so a list nobody uses (or a word moved without its test) fails a test.
"""

from __future__ import annotations

# --- Names -------------------------------------------------------------------------------------

# Common single-character surnames (the frequent part of the 百家姓 by modern usage).
SURNAMES = frozenset(
    "王李张刘陈杨黄赵周吴徐孙马朱胡郭何林高罗郑梁谢宋唐许邓冯韩曹曾彭萧肖蔡潘田董袁于余叶"
    "蒋杜苏魏程吕丁沈任姚卢傅钟姜崔谭廖范汪陆金石戴贾韦夏邱方侯邹熊孟秦白江阎闫薛尹段雷"
    "黎史龙陶贺顾毛郝龚邵万钱严赖覃洪武莫孔汤向常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章"
    "鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆"
    "蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑"
    "景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖"
    "巩明佘池查麻苑迟邝封钮浦胥诸惠储乐郁竺奚茅印杭戎鞠楼糜"
    # Rarer ones that still name people in local news.
    "蔺郜闻揭禹郦逯訾阙沃蔚夔厍晁阚巢蒯荆桓晋楚鄢钦汝弘匡习"
)
# Two-character surnames (欧阳明): a name of three or four characters may start with one.
COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 令狐 长孙 宇文 司徒 夏侯 端木 澹台 南宫"
    " 西门".split()
)
# Surnames that are also everyday function words; in running text they start too many
# false names ("和王明说", "向记者介绍"), so running-text detection ignores them.
AMBIGUOUS_SURNAMES = frozenset(
    "和向于万时常全应单成明乐安文关司师党商路游解车项连麦查麻印仇沙荣冷席卫米宗边封从同"
)
# Characters of transliterated foreign and minority names (约翰·史密斯, 买买提·吐尔逊).
TRANSLITERATION = frozenset(
    "阿埃艾爱安昂奥巴拜班邦保鲍贝本比彼毕宾波伯勃博布查达黛戴丹道德迪蒂丁东杜多厄恩法菲斐费芬"
    "丰夫芙福弗盖甘冈高戈格根古哈海汉豪赫亨洪华惠霍基吉加贾杰金卡凯坎康考科克肯库夸奎拉莱赖兰"
    "朗劳勒雷蕾里利莉丽连列林琳隆卢鲁路露伦罗洛马玛迈麦曼梅门蒙米密明姆默莫穆纳娜奈南内尼妮涅"
    "努诺欧帕派潘佩彭皮珀普奇齐琪乔琼丘萨塞瑟森沙莎尚什舍施史斯丝松苏索塔泰坦汤唐特提图托瓦娃"
    "万威韦维薇温沃乌伍西希茜谢辛休修雅亚娅扬耶伊依尤于约泽扎詹祖佐尔兹茨顿逊翰买吐热合江力汗"
    "夏买木罕赛尕措旦卓玛次仁桑卜可"
)
# A familiar prefix before a surname (老黄, 小李, 阿王): a form of address, not a full name.
FAMILIAR_PREFIXES = frozenset("小老阿")
# Honorifics and kinship forms after a surname that name nobody in particular (王女士, 李师傅).
HONORIFICS = tuple(
    "女士 先生 小姐 阿姨 阿婆 阿公 阿伯 奶奶 爷爷 大爷 大妈 大叔 大姐 大哥 老伯 伯伯 师傅 老师 同学"
    " 医生 书记 主任 经理 老板 大伯 大娘 大婶 婆婆 叔叔 阿叔 爷叔 老太 嫂子".split()
)
# Relationships printed before a name that say who the person is without a title (奶奶张三).
KINSHIP_WORDS = tuple(
    "奶奶 爷爷 外婆 外公 姥姥 姥爷 丈夫 妻子 老伴 爱人 儿子 女儿 儿媳 女婿 孙子 孙女 外孙 父亲 母亲"
    " 爸爸 妈妈 哥哥 姐姐 弟弟 妹妹 邻居 同事 好友 战友".split()
)
# Characters that cannot be the last character of a given name in running text (王明和李四:
# the name is 王明): verbs of speech, conjunctions, particles, adverbs, prepositions.
NOT_NAME_ENDS = frozenset(
    "说讲称道问答笑和与及跟同等的地得在是也都就还又则便曾已将把被对向从给让为们摄"
)
# Function characters no given name holds (季以 is no name), for names a tagger proposes.
NOT_IN_GIVEN_NAMES = frozenset("的地得了着过在是和与及以于之其也都就还又则把被对向从给让为们")
# Aspect particles: after a two-character name, one makes the next character a verb (张三忙着).
ASPECT_PARTICLES = frozenset("着了过")
# Verbs of speech after a name (张三说, 李四表示): the name is a person's.
SPEECH_VERBS = tuple("说 表示 介绍 告诉 坦言 认为 指出 透露 回忆 感慨 解释 强调 提到 称".split())

# --- Titles next to a name ---------------------------------------------------------------------

# Title words and where each one is looked for:
#   H  head word: the last word of a title printed before a name, which the dictionary may split
#      or tag oddly (the title phrase runs back from it);
#   A  a post printed right after the name (张三区长, 李四副教授);
#   M  a post printed before an enumeration mark (书记、主任张三);
#   J  a title that, ending a block, joins the name that opens the next block.
TITLE_WORDS = {
    "书记": "HAMJ",
    "部长": "HAMJ",
    "主任": "HAMJ",
    "局长": "HAMJ",
    "区长": "HAMJ",
    "镇长": "HAMJ",
    "市长": "HAM",
    "院长": "HAMJ",
    "校长": "HAMJ",
    "园长": "H",
    "馆长": "HAM",
    "所长": "HAM",
    "站长": "HM",
    "处长": "HM",
    "科长": "HM",
    "队长": "HAMJ",
    "组长": "HM",
    "社长": "HAM",
    "会长": "HAM",
    "理事长": "HM",
    "董事长": "HAM",
    "总经理": "HAM",
    "经理": "HAMJ",
    "总裁": "HM",
    "总监": "HM",
    "主席": "HAM",
    "秘书长": "HM",
    "委员": "HAM",
    "主管": "H",
    "负责人": "HMJ",
    "创始人": "HM",
    "合伙人": "H",
    "教授": "HAM",
    "研究员": "HA",
    "工程师": "HA",
    "医生": "HA",
    "医师": "H",
    "护士长": "H",
    "律师": "HA",
    "民警": "H",
    "警官": "H",
    "法官": "H",
    "检察官": "H",
    "志愿者": "H",
    "专家": "H",
    "导演": "H",
    "设计师": "H",
    "主理人": "HM",
    "传承人": "H",
    "团长": "HAM",
    "班长": "H",
    "老师": "H",
    "教师": "H",
    "讲师": "H",
    "院士": "HAM",
    "干部": "H",
    "社工": "H",
    "网格员": "H",
    "调解员": "H",
    "指导员": "H",
    "辅导员": "H",
    "作家": "H",
    "画家": "H",
    "教练": "H",
    "居民": "H",
    "村民": "H",
    "市民": "H",
    "业主": "H",
    "摊主": "H",
    "店主": "H",
    "老板": "H",
    "讲解员": "H",
    "管理员": "H",
    "快递员": "H",
    "外卖员": "H",
    "工人": "H",
    "发起人": "HM",
    "党员": "H",
    "工作人员": "H",
    "常委": "HM",
    "本报记者": "H",
    "人大代表": "HM",
    "党代表": "HM",
    "居民代表": "H",
    "职工代表": "H",
    "学生代表": "H",
    "家长代表": "H",
    "业主代表": "H",
    "村民代表": "H",
    "博士": "A",
    "代表": "A",
    "政委": "A",
}


def title_words(use: str) -> tuple[str, ...]:
    """The title words flagged for one use (H, A, M or J) in TITLE_WORDS."""
    return tuple(word for word, uses in TITLE_WORDS.items() if use in uses)


# The last character of an occupation or post the dictionary knows as a noun (领队, 学者, 政委,
# 果农, 博士, 歌手): such a noun before a name is a title even when TITLE_WORDS lacks it.
TITLE_CHARS = tuple("长员师者家官委主农工士手队匠")
# Ranks printed before a post after a name (张三副区长, 李四总经理, 王五常务副区长).
POST_RANKS = ("常务", "副", "总")
# Nouns with a title's last character (家 长 员 主 者 …) that name no occupation or post.
NOT_TITLES = frozenset(
    "大家 人家 国家 老家 全家 回家 农家 商家 东家 专家组 自家 家长 学长 兄长 "
    "船长 实习生 人员 全员 动员 官员 学员 会员 女士 男士 人士 战士 烈士 勇士 "
    "先生 主人 户主 地主 民主 作者 读者 记者 患者 长者 或者 再者 前者 后者 笔者 "
    "记者站 老者 师傅 老师傅 祖师 大师 通讯员 打工 员工 职工 分工 施工 开工 手工 "
    "军委 党委 村委 居委 区委 市委 县委 省委 团委 选手 对手 助手 高手 新手 "
    "人手 双手 部队 团队 车队 排队".split()
)
# Statuses printed where a title goes (居民张三, 村民李四): they name no post, so no title.
STATUSES = frozenset({"居民", "村民", "市民", "群众", "家长", "学生"})
# Nouns for groups of people: never a title or a field of one (the statuses, and 老人 游客 …).
PEOPLE_NOUNS = STATUSES | {"老人", "职工", "游客"}
# Words that end a title phrase read backwards (记者张三 is no title 记者; 其中…; 如…).
TITLE_STOP_WORDS = frozenset({"记者", "其中", "包括", "以及", "如", "像", "等"})
# Single-character verbs that end a title read backwards (请社区书记张三: the title is 社区书记);
# other single-character verbs stay inside abbreviations (市住建委).
TITLE_STOP_VERBS = frozenset("是说有让请找问见到叫称看听陪带跟给由据")
# Conjunctions that join two fields in a government body's name (文化和旅游局, 发展和改革委员会),
# when a word after them holds one of BODY_ENDS; otherwise they join two people.
FIELD_JOINERS = frozenset("和与及")
BODY_ENDS = ("委员会", "局", "厅", "委", "部", "署", "办", "院", "所", "中心", "系", "会")
# Verbs the dictionary tags as such that still belong to a title (退休教师).
TITLE_VERBS = frozenset({"退休", "离休"})

# --- Joining blocks ----------------------------------------------------------------------------

# Single characters a title never ends on and a text fragment often does (particles, prepositions).
DANGLING_END = frozenset("的和与及或而并把被对向从给让使将比更很最都也还就又在是于以之其这那该每各")
# Adverbs a finished phrase does not end on that the dictionary tags otherwise.
DANGLING_WORDS = frozenset({"正在", "十分", "非常", "已经", "可以", "能够", "如此", "这样", "那样"})

# Place suffixes that make a proposed name a place's short name (杨浦 of 杨浦区, 张马 of 张马村).
PLACE_SUFFIXES = tuple("区镇县市村路")

# --- Title lines and article types -------------------------------------------------------------

# A series is named by a kind and a form of report (特别报道, 系列策划, 专题访谈, 大型评论).
SERIES_KINDS = ("特别", "系列", "专题", "大型")
SERIES_FORMS = ("报道", "策划", "访谈", "评论")
# Units an installment of a series is counted in (第三期, 第二站, 第五讲).
INSTALLMENT_UNITS = tuple("辑期篇集站回季部讲章")
# Kicker words that make an article a feature (人物, 手记) or a commentary (时评, 社论).
FEATURE_KICKERS = ("特写", "人物", "手记", "纪实", "探访", "口述", "故事")
COMMENTARY_KICKERS = ("评论", "时评", "社论", "快评", "锐评", "评说")

# --- Places ------------------------------------------------------------------------------------

# A short district name followed by these is another place or an idiom: 黄浦江, 普陀山, 金山银山,
# 宝山路. Places inside a district that carry its name (崇明岛, 嘉定新城, 金山卫) are named places,
# as the sources' README has it for 虹桥枢纽; the district counts when named by itself elsewhere.
NOT_DISTRICT_AFTER = (
    *("江", "山", "银山", "路", "大道", "街", "寺", "县", "岛", "卫", "嘴", "港", "站", "桥"),
    *("湖", "河", "塘", "浜", "口"),
)
# A noun after a short district name that names a facility, institution or company makes the
# name part of that proper name: 浦东机场, 松江大学城, 宝山钢铁股份有限公司. By last character:
FACILITY_ENDS = tuple("场馆院园校站港城村岛桥司厂店寺庙塔湾")
# and by whole word:
FACILITY_WORDS = frozenset({"中心", "大厦", "集团", "银行", "大学", "中学", "小学"})
# Nouns that end like a facility but name a part of the district: 崇明农村, 浦东市场.
NOT_FACILITIES = frozenset({"市场", "农村", "乡村", "现场"})
