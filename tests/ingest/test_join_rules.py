"""The join decisions as ordered tables: every rule decides its own example, in its place."""

from __future__ import annotations

import pytest

from articles.ingest import join_rules
from articles.ingest.join_rules import CARRIES_ON, JOINS, first_decision

TABLES = [
    (CARRIES_ON, join_rules.CARRIES_ON_BY_DEFAULT),
    (JOINS, join_rules.JOINS_BY_DEFAULT),
]
RULES = [(table, default, rule) for table, default in TABLES for rule in table]


@pytest.mark.parametrize(
    ("table", "default", "rule"), RULES, ids=[rule.name for _table, _default, rule in RULES]
)
def test_each_rule_decides_its_example_and_the_table_agrees(table, default, rule):
    text, following = rule.example
    assert rule.decide(text, following) is rule.expect
    # No earlier row takes the example from it: the table decides it the same way.
    assert first_decision(table, text, following, default) is rule.expect
    earlier = table[: table.index(rule)]
    assert all(other.decide(text, following) is None for other in earlier), rule.name


def test_a_rule_names_and_examples_are_unique():
    for table, _default in TABLES:
        assert len({rule.name for rule in table}) == len(table)
        assert len({rule.example for rule in table}) == len(table)


def test_without_a_deciding_rule_the_default_stands():
    # A plain fragment before a plain sentence: nothing says it carries on, so it may be a subhead.
    assert first_decision(CARRIES_ON, "饭菜可口", "一份套餐只要十二元。", False) is False
    # A paragraph cut after a comma always runs on.
    assert first_decision(JOINS, "食堂开张以后，", "居民们都来吃饭。", True) is True
