"""The ZenML pipeline digital_data_etl on the real engine: a private local ZenML store, the HTTPS
fixture server for the web, FerretDB (or SQLite) for the warehouse. Runs are read back through the
ZenML client (steps, artifacts, metadata) and documents through pymongo."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

import llmtwin

PYTHONSPEED = "https://pythonspeed.com/articles/pipenv-docker/"
CRDTS = "https://josephg.com/blog/crdts-are-the-future"
LINKS = [PYTHONSPEED, CRDTS]
AUTHOR = "Joseph Gentle"

# The book's configs carry ZenML settings for its AWS stack; a local run must not trip on them.
BOOK_SETTINGS = """settings:
  docker:
    parent_image: 992382797823.dkr.ecr.eu-central-1.amazonaws.com/zenml-rlwlcs:latest
    skip_build: True
  orchestrator.sagemaker:
    synchronous: false
"""


def write_config(path: Path, crawl_options: dict, links: list[str]) -> Path:
    path.write_text(
        BOOK_SETTINGS
        + "parameters:\n"
        + f"  user_full_name: {AUTHOR}\n"
        + "  links:\n"
        + "".join(f"    - {link}\n" for link in links)
        + "crawl:\n"
        + "".join(f"  {key}: {json.dumps(value)}\n" for key, value in crawl_options.items())
    )
    return path


def run_module(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "llmtwin.zenml", *args], cwd=cwd, env=dict(os.environ),
                          capture_output=True, text=True, timeout=600)


def test_python_m_llmtwin_zenml_runs_a_book_config_into_ferretdb_with_the_books_metadata(
        zenml_repository, fixture_server, mongo_database, tmp_path):
    import pymongo
    from zenml.client import Client

    uri, database = mongo_database
    config = write_config(tmp_path / "digital_data_etl_test.yaml", fixture_server.crawl_options(), LINKS)
    run_name = f"digital_data_etl_{uuid.uuid4().hex[:8]}"

    finished = run_module("--config", str(config), "--warehouse", uri, "--run-name", run_name, cwd=zenml_repository)
    assert finished.returncode == 0, finished.stdout + finished.stderr

    run = Client().get_pipeline_run(run_name)
    assert run.status.value == "completed"
    assert run.pipeline.name == "digital_data_etl"

    user_artifact = run.steps["get_or_create_user"].outputs["user"][0]
    user = user_artifact.load()
    assert (user.first_name, user.last_name) == ("Joseph", "Gentle")
    assert user_artifact.run_metadata["query"] == {"user_full_name": AUTHOR}
    assert user_artifact.run_metadata["retrieved"] == {"user_id": user.id, "first_name": "Joseph",
                                                       "last_name": "Gentle"}

    crawl_step = run.steps["crawl_links"]
    crawled = crawl_step.outputs["crawled_links"][0]
    assert crawled.load() == LINKS
    assert crawled.run_metadata["pythonspeed.com"] == {"successful": 1, "total": 1}
    assert crawled.run_metadata["josephg.com"] == {"successful": 1, "total": 1}
    ours = crawl_step.run_metadata["llmtwin"]
    assert ours["run_id"] == str(run.id)
    assert ours["status"] == "succeeded" and ours["failed"] == 0
    assert {d: c["stored"] for d, c in ours["per_domain"].items()} == {"pythonspeed.com": 1, "josephg.com": 1}

    with pymongo.MongoClient(uri, serverSelectionTimeoutMS=5000) as client:
        db = client[database]
        assert [u["_id"] for u in db.users.find()] == [user.id]
        articles = list(db.articles.find({"author_id": user.id}))
        assert sorted(a["link"] for a in articles) == sorted(LINKS)
        for article in articles:
            assert article["author_full_name"] == AUTHOR
            assert isinstance(article["content"]["Title"], str) and article["content"]["Title"]
            assert len(article["content"]["Content"]) > 1000
            assert article["run_id"] == str(run.id)
        record = db.pipeline_runs.find_one({"_id": str(run.id)})
        assert record["status"] == "succeeded"
        assert record["orchestrator"] == "zenml" and record["zenml_run_name"] == run_name
        assert db.pipeline_run_links.count_documents({"run_id": str(run.id)}) == 2


def test_a_second_pipeline_run_crawls_again_and_stores_nothing_twice(zenml_repository, fixture_server, warehouse_uri):
    from zenml.client import Client

    from llmtwin.zenml import digital_data_etl

    parameters = dict(user_full_name=AUTHOR, links=LINKS, warehouse=warehouse_uri,
                      crawl=fixture_server.crawl_options())
    digital_data_etl.with_options(run_name=f"first_{uuid.uuid4().hex[:8]}")(**parameters)
    second = digital_data_etl.with_options(run_name=f"second_{uuid.uuid4().hex[:8]}")(**parameters)

    crawl_step = Client().get_pipeline_run(second.id).steps["crawl_links"]
    assert crawl_step.status.value == "completed"  # ran again: no cache for the web by default
    per_domain = crawl_step.run_metadata["llmtwin"]["per_domain"]
    assert {d: (c["stored"], c["unchanged"]) for d, c in per_domain.items()} == {
        "pythonspeed.com": (0, 1), "josephg.com": (0, 1)}
    assert crawl_step.outputs["crawled_links"][0].run_metadata["josephg.com"] == {"successful": 1, "total": 1}
    assert llmtwin.open_warehouse(warehouse_uri).count_documents("articles") == 2


def test_an_invalid_config_exits_2_naming_the_problem(zenml_repository, tmp_path):
    config = tmp_path / "broken.yaml"
    config.write_text("parameters:\n  user_full_name: Joseph Gentle\n  links:\n    - not a url\n")

    finished = run_module("--config", str(config), cwd=zenml_repository)

    assert finished.returncode == 2, finished.stdout + finished.stderr
    assert "broken.yaml:4" in finished.stderr and "parameters.links[0]" in finished.stderr


def test_settings_are_dropped_on_the_local_orchestrator_and_filtered_by_flavor_on_another(zenml_repository):
    from zenml.client import Client
    from zenml.enums import StackComponentType

    from llmtwin.zenml.__main__ import settings_for_active_stack

    book = {"docker": {"skip_build": True}, "orchestrator.sagemaker": {"synchronous": False},
            "orchestrator.local_docker": {"run_args": {"cpu_count": 2}}}
    assert settings_for_active_stack(book) == {}

    client = Client()
    suffix = uuid.uuid4().hex[:8]
    client.create_stack_component(name=f"docker_{suffix}", flavor="local_docker",
                                  component_type=StackComponentType.ORCHESTRATOR, configuration={})
    artifact_store = client.active_stack_model.components[StackComponentType.ARTIFACT_STORE][0].name
    client.create_stack(name=f"containers_{suffix}", components={
        StackComponentType.ORCHESTRATOR: f"docker_{suffix}", StackComponentType.ARTIFACT_STORE: artifact_store})
    previous = client.active_stack_model.name
    client.activate_stack(f"containers_{suffix}")
    try:
        assert settings_for_active_stack(book) == {
            "docker": {"skip_build": True}, "orchestrator.local_docker": {"run_args": {"cpu_count": 2}}}
    finally:
        client.activate_stack(previous)


def test_three_shards_run_crawl_links_0_to_2_storing_what_one_step_stores_with_metadata_adding_up(
        zenml_repository, fixture_server, mongo_database):
    from zenml.client import Client

    from llmtwin.zenml import digital_data_etl

    uri, _ = mongo_database
    links = LINKS + ["https://bench.test/page/5?kb=20", CRDTS + "?utm_source=x", "https://faults.test/status?code=404"]
    assert sorted({llmtwin.shard_of(link, 3) for link in links}) == [0, 1, 2]
    base = dict(user_full_name=AUTHOR, links=links, crawl=fixture_server.crawl_options())
    whole_uri = uri + "_whole"
    try:
        whole = digital_data_etl.with_options(run_name=f"whole_{uuid.uuid4().hex[:8]}")(**base, warehouse=whole_uri)
        sharded = digital_data_etl.with_options(run_name=f"sharded_{uuid.uuid4().hex[:8]}")(
            **base, warehouse=uri, shards=3)
        client = Client()
        whole_steps = client.get_pipeline_run(whole.id).steps
        sharded_run = client.get_pipeline_run(sharded.id)
        assert set(whole_steps) == {"get_or_create_user", "crawl_links"}  # K = 1: the book's pipeline
        assert set(sharded_run.steps) == {"get_or_create_user", "crawl_links_0", "crawl_links_1", "crawl_links_2"}

        def per_domain(metadata) -> dict:  # the book's {domain: {successful, total}}, without ZenML's own keys
            return {k: v for k, v in metadata.items() if isinstance(v, dict) and "successful" in v}

        book, ours, crawled = {}, {}, []
        for index in range(3):
            step = sharded_run.steps[f"crawl_links_{index}"]
            output = step.outputs["crawled_links"][0]
            crawled += output.load()
            for domain, counts in per_domain(output.run_metadata).items():
                assert domain not in book, f"{domain} in two shards"
                book[domain] = counts
            ours.update(step.run_metadata["llmtwin"]["per_domain"])
            assert step.run_metadata["llmtwin"]["shard"] == {"index": index, "count": 3}
            assert step.run_metadata["llmtwin"]["run_id"] == f"{sharded.id}.shard-{index}-of-3"
        whole_crawl = whole_steps["crawl_links"]
        assert sorted(crawled) == sorted(links)
        assert book == per_domain(whole_crawl.outputs["crawled_links"][0].run_metadata)
        assert len(book) == 4  # pythonspeed.com, josephg.com, bench.test, faults.test
        assert ours == whole_crawl.run_metadata["llmtwin"]["per_domain"]

        def stored(warehouse: str) -> set:
            return {(a["_id"], a["link"], a["content_hash"])
                    for a in llmtwin.find_documents("articles", warehouse=warehouse)}
        assert stored(uri) == stored(whole_uri) and len(stored(uri)) == 3
    finally:
        import pymongo
        with pymongo.MongoClient(whole_uri.rsplit("/", 1)[0], serverSelectionTimeoutMS=5000) as mongo:
            mongo.drop_database(whole_uri.rsplit("/", 1)[1])
