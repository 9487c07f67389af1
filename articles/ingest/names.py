"""Chinese personal names: surnames and the shape of a plausible name."""

from __future__ import annotations

import re

from .words import tagged

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
COMPOUND_SURNAMES = frozenset(
    [
        "欧阳",
        "司马",
        "上官",
        "诸葛",
        "东方",
        "皇甫",
        "尉迟",
        "公孙",
        "慕容",
        "令狐",
        "长孙",
        "宇文",
        "司徒",
        "夏侯",
        "端木",
        "澹台",
        "南宫",
        "西门",
    ]
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
_CJK_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
_DOTTED_NAME = re.compile(r"^[\u4e00-\u9fff]{1,8}·[\u4e00-\u9fff·]{1,10}$")
# Honorifics and kinship forms that name nobody in particular (王女士, 老黄, 小李).
HONORIFIC_SUFFIXES = tuple(
    "女士 先生 小姐 阿姨 阿婆 阿公 阿伯 奶奶 爷爷 大爷 大妈 大叔 大姐 大哥 老伯 伯伯 师傅 老师 同学"
    " 医生 书记 主任 经理 老板 大伯 大娘 大婶 婆婆 叔叔 阿叔 爷叔 老太 嫂子".split()
)


def surname_length(text: str) -> int:
    """Length of the surname text starts with, or 0."""
    if text[:2] in COMPOUND_SURNAMES:
        return 2
    return 1 if text[:1] in SURNAMES else 0


def looks_like_name(text: str, *, strict: bool) -> bool:
    """True for a plausible personal name; strict also rejects dictionary words."""
    if _DOTTED_NAME.match(text):
        return True
    if not _CJK_NAME.match(text):
        return False
    surname = surname_length(text)
    if not surname or not 1 <= len(text) - surname <= 2:
        return strict is False and len(text) in (2, 3)
    if text[surname:].startswith(HONORIFIC_SUFFIXES) or text[0] in "老小阿" or "某" in text:
        return False
    if strict:
        # The dictionary knows many real names (tagged nr); a surname that opens another
        # word (周末游, 张江镇, 高速路) is no surname at all.
        word, tag = tagged(text)[0]
        return len(word) == surname or tag.startswith("nr")
    return True
