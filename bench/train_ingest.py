"""Train the block-role model from labelled folders and write articles/ingest/block_roles.crfsuite.

Run: .venv/bin/python bench/train_ingest.py [DIR ...] [--out PATH]
(default DIRs: ../shared/pages, tests/ingest/data/pages and ../shared/sources, the seed page)

Pages are read folder by folder in sorted order (labels from `X.blocks.json`, else derived from
`X.expected.json`) and trained with fixed parameters, so the same folders always give the same
model. A default folder that is absent is reported and skipped; a folder named on the command
line must exist.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from articles.ingest import block_model  # noqa: E402
from articles.ingest.block_labels import labelled_folder  # noqa: E402

DEFAULT_DIRS = [
    ROOT.parent / "shared" / "pages",
    ROOT / "tests" / "ingest" / "data" / "pages",
    ROOT.parent / "shared" / "sources",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dirs", nargs="*", type=Path, help="labelled folders")
    parser.add_argument("--out", type=Path, default=block_model.MODEL_PATH)
    args = parser.parse_args(argv)
    pages = []
    for folder in args.dirs or DEFAULT_DIRS:
        if not folder.is_dir():
            print(f"no such folder: {folder}", file=sys.stderr)
            if args.dirs:
                return 1
            continue
        pages += labelled_folder(folder)
    if not pages:
        print("no labelled pages to train on", file=sys.stderr)
        return 1
    block_model.train(((b, rules, labels) for _, b, rules, labels in pages), args.out)
    blocks = sum(len(labels) for *_, labels in pages)
    print(f"trained on {len(pages)} pages, {blocks} blocks: wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
