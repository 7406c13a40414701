"""Platform exports through the Python package: llmtwin.import_export (as ``llmtwin import``),
exports in run_etl, and the import_exports step of the ZenML pipeline, on the real export files of
testdata/fixtures/exports, into SQLite and FerretDB."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

import llmtwin

EXPORTS = Path(__file__).resolve().parents[2] / "testdata" / "fixtures" / "exports"


def test_import_export_stores_the_posts_as_a_run_and_a_second_import_changes_nothing(warehouse_uri):
    first = llmtwin.import_export("medium", EXPORTS / "medium" / "hashdag", author="Yonatan Sompolinsky",
                                  warehouse=warehouse_uri)
    assert first["status"] == "succeeded"
    counts = first["imports"]["metadata"]["medium-export"]
    assert (counts["total"], counts["stored"], counts["skipped"]) == (6, 4, 2)
    assert counts["skipped_by_reason"] == {"draft": 2}
    assert {item["skip_reason"] for item in first["items"] if item["outcome"] == "skipped"} == {"draft"}
    run = llmtwin.get_run(first["run_id"], warehouse=warehouse_uri)
    assert [step["name"] for step in run["steps"]] == ["get_or_create_user", "import_exports"]

    second = llmtwin.import_export("medium-export", EXPORTS / "medium" / "hashdag", author="Yonatan Sompolinsky",
                                   warehouse=warehouse_uri)
    assert second["imports"]["metadata"]["medium-export"]["unchanged"] == 4
    warehouse = llmtwin.open_warehouse(warehouse_uri)
    assert warehouse.count_documents("articles") == 3 and warehouse.count_documents("posts") == 1


def test_import_export_options_are_the_clis_flags(sqlite_uri):
    result = llmtwin.import_export("x", EXPORTS / "x" / "andreruffert", author="Andre Ruffert", warehouse=sqlite_uri,
                                   skip_replies=True)
    assert result["imports"]["metadata"]["x-archive"]["skipped_by_reason"] == {"reply": 15, "retweet": 4}
    result = llmtwin.import_export("substack", EXPORTS / "substack" / "digitalsovereignty", author="Herbert Yang",
                                   warehouse=sqlite_uri, publication_url="https://digitalsovereignty.herbertyang.xyz",
                                   include_drafts=True)
    assert result["imports"]["metadata"]["substack-export"]["stored"] == 9
    with pytest.raises(llmtwin.UsageError, match="unknown export option 'include_draft'"):
        llmtwin.import_export("medium", EXPORTS / "medium" / "hashdag", author="A B", include_draft=True)


def test_a_bad_archive_raises_invalid_input_naming_it_and_writes_nothing(tmp_path: Path, warehouse_uri):
    bogus = tmp_path / "medium.zip"
    bogus.write_text("not a zip")
    with pytest.raises(llmtwin.InvalidInputError, match="medium.zip: not a zip archive"):
        llmtwin.import_export("medium", bogus, author="Nobody Here", warehouse=warehouse_uri)
    with pytest.raises(llmtwin.InvalidInputError, match="it looks like a Substack export"):
        llmtwin.validate_exports([{"kind": "medium", "path": str(EXPORTS / "substack" / "digitalsovereignty")}])
    warehouse = llmtwin.open_warehouse(warehouse_uri)
    assert warehouse.count_documents("users") == 0
    assert llmtwin.list_runs(warehouse=warehouse) == []


def test_run_etl_imports_the_configs_exports_before_crawl_links(tmp_path: Path, sqlite_uri):
    config = tmp_path / "etl.yaml"
    config.write_text("parameters:\n  user_full_name: Andre Ruffert\nexports:\n"
                      f"  - {{kind: x, path: {EXPORTS / 'x' / 'andreruffert'}}}\n")
    assert llmtwin.load_config(config)["exports"] == [{"kind": "x", "path": str(EXPORTS / "x" / "andreruffert")}]
    result = llmtwin.run_etl(config, warehouse=sqlite_uri)
    assert result["status"] == "succeeded"
    assert result["imports"]["metadata"]["x-archive"]["stored"] == 26
    run = llmtwin.get_run(result["run_id"], warehouse=sqlite_uri)
    assert [step["name"] for step in run["steps"]] == ["get_or_create_user", "import_exports"]


def test_the_zenml_pipeline_runs_import_exports_between_its_two_steps(zenml_repository, fixture_server, warehouse_uri):
    from zenml.client import Client

    from llmtwin.zenml import digital_data_etl

    link = "https://pythonspeed.com/articles/pipenv-docker/"
    run = digital_data_etl.with_options(run_name=f"imports_{uuid.uuid4().hex[:8]}")(
        user_full_name="Andre Ruffert", links=[link], warehouse=warehouse_uri, crawl=fixture_server.crawl_options(),
        exports=[{"kind": "x", "path": str(EXPORTS / "x" / "andreruffert"), "skip_replies": True}])
    run = Client().get_pipeline_run(run.id)
    assert run.status.value == "completed"
    step = run.steps["import_exports"]
    imported = step.outputs["imported_exports"][0]
    assert imported.load() == [str(EXPORTS / "x" / "andreruffert")]
    assert imported.run_metadata["x-archive"]["stored"] == 11
    assert run.steps["crawl_links"].start_time >= step.end_time
    record = llmtwin.get_run(str(run.id), warehouse=warehouse_uri)
    assert [s["name"] for s in record["steps"]] == ["import_exports", "crawl_links"]
    assert record["totals"]["stored"] == 12
