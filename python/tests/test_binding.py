"""The Python binding of the engine (llmtwin._core through llmtwin): real crawls of captured pages
served by the local HTTPS fixture server, stored in a temporary SQLite warehouse."""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
import time
from pathlib import Path

import pytest

import llmtwin

PYTHONSPEED = "https://pythonspeed.com/articles/pipenv-docker/"
CRDTS = "https://josephg.com/blog/crdts-are-the-future"
MISSING = "https://faults.test/status?code=404"
AUTHOR = "Ada King Lovelace"


def test_crawl_stores_articles_and_reports_the_books_metadata_as_plain_dicts(fixture_server, sqlite_uri):
    report = llmtwin.crawl([PYTHONSPEED, CRDTS], author=AUTHOR, warehouse=sqlite_uri,
                           crawl=fixture_server.crawl_options())

    assert report["status"] == "succeeded"
    assert report["crawl"]["metadata"] == {
        "pythonspeed.com": {"successful": 1, "total": 1},
        "josephg.com": {"successful": 1, "total": 1},
    }
    assert report["crawl"]["llmtwin_metadata"]["josephg.com"]["stored"] == 1
    assert report["user"]["metadata"]["retrieved"]["first_name"] == "Ada King"
    assert report["user"]["metadata"]["retrieved"]["last_name"] == "Lovelace"
    assert json.loads(json.dumps(report)) == report  # nothing but plain values

    articles = llmtwin.find_documents("articles", warehouse=sqlite_uri, author=AUTHOR)
    assert sorted(a["link"] for a in articles) == sorted([PYTHONSPEED, CRDTS])
    for article in articles:
        assert isinstance(article, dict)
        assert article["author_id"] == report["user"]["user"]["_id"]
        assert article["author_full_name"] == AUTHOR
        assert all(isinstance(value, str) for value in article["content"].values() if value is not None)
        assert len(article["content"]["Content"]) > 1000


def test_second_run_stores_nothing_twice(fixture_server, sqlite_uri):
    options = fixture_server.crawl_options()
    llmtwin.crawl([PYTHONSPEED, CRDTS], author=AUTHOR, warehouse=sqlite_uri, crawl=options)
    again = llmtwin.crawl([PYTHONSPEED, CRDTS], author=AUTHOR, warehouse=sqlite_uri, crawl=options)

    assert {d: c["unchanged"] for d, c in again["crawl"]["llmtwin_metadata"].items()} == {
        "pythonspeed.com": 1, "josephg.com": 1}
    assert llmtwin.open_warehouse(sqlite_uri).count_documents("articles") == 2
    assert llmtwin.open_warehouse(sqlite_uri).count_documents("users") == 1


def test_find_documents_filters_by_author_platform_link_and_limit(fixture_server, sqlite_uri):
    llmtwin.crawl([PYTHONSPEED, CRDTS], author=AUTHOR, warehouse=sqlite_uri, crawl=fixture_server.crawl_options())
    warehouse = llmtwin.Warehouse(sqlite_uri)

    by_link = warehouse.find_documents("ArticleDocument", link=CRDTS + "?utm_source=newsletter")
    assert [a["link"] for a in by_link] == [CRDTS]  # matched after normalization
    platform = by_link[0]["platform"]
    assert [a["link"] for a in warehouse.find_documents("articles", platform=platform)] == [CRDTS]
    assert len(warehouse.find_documents("articles", limit=1)) == 1
    assert warehouse.find_documents("articles", author="Someone Else") == []
    users = warehouse.find_documents("users", author=AUTHOR)
    assert [(u["first_name"], u["last_name"]) for u in users] == [("Ada King", "Lovelace")]


def test_get_or_create_user_creates_once_then_finds_the_same_user(sqlite_uri):
    first = llmtwin.get_or_create_user("Paul  Iusztin", warehouse=sqlite_uri)
    second = llmtwin.get_or_create_user("Paul Iusztin", warehouse=sqlite_uri)

    assert first["created"] is True and second["created"] is False
    assert first["user"]["_id"] == second["user"]["_id"]
    assert second["metadata"] == {
        "query": {"user_full_name": "Paul Iusztin"},
        "retrieved": {"user_id": first["user"]["_id"], "first_name": "Paul", "last_name": "Iusztin"},
    }


def test_crawl_links_step_keeps_a_run_record_with_every_links_outcome(fixture_server, sqlite_uri):
    user = llmtwin.get_or_create_user(AUTHOR, warehouse=sqlite_uri)["user"]
    result = llmtwin.crawl_links(user, [PYTHONSPEED, MISSING, PYTHONSPEED + "?utm_source=x"], warehouse=sqlite_uri,
                                 crawl=fixture_server.crawl_options(), run_id="run-under-test",
                                 run_extra={"orchestrator": "pytest"})

    assert result["run_id"] == "run-under-test"
    assert result["status"] == "partial"
    assert result["metadata"]["pythonspeed.com"] == {"successful": 1, "total": 2}  # a duplicate is no success
    assert result["llmtwin_metadata"]["pythonspeed.com"]["skipped_duplicate"] == 1
    assert result["llmtwin_metadata"]["faults.test"]["failed"] == 1

    run = llmtwin.get_run("run-under-test", warehouse=sqlite_uri)
    assert run["status"] == "partial"
    assert run["orchestrator"] == "pytest"
    assert [step["name"] for step in run["steps"]] == ["crawl_links"]
    outcomes = {record["link"]: record for record in run["links"]}
    assert outcomes[PYTHONSPEED]["outcome"] == "stored"
    assert outcomes[MISSING]["outcome"] == "failed"
    assert outcomes[MISSING]["error_category"] == "not-found"


def test_failed_links_are_outcomes_not_exceptions(fixture_server, sqlite_uri):
    report = llmtwin.crawl(MISSING, author=AUTHOR, warehouse=sqlite_uri, crawl=fixture_server.crawl_options())

    assert report["status"] == "failed"
    [record] = report["crawl"]["links"]
    assert record["outcome"] == "failed" and record["error_category"] == "not-found"


def test_crawl_links_refuses_a_user_missing_from_the_warehouse(sqlite_uri):
    stranger = {"_id": "8b0c5d63-5f7e-4d2a-9a51-3c1e9f0b7a11", "first_name": "No", "last_name": "Body"}
    with pytest.raises(llmtwin.NotFoundError) as raised:
        llmtwin.crawl_links(stranger, [PYTHONSPEED], warehouse=sqlite_uri)
    assert raised.value.kind == "not-found"
    assert "get_or_create_user" in str(raised.value)


def test_invalid_config_raises_config_error_naming_file_line_and_key(tmp_path: Path):
    config = tmp_path / "bad.yaml"
    config.write_text("parameters:\n  user_full_name: Ada\n  links:\n    - ftp://example.com/x\n")
    with pytest.raises(llmtwin.ConfigError) as raised:
        llmtwin.run_etl(config, warehouse=f"sqlite:{tmp_path / 'twin.sqlite'}")

    assert isinstance(raised.value, llmtwin.Error)
    assert raised.value.kind == "config"
    assert "bad.yaml:4" in str(raised.value) and "parameters.links[0]" in str(raised.value)


def test_unreachable_warehouse_raises_warehouse_error():
    with pytest.raises(llmtwin.WarehouseError) as raised:
        llmtwin.Warehouse("mongodb://127.0.0.1:9/twin")  # nothing listens on port 9
    assert raised.value.kind == "warehouse"


def test_usage_errors_name_the_bad_argument(sqlite_uri):
    with pytest.raises(llmtwin.UsageError, match="no_such_option"):
        llmtwin.crawl_options({"no_such_option": 1})
    with pytest.raises(llmtwin.UsageError, match="min_delay_ms"):
        llmtwin.crawl_options({"min_delay_ms": "soon"})
    with pytest.raises(llmtwin.UsageError, match="comments"):
        llmtwin.find_documents("comments", warehouse=sqlite_uri)
    with pytest.raises(llmtwin.UsageError):
        llmtwin.Warehouse("ftp://example.com/twin")


def test_run_etl_from_a_config_file_uses_its_crawl_block_and_records_its_path(fixture_server, tmp_path: Path):
    options = fixture_server.crawl_options()
    config = tmp_path / "etl.yaml"
    config.write_text(
        "settings:\n  docker:\n    skip_build: True\n"
        "parameters:\n"
        f"  user_full_name: {AUTHOR}\n"
        f"  links:\n    - {PYTHONSPEED}\n"
        f"warehouse: sqlite:{tmp_path / 'from-config.sqlite'}\n"
        "crawl:\n"
        + "".join(f"  {key}: {json.dumps(value)}\n" for key, value in options.items())
    )
    report = llmtwin.run_etl(config)

    assert report["status"] == "succeeded"
    assert report["warehouse"].endswith("from-config.sqlite")
    run = llmtwin.get_run(report["run_id"], warehouse=f"sqlite:{tmp_path / 'from-config.sqlite'}")
    assert run["config_path"] == str(config)
    assert [step["name"] for step in run["steps"]] == ["get_or_create_user", "crawl_links"]


def test_on_link_is_called_with_every_link_record(fixture_server, sqlite_uri):
    seen = []
    llmtwin.crawl([PYTHONSPEED, MISSING], author=AUTHOR, warehouse=sqlite_uri, crawl=fixture_server.crawl_options(),
                  on_link=seen.append)
    assert sorted((r["link"], r["outcome"]) for r in seen) == sorted([(PYTHONSPEED, "stored"), (MISSING, "failed")])


def test_a_failing_on_link_callback_is_reported_as_unraisable_and_does_not_abort_the_crawl(
        fixture_server, sqlite_uri, monkeypatch):
    def explode(record):
        raise ValueError("callback bug")

    reported = []
    monkeypatch.setattr(sys, "unraisablehook", reported.append)
    report = llmtwin.crawl([PYTHONSPEED, CRDTS], author=AUTHOR, warehouse=sqlite_uri,
                           crawl=fixture_server.crawl_options(), on_link=explode)

    assert report["status"] == "succeeded"
    assert [str(r.exc_value) for r in reported] == ["callback bug", "callback bug"]


def test_a_crawl_releases_the_gil_so_other_threads_run(fixture_server, sqlite_uri):
    # The server holds this response for 1.5 s; a thread that needs the GIL keeps counting meanwhile.
    slow = "https://faults.test/stall?ms=1500"
    ticks = 0
    done = threading.Event()

    def count():
        nonlocal ticks
        while not done.is_set():
            ticks += 1
            time.sleep(0.01)

    counter = threading.Thread(target=count)
    counter.start()
    started = time.monotonic()
    try:
        llmtwin.crawl(slow, author=AUTHOR, warehouse=sqlite_uri, crawl=fixture_server.crawl_options())
    finally:
        ticks_during_crawl = ticks
        done.set()
        counter.join()
    assert time.monotonic() - started >= 1.4
    assert ticks_during_crawl >= 50  # ~140 if the thread ran freely; 0-1 if the crawl held the GIL


def test_ctrl_c_during_a_crawl_cancels_it_records_the_run_and_raises_interrupted_error(fixture_server, sqlite_uri):
    # The server would hold this response for 20 s; Ctrl-C after 0.5 s must end the crawl at once.
    stalled = "https://faults.test/stall?ms=20000"
    # Python's own handler, whatever the environment gave the process (a job started in the
    # background by a non-interactive shell begins with SIGINT ignored).
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    timer = threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGINT))
    started = time.monotonic()
    timer.start()
    try:
        with pytest.raises(llmtwin.InterruptedError) as raised:
            llmtwin.crawl(stalled, author=AUTHOR, warehouse=sqlite_uri, crawl=fixture_server.crawl_options())
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # the caller's handler is back
    finally:
        timer.cancel()
        signal.signal(signal.SIGINT, previous)
    assert time.monotonic() - started < 10
    assert raised.value.kind == "interrupted"
    [run] = llmtwin.list_runs(warehouse=sqlite_uri)
    assert run["status"] == "interrupted"


def test_warehouse_object_is_reused_across_calls(fixture_server, sqlite_uri):
    warehouse = llmtwin.open_warehouse(sqlite_uri)
    report = llmtwin.crawl(PYTHONSPEED, author=AUTHOR, warehouse=warehouse, crawl=fixture_server.crawl_options())
    assert warehouse.describe() in repr(warehouse)
    assert [r["_id"] for r in warehouse.list_runs()] == [report["run_id"]]
    assert warehouse.get_run("no-such-run") is None


def fnv1a64(text: str) -> int:
    """The documented rule, restated: 64-bit FNV-1a over the host's bytes."""
    value = 0xCBF29CE484222325
    for byte in text.encode():
        value = ((value ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return value


def test_shard_of_is_fnv1a_of_the_host_modulo_the_shard_count():
    for link in [PYTHONSPEED, "https://Medium.com/@a/b", "http://x.substack.com:8080/p/y", MISSING]:
        host = link.split("/")[2].split(":")[0].lower()
        for shards in (1, 2, 3, 7, 64):
            assert llmtwin.shard_of(link, shards) == fnv1a64(host) % shards, (link, shards)
    with pytest.raises(llmtwin.UsageError):
        llmtwin.shard_of(PYTHONSPEED, 0)


def test_crawl_links_with_a_shard_crawls_only_that_shards_hosts(fixture_server, sqlite_uri):
    links = [PYTHONSPEED, "https://josephg.com/blog/crdts-are-the-future", "https://bench.test/page/4?kb=20"]
    user = llmtwin.get_or_create_user(AUTHOR, warehouse=sqlite_uri)["user"]
    crawled = []
    for index in range(3):
        result = llmtwin.crawl_links(user, links, warehouse=sqlite_uri, crawl=fixture_server.crawl_options(),
                                     shard=(index, 3), run_id=f"shard-{index}")
        mine = [link for link in links if llmtwin.shard_of(link, 3) == index]
        assert result["crawled_links"] == mine
        assert sum(c["total"] for c in result["metadata"].values()) == len(mine)
        assert llmtwin.get_run(f"shard-{index}", warehouse=sqlite_uri)["shard"] == {"index": index, "count": 3}
        crawled += mine
    assert sorted(crawled) == sorted(links)
    assert llmtwin.open_warehouse(sqlite_uri).count_documents("articles") == 3
    with pytest.raises(llmtwin.UsageError):
        llmtwin.crawl_links(user, links, warehouse=sqlite_uri, shard="3/3")
