"""Every byline form the loader reads, as data: one row per outlet, grade, role, marker or shape.

A row holds its regex fragment, an invented example in that form, and what the example must parse
to (bylines as (name, role), and photo credits). `bylines.py` compiles the rows once into its
matcher; `tests/ingest/test_byline_forms.py` parses every example and checks it, so supporting a
new form means adding one row with its example. Within a kind, rows are tried in table order.

Kinds:
- outlet: who the reporter works for, printed before a role that takes one (本报记者, 江城网记者);
  a "loose" outlet is only read when the role stands apart from the name;
- grade: a rank between outlet and role (首席记者, 特约通讯员);
- role: the credit itself; flags say whether it takes an outlet and grade ("outlet"), credits
  pictures ("photo") or words ("words"), signs an opinion piece ("opinion"), is followed by a
  description of the person ("described": 讲述人：…书记 X), or is only read standing apart from
  a name ("alone");
- marker: a sign printed before a credit (□记者 X); separator: what stands between roles and
  names; trailer: what may close a credit line (… 摄, … 报道);
- dateline: a credit opening the first paragraph, as a regex with a `credit` group ("bare": the
  names need no role; "place": a two- or three-character place may follow the names);
- closing: a credit in brackets closing the last paragraph of a brief, which stays in the text;
- run_on: a credit line printed in the last paragraph's block after its last sentence, taken
  out of the text;
- chart: a graphics credit after a caption's photo credit, which names no photographer;
- shape: how tokens combine (bare names, name/role, several photographers); no regex of its
  own, the example pins the behaviour.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .text import CJK_RANGES

FormKind = Literal[
    "outlet",
    "grade",
    "role",
    "marker",
    "separator",
    "trailer",
    "dateline",
    "closing",
    "run_on",
    "chart",
    "shape",
]
# Where an example is read: a credit line, a first or last paragraph, or a caption.
Where = Literal["line", "dateline", "closing", "run_on", "caption"]

_C = CJK_RANGES


@dataclass(frozen=True, slots=True)
class Form:
    """One byline form: its pattern, an example in that form and what the example parses to."""

    kind: FormKind
    pattern: str
    example: str
    bylines: tuple[tuple[str, str | None], ...] = ()
    photo_credits: tuple[str, ...] = ()
    flags: frozenset[str] = frozenset()
    where: Where = "line"


def _row(
    kind: FormKind, pattern: str, example: str, *bylines: tuple[str, str | None], **kw
) -> Form:
    flags = frozenset(kw.pop("flags", "").split())
    photos = tuple(kw.pop("photos", "").split())
    return Form(kind, pattern, example, tuple(bylines), photos, flags, **kw)


FORMS: tuple[Form, ...] = (
    # Outlets, before a role that takes one.
    _row("outlet", "本报", "本报记者 张伟", ("张伟", "本报记者")),
    _row("outlet", "新华社|中新社", "新华社记者 陈刚", ("陈刚", "新华社记者")),
    _row("outlet", rf"[{_C}]{{1,6}}?报", "江南都市晚报记者 周强", ("周强", "江南都市晚报记者")),
    _row("outlet", rf"[{_C}]{{2,4}}?社", "东南通讯社记者 林海", ("林海", "东南通讯社记者")),
    _row("outlet", r"《[^》]{1,12}》", "《城市周刊》记者:赵六", ("赵六", "《城市周刊》记者")),
    _row(
        "outlet",
        rf"[{_C}]{{2,10}}?(?:融媒体中心|新闻中心|广播电视台|电视台)",
        "东城区融媒体中心记者 范佳",
        ("范佳", "东城区融媒体中心记者"),
    ),
    # X新闻 and X网 may carry a Latin brand (东城新闻Dnews).
    _row(
        "outlet",
        rf"[{_C}]{{1,6}}?新闻[A-Za-z]{{0,8}}",
        "东城新闻Dnews记者 孙七",
        ("孙七", "东城新闻Dnews记者"),
    ),
    _row("outlet", rf"[{_C}]{{1,6}}?网[A-Za-z]{{0,8}}", "江城网记者 郑十", ("郑十", "江城网记者")),
    _row(
        "outlet",
        rf"[{_C}]{{0,6}}?[A-Za-z]{{2,10}}",
        "城市TV记者 钱明 何静",
        ("钱明", "城市TV记者"),
        ("何静", "城市TV记者"),
    ),
    # Last: an outlet named without 报, 网 or 社 (a magazine, an X在线 site). Only before a role
    # standing apart from the name ("loose"): glued, it could swallow a name (记者张三通讯员).
    _row(
        "outlet",
        rf"(?:(?!记者|通讯员|评论员|实习生)[{_C}]){{2,4}}?",
        "半月游评论员 张建",
        ("张建", "半月游评论员"),
        flags="loose",
    ),
    # Grades between outlet and role.
    _row("grade", "首席", "本报首席记者 潘峰", ("潘峰", "本报首席记者")),
    _row(
        "grade",
        "高级",
        "东城新闻高级记者 周八 通讯员 吴九",
        *[("周八", "东城新闻高级记者"), ("吴九", "通讯员")],
    ),
    _row("grade", "见习", "见习记者 黄一", ("黄一", "见习记者")),
    _row("grade", "特约", "特约通讯员 林二", ("林二", "特约通讯员")),
    _row("grade", "特派", "本报特派记者 郭三", ("郭三", "本报特派记者")),
    _row("grade", "实习", "实习记者 马四", ("马四", "实习记者")),
    # Roles. Longer roles come first so that 摄影记者 wins over 记者.
    _row(
        "role",
        "摄影记者",
        "本报摄影记者 徐磊",
        ("徐磊", "本报摄影记者"),
        flags="outlet photo",
        photos="徐磊",
    ),
    _row("role", "记者", "记者 王强 李娜", ("王强", "记者"), ("李娜", "记者"), flags="outlet"),
    _row("role", "通讯员", "通讯员 何平", ("何平", "通讯员"), flags="outlet"),
    _row("role", "评论员", "本报评论员 叶青", ("叶青", "本报评论员"), flags="outlet opinion"),
    _row("role", "实习生", "本报实习生 蔡悦", ("蔡悦", "本报实习生"), flags="outlet"),
    _row("role", "责任编辑", "责任编辑:邵红", ("邵红", "责任编辑")),
    _row(
        "role",
        "编辑",
        "记者:张三 李四 编辑:王五",
        ("张三", "记者"),
        ("李四", "记者"),
        ("王五", "编辑"),
    ),
    _row(
        "role",
        "责编|校对|统筹|策划|摄像",
        "统筹:王林 责编:赵岚 校对:陆敏",
        ("王林", "统筹"),
        ("赵岚", "责编"),
        ("陆敏", "校对"),
    ),
    _row("role", "作者", "作者：孔令 向凯", ("孔令", "作者"), ("向凯", "作者")),
    _row("role", "主笔", "主笔|王五", ("王五", "主笔"), flags="opinion"),
    _row("role", "撰稿人?", "特约撰稿人 丁宁", ("丁宁", "特约撰稿人"), flags="outlet words"),
    _row("role", "文字", "文字:李蔚", ("李蔚", "文字"), flags="words"),
    # 本版摄影 credits the whole page's pictures, not this article's: a byline, no photo credit.
    _row("role", "本版摄影", "本版摄影/杨 眉", ("杨眉", "本版摄影")),
    _row("role", "摄影", "摄影:冯雷", ("冯雷", "摄影"), flags="photo", photos="冯雷"),
    _row("role", "制图", "制图/黄 欣", ("黄欣", "制图")),
    # One-character roles stand apart from the name ("alone"): glued, 文 or 图 opens a word.
    _row(
        "role",
        "文",
        "文/陈思 图/黄磊",
        ("陈思", "文"),
        ("黄磊", "图"),
        flags="words alone",
        photos="黄磊",
    ),
    _row("role", "图", "图/邱莉", ("邱莉", "图"), flags="photo alone", photos="邱莉"),
    _row(
        "role",
        "摄",
        "李明/文 王东/摄",
        ("李明", "文"),
        ("王东", "摄"),
        flags="photo alone",
        photos="王东",
    ),
    _row(
        "role",
        "讲述人|口述",
        "讲述人:江城区东湖镇水塘村党总支书记 周海",
        ("周海", "讲述人"),
        flags="described",
    ),
    # Markers printed before a credit.
    _row("marker", "□", "□通讯员 张三", ("张三", "通讯员")),
    _row("marker", "■", "■记者 李四", ("李四", "记者")),
    _row("marker", "●", "●记者 王五", ("王五", "记者")),
    _row("marker", "■", "■(记者 李四 通讯员 何平)", ("李四", "记者"), ("何平", "通讯员")),
    _row("marker", "◆", "◆本报记者 赵琳", ("赵琳", "本报记者")),
    # Separators between roles and names.
    _row("separator", " ", "本报记者 张伟 通讯员 李娜", ("张伟", "本报记者"), ("李娜", "通讯员")),
    _row("separator", "、", "本报记者 张伟、李娜", ("张伟", "本报记者"), ("李娜", "本报记者")),
    _row(
        "separator",
        "/／",
        "半月游记者 周琳/吴东/兰鸣",
        *[(n, "半月游记者") for n in ("周琳", "吴东", "兰鸣")],
    ),
    _row("separator", ":：", "记者：陈林", ("陈林", "记者")),
    _row("separator", ",，", "记者 陈林,刘洋", ("陈林", "记者"), ("刘洋", "记者")),
    _row(
        "separator",
        ";；",
        "记者：陈林、刘洋；编辑：王五",
        *[("陈林", "记者"), ("刘洋", "记者"), ("王五", "编辑")],
    ),
    _row(
        "separator", "|｜丨", "本报记者｜张伟 通讯员|李娜", ("张伟", "本报记者"), ("李娜", "通讯员")
    ),
    # Trailers closing a credit line; 摄 makes the names before it photographers.
    _row(
        "trailer",
        r"文[/／][摄图]",
        "本报记者 李明 文/摄",
        ("李明", "本报记者"),
        flags="photo words",
        photos="李明",
    ),
    _row(
        "trailer", "摄影?", "本报记者 陈刚 摄影", ("陈刚", "本报记者"), flags="photo", photos="陈刚"
    ),
    _row(
        "trailer",
        "摄影报道",
        "本报记者 陈雷 摄影报道",
        ("陈雷", "本报记者"),
        flags="photo",
        photos="陈雷",
    ),
    _row("trailer", "报道", "本报记者 胡蝶 报道", ("胡蝶", "本报记者")),
    _row("trailer", "整理|采写", "本报记者 沈竹 整理", ("沈竹", "本报记者")),
    _row("trailer", r"发自\S*", "本报记者 金林 发自北京", ("金林", "本报记者")),
    # Datelines opening the first paragraph; the credit stays in the text.
    _row(
        "dateline",
        r"^本报讯\s*[（(]\s*(?P<credit>[^()（）]{2,40}?)\s*[)）]",
        "本报讯 (记者 张伟 通讯员 李娜)昨天上午,社区食堂开张。",
        ("张伟", "记者"),
        ("李娜", "通讯员"),
        where="dateline",
    ),
    _row(
        "dateline",
        rf"^[{_C}\dA-Za-z\-－—·]{{2,24}}?(?:电|讯)\s*[（(]\s*(?P<credit>[^()（）]{{2,40}}?)\s*[)）]",
        "江城新闻网-西湖频道1月3日讯(江城在线记者 吴一 马二)社区食堂开张。",
        ("吴一", "江城在线记者"),
        ("马二", "江城在线记者"),
        flags="bare",
        where="dateline",
    ),
    _row(
        "dateline",
        rf"^[{_C}\d]{{2,16}}?电\s*[（(]\s*(?P<credit>[^()（）]{{2,40}}?)\s*[)）]",
        "江南社上海3月29日电 (郁林 郑莹)社区食堂开张。",
        ("郁林", None),
        ("郑莹", None),
        flags="bare",
        where="dateline",
    ),
    _row(
        "dateline",
        r"^(?P<credit>[^，。！？：:（()）]{4,40}?)\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:电|讯|报道)\s*[:：]",
        "江城网记者张力、通讯员陆雪2月4日报道:社区食堂开张。",
        ("张力", "江城网记者"),
        ("陆雪", "通讯员"),
        where="dateline",
    ),
    # `【X讯】实习记者Y上海报道：`: the place the report comes from ("place") may follow the name.
    _row(
        "dateline",
        r"^【[^】]{2,12}讯】\s*(?P<credit>[^，。！？：:（()）]{4,40}?)\s*报道\s*[:：]",
        "【江城报讯】实习记者王强上海报道:社区食堂开张。",
        ("王强", "实习记者"),
        flags="place",
        where="dateline",
    ),
    # A credit in brackets closing a brief's last paragraph.
    _row(
        "closing",
        r"[。！？!?…”」]\s*[（(]\s*(?P<credit>[^()（）]{2,30}?)\s*[)）]$",
        "社区食堂将于下月开张。(记者 吴倩 通讯员 蒋丽)",
        ("吴倩", "记者"),
        ("蒋丽", "通讯员"),
        flags="bare",
        where="closing",
    ),
    # A credit line run on after the last sentence, in the same block (a line break, a space);
    # in brackets too. A bracketed credit right after the full stop is a closing one.
    _row(
        "run_on",
        r"[。！？!?…”」]\s+(?P<credit>[^。！？!?…“”，,；;()（）]{2,60})$",
        "食堂将继续增加菜品。 本报记者 袁明 通讯员 何平",
        ("袁明", "本报记者"),
        ("何平", "通讯员"),
        flags="bare",
        where="run_on",
    ),
    _row(
        "run_on",
        r"[。！？!?…”」]\s+(?P<credit>[(（][^()（）]{2,58}[)）])$",
        "食堂将继续增加菜品。 (城市新闻Cnews记者:毛帆 编辑:施荔)",
        ("毛帆", "城市新闻Cnews记者"),
        ("施荔", "编辑"),
        where="run_on",
    ),
    # A graphics credit after a caption's photo credit names no photographer.
    _row(
        "chart",
        rf"\s+(?:[{_C}]{{2,6}}\s*)?(?:制图|绘图|图表|漫画)\s*[/／:：]?\s*[{_C}· ]{{2,8}}$",
        "大桥通车后两地往来更快捷 郁兵 摄 江城图表 制图 戴嘉",
        photos="郁兵",
        where="caption",
    ),
    # Shapes: how names and roles combine on a line.
    _row("shape", "bare names", "杨欢", ("杨欢", None)),
    _row(
        "shape", "bare names", "咸明 茅冠隽 罗菁", ("咸明", None), ("茅冠隽", None), ("罗菁", None)
    ),
    _row(
        "shape",
        "spaced names",
        "本报记者 沈 竹 通讯员 欧阳 晓",
        ("沈竹", "本报记者"),
        ("欧阳晓", "通讯员"),
    ),
    _row(
        "shape", "glued", "东城网记者张力、通讯员陆雪", ("张力", "东城网记者"), ("陆雪", "通讯员")
    ),
    _row(
        "shape",
        "bracketed",
        "(城市新闻Cnews记者:毛帆 汪鑫 编辑:施荔)",
        *[("毛帆", "城市新闻Cnews记者"), ("汪鑫", "城市新闻Cnews记者"), ("施荔", "编辑")],
    ),
    _row(
        "shape",
        "photographers",
        "本报记者 李华 王东 摄",
        ("李华", "本报记者"),
        ("王东", "本报记者"),
        photos="李华 王东",
    ),
    _row(
        "shape",
        "photographers",
        "李华、王东/摄",
        ("李华", "摄"),
        ("王东", "摄"),
        photos="李华 王东",
    ),
    _row("shape", "photographers", "①灯光秀现场 本报记者 李华 摄", photos="李华", where="caption"),
    _row("shape", "photographers", "②市民拍照留念 摄影/王东", photos="王东", where="caption"),
    _row("shape", "photographers", "外滩夜景 李华、王东/摄", photos="李华 王东", where="caption"),
    _row(
        "shape", "photographers", "外滩夜景 本版摄影 本报记者 陈泽", photos="陈泽", where="caption"
    ),
    _row("shape", "photographers", "外滩夜景。（李华 摄）", photos="李华", where="caption"),
    _row("shape", "photographers", "外滩夜景 本报记者 李华 摄影", photos="李华", where="caption"),
    _row("shape", "photographers", "外滩夜景。图/本报记者 钱明", photos="钱明", where="caption"),
    _row(
        "shape",
        "picture role, then a role",
        "图/本报记者 钱明",
        ("钱明", "本报记者"),
        photos="钱明",
    ),
)


def forms(kind: FormKind) -> tuple[Form, ...]:
    """The rows of one kind, in table order."""
    return tuple(form for form in FORMS if form.kind == kind)
