"""The thorough people pass (thulac) on invented sentences: what it adds and what it refuses."""

from __future__ import annotations

import pytest

from articles.ingest.model import Mention
from articles.ingest.thorough import add_thorough_people, thorough_people

from .conftest import page


def found(text: str, exclude: frozenset[str] = frozenset(), known=frozenset()) -> list[Mention]:
    return thorough_people([text], set(exclude), set(known))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("周末，陆建新带着孙子来到公园。", "陆建新"),
        ("这些年，胡美玲一直在社区做义工。", "胡美玲"),
        ("据了解，贺子明最早在这里开店。", "贺子明"),
    ],
)
def test_names_with_no_title_and_no_verb_of_speech_are_found(text, name):
    assert found(text) == [Mention(name, None)]


@pytest.mark.parametrize(
    "text",
    [
        "记者 王立群 摄",
        "采访中，王女士和小李都很满意。",
        "张立芸王建军杨子硕",
        "上海3月29日电（郁文玫 郑晓莹）",
        "他住在杨浦，常去张庙村走走。",
    ],
)
def test_credits_honorifics_name_lists_and_places_are_no_people(text):
    assert found(text) == []


def test_names_already_found_or_credited_are_not_added_again():
    text = "周末，陆建新带着孙子来到公园。"
    assert found(text, known={"陆建新"}) == []
    assert found(text, exclude={"陆建新"}) == []


def test_a_name_after_a_title_gets_the_title_the_rules_read():
    assert found("社区志愿者蒋丽萍忙着登记。") == [Mention("蒋丽萍", "社区志愿者")]


def test_the_pass_adds_to_each_article_of_a_parsed_page(parse):
    document = parse(page("社区花园开放", "周末，陆建新带着孙子来到新开的社区花园。"))
    assert document.articles[0].people == []

    assert add_thorough_people(document) == 1
    assert document.articles[0].people == [Mention("陆建新", None)]
