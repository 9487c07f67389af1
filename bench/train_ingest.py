"""Train the block-role model from a labelled folder and write articles/ingest/block_roles.crfsuite.

Run: .venv/bin/python bench/train_ingest.py [DIR] [--out PATH]  (default DIR ../shared/pages)

Pages are read in sorted order (labels from `X.blocks.json`, else derived from `X.expected.json`)
and trained with fixed parameters, so the same folder always gives the same model.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from articles.ingest import block_model  # noqa: E402
from articles.ingest.block_labels import labelled_folder  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", nargs="?", type=Path, default=ROOT.parent / "shared" / "pages")
    parser.add_argument("--out", type=Path, default=block_model.MODEL_PATH)
    args = parser.parse_args(argv)
    if not args.dir.is_dir():
        print(f"no such folder: {args.dir}", file=sys.stderr)
        return 1
    pages = labelled_folder(args.dir)
    if not pages:
        print(f"no labelled pages in {args.dir}", file=sys.stderr)
        return 1
    block_model.train(((blocks, labels) for _, blocks, labels in pages), args.out)
    blocks = sum(len(labels) for _, _, labels in pages)
    print(f"trained on {len(pages)} pages, {blocks} blocks: wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
