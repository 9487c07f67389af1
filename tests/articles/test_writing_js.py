"""writing.js counts 字数 as the server does: the same markup rules, the same blocks."""

import json
import random
import shutil
import subprocess  # noqa: S404 - runs node on our own static file with fixed arguments
from pathlib import Path

import pytest

from articles.char_count import body_character_count
from articles.inline_markup import inline_markup_text

SCRIPT = Path(__file__).resolve().parents[2] / "static" / "admin_newsroom" / "writing.js"
# Loads writing.js without a browser and prints, for each text, its plain text and 字数.
RUNNER = """
const fs = require("fs");
let source = fs.readFileSync(process.argv[1], "utf8");
source = source.replace("function start() {",
  "globalThis.writing = {markupText, bodyCount}; function start() {");
globalThis.document = {readyState: "complete", querySelectorAll: () => []};
eval(source);
const texts = JSON.parse(fs.readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(texts.map(
  (t) => [globalThis.writing.markupText(t), globalThis.writing.bodyCount(t)])));
"""
PIECES = [
    *"ab上海*[]()\\<>&\"' :/.\n\r\t\u3000\xa0\x1c\ufeff",
    "https://e.com",
    "HTTP://e",
    "mailto:x",
]
PIECES += ["## ", "> ", "\n\n", "**", "[图片 3]"]


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node")
def test_the_live_count_and_the_server_count_agree():
    generator = random.Random(11)  # noqa: S311 - test data, not secrets
    texts = [
        "".join(generator.choice(PIECES) for _ in range(generator.randint(0, 30)))
        for _ in range(2000)
    ]
    texts += ["[图片 3]\n\n第一段**强调**，[链接](https://e.com/a)。", "5*3 与 \\*"]
    result = subprocess.run(  # noqa: S603 - fixed argv, no shell
        [shutil.which("node"), "-e", RUNNER, str(SCRIPT)],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    got = json.loads(result.stdout)
    expected = [[inline_markup_text(t), body_character_count(t)] for t in texts]
    assert [(t, g) for t, g, e in zip(texts, got, expected, strict=True) if g != e] == []
