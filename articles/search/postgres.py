"""PostgreSQL backend: a bigram ``tsvector`` on the article row, kept by a trigger, GIN-indexed.

Design:
- Three columns live on ``articles_article`` but not on the model (the ORM never loads them):
  ``search_document`` (every bigram of the title lines, weight A, and of paragraphs and subheads,
  weight B, with positions), ``search_title`` (the title bigrams only: small and stored inline, so
  ranking a large match set never de-toasts whole documents) and ``search_overflow``.
- A ``BEFORE INSERT OR UPDATE`` trigger fills them from the row with SQL functions that mirror
  ``text.py`` exactly, so ``bulk_create``, ``queryset.update()``, fixtures and raw SQL all keep the
  index right. A trigger, not a generated column: PostgreSQL refuses ``ALTER COLUMN ... TYPE`` on
  columns a generated column reads, which would break later migrations of the title fields.
- Queries: a term of two or more characters is a phrase of its bigrams (``嘉兴路`` →
  ``'嘉兴' <-> '兴路'``), exact for substring search. A one-character term is a prefix match
  (``'区':*``): every character starts a token, its bigram or itself plus the end marker.
- ``tsvector`` positions stop at 16,383 and keep at most 256 positions per lexeme. A document
  that reaches either limit is flagged ``search_overflow``; phrase matching is not trusted for
  it, and those rows (found through a small partial index) are checked with ``strpos`` on the
  normalised text.
"""

from ..inline_markup import PATTERN
from .batching import refresh_in_batches
from .expressions import row_condition, row_number
from .text import ParsedQuery

NORMALISE_SQL = r"""
CREATE OR REPLACE FUNCTION newsroom_search_normalise(value text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT btrim(regexp_replace(
    translate(replace(normalize(value, NFKC), U&'\E000', ''),
              'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'),
    '[ \t\n\r\f\v]+', ' ', 'g'), ' ')
$$;
"""

# ``text.inline_markup_text`` in SQL: the same pattern (written for both engines, see
# ``articles/inline_markup.py``), the same left-to-right scan, the same recursion into a link's
# text and an emphasis.
MARKUP_SQL = r"""
CREATE OR REPLACE FUNCTION newsroom_markup_text(value text) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  pattern constant text := __PATTERN__;
  anchored constant text := __ANCHORED__;
  result text := '';
  position integer := 1;
  start integer;
  token text;
  parts text[];
BEGIN
  IF strpos(value, '*') = 0 AND strpos(value, '[') = 0 AND strpos(value, '\') = 0 THEN
    RETURN value;
  END IF;
  LOOP
    start := regexp_instr(value, pattern, position);
    EXIT WHEN start = 0;
    token := regexp_substr(substr(value, start), anchored);
    parts := regexp_match(token, anchored);
    result := result || substr(value, position, start - position) || CASE
      WHEN parts[1] IS NOT NULL THEN parts[1]
      WHEN parts[2] IS NOT NULL THEN newsroom_markup_text(parts[2])
      ELSE newsroom_markup_text(coalesce(parts[4], parts[5]))
    END;
    position := start + length(token);
  END LOOP;
  RETURN result || substr(value, position);
END
$$;
""".replace("__PATTERN__", "'" + PATTERN.replace("'", "''") + "'").replace(
    "__ANCHORED__", "'(?s)^(?:" + PATTERN.removeprefix("(?s)").replace("'", "''") + ")'"
)

SEGMENTS_SQL = r"""
CREATE OR REPLACE FUNCTION newsroom_search_segments(
  kicker text, headline text, subheadline jsonb, body jsonb
) RETURNS TABLE (weight text, segment text, ord bigint)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT s.weight, s.segment, s.ord FROM (
    SELECT 'A' AS weight, newsroom_search_normalise(line) AS segment, n AS ord
      FROM unnest(ARRAY[kicker, headline]) WITH ORDINALITY AS u(line, n)
    UNION ALL
    SELECT 'A', newsroom_search_normalise(line #>> ARRAY[]::text[]), 2 + n
      FROM jsonb_array_elements(
        CASE WHEN jsonb_typeof(subheadline) = 'array' THEN subheadline ELSE '[]'::jsonb END
      ) WITH ORDINALITY AS u(line, n)
    UNION ALL
    SELECT 'B', newsroom_search_normalise(CASE WHEN block ->> 'kind' = 'paragraph'
             THEN newsroom_markup_text(block ->> 'text') ELSE block ->> 'text' END), 1000000 + n
      FROM jsonb_array_elements(
        CASE WHEN jsonb_typeof(body) = 'array' THEN body ELSE '[]'::jsonb END
      ) WITH ORDINALITY AS u(block, n)
      WHERE block ->> 'kind' IN ('paragraph', 'subhead')
  ) AS s
  WHERE s.segment <> ''
$$;
"""

TEXT_SQL = r"""
CREATE OR REPLACE FUNCTION newsroom_search_text(
  kicker text, headline text, subheadline jsonb, body jsonb
) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(string_agg(segment, E'\n' ORDER BY ord), '')
    FROM newsroom_search_segments(kicker, headline, subheadline, body)
$$;
"""

BUILD_SQL = r"""
CREATE OR REPLACE FUNCTION newsroom_search_build(
  kicker text, headline text, subheadline jsonb, body jsonb,
  OUT document tsvector, OUT title tsvector, OUT overflow boolean
)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  WITH segments AS (
    SELECT weight, string_to_array(segment, NULL) AS chars,
           sum(length(segment) + 1) OVER (ORDER BY ord) - length(segment) AS start
      FROM newsroom_search_segments(kicker, headline, subheadline, body)
  ), built AS (
    SELECT string_agg(
             '''' || replace(replace(a || coalesce(b, U&'\E000'), '\', '\\'), '''', '''''')
             || ''':' || least(start + i - 1, 16383) || weight, ' ') AS literal,
           max(start + i - 1) AS last
      FROM segments, unnest(chars, chars[2:]) WITH ORDINALITY AS u(a, b, i)
  ), vector AS (
    SELECT coalesce(literal, '')::tsvector AS d, coalesce(last, 0) AS last FROM built
  )
  SELECT d, ts_filter(d, '{a}'),
         last > 16383 OR coalesce((SELECT max(cardinality(positions)) FROM unnest(d)) >= 256, false)
    FROM vector
$$;
"""

TRIGGER_SQL = r"""
CREATE OR REPLACE FUNCTION newsroom_article_search_refresh() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  SELECT b.document, b.title, b.overflow
    INTO NEW.search_document, NEW.search_title, NEW.search_overflow
    FROM newsroom_search_build(NEW.kicker, NEW.headline, NEW.subheadline, NEW.body) AS b;
  RETURN NEW;
END
$$;
DROP TRIGGER IF EXISTS article_search_insert ON articles_article;
CREATE TRIGGER article_search_insert BEFORE INSERT ON articles_article
  FOR EACH ROW EXECUTE FUNCTION newsroom_article_search_refresh();
DROP TRIGGER IF EXISTS article_search_update ON articles_article;
CREATE TRIGGER article_search_update BEFORE UPDATE ON articles_article
  FOR EACH ROW WHEN (
    OLD.kicker IS DISTINCT FROM NEW.kicker OR OLD.headline IS DISTINCT FROM NEW.headline
    OR OLD.subheadline IS DISTINCT FROM NEW.subheadline OR OLD.body IS DISTINCT FROM NEW.body
  ) EXECUTE FUNCTION newsroom_article_search_refresh();
"""

COLUMNS_SQL = """
ALTER TABLE articles_article
  ADD COLUMN IF NOT EXISTS search_document tsvector NOT NULL DEFAULT ''::tsvector,
  ADD COLUMN IF NOT EXISTS search_title tsvector NOT NULL DEFAULT ''::tsvector,
  ADD COLUMN IF NOT EXISTS search_overflow boolean NOT NULL DEFAULT false;
CREATE INDEX IF NOT EXISTS article_search_document_idx
  ON articles_article USING gin (search_document);
CREATE INDEX IF NOT EXISTS article_search_overflow_idx
  ON articles_article (id) WHERE search_overflow;
"""

# Title lines are few bigrams, so this index is small; it finds the title matches that rank first.
# A larger statistics sample lets the planner tell common title bigrams from rare ones.
TITLE_INDEX_SQL = """
CREATE INDEX IF NOT EXISTS article_search_title_idx ON articles_article USING gin (search_title);
ALTER TABLE articles_article ALTER COLUMN search_title SET STATISTICS 1000;
"""

UNINSTALL_SQL = """
DROP TRIGGER IF EXISTS article_search_insert ON articles_article;
DROP TRIGGER IF EXISTS article_search_update ON articles_article;
DROP FUNCTION IF EXISTS newsroom_article_search_refresh();
ALTER TABLE articles_article
  DROP COLUMN IF EXISTS search_document,
  DROP COLUMN IF EXISTS search_title,
  DROP COLUMN IF EXISTS search_overflow;
DROP FUNCTION IF EXISTS newsroom_search_build(text, text, jsonb, jsonb);
DROP FUNCTION IF EXISTS newsroom_search_text(text, text, jsonb, jsonb);
DROP FUNCTION IF EXISTS newsroom_search_segments(text, text, jsonb, jsonb);
DROP FUNCTION IF EXISTS newsroom_search_normalise(text);
DROP FUNCTION IF EXISTS newsroom_markup_text(text);
"""

REFRESH_SQL = """
UPDATE articles_article AS a
   SET (search_document, search_title, search_overflow) = (
     SELECT b.document, b.title, b.overflow
       FROM newsroom_search_build(a.kicker, a.headline, a.subheadline, a.body) AS b)
 WHERE a.id >= %s AND a.id < %s
"""


def install(connection) -> None:
    """Create the functions, columns, indexes and triggers (idempotent), then fill the columns."""
    with connection.cursor() as cursor:
        statements = (NORMALISE_SQL, MARKUP_SQL, SEGMENTS_SQL, TEXT_SQL, BUILD_SQL, COLUMNS_SQL)
        for statement in statements:
            cursor.execute(statement)
        cursor.execute(TITLE_INDEX_SQL)
        cursor.execute(TRIGGER_SQL)
    rebuild(connection)


def install_title_index(connection) -> None:
    """The GIN index on ``search_title`` (``install`` makes it too; this upgrades old installs)."""
    with connection.cursor() as cursor:
        cursor.execute(TITLE_INDEX_SQL)
        cursor.execute("ANALYZE articles_article")


def uninstall_title_index(connection) -> None:
    """Undo ``install_title_index``."""
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX IF EXISTS article_search_title_idx")


def uninstall(connection) -> None:
    """Remove everything ``install`` made."""
    with connection.cursor() as cursor:
        cursor.execute(UNINSTALL_SQL)


def refresh_range(connection, start: int, end: int) -> int:
    """Recompute the search columns of the articles with ids in [start, end)."""
    with connection.cursor() as cursor:
        cursor.execute(REFRESH_SQL, [start, end])
        return cursor.rowcount


def rebuild(connection, progress=None, batch_size=2000) -> int:
    """Recompute every article's search columns in id batches; returns the number of articles."""
    with connection.cursor() as cursor:
        return refresh_in_batches(cursor, REFRESH_SQL, progress=progress, batch_size=batch_size)


def lexeme(token: str) -> str:
    """A tsquery literal for one token, quoted so any character is safe."""
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def term_tsquery(term: str) -> str:
    """Phrase of bigrams for two or more characters, prefix match for one."""
    if len(term) == 1:
        return lexeme(term) + ":*"
    return " <-> ".join(lexeme(term[i : i + 2]) for i in range(len(term) - 1))


def _all_terms(parsed: ParsedQuery) -> str:
    return " & ".join(f"({term_tsquery(term)})" for term in parsed.terms)


def _any_term(parsed: ParsedQuery) -> str:
    return " | ".join(f"({term_tsquery(term)})" for term in parsed.terms)


def _contains_sql(parsed: ParsedQuery) -> str:
    return " AND ".join(
        "strpos(newsroom_search_text({t}.kicker, {t}.headline, {t}.subheadline, {t}.body), %s) > 0"
        for _ in parsed.terms
    )


def match_condition(parsed: ParsedQuery):
    """Rows matching every term: the index for normal rows, ``strpos`` for overflowed ones."""
    return row_condition(
        "(NOT {t}.search_overflow AND {t}.search_document @@ %s::tsquery)"
        f" OR ({{t}}.search_overflow AND {_contains_sql(parsed)})",
        [_all_terms(parsed), *parsed.terms],
    )


def title_condition(parsed: ParsedQuery):
    """Rows with at least one term in their title lines (served by the title GIN index)."""
    return row_condition("{t}.search_title @@ %s::tsquery", [_any_term(parsed)])


def body_only_condition(parsed: ParsedQuery):
    """Rows matching every term, none in the title lines, tested row by row.

    ``ts_match_vq`` is the function behind ``@@``; called by name it is not an indexable operator
    and the planner estimates it as unselective, so with ``ORDER BY published_at DESC LIMIT n``
    it walks the ``published_at`` index and stops early. Used only when matches are known to be
    many (dense), where that walk is short; a GIN bitmap would fetch and recheck every match.
    """
    return row_condition(
        "NOT ts_match_vq({t}.search_title, %s::tsquery) AND CASE WHEN {t}.search_overflow"
        f" THEN {_contains_sql(parsed)} ELSE ts_match_vq({{t}}.search_document, %s::tsquery) END",
        [_any_term(parsed), *parsed.terms, _all_terms(parsed)],
    )


def title_rank(parsed: ParsedQuery):
    """How many terms occur in the title lines (kicker, headline, subheadlines)."""
    parts = " + ".join("({t}.search_title @@ %s::tsquery)::int" for _ in parsed.terms)
    return row_number(parts, [term_tsquery(term) for term in parsed.terms])


def index_size(connection) -> dict:
    """Bytes used by the search columns and their two GIN indexes (for the benchmark)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT coalesce(sum(pg_column_size(search_document) + pg_column_size(search_title)),"
            " 0), pg_relation_size('article_search_document_idx')"
            " + pg_relation_size('article_search_title_idx') FROM articles_article"
        )
        columns, index = cursor.fetchone()
    return {"columns": int(columns), "index": int(index)}


def is_installed(connection) -> bool:
    """Whether the trigger exists (a migration ran)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_trigger WHERE tgname = 'article_search_insert'")
        return cursor.fetchone() is not None
