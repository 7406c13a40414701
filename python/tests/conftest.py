"""Fixtures of the Python tests: the real engine against local servers only.

- The HTTPS fixture server (tests/server) serves captured pages at their original URLs; the
  engine reaches it through curl CONNECT_TO entries and the test CA, as the C++ tests do
  (tests/support/fixture_server.h). scripts/test.sh starts it and exports LLMTWIN_TEST_HTTPS_PORT,
  LLMTWIN_TEST_HTTP_PORT and LLMTWIN_TEST_CA; without them, one is started here with the same
  launcher (tests/support/fixture_server.sh).
- Warehouses: a temporary SQLite file per test, and a fresh database on FerretDB/MongoDB when
  LLMTWIN_TEST_MONGO_URI is set (scripts/test.sh sets it), dropped afterwards.
- ZenML: a private store in a temporary folder with analytics off, set up before zenml is
  imported (ZenML reads its config location at import).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def pytest_configure(config: pytest.Config) -> None:
    # ZenML must never touch the user's own store or send analytics from a test run.
    if "ZENML_CONFIG_PATH" not in os.environ:
        root = Path(tempfile.mkdtemp(prefix="llmtwin-zenml-"))
        os.environ["ZENML_CONFIG_PATH"] = str(root / "config")
        os.environ["ZENML_REPOSITORY_PATH"] = str(root / "repo")
        (root / "repo").mkdir()
        config._llmtwin_zenml_root = root  # type: ignore[attr-defined]
    os.environ["ZENML_ANALYTICS_OPT_IN"] = "false"
    os.environ.setdefault("ZENML_LOGGING_VERBOSITY", "WARN")
    os.environ.setdefault("AUTO_OPEN_DASHBOARD", "false")


def pytest_unconfigure(config: pytest.Config) -> None:
    root = getattr(config, "_llmtwin_zenml_root", None)
    if root:
        shutil.rmtree(root, ignore_errors=True)


@dataclass
class FixtureServer:
    https_port: int
    http_port: int
    ca_file: str

    def crawl_options(self) -> dict:
        """Every host on ports 443/80 goes to the server; its CA is trusted; loopback allowed;
        no politeness delay and short timeouts so a failing test fails fast (as the C++ helper)."""
        return {
            "connect_to": [f":443:127.0.0.1:{self.https_port}", f":80:127.0.0.1:{self.http_port}"],
            "cacert": self.ca_file,
            "allow_private_addresses": True,
            "min_delay_ms": 0,
            "connect_timeout_s": 5,
            "timeout_s": 20,
            "backoff_base_ms": 10,
            "backoff_max_ms": 200,
        }


def _start_fixture_server(workdir: Path) -> dict:
    """Starts a server of the session's own through tests/support/fixture_server.sh, the launcher
    every suite uses (it serves the repository's testdata fixtures); it exits with this process."""
    command = ["bash", str(REPO / "tests" / "support" / "fixture_server.sh"), str(workdir), "--watch-pid", str(os.getpid())]
    candidates = [str(REPO / d / "tools" / "fixture-server") for d in ("build", "build-python")]
    binary = next((c for c in candidates if os.access(c, os.X_OK)), None)
    if binary and not os.environ.get("LLMTWIN_FIXTURE_SERVER"):
        command += ["--binary", binary]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        pytest.fail("fixture server did not start: " + result.stderr)
    return dict(re.findall(r"(LLMTWIN_TEST_\w+)=(\S+)", result.stdout))


@pytest.fixture(scope="session")
def fixture_server(tmp_path_factory: pytest.TempPathFactory):
    env = os.environ
    if env.get("LLMTWIN_TEST_HTTPS_PORT") and env.get("LLMTWIN_TEST_CA"):
        yield FixtureServer(int(env["LLMTWIN_TEST_HTTPS_PORT"]), int(env.get("LLMTWIN_TEST_HTTP_PORT", "0")),
                            env["LLMTWIN_TEST_CA"])
        return
    values = _start_fixture_server(tmp_path_factory.mktemp("fixture-server"))
    try:
        yield FixtureServer(int(values["LLMTWIN_TEST_HTTPS_PORT"]), int(values["LLMTWIN_TEST_HTTP_PORT"]),
                            values["LLMTWIN_TEST_CA"].strip("'\""))
    finally:
        os.kill(int(values["LLMTWIN_TEST_SERVER_PID"]), signal.SIGTERM)


@pytest.fixture
def sqlite_uri(tmp_path: Path) -> str:
    return f"sqlite:{tmp_path / 'twin.sqlite'}"


def mongo_base_uri() -> str:
    return os.environ.get("LLMTWIN_TEST_MONGO_URI", "").rstrip("/")


@pytest.fixture
def mongo_database():
    """(uri, database name) of a fresh database on the test MongoDB/FerretDB, dropped afterwards."""
    base = mongo_base_uri()
    if not base:
        pytest.skip("LLMTWIN_TEST_MONGO_URI is not set (scripts/test.sh starts FerretDB and sets it)")
    import pymongo

    name = f"pytest_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    yield f"{base}/{name}", name
    with pymongo.MongoClient(base, serverSelectionTimeoutMS=5000) as client:
        client.drop_database(name)


@pytest.fixture(params=["sqlite", "mongodb"])
def warehouse_uri(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Each backend the engine supports: a temporary SQLite file, and FerretDB when available."""
    if request.param == "sqlite":
        return f"sqlite:{tmp_path / 'twin.sqlite'}"
    uri, _ = request.getfixturevalue("mongo_database")
    return uri


@pytest.fixture(scope="session")
def zenml_repository() -> Path:
    """A ZenML repository (``zenml init``) in the test's private ZenML folder; cwd moves there
    for the session so ZenML finds it."""
    repo = Path(os.environ["ZENML_REPOSITORY_PATH"])
    repo.mkdir(parents=True, exist_ok=True)
    if not (repo / ".zen").exists():
        zenml_cli = Path(sys.executable).with_name("zenml")
        subprocess.run([str(zenml_cli), "init"], cwd=repo, check=True, capture_output=True)
    return repo
