"""``python -m llmtwin.zenml --config FILE``: runs a config under ZenML, like the book's
``tools/run.py --run-etl --etl-config-filename FILE``.

The config is loaded and validated by the engine (the book's shape plus ``crawl``, ``sources``,
``warehouse``; every problem reported with file, line and key) and its parameters become the
pipeline's. The book's ``settings:`` block (docker image, SageMaker orchestrator) is for remote
stacks: on a local orchestrator it is ignored, since a docker parent image or SageMaker options
mean nothing there (and the SageMaker settings would need its integration installed); on a remote
stack only the settings of components that stack has (``docker``, ``resources``,
``orchestrator.<its flavor>``, ``step_operator.<its flavor>``) are passed on, so a config written
for SageMaker still runs on, say, Kubernetes.

Exit codes, as the CLI's: 0 success, 1 some links failed, 2 config or usage error, 3 runtime
error (warehouse, the pipeline failed), 130 interrupted.
"""

from __future__ import annotations

import argparse
import logging
import sys
from typing import Any, Optional

import llmtwin

EXIT_SUCCESS = 0
EXIT_PARTIAL_FAILURE = 1
EXIT_USAGE = 2
EXIT_RUNTIME = 3
EXIT_INTERRUPTED = 130

# Settings keys that are not about one stack component and that every orchestrator understands.
_GENERIC_SETTINGS = {"docker", "resources"}

log = logging.getLogger("llmtwin.zenml")


def parse_args(argv: Optional[list[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m llmtwin.zenml",
        description="Run the digital_data_etl pipeline from a config under ZenML (the active stack).",
    )
    parser.add_argument("-c", "--config", required=True, help="pipeline config (the book's YAML shape)")
    parser.add_argument("--warehouse", help="warehouse URI (wins over the config's; default: DATABASE_HOST or SQLite)")
    cache = parser.add_mutually_exclusive_group()
    cache.add_argument("--no-cache", action="store_true", help="disable step caching (the default)")
    cache.add_argument("--cache", action="store_true", help="allow ZenML to reuse cached step outputs")
    parser.add_argument("--refresh", action="store_true", help="re-check stored links and update changed documents")
    parser.add_argument("--run-name", help="name of the ZenML run (default: ZenML's)")
    parser.add_argument(
        "--shards", type=int, default=1, metavar="K",
        help="split crawl_links into K steps crawl_links_0..K-1 by host (default 1: the book's pipeline)",
    )
    parser.add_argument(
        "--crawl", action="append", default=[], metavar="KEY=VALUE",
        help="set a crawl option (as in the config's crawl: block); repeat for lists such as connect_to",
    )
    return parser.parse_args(argv)


def config_blocks(config_path: str) -> tuple[dict, dict]:
    """The config's ``settings:`` (ZenML's) and ``crawl:`` blocks as written, or {}. The engine
    has validated the file already; the crawl block is passed on as the user wrote it, so the
    run's parameters show only what was set (the steps apply it on top of the defaults)."""
    import yaml  # a ZenML dependency

    with open(config_path, encoding="utf-8") as file:
        document = yaml.safe_load(file) or {}
    blocks = []
    for key in ("settings", "crawl"):
        block = document.get(key) or {}
        blocks.append(block if isinstance(block, dict) else {})
    return blocks[0], blocks[1]


def crawl_overrides(config_crawl: dict, flags: list[str]) -> dict:
    """The config's crawl block with the --crawl KEY=VALUE flags applied; a list option given as
    flags replaces the config's list."""
    options = dict(config_crawl)
    from_flags: dict[str, Any] = {}
    defaults = llmtwin.crawl_options()
    for flag in flags:
        key, sep, value = flag.partition("=")
        if not sep:
            raise llmtwin.UsageError(f"--crawl {flag}: expected KEY=VALUE")
        if isinstance(defaults.get(key), list):
            from_flags.setdefault(key, []).append(value)
        else:
            from_flags[key] = value
    options.update(from_flags)
    llmtwin.crawl_options(options)  # validates now, before ZenML starts a run
    return options


def settings_for_active_stack(settings: dict) -> dict:
    """The subset of ``settings`` that applies to the active stack (see the module docstring)."""
    from zenml.client import Client
    from zenml.enums import StackComponentType

    stack = Client().active_stack_model
    flavors: dict[str, str] = {}
    for component_type, components in stack.components.items():
        if components:
            flavors[StackComponentType(component_type).value] = components[0].flavor_name
    orchestrator = flavors.get(StackComponentType.ORCHESTRATOR.value, "local")
    if orchestrator == "local":
        if settings:
            log.info("local orchestrator: ignoring the config's settings (%s)", ", ".join(sorted(settings)))
        return {}
    kept: dict = {}
    for key, value in settings.items():
        component, _, flavor = key.partition(".")
        if key in _GENERIC_SETTINGS or (flavor and flavors.get(component) == flavor):
            kept[key] = value
        else:
            log.info("settings '%s' do not apply to the active stack (orchestrator: %s): ignored", key, orchestrator)
    return kept


def run(args: argparse.Namespace) -> int:
    from zenml.client import Client

    from llmtwin.zenml.pipeline import digital_data_etl

    config = llmtwin.load_config(args.config)
    for warning in config["warnings"]:
        log.warning("%s", warning)
    options: dict[str, Any] = {"enable_cache": bool(args.cache)}
    book_settings, config_crawl = config_blocks(args.config)
    settings = settings_for_active_stack(book_settings)
    if settings:
        options["settings"] = settings
    if args.run_name:
        options["run_name"] = args.run_name

    if config["exports"]:
        # Read every export whole now: a bad one stops here, before any step writes anything.
        llmtwin.validate_exports(config["exports"])
    pipeline_run = digital_data_etl.with_options(**options)(
        user_full_name=config["user_full_name"],
        links=config["links"],
        warehouse=args.warehouse or config["warehouse"],
        crawl=crawl_overrides(config_crawl, args.crawl) or None,
        sources=config["sources"] or None,
        refresh=args.refresh,
        config_path=config["path"],
        **({"shards": args.shards} if args.shards != 1 else {}),
        exports=config["exports"] or None,
    )
    if pipeline_run is None:  # a scheduled run
        return EXIT_SUCCESS
    pipeline_run = Client().get_pipeline_run(pipeline_run.id)
    print(f"zenml run {pipeline_run.name} ({pipeline_run.id}): {pipeline_run.status.value}")
    names = ["crawl_links"] if args.shards == 1 else [f"crawl_links_{i}" for i in range(args.shards)]
    crawl_steps = [pipeline_run.steps.get(name) for name in names]
    if any(step is None or "llmtwin" not in step.run_metadata for step in crawl_steps):
        return EXIT_SUCCESS  # still running on a remote orchestrator
    failed = 0
    for crawl_step in crawl_steps:
        summary = crawl_step.run_metadata["llmtwin"]
        if len(crawl_steps) > 1:
            print(f"  {crawl_step.name}: run {summary['run_id']}, {summary['status']}")
        if crawl_step.status.value == "cached":
            print(f"  {crawl_step.name} was cached (--cache): nothing was crawled; counts of run {summary['run_id']}")
        for domain, counts in sorted(summary["per_domain"].items()):
            print(
                f"  {domain:40} {counts['successful']}/{counts['total']} successful "
                f"({counts['stored']} stored, {counts['unchanged']} unchanged, "
                f"{counts['skipped_duplicate']} duplicate, {counts['skipped']} skipped, {counts['failed']} failed)"
            )
        if summary["failed"]:
            print(f"{summary['failed']} link(s) failed: `llmtwin runs show {summary['run_id']}` lists why")
            failed += summary["failed"]
    if failed:
        return EXIT_PARTIAL_FAILURE
    return EXIT_SUCCESS


def main(argv: Optional[list[str]] = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    args = parse_args(argv)
    try:
        return run(args)
    except (llmtwin.ConfigError, llmtwin.UsageError, llmtwin.InvalidInputError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except llmtwin.InterruptedError as error:
        print(f"interrupted: {error}", file=sys.stderr)
        return EXIT_INTERRUPTED
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except llmtwin.Error as error:
        print(f"error ({error.kind}): {error}", file=sys.stderr)
        return EXIT_RUNTIME
    except Exception as error:  # a failed step surfaces as ZenML's exception; its log is above
        print(f"error: the pipeline failed: {type(error).__name__}: {error}", file=sys.stderr)
        return EXIT_RUNTIME


if __name__ == "__main__":
    sys.exit(main())
