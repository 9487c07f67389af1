"""bench/page_layouts.py: raw tagged articles laid out as labelled OCR pages."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from articles.ingest.block_labels import labelled_folder
from articles.ingest.layout import split_blocks

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "bench"))
import page_layouts  # noqa: E402

RAW = "\n".join(
    [
        "# SOURCE: invented for the test",
        "#@ type: news",
        "[SOURCE-LINE] 首页>>社区",
        "[KICKER] 家门口的好去处——",
        "[HEADLINE] 社区食堂开张了",
        "[BYLINE-UNDER-HEADLINE] 本报记者 王小明",
        "[P] 昨天上午,位于新桥路的社区食堂正式开张,附近的老人们早早排起了队,"
        "品尝食堂推出的十几道新菜,不少人说价格实惠味道好。",
        "[CAPTION] 老人们在食堂用餐 李华 摄",
        "[P] 食堂负责人介绍,食堂每天供应早餐、午餐和晚餐,七十岁以上老人用餐还能享受优惠,"
        "今后还将推出送餐上门服务。",
        "[SUBHEAD] 送餐上门",
        "[P] 对于行动不便的老人,志愿者每天中午会把饭菜送到家中,让他们在家也能吃上热乎饭菜,"
        "这项服务已经报名了三十多户。",
    ]
)


def _raw_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "raw"
    folder.mkdir()
    for n in range(3):
        text = RAW.replace("社区食堂开张了", f"社区食堂开张了{n}")
        (folder / f"r{n}.txt").write_text(text, encoding="utf-8")
    return folder


def test_raw_articles_are_read_with_their_roles_and_without_source_lines(tmp_path):
    article = page_layouts.read_raw(_raw_folder(tmp_path))[0]
    roles = [role for role, _ in article.blocks]
    assert roles == [
        "kicker",
        "headline",
        "byline",
        "paragraph",
        "caption",
        "paragraph",
        "subhead",
        "paragraph",
    ]
    assert article.headline == "社区食堂开张了0"


def test_laid_out_pages_label_every_block_and_are_the_same_each_time(tmp_path):
    articles = page_layouts.read_raw(_raw_folder(tmp_path))
    pages = list(page_layouts.layouts(articles, 12))
    assert pages == list(page_layouts.layouts(articles, 12))
    roles = set()
    for text, rows in pages:
        blocks = split_blocks(text)
        assert len(blocks) == len(rows)
        for block, row in zip(blocks, rows, strict=True):
            assert block.text.replace(" ", "") == row["text"].replace(" ", "")
            roles.add(row["role"])
        # A column break never falls at a sentence end.
        for row, following in zip(rows, rows[1:], strict=False):
            if following["role"] == "continuation":
                assert row["text"][-1] not in "。！？!?"
    assert {"continuation", "caption", "kicker", "headline", "byline", "subhead"} <= roles


def test_training_pages_leave_out_the_held_out_headlines(tmp_path):
    raw = _raw_folder(tmp_path)
    out = tmp_path / "pages"
    page_layouts.write_layouts(page_layouts.read_raw(raw), 5, out)
    assert len(labelled_folder(out)) == 5
    assert json.loads((out / "gen_0001.blocks.json").read_text(encoding="utf-8"))
    kept = page_layouts.training_pages(raw, 8, leave_out={"社区食堂开张了1", "社区食堂开张了2"})
    assert len(kept) == 8
    headlines = {
        block.text.replace(" ", "")
        for blocks, _rules, labels in kept
        for block, label in zip(blocks, labels, strict=True)
        if label.endswith("-headline")
    }
    assert headlines == {"社区食堂开张了0"}
