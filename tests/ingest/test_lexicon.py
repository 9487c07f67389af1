"""Every list in the lexicon is used: without one word of it, an invented input parses otherwise.

Each row names a list, one of its words and a probe: a call into the parser on an invented
input whose result depends on that word. The probe's result with the list intact must differ
from its result once the word is taken out of the list (and the modules that build regexes
from the lists are rebuilt).
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import Any

import pytest

from articles.ingest import lexicon

# Modules that compile regexes from the lexicon at import, in import order.
_REBUILT = ("person_titles", "people", "join_rules", "titles", "programs", "classify")


def _ingest(name: str) -> ModuleType:
    return sys.modules[f"articles.ingest.{name}"]


def _without(value: Any, word: str) -> Any:
    """The list without word; for TITLE_WORDS, word is "word:use" and only that use goes."""
    if isinstance(value, dict):
        title, use = word.split(":")
        return {**value, title: value[title].replace(use, "")}
    if isinstance(value, frozenset):
        return value - {word}
    return tuple(item for item in value if item != word)


def _contains(value: Any, word: str) -> bool:
    if isinstance(value, dict):
        title, use = word.split(":")
        return use in value.get(title, "")
    return word in value


@contextmanager
def _lexicon_without(name: str, word: str) -> Iterator[None]:
    """The lexicon with word taken out of list name, in every module that reads it."""
    original = getattr(lexicon, name)
    patched = _without(original, word)
    bound = [
        module
        for key, module in list(sys.modules.items())
        if key.startswith("articles.ingest.") and getattr(module, name, None) is original
    ]
    rebuilt = [_ingest(module) for module in _REBUILT]
    # The modules as they were, functions, classes and regexes alike, to put back afterwards.
    saved = {module: dict(vars(module)) for module in (*bound, *rebuilt)}
    for module in bound:
        setattr(module, name, patched)
    try:
        for module in rebuilt:
            importlib.reload(module)
        yield
    finally:
        for module, namespace in saved.items():
            vars(module).clear()
            vars(module).update(namespace)


def _people(text: str) -> list[tuple[str, str | None]]:
    return [(m.name, m.title) for m in _ingest("people").find_people([text], set())]


def _title_of(text: str) -> str | None:
    """The title found for 周秀芬 in text (None for none), or "absent" when she is not found."""
    return dict(_people(text)).get("周秀芬", "absent")


def _carries_on(rule_name: str, text: str, following: str) -> bool | None:
    rule = next(r for r in _ingest("join_rules").CARRIES_ON if r.name == rule_name)
    return rule.decide(text, following)


def _districts(text: str, gazetteer) -> list[str]:
    return _ingest("entities").find_places([text], gazetteer)[0]


def _kind(kicker: str) -> str:
    return _ingest("classify").classify(kicker=kicker, blocks=[], top_bylines=[], has_dateline=True)


# (list, word, a sentence naming 周秀芬, her title with the list intact: None, or "absent")
_TITLED = [
    ("KINSHIP_WORDS", "外婆", "外婆周秀芬今年八十岁。", None),
    ("SPEECH_VERBS", "坦言", "周秀芬坦言，今天下雨。", None),
    ("TITLE_WORDS", "网格员:H", "社区网格员周秀芬每天巡查。", "社区网格员"),
    ("TITLE_WORDS", "政委:A", "周秀芬政委来到现场。", "政委"),
    ("TITLE_WORDS", "常委:M", "区委常委、副区长周秀芬来到现场。", "区委常委、副区长"),
    ("POST_RANKS", "副", "周秀芬副区长来到现场。", "副区长"),
    ("TITLE_CHARS", "农", "果农周秀芬来到现场。", "果农"),
    ("NOT_TITLES", "记者", "记者周秀芬来到现场。", "absent"),
    ("PEOPLE_NOUNS", "游客", "游客和居委会主任周秀芬来到现场。", "居委会主任"),
    ("TITLE_STOP_WORDS", "包括", "嘉宾包括社区书记周秀芬。", "社区书记"),
    ("TITLE_STOP_VERBS", "请", "我们请社区书记周秀芬来到现场。", "社区书记"),
    ("FIELD_JOINERS", "和", "文化和旅游局局长周秀芬来到现场。", "文化和旅游局局长"),
    ("BODY_ENDS", "局", "文化和旅游局局长周秀芬来到现场。", "文化和旅游局局长"),
    ("TITLE_VERBS", "退休", "退休教师周秀芬来到现场。", "退休教师"),
]

Probe = Callable[[Any], Any]
# (list, word, probe, result with the list intact); the probe gets the test gazetteer.
ROWS: list[tuple[str, str, Probe, Any]] = [
    ("SURNAMES", "王", lambda g: _ingest("names").surname_length("王明"), 1),
    ("COMPOUND_SURNAMES", "欧阳", lambda g: _ingest("names").surname_length("欧阳明"), 2),
    ("AMBIGUOUS_SURNAMES", "应", lambda g: _people("应勇说，今天下雨。"), []),
    (
        "TRANSLITERATION",
        "约",
        lambda g: _people("约翰·史密斯说，今天下雨。"),
        [("约翰·史密斯", None)],
    ),
    (
        "FAMILIAR_PREFIXES",
        "小",
        lambda g: _ingest("thorough").thorough_people(["采访中，小李理发很满意。"], set(), set()),
        [],
    ),
    (
        "HONORIFICS",
        "女士",
        lambda g: _ingest("names").looks_like_name("王女士", strict=True),
        False,
    ),
    ("ASPECT_PARTICLES", "着", lambda g: _ingest("people").name_at("周秀忙着做饭", 0), "周秀"),
    ("NOT_IN_GIVEN_NAMES", "以", lambda g: _ingest("thorough")._plausible("季以"), False),
    (
        "PLACE_SUFFIXES",
        "村",
        lambda g: _ingest("thorough")._names_a_place("张马", ["他常去张马村走走。"]),
        True,
    ),
    ("NOT_NAME_ENDS", "和", lambda g: _ingest("people").name_at("王明和李四来了", 0), "王明"),
    (
        "TITLE_WORDS",
        "负责人:J",
        lambda g: _carries_on("a title, then its holder's name", "项目负责人", "周秀芬说，很好。"),
        True,
    ),
    ("STATUSES", "居民", lambda g: _ingest("person_titles").is_status("社区居民"), True),
    (
        "DANGLING_END",
        "和",
        lambda g: _carries_on(
            "the block ends on a particle or preposition", "食堂的饭菜和", "点心都很受欢迎。"
        ),
        True,
    ),
    (
        "DANGLING_WORDS",
        "十分",
        lambda g: _carries_on(
            "the clause is unfinished: the last word is an adverb, pronoun or conjunction",
            "食堂的生意十分",
            "红火，居民们都笑了。",
        ),
        True,
    ),
    ("SERIES_KINDS", "系列", lambda g: _ingest("titles").is_kicker("系列报道第三期"), True),
    ("SERIES_FORMS", "策划", lambda g: _ingest("titles").is_kicker("特别策划第三期"), True),
    ("INSTALLMENT_UNITS", "期", lambda g: _ingest("titles").is_kicker("特别报道第三期"), True),
    ("FEATURE_KICKERS", "手记", lambda g: _kind("采访手记"), "feature"),
    ("COMMENTARY_KICKERS", "时评", lambda g: _kind("夜光杯时评"), "commentary"),
    (
        "NOT_DISTRICT_AFTER",
        "大道",
        lambda g: _districts("浦东大道很宽。", g),
        [],
    ),
    (
        "FACILITY_ENDS",
        "场",
        lambda g: _districts("旅客从浦东机场出发。", g),
        [],
    ),
    (
        "FACILITY_WORDS",
        "大学",
        lambda g: _districts("学生在松江大学读书。", g),
        [],
    ),
    (
        "NOT_FACILITIES",
        "农村",
        lambda g: _districts("崇明农村的变化很大。", g),
        ["崇明区"],
    ),
    *(
        (name, word, lambda g, text=text: _title_of(text), title)
        for name, word, text, title in _TITLED
    ),
]


@pytest.mark.parametrize(
    ("name", "word", "probe", "intact"), ROWS, ids=[f"{row[0]}-{row[1]}" for row in ROWS]
)
def test_each_list_decides_a_parse(name, word, probe, intact, gazetteer):
    assert _contains(getattr(lexicon, name), word)
    assert probe(gazetteer) == intact
    split_titles = _ingest("titles").split_titles
    with _lexicon_without(name, word):
        assert probe(gazetteer) != intact
    assert probe(gazetteer) == intact
    # The modules are put back as they were: what other tests imported still matches.
    assert _ingest("titles").split_titles is split_titles


def test_every_list_has_a_row():
    lists = {
        name
        for name, value in vars(lexicon).items()
        if not name.startswith("_") and isinstance(value, (frozenset, tuple, dict))
    }
    assert lists == {row[0] for row in ROWS}


def test_every_title_use_has_a_row():
    uses = {use for flags in lexicon.TITLE_WORDS.values() for use in flags}
    rows = {row[1].split(":")[1] for row in ROWS if row[0] == "TITLE_WORDS"}
    assert uses == rows == {"H", "A", "M", "J"}


def test_title_words_gives_the_words_of_one_use():
    assert "政委" in lexicon.title_words("A")
    assert "政委" not in lexicon.title_words("H")
    assert set(lexicon.title_words("J")) <= set(lexicon.title_words("H"))


def test_people_nouns_are_the_statuses_and_more():
    assert lexicon.STATUSES < lexicon.PEOPLE_NOUNS


def test_cjk_class_covers_extension_a():
    # 㛃 (U+36C3, Extension A) is a character of personal names.
    assert _ingest("names").looks_like_name("王㛃", strict=False)
