"""The book's ``digital_data_etl`` pipeline: get_or_create_user, then crawl_links; with
``exports`` (the config's ``exports:``), import_exports runs between the two.

Caching is off by default for the whole pipeline: crawl_links reads the web, which changes, and
get_or_create_user reads the warehouse, whose answer a cache would freeze (a cached user id from a
wiped warehouse would leave every new document pointing at nobody). Both steps are idempotent and
cheap to re-run: links already stored are not fetched again. ``with_options(enable_cache=True)``
(``python -m llmtwin.zenml --cache``) turns caching on.
"""

from __future__ import annotations

from typing import Optional

from zenml import pipeline

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
    exports: Optional[list[dict]] = None,
) -> str:
    user = get_or_create_user(user_full_name, warehouse=warehouse)
    after = None
    if exports:
        import_exports(user=user, exports=exports, warehouse=warehouse)
        after = "import_exports"
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
