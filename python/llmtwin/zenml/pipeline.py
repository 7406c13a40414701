"""The book's ``digital_data_etl`` pipeline: get_or_create_user, then crawl_links; with
``exports`` (the config's ``exports:``), import_exports runs between the two.

Caching is off by default for the whole pipeline: crawl_links reads the web, which changes, and
get_or_create_user reads the warehouse, whose answer a cache would freeze (a cached user id from a
wiped warehouse would leave every new document pointing at nobody). Both steps are idempotent and
cheap to re-run: links already stored are not fetched again. ``with_options(enable_cache=True)``
(``python -m llmtwin.zenml --cache``) turns caching on.

``shards=K`` (K > 1) fans crawl_links out into K steps, ``crawl_links_0`` .. ``crawl_links_{K-1}``,
each given the links whose host hashes to its index (``llmtwin.shard_of``: FNV-1a of the host,
modulo K) and taking the links discovered from ``sources`` by the same rule. Every host's links
are in one step, so its politeness limits hold; an orchestrator that runs steps in parallel
(Kubernetes: one pod each) crawls K hosts' queues at once. The K steps' metadata adds up to the
unsharded run's (a domain is in exactly one step). ``shards=1`` is the book's pipeline unchanged.
"""

from __future__ import annotations

from typing import Optional

from zenml import pipeline

import llmtwin
from llmtwin.zenml.steps import crawl_links, get_or_create_user, import_exports


@pipeline(enable_cache=False)
def digital_data_etl(
    user_full_name: str,
    links: list[str],
    warehouse: Optional[str] = None,
    crawl: Optional[dict] = None,
    sources: Optional[list[str]] = None,
    refresh: bool = False,
    config_path: str = "",
    shards: int = 1,
    exports: Optional[list[dict]] = None,
) -> str:
    user = get_or_create_user(user_full_name, warehouse=warehouse)
    after = None
    if exports:
        import_exports(user=user, exports=exports, warehouse=warehouse)
        after = "import_exports"
    if shards == 1:
        last_step = crawl_links(
            user=user,
            links=links,
            warehouse=warehouse,
            crawl=crawl,
            sources=sources,
            refresh=refresh,
            config_path=config_path,
            after=after,
        )
        return last_step.invocation_id
    if not 1 < shards <= 10000:
        raise llmtwin.UsageError(f"shards must be between 1 and 10000, not {shards}")
    for index in range(shards):
        last_step = crawl_links(
            user=user,
            links=[link for link in links if llmtwin.shard_of(link, shards) == index],
            warehouse=warehouse,
            crawl=crawl,
            sources=sources,
            refresh=refresh,
            config_path=config_path,
            shard_index=index,
            shards=shards,
            id=f"crawl_links_{index}",
            after=after,
        )
    return last_step.invocation_id
