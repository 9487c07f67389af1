"""bench/http_bench.py reads wrk's output and turns it into shares of the floor correctly."""

import pytest

from bench.http_bench import (
    Measurement,
    Page,
    WrkResult,
    format_table,
    interleave,
    parse_time_ms,
    parse_wrk,
    share_of_floor,
)

WRK_OUTPUT = """\
Running 15s test @ http://127.0.0.1:41234/2026/11/20/271/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    73.22ms   20.11ms   1.20s    81.00%
    Req/Sec    54.31     12.02    90.00     70.00%
  Latency Distribution
     50%   70.05ms
     75%   80.10ms
     90%   95.00ms
     99%    1.02s
  1628 requests in 15.02s, 19.80MB read
  Socket errors: connect 0, read 2, write 0, timeout 3
  Non-2xx or 3xx responses: 7
Requests/sec:    108.39
Transfer/sec:      1.32MB
"""

FLOOR_OUTPUT = """\
Running 5s test @ http://127.0.0.1:41234/healthz
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     3.05ms    1.20ms  20.00ms   80.00%
    Req/Sec     1.30k   100.00     1.50k    70.00%
  Latency Distribution
     50%  812.00us
     75%    3.50ms
     90%    4.20ms
     99%    7.00ms
  13000 requests in 5.00s, 2.00MB read
Requests/sec:   2600.50
Transfer/sec:    400.00KB
"""


def test_parse_wrk_reads_rate_percentiles_and_errors():
    result = parse_wrk(WRK_OUTPUT)
    assert result.requests_per_second == pytest.approx(108.39)
    assert result.p50_ms == pytest.approx(70.05)
    assert result.p99_ms == pytest.approx(1020.0)
    assert result.requests == 1628
    assert result.error_responses == 7
    assert result.socket_errors == 5
    assert result.statuses is None


def test_parse_wrk_without_error_lines_counts_none_and_reads_microseconds():
    result = parse_wrk(FLOOR_OUTPUT)
    assert result.requests_per_second == pytest.approx(2600.5)
    assert result.p50_ms == pytest.approx(0.812)
    assert (result.error_responses, result.socket_errors) == (0, 0)


def test_parse_wrk_reads_the_lua_scripts_status_counts():
    result = parse_wrk(FLOOR_OUTPUT + "Statuses: 200=3 304=12997\n")
    assert result.statuses == {200: 3, 304: 12997}
    # A revalidation run expects 304s: the three 200s are bad answers though wrk counts none.
    assert result.bad_responses(304) == 3
    assert result.bad_responses(None) == 0


def test_parse_wrk_refuses_output_without_a_rate():
    with pytest.raises(ValueError, match="Requests/sec"):
        parse_wrk("unable to connect to 127.0.0.1:1 Connection refused\n")


@pytest.mark.parametrize(
    ("text", "ms"), [("512.00us", 0.512), ("3.05ms", 3.05), ("1.20s", 1200.0), ("1.00m", 60000.0)]
)
def test_parse_time_ms_converts_every_wrk_unit(text, ms):
    assert parse_time_ms(text) == pytest.approx(ms)


def test_share_of_floor_uses_the_mean_of_the_floor_runs_beside_the_page():
    assert share_of_floor(130, [900, 1100]) == pytest.approx(13.0)
    with pytest.raises(ValueError):
        share_of_floor(130, [])


def test_interleave_puts_the_floor_before_between_and_after_pages():
    first, second = Page("a", "/a/", 6), Page("b", "/b/", 6)
    assert interleave([first, second]) == [None, first, None, second, None]


def result(rps: float, **extra) -> WrkResult:
    return WrkResult(requests_per_second=rps, p50_ms=10.0, p99_ms=40.0, requests=100, **extra)


def test_format_table_marks_each_target_met_or_missed_and_counts_bad_answers():
    article = Page("article", "/2026/11/20/271/", 13)
    revalidated = Page("article, 304", "/2026/11/20/271/", None, 50, conditional=True)
    rows = [
        (article, Measurement(result(120.0), [1000, 1000]), Measurement(result(700), [1000])),
        (
            revalidated,
            Measurement(result(50.0), [1000]),
            Measurement(result(400.0, statuses={304: 98, 200: 2}), [1000]),
        ),
    ]
    table = format_table(rows, {"off": [950.0, 1050.0], "on": [1000.0]}).splitlines()
    assert table[2].startswith("| floor `/healthz` | 950–1,050 |")
    article_row, revalidated_row = table[3], table[4]
    assert "12.0 % (≥ 13 %: **missed**)" in article_row
    assert "70.0 % (≥ 60 %: met)" in article_row
    # No uncached target for 304s; the cached one is missed; two answers were not 304.
    assert "| 5.0 % |" in revalidated_row
    assert "40.0 % (≥ 50 %: **missed**)" in revalidated_row
    assert revalidated_row.endswith("| 0+0s / 2+0s |")
    assert all(line.count("|") == table[0].count("|") for line in table)
