"""The self-contained wheel (scripts/build_wheel.sh): scripts/test.after.d/python.sh builds it once,
repairs it with auditwheel, installs it into the test venv (so every other test here, the ZenML
pipeline's included, runs the wheel's engine) and names it in LLMTWIN_TEST_WHEEL. Checked here:
auditwheel accepts its tag; every shared library the extension loads, read from ldd and from a
live process's memory map, is the wheel's own or in the tag's manylinux set; and the wheel alone,
installed in a fresh venv with no other package, crawls into FerretDB."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import llmtwin

WHEEL = os.environ.get("LLMTWIN_TEST_WHEEL", "")
pytestmark = pytest.mark.skipif(not WHEEL, reason="LLMTWIN_TEST_WHEEL is not set (scripts/test.after.d/python.sh sets it)")


def platform_tag() -> str:
    """The wheel's platform tag, from its file name (name-version-python-abi-platform.whl)."""
    return Path(WHEEL).name[: -len(".whl")].split("-")[-1]


def manylinux_whitelist(tag: str) -> set[str]:
    """The sonames the manylinux policy of ``tag`` lets a wheel take from the system, as the pinned
    auditwheel defines them."""
    import auditwheel

    policies = json.loads((Path(auditwheel.__file__).parent / "policy" / "manylinux-policy.json").read_text())
    names = {p["name"]: p for p in policies}
    policy = names.get(re.sub(r"_x86_64$", "", tag))
    assert policy, f"{tag} is not a manylinux tag auditwheel knows"
    return set(policy["lib_whitelist"])


def libs_dir() -> Path:
    return Path(llmtwin.__file__).resolve().parent.parent / "llmtwin.libs"


def core_path() -> Path:
    return Path(llmtwin._core.__file__).resolve()


def clean_environment() -> dict:
    """This environment without what would change which libraries a child loads: LD_LIBRARY_PATH,
    PYTHONPATH, and the SASL_PATH this process's `import llmtwin` set (the child must set its own)."""
    return {k: v for k, v in os.environ.items() if k not in ("LD_LIBRARY_PATH", "PYTHONPATH", "SASL_PATH")}


def allowed(path: str, whitelist: set[str]) -> bool:
    """A library file the process may load: the wheel's own, or one of the manylinux set."""
    resolved = Path(path).resolve()
    name = Path(path).name  # a soname (ldd) or a file name with the full version (libz.so.1.2.13)
    return resolved.parent == libs_dir().resolve() or any(name == w or name.startswith(w + ".") for w in whitelist)


def test_the_wheel_is_repaired_to_an_honest_manylinux_tag_that_auditwheel_show_accepts():
    tag = platform_tag()
    assert tag.startswith("manylinux_2_") and tag.endswith("_x86_64"), tag
    glibc = tuple(int(x) for x in os.confstr("CS_GNU_LIBC_VERSION").split()[1].split("."))
    assert tuple(int(x) for x in tag.split("_")[1:3]) <= glibc, f"{tag} claims a newer glibc than {glibc}"
    shown = subprocess.run([Path(sys.executable).with_name("auditwheel"), "show", WHEEL],
                           capture_output=True, text=True, timeout=300)
    assert shown.returncode == 0, shown.stdout + shown.stderr
    text = " ".join(shown.stdout.split())
    assert f'is consistent with the following platform tag: "{tag}"' in text, shown.stdout
    with zipfile.ZipFile(WHEEL) as wheel:
        bundled = [n for n in wheel.namelist() if n.startswith("llmtwin.libs/")]
    # The engine's own dependencies travel inside: curl, libxml2, the MongoDB driver, OpenSSL...
    for lib in ("libcurl", "libxml2", "libmongoc-1", "libbson-1", "libarchive", "libsqlite3", "libssl", "libcrypto"):
        assert any(Path(n).name.startswith(lib + "-") or Path(n).name.startswith(lib + ".") for n in bundled), (lib, bundled)


def test_the_installed_package_is_the_wheels_not_the_source_tree():
    assert "site-packages" in core_path().parts, core_path()
    assert libs_dir().is_dir(), libs_dir()
    dynamic = subprocess.run(["readelf", "-d", str(core_path())], capture_output=True, text=True, check=True).stdout
    runpath = re.search(r"\((?:RUNPATH|RPATH)\)\s+Library (?:runpath|rpath): \[(.*)\]", dynamic)
    assert runpath and "$ORIGIN/../llmtwin.libs" in runpath.group(1).split(":"), dynamic


def test_every_library_the_extension_needs_resolves_to_the_wheel_or_the_manylinux_set():
    whitelist = manylinux_whitelist(platform_tag())
    env = clean_environment()
    listed = subprocess.run(["ldd", str(core_path())], capture_output=True, text=True, check=True, env=env).stdout
    seen = 0
    for line in listed.splitlines():
        line = line.strip()
        assert "not found" not in line, line
        match = re.match(r"(\S+) => (\S+) \(0x", line)
        if not match:
            continue  # linux-vdso, the dynamic loader itself
        seen += 1
        soname, path = match.groups()
        assert allowed(path, whitelist), f"{soname} resolves to {path}: neither the wheel's nor manylinux"
    assert seen > 10, listed  # the closure of curl, OpenSSL, mongoc, libgit2...


MAPPED = "print(json.dumps(sorted({l.split()[-1] for l in open('/proc/self/maps') if '.so' in l})))\n"


def test_a_live_process_maps_no_library_from_outside_the_wheel_or_the_manylinux_set(fixture_server, sqlite_uri,
                                                                                      tmp_path: Path):
    """After a crawl (curl, TLS, SQLite, extraction all used), a process's memory map lists the
    libraries actually loaded. Those the interpreter maps for the standard modules llmtwin's Python
    code imports are subtracted (a second process imports just those); the rest, llmtwin's, must
    be the wheel's or in the manylinux set."""
    whitelist = manylinux_whitelist(platform_tag())
    env = clean_environment()
    code = (
        "import json, sys, llmtwin\n"
        "r = llmtwin.crawl([sys.argv[1]], author='Wheel Test', warehouse=sys.argv[2], crawl=json.loads(sys.argv[3]))\n"
        "assert r['status'] == 'succeeded', r['status']\n"
        "print(json.dumps(sorted(m for m in sys.modules if not m.startswith('llmtwin'))))\n" + MAPPED
    )
    # cwd elsewhere: `python -c` puts the current folder first on sys.path, and python/ holds the source.
    run = subprocess.run([sys.executable, "-c", code, "https://pythonspeed.com/articles/pipenv-docker/", sqlite_uri,
                          json.dumps(fixture_server.crawl_options())],
                         capture_output=True, text=True, timeout=300, env=env, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    modules_line, mapped_line = run.stdout.splitlines()[-2:]
    baseline_code = ("import importlib, json, sys\n"
                     "for m in json.loads(sys.argv[1]):\n"
                     "    try:\n        importlib.import_module(m)\n"
                     "    except Exception:\n        pass\n" + MAPPED)
    baseline = subprocess.run([sys.executable, "-c", baseline_code, modules_line], capture_output=True, text=True,
                              timeout=120, env=env, check=True, cwd=tmp_path)
    ours = set(json.loads(mapped_line)) - set(json.loads(baseline.stdout.splitlines()[-1]))
    assert core_path() in {Path(p).resolve() for p in ours}, ours
    from_wheel = [p for p in ours if Path(p).resolve().parent == libs_dir().resolve()]
    assert len(from_wheel) > 10, ours
    for path in ours:
        if Path(path).resolve() == core_path():
            continue
        assert allowed(path, whitelist), f"{path} is loaded from the system, not the wheel"


def test_the_wheel_alone_in_a_fresh_venv_crawls_into_ferretdb(fixture_server, mongo_database, tmp_path: Path):
    uri, _ = mongo_database
    venv = tmp_path / "fresh"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    subprocess.run([venv / "bin" / "python", "-m", "pip", "install", "-q", "--no-index", "--no-deps", WHEEL],
                   check=True, timeout=300)
    code = (
        "import json, sys, llmtwin\n"
        "r = llmtwin.crawl(json.loads(sys.argv[1]), author='Fresh Venv', warehouse=sys.argv[2], crawl=json.loads(sys.argv[3]))\n"
        "print(json.dumps({'status': r['status'], 'core': llmtwin._core.__file__,\n"
        "                  'articles': len(llmtwin.find_documents('articles', warehouse=sys.argv[2]))}))\n"
    )
    links = ["https://pythonspeed.com/articles/pipenv-docker/", "https://josephg.com/blog/crdts-are-the-future"]
    env = clean_environment()
    run = subprocess.run([venv / "bin" / "python", "-c", code, json.dumps(links), uri,
                          json.dumps(fixture_server.crawl_options())],
                         capture_output=True, text=True, timeout=300, env=env, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout.splitlines()[-1])
    assert result["core"].startswith(str(venv)), result
    assert result == {**result, "status": "succeeded", "articles": 2}
