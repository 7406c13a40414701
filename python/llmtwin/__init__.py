"""llmtwin: collect an author's articles, posts and code into a data warehouse, from Python.

The C++ engine of the ``llmtwin`` program runs in-process (the extension ``llmtwin._core``): the
same crawlers, fetcher, warehouse backends and run records. Everything returns plain dicts and
lists; failures raise ``llmtwin.Error`` subclasses (``ConfigError``, ``WarehouseError``, ...) that
carry the engine's category in ``.kind``. Crawls release the GIL, so other Python threads run
meanwhile.

    import llmtwin
    report = llmtwin.run_etl("configs/digital_data_etl_maxime_labonne.yaml")
    report = llmtwin.crawl(["https://example.com/post"], author="Ada Lovelace")
    llmtwin.find_documents("articles", author="Ada Lovelace", platform="example.com", limit=5)

A ``warehouse`` argument is a URI (``"sqlite:data/twin.sqlite"``, ``"mongodb://host:27017/twin"``),
an ``llmtwin.Warehouse`` (opened once, reused across calls) or None: the environment's default
(``DATABASE_HOST``/``DATABASE_NAME`` as in the book, else ``sqlite:data/twin.sqlite``).

The book's ZenML pipeline is in ``llmtwin.zenml`` (``python -m llmtwin.zenml --config ...``).
"""

from __future__ import annotations

import os
from typing import Any, Callable, Iterable, Mapping, Optional, Union

from llmtwin.errors import (
    ConfigError,
    DuplicateKeyError,
    Error,
    InternalError,
    InterruptedError,
    InvalidInputError,
    IoError,
    NetworkError,
    NotFoundError,
    UsageError,
    WarehouseError,
)
# The self-contained wheel (scripts/build_wheel.sh) carries its own Cyrus SASL library (the MongoDB
# driver's) in llmtwin.libs/. At start-up that library loads every plugin it finds in the host's
# plugin folder (/usr/lib/x86_64-linux-gnu/sasl2 on Debian), plugins built against the host's
# libsasl2 and OpenSSL: a second OpenSSL in the process, and a wheel that behaves differently from
# one machine to the next. So a wheel install points it at a folder with no plugin (SCRAM, the
# usual MongoDB authentication, is the driver's own and needs none; Kerberos would). Setting
# SASL_PATH yourself wins. A source install (pip install ./python) has no llmtwin.libs: unchanged.
_bundled_libs = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "llmtwin.libs")
if os.path.isdir(_bundled_libs):
    os.environ.setdefault("SASL_PATH", os.path.join(_bundled_libs, "no-sasl-plugins"))

from llmtwin import _core  # noqa: E402  (after SASL_PATH: the driver reads it when the module loads)
from llmtwin._core import Warehouse  # noqa: E402

__version__: str = _core.__version__

WarehouseLike = Union[Warehouse, str, "os.PathLike[str]", None]
LinkCallback = Callable[[dict], Any]
ShardLike = Union[tuple, str, None]  # (index, count) or "index/count"; None: the whole job



def open_warehouse(uri: Optional[str] = None) -> Warehouse:
    """Opens a warehouse by URI (None: the environment's default). Raises WarehouseError."""
    return Warehouse(uri or "")


def default_warehouse_uri() -> str:
    """The URI ``open_warehouse(None)`` opens, from DATABASE_HOST/DATABASE_NAME or the default."""
    return _core.default_warehouse_uri()


def load_config(path: Union[str, "os.PathLike[str]"]) -> dict:
    """Loads and validates a pipeline config (the book's YAML shape plus ``crawl``, ``sources``,
    ``warehouse``). Returns ``{path, user_full_name, links, sources, crawl, warehouse, warnings,
    text}``; raises ConfigError naming every problem with its file, line and key."""
    return _core.load_config(os.fspath(path))


def crawl_options(overrides: Optional[Mapping[str, Any]] = None) -> dict:
    """The effective crawl options (defaults with ``overrides`` applied and validated)."""
    return _core.crawl_options(dict(overrides) if overrides is not None else None)


def run_etl(
    config: Union[str, "os.PathLike[str]", None] = None,
    *,
    user_full_name: Optional[str] = None,
    links: Optional[Iterable[str]] = None,
    sources: Optional[Iterable[str]] = None,
    exports: Optional[Iterable[Mapping[str, Any]]] = None,
    warehouse: WarehouseLike = None,
    crawl: Optional[Mapping[str, Any]] = None,
    refresh: bool = False,
    on_link: Optional[LinkCallback] = None,
    link_workers: int = 0,
    shard: ShardLike = None,
) -> dict:
    """Runs the digital_data_etl pipeline (get_or_create_user, import_exports when there are
    exports, then crawl_links) like ``llmtwin etl``: from a config file, or from
    ``user_full_name`` and ``links``. ``exports`` (dicts as the config's ``exports:`` entries,
    ``{"kind": "medium", "path": "medium.zip", "include_drafts": False}``) replace the config's.

    With a config, ``user_full_name``/``links``/``sources`` replace the config's when given,
    ``crawl`` options are applied on top of the config's ``crawl:`` block, and ``warehouse``
    wins over the config's ``warehouse:``. ``refresh`` re-checks stored links with conditional
    requests. ``on_link(record)`` is called (with the GIL) after every link with its run record.
    ``shard`` (``(i, k)`` or ``"i/k"``, like ``llmtwin etl --shard``) crawls only the links whose
    host hashes to shard i of k (see ``shard_of``).

    Returns ``{run_id, status, warehouse, user: {user, created, metadata}, imports: {metadata,
    failed}, crawl: {run_id,
    status, crawled_links, metadata, llmtwin_metadata, failed, interrupted, links}}``; ``status``
    is succeeded, partial (some links failed) or failed. Per-link failures are in
    ``crawl["links"]``, not exceptions. Raises ConfigError, WarehouseError, InterruptedError (Ctrl-C).
    """
    return _core.run_etl(
        warehouse=_warehouse_arg(warehouse),
        config_path=os.fspath(config) if config is not None else "",
        user_full_name=user_full_name,
        links=_link_list(links) if links is not None else None,
        sources=_link_list(sources) if sources is not None else None,
        exports=[dict(e) for e in exports] if exports is not None else None,
        crawl=dict(crawl) if crawl is not None else None,
        refresh=refresh,
        on_link=on_link,
        link_workers=link_workers,
        raise_on_interrupt=True,
        shard=_shard_arg(shard),
    )


def import_export(
    kind: str,
    path: Union[str, "os.PathLike[str]"],
    *,
    author: str,
    warehouse: WarehouseLike = None,
    on_link: Optional[LinkCallback] = None,
    **options: Any,
) -> dict:
    """Imports an author's own platform export, like ``llmtwin import KIND PATH --author NAME``.

    ``kind`` is medium, substack, x or linkedin (or the CLI's medium-export, substack-export,
    x-archive, linkedin-export); ``path`` the zip the platform mails, its unpacked folder, or
    (LinkedIn) Shares.csv. ``options``: ``include_drafts``, ``skip_responses`` (Medium),
    ``skip_replies`` and ``handle`` (X), ``publication_url`` (Substack, required). The whole export
    is read before anything is written: a bad one raises InvalidInputError naming the archive and
    the entry, and the warehouse is unchanged. Importing twice changes nothing.

    Returns ``{run_id, status, warehouse, user, imports: {metadata, failed}, items}``: ``metadata``
    per kind ``{total, stored, unchanged, skipped, skipped_by_reason, failed, exports}``, ``items``
    every file's (or tweet's, or row's) record as ``llmtwin runs show`` lists it.
    """
    return _core.import_export(
        warehouse=_warehouse_arg(warehouse),
        kind=kind,
        path=os.fspath(path),
        author=author,
        options=dict(options),
        on_link=on_link,
    )


def validate_exports(exports: Iterable[Mapping[str, Any]]) -> list:
    """Reads every export whole without writing anything; returns how many items each holds.
    Raises InvalidInputError naming the archive and the entry when one does not read."""
    return _core.validate_exports(exports=[dict(e) for e in exports])


def import_exports(
    user: Any,
    exports: Iterable[Mapping[str, Any]],
    *,
    warehouse: WarehouseLike = None,
    run_id: Optional[str] = None,
    record_run: bool = True,
    run_extra: Optional[Mapping[str, Any]] = None,
    on_link: Optional[LinkCallback] = None,
) -> dict:
    """The import_exports step on its own (the ZenML pipeline's): imports ``exports`` (dicts as the
    config's ``exports:`` entries) for ``user`` (as get_or_create_user returned it). With
    ``record_run`` the step is added to the run record ``run_id`` (created when absent), which a
    later crawl_links with the same ``run_id`` extends. Returns ``{run_id, status, metadata,
    failed, items}``."""
    return _core.import_exports(
        warehouse=_warehouse_arg(warehouse),
        user=user,
        exports=[dict(e) for e in exports],
        run_id=run_id or "",
        on_link=on_link,
        record_run=record_run,
        run_extra=dict(run_extra) if run_extra is not None else None,
    )


def crawl(
    links: Union[str, Iterable[str]],
    author: str,
    *,
    warehouse: WarehouseLike = None,
    crawl: Optional[Mapping[str, Any]] = None,
    refresh: bool = False,
    on_link: Optional[LinkCallback] = None,
) -> dict:
    """Crawls one link or many for ``author`` (created if new) and stores what is found, like
    ``llmtwin crawl URL... --author NAME``. Returns the same report as run_etl."""
    return run_etl(
        user_full_name=author,
        links=_link_list(links),
        warehouse=warehouse,
        crawl=crawl,
        refresh=refresh,
        on_link=on_link,
    )


def get_or_create_user(user_full_name: str, *, warehouse: WarehouseLike = None) -> dict:
    """The book's first step: finds the user by the book's name split or creates it.

    Returns ``{user: {_id, first_name, last_name}, created: bool, metadata}`` where metadata is
    the book's ``{query: {user_full_name}, retrieved: {user_id, first_name, last_name}}``."""
    return _core.get_or_create_user(warehouse=_warehouse_arg(warehouse), user_full_name=user_full_name)


def crawl_links(
    user: Any,
    links: Union[str, Iterable[str]],
    *,
    warehouse: WarehouseLike = None,
    crawl: Optional[Mapping[str, Any]] = None,
    sources: Optional[Iterable[str]] = None,
    refresh: bool = False,
    run_id: Optional[str] = None,
    record_run: bool = True,
    run_extra: Optional[Mapping[str, Any]] = None,
    config_path: str = "",
    config_text: str = "",
    on_link: Optional[LinkCallback] = None,
    link_workers: int = 0,
    shard: ShardLike = None,
) -> dict:
    """The book's second step: crawls ``links`` for ``user`` (the dict get_or_create_user returned
    under "user", or any object with ``model_dump()``) and stores the documents.

    ``run_id`` (default: a new UUID) tags the documents and link records; with ``record_run`` a
    run record is kept under that id, with ``run_extra`` merged in, so ``llmtwin runs show`` reads
    it. Returns ``{run_id, status, crawled_links, metadata, llmtwin_metadata, failed, interrupted,
    links}``: ``metadata`` is the book's per-domain ``{successful, total}``, ``llmtwin_metadata``
    ours (stored, unchanged, skipped_duplicate, skipped, failed). With ``shard`` (``(i, k)`` or
    ``"i/k"``) only the links (given and discovered from ``sources``) whose host hashes to shard i
    of k are crawled, and ``crawled_links`` lists the given ones it took. Raises NotFoundError when
    the user is not in the warehouse."""
    return _core.crawl_links(
        warehouse=_warehouse_arg(warehouse),
        user=user,
        links=_link_list(links),
        sources=_link_list(sources) if sources is not None else [],
        crawl=dict(crawl) if crawl is not None else None,
        refresh=refresh,
        run_id=run_id or "",
        on_link=on_link,
        link_workers=link_workers,
        record_run=record_run,
        run_extra=dict(run_extra) if run_extra is not None else None,
        config_path=config_path,
        config_text=config_text,
        raise_on_interrupt=True,
        shard=_shard_arg(shard),
    )


def shard_of(link: str, shards: int) -> int:
    """The shard (0..shards-1) that crawls ``link`` when a job is split in ``shards``: 64-bit
    FNV-1a of the link's host (lower case, no port) modulo ``shards``, the same in the engine,
    ``llmtwin etl --shard`` and the ZenML pipeline, on every machine. All links of a host share a
    shard, so each host's politeness limits hold inside one worker."""
    return _core.shard_of(link, shards)


def find_documents(
    document_class: str,
    *,
    warehouse: WarehouseLike = None,
    author: Optional[str] = None,
    author_id: Optional[str] = None,
    platform: Optional[str] = None,
    link: Optional[str] = None,
    limit: int = 0,
    skip: int = 0,
    include_duplicates: bool = True,
) -> list:
    """Documents of a class ("articles", "posts", "repositories", "users", or the book's class
    names) in the book's shape plus our fields, as dicts. Filters are ANDed: ``author`` is the
    full name (for users: the person), ``link`` matches after normalization (tracking parameters,
    trailing slash), ``limit=0`` means all. ``include_duplicates=False`` leaves out articles and
    posts that are a copy of another document of their author (``llmtwin duplicates``)."""
    return _open(warehouse).find_documents(
        document_class,
        author=author,
        author_id=author_id,
        platform=platform,
        link=link,
        limit=limit,
        skip=skip,
        include_duplicates=include_duplicates,
    )


def get_run(run_id: str, *, warehouse: WarehouseLike = None) -> Optional[dict]:
    """A run record with its per-link records under "links", or None."""
    return _open(warehouse).get_run(run_id)


def list_runs(*, warehouse: WarehouseLike = None, limit: int = 20) -> list:
    """Run records, newest first."""
    return _open(warehouse).list_runs(limit)


def configure_logging(level: str = "info", format: str = "text") -> None:  # noqa: A002 - the CLI's name
    """Sets the engine's log level (trace, debug, info, warning, error, off) and format (text,
    json). Logs go to stderr with secrets redacted."""
    _core.configure_logging(level, format)


normalize_url = _core.normalize_url
split_full_name = _core.split_full_name


def _link_list(links: Union[str, Iterable[str], None]) -> list:
    if links is None:
        return []
    if isinstance(links, str):
        return [links]
    return [str(link) for link in links]


def _shard_arg(shard: ShardLike) -> str:
    if shard is None:
        return ""
    if isinstance(shard, str):
        return shard
    index, count = shard
    return f"{int(index)}/{int(count)}"


def _warehouse_arg(warehouse: WarehouseLike) -> Any:
    if warehouse is None or isinstance(warehouse, (Warehouse, str)):
        return warehouse
    return "sqlite:" + os.fspath(warehouse)  # a path: the embedded SQLite file


def _open(warehouse: WarehouseLike) -> Warehouse:
    if isinstance(warehouse, Warehouse):
        return warehouse
    if warehouse is None or isinstance(warehouse, str):
        return Warehouse(warehouse or "")
    return Warehouse("sqlite:" + os.fspath(warehouse))


__all__ = [
    "ConfigError",
    "DuplicateKeyError",
    "Error",
    "InternalError",
    "InterruptedError",
    "InvalidInputError",
    "IoError",
    "NetworkError",
    "NotFoundError",
    "UsageError",
    "Warehouse",
    "WarehouseError",
    "configure_logging",
    "crawl",
    "crawl_links",
    "crawl_options",
    "default_warehouse_uri",
    "find_documents",
    "get_or_create_user",
    "get_run",
    "import_export",
    "import_exports",
    "list_runs",
    "load_config",
    "normalize_url",
    "open_warehouse",
    "run_etl",
    "shard_of",
    "split_full_name",
    "validate_exports",
]
