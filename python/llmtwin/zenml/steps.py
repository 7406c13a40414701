"""The book's two ZenML steps, running the llmtwin engine in-process.

Names, inputs, artifacts and artifact metadata are the book's (``steps/etl``), so dashboards and
code written against the book keep working:

- ``get_or_create_user(user_full_name) -> Annotated[UserDocument, "user"]``, artifact metadata
  ``{"query": {"user_full_name"}, "retrieved": {"user_id", "first_name", "last_name"}}``;
- ``crawl_links(user, links) -> Annotated[list[str], "crawled_links"]`` (the links, as the book
  returns), artifact metadata per domain ``{"successful": n, "total": n}``.

Ours: ``import_exports(user, exports) -> Annotated[list[str], "imported_exports"]`` (the export
paths), between the two, when the config lists ``exports:``; artifact metadata per kind
``{total, stored, unchanged, skipped, skipped_by_reason, failed, exports}``.

Ours, logged as step metadata under "llmtwin" (so the book's artifact metadata stays exactly the
book's): per domain stored / unchanged / skipped_duplicate / skipped / failed, the run id under
which the warehouse keeps the run record and every link's outcome (the ZenML run's id, so the two
are joined), the status and the warehouse (credentials redacted).

A sharded pipeline (``digital_data_etl(..., shards=K)``) runs K ``crawl_links`` steps, each with
``shard_index``/``shards`` set: the step crawls the links (given and discovered) of its shard and
keeps its run record under ``<zenml run id>.shard-<i>-of-<K>`` (with ``zenml_run_id`` and ``shard``
in it), so the K records of one ZenML run do not overwrite each other.

Extra inputs (warehouse, crawl options, sources, refresh, shard) have defaults, so the book's call
``crawl_links(user=user, links=links)`` is unchanged. A warehouse URI given as a parameter is
stored in ZenML's run configuration: pass credentials through the environment instead
(``DATABASE_HOST``, e.g. from a ZenML secret or the docker settings' environment).
"""

from __future__ import annotations

import logging
from typing import Annotated, Optional

from zenml import get_step_context, log_metadata, step

import llmtwin
from llmtwin.zenml.documents import UserDocument

logger = logging.getLogger(__name__)


@step
def get_or_create_user(user_full_name: str, warehouse: Optional[str] = None) -> Annotated[UserDocument, "user"]:
    """Finds the user by the book's name split (last word = last name) or creates it."""
    logger.info("Getting or creating user: %s", user_full_name)
    opened = llmtwin.open_warehouse(warehouse)
    result = llmtwin.get_or_create_user(user_full_name, warehouse=opened)
    user = UserDocument.from_warehouse(result["user"])

    step_context = get_step_context()
    step_context.add_output_metadata(output_name="user", metadata=result["metadata"])
    log_metadata(metadata={"llmtwin": {"created": result["created"], "warehouse": opened.describe()}})
    return user


@step
def crawl_links(
    user: UserDocument,
    links: list[str],
    warehouse: Optional[str] = None,
    crawl: Optional[dict] = None,
    sources: Optional[list[str]] = None,
    refresh: bool = False,
    config_path: str = "",
    shard_index: int = 0,
    shards: int = 1,
) -> Annotated[list[str], "crawled_links"]:
    """Crawls every link for the user (concurrently across hosts) and stores the documents."""
    logger.info("Starting to crawl %d link(s).", len(links))
    step_context = get_step_context()
    zenml_run = step_context.pipeline_run
    opened = llmtwin.open_warehouse(warehouse)
    run_id = str(zenml_run.id)
    run_extra = {"orchestrator": "zenml", "zenml_run_name": zenml_run.name}
    if shards > 1:
        run_id = f"{zenml_run.id}.shard-{shard_index}-of-{shards}"
        run_extra["zenml_run_id"] = str(zenml_run.id)
    result = llmtwin.crawl_links(
        user.to_warehouse(),
        links,
        warehouse=opened,
        crawl=crawl,
        sources=sources or [],
        refresh=refresh,
        run_id=run_id,
        config_path=config_path,
        run_extra=run_extra,
        shard=(shard_index, shards) if shards > 1 else None,
    )

    step_context.add_output_metadata(output_name="crawled_links", metadata=result["metadata"])
    log_metadata(
        metadata={
            "llmtwin": {
                "run_id": result["run_id"],
                "status": result["status"],
                "failed": result["failed"],
                "per_domain": result["llmtwin_metadata"],
                "warehouse": opened.describe(),
                **({"shard": {"index": shard_index, "count": shards}} if shards > 1 else {}),
            }
        }
    )
    successful = sum(counts["successful"] for counts in result["metadata"].values())
    logger.info("Successfully crawled %d / %d links.", successful, len(result["crawled_links"]))
    for record in result["links"]:
        if record["outcome"] in ("failed", "cancelled"):
            logger.warning("%s: %s [%s] %s", record["link"], record["outcome"],
                           record.get("error_category", ""), record.get("message", ""))
    return result["crawled_links"]  # the links (as the book returns), or the shard's


@step
def import_exports(
    user: UserDocument,
    exports: list[dict],
    warehouse: Optional[str] = None,
) -> Annotated[list[str], "imported_exports"]:
    """Imports the author's platform exports (Medium, Substack, X, LinkedIn) for the user, before
    crawl_links, so a later crawl of the same URLs finds the posts already stored."""
    logger.info("Importing %d export(s).", len(exports))
    step_context = get_step_context()
    zenml_run = step_context.pipeline_run
    opened = llmtwin.open_warehouse(warehouse)
    result = llmtwin.import_exports(
        user.to_warehouse(),
        exports,
        warehouse=opened,
        run_id=str(zenml_run.id),
        run_extra={"orchestrator": "zenml", "zenml_run_name": zenml_run.name},
    )
    step_context.add_output_metadata(output_name="imported_exports", metadata=result["metadata"])
    log_metadata(
        metadata={
            "llmtwin": {
                "run_id": result["run_id"],
                "status": result["status"],
                "failed": result["failed"],
                "warehouse": opened.describe(),
            }
        }
    )
    for kind, counts in sorted(result["metadata"].items()):
        logger.info("%s: %d stored, %d unchanged, %d skipped %s, %d failed", kind, counts["stored"],
                    counts["unchanged"], counts["skipped"], counts["skipped_by_reason"], counts["failed"])
    for record in result["items"]:
        if record["outcome"] == "failed":
            logger.warning("%s: failed: %s", record["entry"], record.get("message", ""))
    return [e["path"] for e in exports]
