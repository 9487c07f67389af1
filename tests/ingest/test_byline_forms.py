"""The byline form table: every row's example parses to what the row says."""

from __future__ import annotations

import re

import pytest

from articles.ingest.byline_forms import FORMS, Form, forms
from articles.ingest.bylines import (
    caption_credits,
    closing_credit,
    dateline_credit,
    parse_credit_line,
    run_on_credit,
)


def _read(form: Form) -> tuple[tuple, tuple]:
    """(bylines, photo credits) the matcher reads off a row's example."""
    if form.where == "caption":
        return (), tuple(caption_credits(form.example))
    read = {"line": lambda text: parse_credit_line(text, allow_bare=True)}
    read |= {"dateline": dateline_credit, "closing": closing_credit}
    read |= {"run_on": lambda text: (run_on_credit(text) or ("", None))[1]}
    credit = read[form.where](form.example)
    assert credit is not None, f"{form.kind} row {form.pattern!r}: {form.example!r} is no credit"
    return credit.entries, tuple(credit.photographers())


@pytest.mark.parametrize("form", FORMS, ids=lambda form: f"{form.kind}:{form.example}")
def test_every_row_example_parses_to_what_the_row_says(form):
    assert _read(form) == (form.bylines, form.photo_credits)


@pytest.mark.parametrize(
    "form", forms("outlet") + forms("grade") + forms("role"), ids=lambda form: form.pattern
)
def test_every_outlet_grade_and_role_row_is_printed_in_its_example(form):
    # The example must exercise its own row, not only a neighbour's.
    assert any(role and re.search(form.pattern, role) for _name, role in form.bylines)


@pytest.mark.parametrize("form", forms("marker"), ids=lambda form: form.pattern)
def test_every_marker_row_opens_its_example(form):
    assert form.example.startswith(form.pattern)


@pytest.mark.parametrize("form", forms("separator"), ids=lambda form: form.pattern)
def test_every_separator_row_is_printed_in_its_example(form):
    assert any(char in form.example for char in form.pattern)


@pytest.mark.parametrize(
    "form",
    forms("trailer") + forms("dateline") + forms("closing") + forms("run_on") + forms("chart"),
    ids=lambda form: form.example,
)
def test_every_pattern_row_matches_its_example(form):
    tail = "$" if form.kind == "trailer" else ""
    assert re.search(form.pattern + tail, form.example)


@pytest.mark.parametrize(
    "text",
    [
        "春风 化雨",
        "周末游",
        "关键帧：",
        "清晨 第一锅粥",
        "本报记者",
        "百名记者基层行",
        "文明城区 新风尚",
        "3月2日 上午",
    ],
)
def test_lines_that_only_look_like_credits_are_not_credits(text):
    assert parse_credit_line(text, allow_bare=True) is None


def test_bare_names_need_a_line_that_allows_them():
    assert parse_credit_line("王海 刘一", allow_bare=False) is None
    assert parse_credit_line("王海 刘一", allow_bare=True) is not None


def test_a_lone_word_role_does_not_glue_onto_a_caption_word():
    assert caption_credits("文明城区 张宁 摄") == ["张宁"]


def test_a_chart_credit_closing_a_caption_names_no_photographer():
    assert caption_credits("两地往来示意 制图/黄欣") == []


def test_a_dateline_without_a_date_or_bracket_is_no_credit():
    assert dateline_credit("江城网记者张力说，社区食堂开张。") is None
    assert closing_credit("社区食堂将于下月开张。（完）") is None
