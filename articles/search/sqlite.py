"""SQLite backend: an FTS5 table of encoded bigrams, kept by triggers that call Python.

Design:
- ``articles_search`` is an FTS5 table whose rowid is the article id, with two columns: ``title``
  (kicker, headline, subheadlines) and ``body`` (paragraphs and subheads, never captions).
- SQLite cannot run our tokenising in SQL and Python's ``sqlite3`` cannot register FTS5
  tokenizers, so the triggers call ``newsroom_search_title`` / ``newsroom_search_body``, Python
  functions registered on every connection (``connection_created``), which return the bigrams
  as plain ASCII tokens (``社区`` → ``793ex533a``: hex code points around an ``x``) that FTS5's
  standard tokenizer keeps intact. A lone ``z`` token separates segments so no phrase spans two.
- A term of two or more characters is a phrase of its bigram tokens; a one-character term is the
  prefix ``"793ex" *``, since every character starts a token (its bigram or its end token).
- Django rebuilds a SQLite table for some ``ALTER TABLE`` changes, which drops its triggers;
  ``ensure_installed`` (run after every ``migrate``) puts them back and rebuilds the index.
"""

import json

from django.db import DatabaseError

from .batching import refresh_in_batches
from .expressions import row_condition, row_number
from .text import END, ParsedQuery, bigrams, body_segments, title_segments

SEPARATOR = "z"
TRIGGERS = {
    "article_search_insert": """
        CREATE TRIGGER IF NOT EXISTS article_search_insert AFTER INSERT ON articles_article
        BEGIN
          INSERT INTO articles_search (rowid, title, body) VALUES (
            new.id, newsroom_search_title(new.kicker, new.headline, new.subheadline),
            newsroom_search_body(new.body));
        END""",
    "article_search_update": """
        CREATE TRIGGER IF NOT EXISTS article_search_update
        AFTER UPDATE OF kicker, headline, subheadline, body ON articles_article
        BEGIN
          DELETE FROM articles_search WHERE rowid = old.id;
          INSERT INTO articles_search (rowid, title, body) VALUES (
            new.id, newsroom_search_title(new.kicker, new.headline, new.subheadline),
            newsroom_search_body(new.body));
        END""",
    "article_search_delete": """
        CREATE TRIGGER IF NOT EXISTS article_search_delete AFTER DELETE ON articles_article
        BEGIN
          DELETE FROM articles_search WHERE rowid = old.id;
        END""",
}
TABLE_SQL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS articles_search USING fts5("
    "title, body, tokenize = 'unicode61 remove_diacritics 0')"
)
REFILL_SQL = """
INSERT INTO articles_search (rowid, title, body)
SELECT id, newsroom_search_title(kicker, headline, subheadline), newsroom_search_body(body)
  FROM articles_article WHERE id >= %s AND id < %s
"""


def encode(token: str) -> str:
    """One bigram (or character + END) as an ASCII token FTS5 keeps whole."""
    return "x".join(f"{ord(char):x}" for char in token.replace(END, ""))


def encode_term(term: str) -> str:
    """The FTS5 expression for one normalised term."""
    if len(term) == 1:
        return f'"{encode(term)}x" *'
    return '"' + " ".join(encode(term[i : i + 2]) for i in range(len(term) - 1)) + '"'


def _tokens(segments: list[str]) -> str:
    return f" {SEPARATOR} ".join(
        " ".join(encode(token) + ("x" if token.endswith(END) else "") for token in bigrams(s))
        for s in segments
    )


def _json_list(value) -> list:
    try:
        loaded = json.loads(value) if isinstance(value, str | bytes) else value
    except ValueError:
        return []
    return loaded if isinstance(loaded, list) else []


def title_tokens(kicker, headline, subheadline) -> str:
    """SQL function: the title lines' tokens."""
    return _tokens(title_segments(kicker or "", headline or "", _json_list(subheadline)))


def body_tokens(body) -> str:
    """SQL function: the paragraphs' and subheads' tokens."""
    return _tokens(body_segments(_json_list(body)))


def register_functions(sqlite_connection) -> None:
    """Make the tokenising functions available to this connection's triggers."""
    sqlite_connection.create_function("newsroom_search_title", 3, title_tokens, deterministic=True)
    sqlite_connection.create_function("newsroom_search_body", 1, body_tokens, deterministic=True)


def install(connection) -> None:
    """Create the FTS5 table and triggers (idempotent) and fill the table."""
    with connection.cursor() as cursor:
        cursor.execute(TABLE_SQL)
        for sql in TRIGGERS.values():
            cursor.execute(sql)
    rebuild(connection)


def uninstall(connection) -> None:
    """Remove everything ``install`` made."""
    with connection.cursor() as cursor:
        for name in TRIGGERS:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
        cursor.execute("DROP TABLE IF EXISTS articles_search")


def is_installed(connection) -> bool:
    """Whether the table and all three triggers exist."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM sqlite_master WHERE name IN (%s, %s, %s, %s)",
            ["articles_search", *TRIGGERS],
        )
        return cursor.fetchone()[0] == 1 + len(TRIGGERS)


def ensure_installed(connection) -> None:
    """Put back triggers a table rebuild dropped, and re-index, if anything is missing."""
    if not is_installed(connection):
        install(connection)


def refresh_range(connection, start: int, end: int) -> int:
    """Replace the index rows of the articles with ids in [start, end)."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM articles_search WHERE rowid >= %s AND rowid < %s", [start, end])
        cursor.execute(REFILL_SQL, [start, end])
        return cursor.rowcount


def rebuild(connection, progress=None, batch_size=2000) -> int:
    """Empty and refill the FTS5 table in id batches; returns the number of articles."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM articles_search")
        return refresh_in_batches(cursor, REFILL_SQL, progress=progress, batch_size=batch_size)


def _all_match(parsed: ParsedQuery) -> str:
    return " AND ".join(encode_term(term) for term in parsed.terms)


def _title_match(parsed: ParsedQuery) -> str:
    return " OR ".join(f"title : {encode_term(term)}" for term in parsed.terms)


def match_condition(parsed: ParsedQuery):
    """Rows whose FTS5 entry matches every term."""
    return row_condition(
        "{t}.id IN (SELECT rowid FROM articles_search WHERE articles_search MATCH %s)",
        [_all_match(parsed)],
    )


def title_condition(parsed: ParsedQuery):
    """Rows with at least one term in their title lines."""
    return row_condition(
        "{t}.id IN (SELECT rowid FROM articles_search WHERE articles_search MATCH %s)",
        [_title_match(parsed)],
    )


def body_only_condition(parsed: ParsedQuery):
    """Rows matching every term, none in the title lines (FTS5 answers both as sets)."""
    return row_condition(
        "{t}.id IN (SELECT rowid FROM articles_search WHERE articles_search MATCH %s)"
        " AND {t}.id NOT IN (SELECT rowid FROM articles_search WHERE articles_search MATCH %s)",
        [_all_match(parsed), _title_match(parsed)],
    )


def title_rank(parsed: ParsedQuery):
    """How many terms occur in the title lines."""
    parts = " + ".join(
        "({t}.id IN (SELECT rowid FROM articles_search WHERE articles_search MATCH %s))"
        for _ in parsed.terms
    )
    return row_number(parts, [f"title : {encode_term(term)}" for term in parsed.terms])


def index_size(connection) -> dict:
    """Bytes used by the FTS5 shadow tables (needs the dbstat virtual table)."""
    with connection.cursor() as cursor:
        try:
            cursor.execute(
                "SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name LIKE 'articles_search%%'"
            )
        except DatabaseError:  # dbstat is an optional SQLite build feature.
            return {"columns": 0, "index": 0}
        return {"columns": 0, "index": int(cursor.fetchone()[0])}
