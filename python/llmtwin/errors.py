"""The exceptions of llmtwin: one class per category of the engine's errors.

The C++ engine throws ``llmtwin::Error`` with a kind a user can act on (config, warehouse, ...) and
a message naming the problem (file:line: key, URL, collection). The extension raises the class of
that kind here, so Python code can catch ``llmtwin.ConfigError`` the way the CLI maps the kind to
an exit code. Every class derives from ``llmtwin.Error``; ``.kind`` holds the engine's stable name
of the category ("config", "warehouse", ...).

Per-link failures while crawling (a 404, a login wall) are not exceptions: they are outcomes in
the run's link records, so one bad link never aborts a run.
"""

from __future__ import annotations


class Error(Exception):
    """An llmtwin operation could not do what it was asked. ``kind`` names the category."""

    kind = "internal"

    def __init__(self, message: str, kind: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if kind is not None:
            self.kind = kind

    def __str__(self) -> str:
        return self.message


class UsageError(Error):
    """A call was made with arguments that cannot work (an unknown option, an empty name)."""

    kind = "usage"


class ConfigError(Error):
    """The pipeline config is invalid; the message lists every problem with file, line and key."""

    kind = "config"


class InvalidInputError(Error):
    """Data given to llmtwin cannot be used (a malformed URL, a document missing a field)."""

    kind = "invalid-input"


class IoError(Error):
    """A file could not be read or written."""

    kind = "io"


class NetworkError(Error):
    """A fetch failed in a way that stops the operation (not a per-link outcome)."""

    kind = "network"


class WarehouseError(Error):
    """The warehouse is unreachable or refused an operation."""

    kind = "warehouse"


class DuplicateKeyError(WarehouseError):
    """A write would break a unique index (an _id, a normalized link, a user name)."""


class NotFoundError(Error):
    """A looked-up item does not exist (a run id, a user)."""

    kind = "not-found"


class InterruptedError(Error):  # noqa: A001 - the engine's kind is "interrupted"; the builtin is EINTR
    """The run was stopped by Ctrl-C/SIGTERM; it is recorded as interrupted in the warehouse."""

    kind = "interrupted"


class InternalError(Error):
    """A bug in llmtwin: an invariant did not hold."""

    kind = "internal"


_BY_KIND: dict[str, type[Error]] = {
    cls.kind: cls
    for cls in (
        UsageError,
        ConfigError,
        InvalidInputError,
        IoError,
        NetworkError,
        WarehouseError,
        NotFoundError,
        InterruptedError,
        InternalError,
    )
}


def error_class(kind: str, detail: str = "") -> type[Error]:
    """The class raised for an engine error of ``kind`` (used by the extension)."""
    if detail == "duplicate-key":
        return DuplicateKeyError
    return _BY_KIND.get(kind, Error)


__all__ = [cls.__name__ for cls in (Error, DuplicateKeyError, *_BY_KIND.values())]
