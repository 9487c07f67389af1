"""Re-index articles in id ranges, so a rebuild never holds one huge statement."""


def refresh_in_batches(cursor, sql: str, *, progress=None, batch_size: int = 2000) -> int:
    """Run `sql` (taking a [start, end) id range) over all articles; return how many there are."""
    cursor.execute("SELECT count(*), min(id), max(id) FROM articles_article")
    total, low, high = cursor.fetchone()
    done = 0
    if total:
        for start in range(low, high + 1, batch_size):
            cursor.execute(sql, [start, start + batch_size])
            done += cursor.rowcount
            if progress:
                progress(done, total)
    return total
