"""The pure search text rules: normalisation, bigrams, query parsing, match spans."""

from articles.search.text import (
    END,
    bigrams,
    body_segments,
    match_spans,
    normalise,
    parse_query,
    title_segments,
)


def test_normalise_folds_full_width_and_ascii_case_and_collapses_spaces():
    assert normalise("  ＡＢＣ１２３\u3000社区\t\n文化 ") == "abc123 社区 文化"


def test_bigrams_pair_every_character_and_mark_the_last():
    assert bigrams("嘉兴路") == ["嘉兴", "兴路", "路" + END]
    assert bigrams("区") == ["区" + END]


def test_body_segments_skip_captions_and_images():
    body = [
        {"kind": "paragraph", "text": "段落"},
        {"kind": "caption", "text": "图片说明"},
        {"kind": "image", "photo": 1},
        {"kind": "subhead", "text": "小标题"},
    ]
    assert body_segments(body) == ["段落", "小标题"]


def test_title_segments_are_kicker_headline_and_subheadlines():
    assert title_segments("引题", "主题", ["副题一", " "]) == ["引题", "主题", "副题一"]


def test_parse_query_splits_on_spaces_and_keeps_quoted_phrases():
    assert parse_query('社区  "文化 中心" ＨＯＮＧＫＯＵ 社区').terms == (
        "社区",
        "文化 中心",
        "hongkou",
    )


def test_parse_query_accepts_chinese_quotation_marks():
    assert parse_query("“文化 中心”").terms == ("文化 中心",)


def test_parse_query_of_blank_text_is_empty():
    assert not parse_query("   ")
    assert not parse_query(None)


def test_match_spans_map_normalised_matches_back_to_the_original_text():
    text = "ＡＢ社区 社区"
    assert match_spans(text, ["ab", "社区"]) == [(0, 4), (5, 7)]
