"""The load_sources command: files and folders in, one transaction, clean errors for bad input."""

import json
import logging
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.models import Article, ArticleMention, Byline, SourceDocument
from newsroom.ops.logs import JsonFormatter
from people.models import Person, Reporter
from tests.factories import SEED_EXPECTED, SEED_PAGE, seed_text, seed_variant, write_page

pytestmark = pytest.mark.django_db


def run(*args, **options):
    """Run the command; return (stdout, stderr)."""
    out, err = StringIO(), StringIO()
    call_command("load_sources", *map(str, args), stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def database_rows():
    models = [Article, SourceDocument, Byline, ArticleMention, Reporter, Person]
    return {model.__name__: model.objects.count() for model in models}


def normalised(document: dict) -> dict:
    """A report document without its checksum, place lists in a stable order."""
    document = {key: value for key, value in document.items() if key != "sha256"}
    articles = []
    for article in document["articles"]:
        article = dict(article)
        article["districts"] = sorted(article["districts"])
        article["subdistricts"] = sorted(article["subdistricts"])
        articles.append(article)
    document["articles"] = articles
    return document


def test_default_folder_loads_the_seed_page():
    out, err = run()

    assert "新建 3" in out
    assert "000_cfa3f902709d73c1.txt：3 篇" in err
    assert Article.objects.count() == 3


def test_seed_page_json_report_matches_the_expected_parse_field_for_field():
    out, err = run(SEED_PAGE, format="json", dry_run=True)

    report = json.loads(out)
    expected = json.loads(SEED_EXPECTED.read_text(encoding="utf-8"))
    (document,) = report["documents"]
    assert normalised(document) == normalised(expected)
    assert "新建 3" in err


def test_json_format_keeps_stdout_for_the_report_only():
    out, err = run(SEED_PAGE, format="json", verbosity=2)

    assert list(json.loads(out)) == ["documents"]
    assert "新建 #0" in err
    assert Article.objects.count() == 3


def test_second_run_creates_and_updates_nothing():
    run(SEED_PAGE)
    before = database_rows()

    out, _ = run(SEED_PAGE)

    assert "新建 0，更新 0，未变 3，跳过 0" in out
    assert database_rows() == before


def test_verbosity_two_lists_each_article():
    _, err = run(SEED_PAGE, verbosity=2)

    assert "新建 #0 下到社区里 下沉心练功夫" in err
    assert "新建 #2 财政力度尽显惠民温度" in err


def test_corrected_file_updates_in_place_and_names_the_skipped_edited_article(tmp_path):
    path = write_page(tmp_path, "A5.txt", seed_text())
    run(path)
    Article.objects.filter(source_position=2).update(headline="编辑改过")
    write_page(
        tmp_path,
        "A5.txt",
        seed_variant(
            {
                "周末的上午": "上周六上午",
                "常常听到生活": "时常听到生活",
            }
        ),
    )

    out, err = run(path)

    assert "新建 0，更新 1，未变 1，跳过 1" in out
    assert "跳过 #2 财政力度尽显惠民温度（编辑已修改）" in err
    assert Article.objects.get(source_position=0).body[0]["text"].startswith("上周六上午")


def test_a_bad_file_in_the_run_writes_nothing_from_the_good_one(tmp_path):
    write_page(tmp_path, "a.txt", seed_text())
    write_page(tmp_path, "b.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    before = database_rows()

    with pytest.raises(CommandError, match=r"b\.txt"):
        run(tmp_path)

    assert database_rows() == before


def test_dry_run_writes_nothing():
    before = database_rows()

    out, _ = run(SEED_PAGE, dry_run=True)

    assert "试运行" in out
    assert "新建 3" in out
    assert database_rows() == before


def test_date_and_page_options_set_print_date_page_and_publish_time():
    run(SEED_PAGE, date="2022-11-21", page="a5")

    article = Article.objects.get(source_position=0)
    assert (str(article.print_date), article.print_page) == ("2022-11-21", "A5")
    assert article.published_at.isoformat() == "2022-11-20T22:00:00+00:00"
    assert SourceDocument.objects.get().page == "A5"


def test_sidecar_meta_file_gives_date_and_page(tmp_path):
    path = write_page(tmp_path, "page.txt", seed_text())
    write_page(tmp_path, "page.txt.meta.json", '{"date": "2022-11-21", "page": "A5"}')

    _, err = run(tmp_path)

    assert "见报日期 2022-11-21，版次 A5" in err
    assert Article.objects.filter(print_page="A5").count() == 3
    assert path.exists()


def test_unknown_date_and_page_are_shown_as_unknown():
    _, err = run(SEED_PAGE)

    assert "见报日期 未知，版次 未知" in err


def test_bad_sidecar_meta_is_refused_naming_it(tmp_path):
    write_page(tmp_path, "page.txt", seed_text())
    write_page(tmp_path, "page.meta.json", '{"date": "21/11/2022"}')

    with pytest.raises(CommandError, match=r"page\.meta\.json"):
        run(tmp_path)


def test_a_malformed_date_option_is_a_command_error():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run(SEED_PAGE, "--date", "2022/11/21")


def test_new_articles_wait_for_proofreading_by_default():
    run(SEED_PAGE)

    assert set(Article.objects.values_list("status", flat=True)) == {"proofreading"}
    assert Article.objects.awaiting_proofreading().count() == 3


def test_published_status_publishes_at_once_for_a_back_catalogue():
    run(SEED_PAGE, "--status", "published")

    assert Article.objects.published().count() == 3


def test_an_unknown_status_is_refused_naming_the_choices():
    with pytest.raises(CommandError, match="proofreading"):
        run(SEED_PAGE, "--status", "review")


def test_draft_status_creates_drafts():
    run(SEED_PAGE, status="draft")

    assert set(Article.objects.values_list("status", flat=True)) == {"draft"}


def test_bom_and_crlf_are_accepted(tmp_path):
    data = b"\xef\xbb\xbf" + seed_text().replace("\n", "\r\n").encode("utf-8")
    write_page(tmp_path, "windows.txt", data)

    out, _ = run(tmp_path / "windows.txt")

    assert "新建 3" in out
    assert Article.objects.get(source_position=0).headline == "下到社区里 下沉心练功夫"


BAD_INPUTS = {
    "empty.txt": (b"", None),
    "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "字节偏移 0"),
    "nul.txt": ("标题\n\n正文第一段。\n".encode() + b"\x00\x01", "第 4 行"),
    "gbk.txt": (seed_text().encode("gbk"), "字节偏移"),
    "truncated.txt": ("标题\n\n正文第一段，写到一半".encode()[:-1], "字节偏移"),
    "huge-line.txt": (("很长" * 20_000).encode(), "第 1 行"),
    "no-article.txt": ("。。。。\n\n，，，，\n".encode(), "第 1 行"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_is_refused_naming_the_file_and_where(tmp_path, name):
    data, where = BAD_INPUTS[name]
    path = write_page(tmp_path, name, data)
    run(SEED_PAGE)
    before = database_rows()

    with pytest.raises(CommandError) as raised:
        run(SEED_PAGE, path)

    message = str(raised.value)
    assert str(path) in message
    assert where is None or where in message
    assert "没有写入任何内容" in message
    assert database_rows() == before


def test_missing_path_is_refused(tmp_path):
    with pytest.raises(CommandError, match=r"nowhere\.txt：文件或文件夹不存在"):
        run(tmp_path / "nowhere.txt")


def test_folder_skips_expected_and_meta_json_files(tmp_path):
    write_page(tmp_path, "page.txt", seed_text())
    write_page(tmp_path, "page.expected.json", "{}")

    out, _ = run(tmp_path)

    assert "文件 1 个" in out


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    content=st.one_of(
        st.binary(max_size=400),
        st.text(
            alphabet="上海虹口区街道记者本报袁玮通讯员第一辑，。“”：——·\n \t0123A", max_size=400
        ),
        st.text(max_size=200),
    )
)
def test_random_input_loads_or_is_refused_cleanly(tmp_path, content):
    path = write_page(tmp_path, "random.txt", content)
    try:
        run(path)
    except CommandError as error:
        assert "random.txt" in str(error)
        assert "解析器内部错误" not in str(error)


def test_a_malformed_page_option_is_a_command_error():
    with pytest.raises(CommandError, match="A5"):
        run(SEED_PAGE, page="第五版")


def test_command_line_date_wins_over_the_sidecar(tmp_path):
    write_page(tmp_path, "page.txt", seed_text())
    write_page(tmp_path, "page.txt.meta.json", '{"date": "2022-11-21", "page": "A5"}')

    run(tmp_path, date="2022-11-22")

    assert str(SourceDocument.objects.get().edition_date) == "2022-11-22"
    assert SourceDocument.objects.get().page == "A5"


@pytest.fixture
def loader_json_log():
    """The loader's log records as production writes them (LOG_FORMAT=json), parsed back."""
    stream = StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("newsroom.loader")
    logger.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    logger.removeHandler(handler)


def test_each_run_logs_one_json_record_with_counts_and_duration(loader_json_log):
    run(SEED_PAGE)
    run(SEED_PAGE)
    run(SEED_PAGE, dry_run=True)
    first, second, dry = loader_json_log()
    articles = Article.objects.count()
    assert first["logger"] == "newsroom.loader"
    assert first["level"] == "INFO"
    assert (first["outcome"], first["files"], first["dry_run"]) == ("ok", 1, False)
    assert (first["articles_created"], first["articles_updated"]) == (articles, 0)
    assert first["articles_skipped"] == 0
    assert isinstance(first["duration_ms"], float) and first["duration_ms"] > 0
    assert f"{articles} created" in first["message"]
    assert (second["articles_created"], second["articles_unchanged"]) == (0, articles)
    assert dry["dry_run"] is True


def test_a_failed_save_logs_one_error_record_naming_the_file(loader_json_log, monkeypatch):
    def fail(*args, **kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr("articles.loading.apply_plan", fail)
    with pytest.raises(CommandError, match="disk full"):
        run(SEED_PAGE)
    (record,) = loader_json_log()
    assert (record["level"], record["outcome"], record["files"]) == ("ERROR", "failed", 1)
    assert record["path"] == str(SEED_PAGE)
    assert record["error"] == "disk full"


def test_parse_warnings_are_printed_in_chinese_with_file_and_line():
    out, err = run(SEED_PAGE)

    assert f"{SEED_PAGE}:41：警告：第 2 篇：没有找到署名，请核对作者" in err
    assert "解析警告 1 条" in out
    assert SourceDocument.objects.get().parse_warnings[0]["line"] == 41


def test_a_dry_run_prints_the_warnings_and_writes_nothing():
    before = database_rows()

    out, err = run(SEED_PAGE, dry_run=True)

    assert "警告：第 2 篇：没有找到署名" in err
    assert "试运行，未写入" in out and "解析警告 1 条" in out
    assert database_rows() == before
