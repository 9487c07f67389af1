"""People named in an article, with the title printed right before their name."""

from __future__ import annotations

import re

from .model import Mention
from .names import AMBIGUOUS_SURNAMES, HONORIFIC_SUFFIXES, looks_like_name, surname_length
from .text import is_cjk
from .words import tagged, tokens

# The last word of a printed title; the title phrase runs back from here.
_HEADS = (
    r"(?:书记|部长|主任|局长|区长|镇长|市长|院长|校长|园长|馆长|所长|站长|处长|科长|队长|组长|社长"
    r"|会长|理事长|董事长|总经理|经理|总裁|总监|主席|秘书长|委员|主管|负责人|创始人|合伙人|教授"
    r"|研究员|工程师|医生|医师|护士长|律师|民警|警官|法官|检察官|志愿者|专家|导演|设计师|主理人"
    r"|传承人|团长|班长|老师|教师|讲师|院士|干部|社工|网格员|调解员|指导员|辅导员|作家|画家"
    r"|教练|居民|村民|市民|业主|摊主|店主|老板|讲解员|管理员|快递员|外卖员|工人|发起人|党员|工作人员|常委"
    r"|(?:人大|党|居民|职工|学生|家长|业主|村民)代表)"
)
_TITLE_HEAD = re.compile(_HEADS + r"(?=[\u4e00-\u9fff])")
# One holder of two posts: 区委副书记、区长张三. The first must be a post, not a group
# of people (居民、志愿者、居委会主任张三 lists three parties).
_POSTS = (
    r"(?:书记|部长|主任|局长|区长|镇长|市长|院长|校长|馆长|所长|站长|处长|科长|队长|组长|社长"
    r"|会长|理事长|董事长|总经理|经理|总裁|总监|主席|秘书长|委员|负责人|创始人|发起人|主理人|团长"
    r"|院士|教授|人大代表|党代表|常委)"
)
_POST_BEFORE_MARK = re.compile(_POSTS + "、$")
_GROUP_WORD = re.compile(_HEADS + "$")
_SPEECH = re.compile(r"(?:说|表示|介绍|告诉|坦言|认为|指出|透露|回忆|感慨|解释|强调|提到|称)")
# Characters that cannot be the last character of a given name in running text.
_AFTER_NAME = frozenset(
    "说讲称道问答笑和与及跟同等的地得在是也都就还又则便曾已将把被对向从给让为们"
)
# Part-of-speech tags that end a title phrase when reading backwards (adverbs, pronouns,
# prepositions, conjunctions, particles, time words, punctuation).
_STOP_TAGS = frozenset("d r p c u uj ul uz ud ug uv y e o t x".split())
# Single-character verbs stay inside abbreviations (市住建委); these ones end a title.
_STOP_VERBS = frozenset("是说有让请找问见到叫称看听陪带跟给由据")
# A count before a title (一家企业负责人, 两位社区民警) is not part of it.
_COUNT = re.compile(r"^[一二两三几数多每]+[位名家个户]$")
_STOP_WORDS = frozenset({"记者", "其中", "包括", "以及", "如", "像", "等"})
# Verbs the dictionary tags as such that still belong to a title (退休教师).
_TITLE_VERBS = frozenset({"退休", "离休"})
_TITLE_MAX = 25
# Government bodies name two fields joined by 和 (发展和改革委员会, 文化和旅游局).
_JOINED_FIELDS = frozenset("和与及")
_BODY_SUFFIX = ("委员会", "局", "厅", "委", "部", "署", "办", "院", "所", "中心", "系", "会")
_PEOPLE_NOUNS = frozenset({"居民", "村民", "市民", "群众", "学生", "家长", "老人", "职工", "游客"})


# A transliterated foreign name: 约翰·史密斯. Its last part runs up to a verb or particle.
_DOTTED = re.compile(r"[\u4e00-\u9fff]{1,6}(?:·[\u4e00-\u9fff]{1,8})+")


_DOTTED_BEFORE = re.compile(
    r"(?:^|(?<=[^\u4e00-\u9fff·]))([\u4e00-\u9fff]{1,6}(?:·[\u4e00-\u9fff]{1,8})+)$"
)


def _dotted_name_at(text: str, start: int) -> str | None:
    match = _DOTTED.match(text, start)
    if not match:
        return None
    cut = match.start() + match.group().rfind("·") + 2
    while cut < match.end() and text[cut] not in _AFTER_NAME and not _SPEECH.match(text, cut):
        cut += 1
    return text[start:cut]


def name_at(text: str, start: int) -> str | None:
    """The personal name starting at start, deciding between two and three characters."""
    dotted = _dotted_name_at(text, start)
    if dotted:
        return dotted
    surname = surname_length(text[start : start + 2])
    if not surname:
        return None
    words = tagged(text[start : start + 6])
    if len(words[0][0]) > surname and not words[0][1].startswith("nr"):
        return None  # 教授解读, 居民全过程: the "surname" opens an ordinary word
    given = start + surname
    if given >= len(text) or not is_cjk(text[given]) or text[given] in _AFTER_NAME:
        return None
    if text.startswith(HONORIFIC_SUFFIXES, given):
        return None  # 王女士, 周阿婆
    third = text[given + 1 : given + 2]
    # The third character belongs to the name unless a word (表示, 总结) starts there.
    starts = {s for _w, s, e in tokens(text[start : start + 6]) if e - s >= 2}
    if not third or not is_cjk(third) or third in _AFTER_NAME or (given + 1 - start) in starts:
        name = text[start : given + 1]
    else:
        name = text[start : given + 2]
    if text.startswith(HONORIFIC_SUFFIXES, start + len(name)):
        return None
    return name if looks_like_name(name, strict=False) else None


def _is_field(word: tuple[str, str]) -> bool:
    """A noun that can name a field of government work (住房, 文化); not a person's name."""
    text, tag = word
    if len(text) < 2 or text in _PEOPLE_NOUNS or tag == "nr" or _GROUP_WORD.search(text):
        return False  # 志愿者和居委会主任: two parties, not one body's two fields
    return tag in ("n", "vn", "l", "nz") or tag.startswith("n")


def _field_before(words: list[tuple[str, str]], index: int) -> int:
    """How many words before index name the field joined by 和: 1 (文化), 2 (住房保障), or 0."""
    before = words[index - 1] if index else None
    if before is None:
        return 0
    if _is_field(before):
        return 1
    # A noun-verb field such as 住房保障 or 生态保护: the dictionary tags its verb as a verb.
    if before[1] == "v" and len(before[0]) == 2 and index >= 2:
        noun = words[index - 2]
        if _is_field(noun) and noun[0] not in _STOP_WORDS:
            return 2
    return 0


def _joins_fields(words: list[tuple[str, str]], index: int, after: list[str]) -> int:
    """Words before 和 that join it to one body's name (发展和改革委员会), or 0 for two people."""
    size = _field_before(words, index)
    if size and any(suffix in word for word in after for suffix in _BODY_SUFFIX):
        return size
    return 0


def _inside_body_name(words: list[tuple[str, str]], index: int, kept: list[str]) -> bool:
    """True when the verb at index sits between a field noun and a body's noun."""
    before, before_tag = words[index - 1]
    after = words[index + 1][1] if index + 1 < len(words) else ""
    return (
        kept
        and before not in _STOP_WORDS
        and before not in _PEOPLE_NOUNS
        and before_tag.startswith("n")
        and before_tag != "nr"
        and after.startswith("n")
        and len(before) > 1
    )


def _title_before(text: str, end: int) -> str | None:
    """The title phrase printed right before position end, read back word by word."""
    begin = max(0, end - _TITLE_MAX)
    window = text[begin:end]
    for i in range(len(window) - 1, -1, -1):
        ch = window[i]
        if not (is_cjk(ch) or ch.isalnum() or ch == "·"):
            window = window[i + 1 :]
            break
    words = tagged(window)
    kept: list[str] = []
    index = len(words) - 1
    while index >= 0:
        word, tag = words[index]
        joined = _joins_fields(words, index, kept) if kept and word in _JOINED_FIELDS else 0
        if joined:
            kept[:0] = [w for w, _t in words[index - joined : index + 1]]
            index -= joined + 1
            continue
        verb_stop = tag.startswith("v") and tag != "vn" and (len(word) > 1 or word in _STOP_VERBS)
        # A verb between two nouns belongs to a body's name: 事务受理服务中心, 执法大队.
        if verb_stop and len(word) > 1 and index > 0 and _inside_body_name(words, index, kept):
            verb_stop = False
        if (
            kept
            and word not in _TITLE_VERBS
            and (tag in _STOP_TAGS or word in _STOP_WORDS or verb_stop or _COUNT.match(word))
        ):
            break
        kept.insert(0, word)
        index -= 1
    title = "".join(kept)
    if not title:
        return None
    # 区委副书记、区长张三: the post before the 、 is part of the same person's title.
    start = end - len(title)
    if start > 0 and _POST_BEFORE_MARK.search(text, max(0, start - 8), start):
        first = _title_before(text, start - 1)
        if first:
            return f"{first}、{title}"
    return title


def _plausible_after_title(text: str, start: int, name: str) -> bool:
    """False for words the dictionary mistakes for names (师傅, 常来) after a title."""
    if text.startswith(HONORIFIC_SUFFIXES, start):
        return False  # 工人师傅: 师 is a surname, 师傅 an honorific
    if name[0] not in AMBIGUOUS_SURNAMES or "·" in name:
        return True
    # 书记常来小区: an everyday word's character needs the dictionary's word, or a pause.
    end = start + len(name)
    return (
        tagged(text[start : start + 6])[0][1].startswith("nr")
        or end >= len(text)
        or not is_cjk(text[end])
        or bool(_SPEECH.match(text, end))
    )


def find_people(texts: list[str], exclude: set[str]) -> list[Mention]:
    """People named in texts: with the first printed title, or before a verb of speech."""
    titles: dict[str, str | None] = {}
    for text in texts:
        # A profile's subheadline: ——记长宁区…书记何蓉 (记 means "a portrait of").
        text = text.removeprefix("——记")
        for head in _TITLE_HEAD.finditer(text):
            name = name_at(text, head.end())
            if not name or name in exclude or not _plausible_after_title(text, head.end(), name):
                continue
            title = _title_before(text, head.end())
            if title is None or len(title) < len(head.group()):
                title = head.group()  # 快递员: the dictionary splits the head itself (快递/员)
            if titles.get(name) is None:
                titles[name] = title
        for verb in _SPEECH.finditer(text):
            at = verb.start()
            dotted = _DOTTED_BEFORE.search(text, max(0, at - 16), at)
            if dotted:
                name = dotted.group(1)
                # 美国专家约翰·史密斯: the title path already found the name inside the run.
                if name not in exclude and not any(name.endswith(n) for n in titles):
                    titles[name] = None
                continue
            for size in (3, 2):
                start = at - size
                if start < 0 or text[start] in AMBIGUOUS_SURNAMES:
                    continue
                candidate = text[start:at]
                # 约翰·史密斯表示: the name's last part is no name of its own.
                boundary = start == 0 or not (is_cjk(text[start - 1]) or text[start - 1] == "·")
                if (
                    boundary
                    and looks_like_name(candidate, strict=True)
                    and candidate not in exclude
                ):
                    titles.setdefault(candidate, None)
                    break
    return [Mention(name, title) for name, title in titles.items()]
