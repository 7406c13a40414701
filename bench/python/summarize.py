"""Turns the raw measurements of bench/run_all.sh into bench/results/results.json and REPORT.md.

Standard library only (runs on the system python3). Input: a folder of NAME.out (the program's
stdout), NAME.time (/usr/bin/time: wall user sys maxrss_kb exit, then "load L") and machine.env,
where NAME is <bench>__<tool>[__<variant>][__r<rep>]. Every figure is the median over repetitions;
the per-repetition values are kept in results.json under "raw". Ratios say how many times better
llmtwin is: throughput divided by the peer's, CPU time and memory the peer's divided by llmtwin's.
"""
import argparse
import json
import re
import statistics
from collections import defaultdict
from pathlib import Path


def read_time(path):
    """wall, user, sys (s), maxrss (KiB), exit code and the 1-minute load average at the end."""
    result = {}
    if not path.exists():
        return None
    for line in path.read_text().splitlines():
        fields = line.split()
        if len(fields) == 5 and all(re.fullmatch(r"-?[\d.]+", f) for f in fields):
            wall, user, sys_, rss, code = fields
            result.update(wall_s=float(wall), cpu_s=float(user) + float(sys_), maxrss_kb=int(rss), exit=int(code))
        elif fields[:1] == ["load"] and len(fields) == 2:
            result["load"] = float(fields[1])
    return result if "wall_s" in result else None


def last_json(path):
    if not path.exists():
        return None
    for line in reversed(path.read_text().splitlines()):
        line = line.strip()
        if line.startswith("{"):
            try:
                return json.loads(line)
            except json.JSONDecodeError:
                return None
    return None


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def ratio(a, b):
    return round(a / b, 2) if a and b else None


def rnd(x, digits=1):
    return None if x is None else round(x, digits)


class RawDirs:
    """Several raw folders seen as one: `raw / name` finds the file in the first folder holding it
    (the main run comes first, merged earlier runs after)."""

    def __init__(self, dirs):
        self.dirs = dirs

    def __truediv__(self, name):
        for d in self.dirs:
            if (d / name).exists():
                return d / name
        return self.dirs[0] / name

    def iterdir(self):
        seen = set()
        for d in self.dirs:
            for p in d.iterdir():
                if p.name not in seen:
                    seen.add(p.name)
                    yield p


def groups(raw, bench):
    """{(tool, variant): [(rep, name), ...]} for files bench__tool[__variant][__rN].time/.out."""
    out = defaultdict(list)
    names = {p.stem for p in raw.iterdir() if p.suffix in (".time", ".out")}
    for name in sorted(names):
        parts = name.split("__")
        if parts[0] != bench:
            continue
        rep = 1
        if len(parts) > 2 and re.fullmatch(r"r\d+", parts[-1]):
            rep = int(parts[-1][1:])
            parts = parts[:-1]
        if len(parts) > 3 and re.fullmatch(r"c\d+", parts[-1]):  # one chunk of a run split in several processes
            parts = parts[:-1]
        tool = parts[1]
        variant = parts[2] if len(parts) > 2 else ""
        out[(tool, variant)].append((rep, name))
    return out


def quality(path):
    """{"readability": F1, "wcxb": F1} from score.py output (several sets may be in one file)."""
    scores, current = {}, None
    if not path.exists():
        return scores
    for line in path.read_text().splitlines():
        m = re.match(r"(readability|wcxb): \d+ pages", line)
        if m:
            current = m.group(1)
        m = re.search(r"F1 ([\d.]+)", line)
        if m and current:
            scores[current] = float(m.group(1))
            current = None
    return scores


def summarize_extract(raw):
    tools = {}
    for (tool, _), runs in groups(raw, "extract").items():
        _, name = runs[0]
        data, timing = last_json(raw / f"{name}.out"), read_time(raw / f"{name}.time")
        if not data or not data.get("reps"):
            continue
        wall = median([r["wall_s"] for r in data["reps"]])
        cpu = median([r["cpu_s"] for r in data["reps"]])
        tools[tool] = {
            "version": data.get("version"), "pages": data["pages"], "mb": round(data["bytes"] / 1e6, 1),
            "mb_per_s": rnd(data["bytes"] / wall / 1e6), "mb_per_cpu_s": rnd(data["bytes"] / cpu / 1e6),
            "pages_per_s": rnd(data["pages"] / wall),
            "cpu_ms_per_page": rnd(cpu * 1000 / data["pages"], 2), "peak_rss_mb": rnd(timing["maxrss_kb"] / 1024) if timing else None,
            "reps": data["reps"],
        }
        tools[tool].update({f"f1_{k}": v for k, v in quality(raw / f"quality__{tool}.out").items()})
    return tools


def summarize_fetch(raw):
    levels = defaultdict(dict)
    for (tool, variant), runs in groups(raw, "fetch").items():
        per_rep = []
        for rep, name in runs:
            out = raw / f"{name}.out"
            rows = [line for line in out.read_text().splitlines() if line.startswith("| llmtwin") or line.startswith("| Python")] if out.exists() else []
            timing = read_time(raw / f"{name}.time")
            if not rows:
                continue
            cells = [c.strip() for c in rows[-1].strip("|").split("|")]
            per_rep.append({"rep": rep, "pages_per_s": float(cells[4]), "mb_per_s": float(cells[5]),
                            "cpu_ms_per_page": float(cells[6]), "failed": int(cells[7]),
                            "peak_rss_mb": rnd(timing["maxrss_kb"] / 1024) if timing else None,
                            "load": timing.get("load") if timing else None, "label": cells[0]})
        if not per_rep:
            continue
        level = int(variant.lstrip("c"))
        levels[level][tool] = {
            "label": per_rep[0]["label"],
            "pages_per_s": rnd(median([r["pages_per_s"] for r in per_rep]), 0),
            "mb_per_s": rnd(median([r["mb_per_s"] for r in per_rep])),
            "cpu_ms_per_page": rnd(median([r["cpu_ms_per_page"] for r in per_rep]), 3),
            "peak_rss_mb": rnd(median([r["peak_rss_mb"] for r in per_rep])),
            "failed": max(r["failed"] for r in per_rep), "reps": per_rep,
        }
    return {str(k): v for k, v in sorted(levels.items())}


def etl_counts(tool, out_path):
    """links and stored documents from llmtwin's run table or the book script's JSON line."""
    if not out_path.exists():
        return None, None
    if tool == "book":
        data = last_json(out_path)
        return (data["links"], data["stored"]) if data else (None, None)
    for line in out_path.read_text().splitlines():
        fields = line.split()
        if fields[:1] == ["all"] and len(fields) >= 3:
            return int(fields[1]), int(fields[2])
    return None, None


def summarize_runs(raw, bench):
    result = defaultdict(dict)
    for (tool, variant), runs in groups(raw, bench).items():
        per_rep = []
        by_rep = defaultdict(list)
        for rep, name in runs:
            by_rep[rep].append(name)
        for rep, names in sorted(by_rep.items()):
            chunks = []
            for name in names:  # a run given as several consecutive processes (chunks): sum them
                timing = read_time(raw / f"{name}.time")
                links, stored = etl_counts(tool, raw / f"{name}.out")
                if timing and links:
                    chunks.append((timing, links, stored))
            if not chunks:
                continue
            db = raw / (re.sub(r"__c\d+__", "__", names[0]) + ".dbkb")
            per_rep.append({"rep": rep, "links": sum(c[1] for c in chunks), "stored": sum(c[2] for c in chunks),
                            "wall_s": round(sum(c[0]["wall_s"] for c in chunks), 2), "cpu_s": round(sum(c[0]["cpu_s"] for c in chunks), 2),
                            "peak_rss_mb": rnd(max(c[0]["maxrss_kb"] for c in chunks) / 1024), "exit": max(c[0]["exit"] for c in chunks),
                            "load": chunks[-1][0].get("load"), "processes": len(chunks),
                            "db_mb": rnd(int(db.read_text()) / 1024) if db.exists() and db.read_text().strip() else None})
        if not per_rep:
            continue
        stages = [read_stage_cpu(raw / f"{name}.err") for rep, name in runs]
        stages = [st for st in stages if st]
        links = per_rep[0]["links"]
        wall = median([r["wall_s"] for r in per_rep])
        cpu = median([r["cpu_s"] for r in per_rep])
        result[variant][tool] = {
            "links": links, "stored": min(r["stored"] for r in per_rep), "wall_s": rnd(wall, 2), "cpu_s": rnd(cpu, 2),
            "links_per_s": rnd(links / wall, 0), "cpu_ms_per_link": rnd(cpu * 1000 / links, 2),
            "peak_rss_mb": rnd(median([r["peak_rss_mb"] for r in per_rep])), "db_mb": per_rep[0]["db_mb"], "reps": per_rep,
        }
        if stages:  # `llmtwin etl --stage-cpu`: ms of CPU per link by stage, the median of each
            result[variant][tool]["stage_cpu_ms_per_link"] = {
                stage: rnd(median([st[stage] for st in stages if stage in st]), 3) for stage in stages[0]}
    return dict(result)


def read_stage_cpu(err_path):
    """The `cpu per link (ms, N links): fetch/tls 0.3, parse 1.1, ...; total 4.2` line of --stage-cpu, as a dict."""
    if not err_path.exists():
        return None
    for line in err_path.read_text(errors="replace").splitlines():
        if not line.startswith("cpu per link (ms"):
            continue
        body = line.split(":", 1)[1].replace(";", ",")
        stages = {}
        for part in body.split(","):
            words = part.strip().rsplit(" ", 1)
            if len(words) == 2:
                try:
                    stages[words[0]] = float(words[1])
                except ValueError:
                    pass
        return stages
    return None


def fmt(x, unit=""):
    if x is None:
        return "—"
    if isinstance(x, float) and x >= 100:
        x = round(x)
    return f"{x:,}{unit}" if isinstance(x, int) else f"{x}{unit}"


def times(x):
    return "—" if x is None else f"**{x}×**"


def report(results):
    m, v = results["machine"], results["versions"]
    lines = ["# llmtwin benchmarks", "",
             f"Generated by `bench/run_all.sh` on {m.get('date')}. Every figure is the median of the "
             f"repetitions ({m.get('options')}); the per-repetition values are in `results.json`. "
             "Ratios say how many times better llmtwin is: throughput ÷ the peer's; CPU time and memory: the peer's ÷ llmtwin's.", "",
             "## Machine", "",
             f"- CPU: {m.get('cpu')}, {m.get('cores')} cores; memory {m.get('memory')}; {m.get('kernel')}; {m.get('os')}",
             f"- Load average (1, 5, 15 min) at start: {m.get('load_start')}; at end: {m.get('load_end')} "
             "(other builds were sharing the machine when this is above the core count; the load at the end of each "
             "measurement is kept in results.json)",
             *[f"- Merged from an earlier run of {', '.join(r['benchmarks'])} started {r['date']}; "
               f"load average at its start {r['load_start']}, at its end {r['load_end']}" for r in m.get("merged_runs", [])],
             "- The fixture server (Go) and FerretDB run on the same cores as the clients; CPU time is the client process's "
             "own (user + system), peak memory its maximum resident set size (getrusage via /usr/bin/time).", "",
             "## Versions", "",
             "| llmtwin | compiler | libcurl | libxml2 | SQLite | libmongoc | Python | aiohttp | html2text | trafilatura | lxml | pymongo | server |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
             "| " + " | ".join(str(v.get(k, "—")) for k in ("llmtwin", "compiler", "libcurl", "libxml2", "sqlite", "mongoc", "python",
                                                           "aiohttp", "html2text", "trafilatura", "lxml", "pymongo", "go_server")) + " |", ""]

    ex = results.get("extraction") or {}
    if ex:
        base = ex.get("llmtwin", {})
        first = next(iter(ex.values()))
        lines += ["## Extraction (one core)", "",
                  f"Speed: {first['pages']} real article pages ({first['mb']} MB of HTML, the first pages of the WCXB development set "
                  "in testdata/eval) read into memory, then each tool over every page. llmtwin: main content + metadata to Markdown "
                  "and text; trafilatura: `bare_extraction` (main content + metadata, comments off); html2text: the whole page to "
                  "text (the book's way, no main-content selection). Quality: score.py F1 (word 4-grams) against the human-checked "
                  "main content on every page of both sets (92 scored Readability pages, 711 WCXB pages), one pass of each tool.", "",
                  "MB/s is HTML per second of wall time; MB per CPU-second moves less when the machine is shared.", "",
                  "| tool | MB/s | MB per CPU-s | pages/s | CPU ms/page | peak RSS MB | F1 readability (92) | F1 WCXB (711) | llmtwin speed-up (wall / CPU) |",
                  "|---|---|---|---|---|---|---|---|---|"]
        for tool in ("llmtwin", "trafilatura", "html2text"):
            t = ex.get(tool)
            if not t:
                continue
            name = tool if tool == "llmtwin" else f"{tool} {t.get('version')} (Python)"
            speedup = "—" if tool == "llmtwin" else (f"{times(ratio(base.get('mb_per_s'), t['mb_per_s']))} / "
                                                     f"{times(ratio(base.get('mb_per_cpu_s'), t['mb_per_cpu_s']))}")
            lines.append(f"| {name} | {fmt(t['mb_per_s'])} | {fmt(t['mb_per_cpu_s'])} | {fmt(t['pages_per_s'])} | {fmt(t['cpu_ms_per_page'])} | "
                         f"{fmt(t['peak_rss_mb'])} | {fmt(t.get('f1_readability'))} | {fmt(t.get('f1_wcxb'))} | {speedup} |")
        lines.append("")

    fe = results.get("fetch") or {}
    if fe:
        any_level = next(iter(fe.values()))
        lines += ["## Fetch (HTTPS from the local fixture server)", "",
                  "Distinct ~75 KB pages (`bench.test/page/<i>`), robots and delays off: the engine alone. llmtwin multiplexes over "
                  "HTTP/2; aiohttp uses up to N HTTP/1.1 connections (`bench/fetch_bench.cc`, `bench/python/fetch_aiohttp.py`).", "",
                  "| in flight | llmtwin pages/s | aiohttp pages/s | speed-up | llmtwin CPU ms/page | aiohttp CPU ms/page | CPU ratio | llmtwin peak RSS MB | aiohttp peak RSS MB |",
                  "|---|---|---|---|---|---|---|---|---|"]
        for level, tools in fe.items():
            a, b = tools.get("llmtwin", {}), tools.get("aiohttp", {})
            lines.append(f"| {level} | {fmt(a.get('pages_per_s'))} | {fmt(b.get('pages_per_s'))} | {times(ratio(a.get('pages_per_s'), b.get('pages_per_s')))} | "
                         f"{fmt(a.get('cpu_ms_per_page'))} | {fmt(b.get('cpu_ms_per_page'))} | {times(ratio(b.get('cpu_ms_per_page'), a.get('cpu_ms_per_page')))} | "
                         f"{fmt(a.get('peak_rss_mb'))} | {fmt(b.get('peak_rss_mb'))} |")
        pages = any_level.get("llmtwin", {}).get("reps", [{}])
        lines.append("")

    etl = results.get("etl") or {}
    if etl:
        lines += ["## End-to-end ETL (synthetic author sites)", "",
                  "The first N links of the synthetic site (`tests/server/synth.go`: Substack, Medium and WordPress markup, "
                  "10-200 KB pages) from a config to stored documents, 16 transfers in flight, delays off. llmtwin: `llmtwin etl` "
                  "(robots.txt, the platform crawlers, main-content Markdown, upsert by link, run records). The book's way "
                  "(`bench/python/etl_book_way.py`): aiohttp + html2text of the whole page + one insert per document "
                  "(sqlite3 / pymongo). Wall time and CPU are whole processes, start-up included. FerretDB 1.24 does not push "
                  "filters other than `_id` down to its SQLite store; llmtwin stores each document under the id its link names and "
                  "looks it up by `_id` (docs/warehouse.md), but a lookup by any other field scans the collection, so FerretDB "
                  "is measured on fewer links. The book's way only inserts (a re-run stores every document again).", "",
                  "| warehouse | links | llmtwin links/s | book's way links/s | speed-up | llmtwin CPU ms/link | book's way CPU ms/link | CPU ratio | llmtwin peak RSS MB | book's way peak RSS MB | stored (llmtwin / book) |",
                  "|---|---|---|---|---|---|---|---|---|---|---|"]
        for backend in ("sqlite", "ferretdb"):
            tools = etl.get(backend)
            if not tools:
                continue
            a, b = tools.get("llmtwin", {}), tools.get("book", {})
            lines.append(f"| {'SQLite' if backend == 'sqlite' else 'FerretDB (MongoDB wire)'} | {fmt(a.get('links'))} | {fmt(a.get('links_per_s'))} | {fmt(b.get('links_per_s'))} | "
                         f"{times(ratio(a.get('links_per_s'), b.get('links_per_s')))} | {fmt(a.get('cpu_ms_per_link'))} | {fmt(b.get('cpu_ms_per_link'))} | "
                         f"{times(ratio(b.get('cpu_ms_per_link'), a.get('cpu_ms_per_link')))} | {fmt(a.get('peak_rss_mb'))} | {fmt(b.get('peak_rss_mb'))} | "
                         f"{fmt(a.get('stored'))} / {fmt(b.get('stored'))} |")
        lines.append("")
        staged = [(backend, etl[backend]["llmtwin"]["stage_cpu_ms_per_link"]) for backend in ("sqlite", "ferretdb")
                  if etl.get(backend, {}).get("llmtwin", {}).get("stage_cpu_ms_per_link")]
        if staged:
            names = list(staged[0][1])
            lines += ["llmtwin's CPU per link by stage (ms; `llmtwin etl --stage-cpu`: thread CPU clocks around each stage, "
                      "summed over threads; fetch/tls is the transfer engine's thread, other what no stage took: start-up, "
                      "the pipeline's glue):", "",
                      "| warehouse | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
            for backend, stages in staged:
                lines.append(f"| {'SQLite' if backend == 'sqlite' else 'FerretDB'} | " +
                             " | ".join(fmt(stages.get(n)) for n in names) + " |")
            lines.append("")

    sc = (results.get("scaling") or {})
    if sc:
        lines += ["## Scaling: `llmtwin etl` into SQLite", "",
                  "One run per size (a fresh database each), same settings as above. A config holds at most 1 MiB (about 13,000 "
                  "links), so sizes above 10,000 run as consecutive `llmtwin etl` processes of 10,000 links into the same "
                  "database (times summed, memory the largest process's). Linear cost shows as a constant CPU ms/link; "
                  "bounded memory as a peak RSS that does not grow with the link count.", "",
                  "| links | processes | wall s | links/s | CPU s | CPU ms/link | peak RSS MB | database MB | stored | load at end |",
                  "|---|---|---|---|---|---|---|---|---|---|"]
        for row in sc:
            lines.append(f"| {row['links']:,} | {row['reps'][0].get('processes', 1)} | {fmt(row['wall_s'])} | {fmt(row['links_per_s'])} | {fmt(row['cpu_s'])} | "
                         f"{fmt(row['cpu_ms_per_link'])} | {fmt(row['peak_rss_mb'])} | {fmt(row['db_mb'])} | {row['stored']:,} | {fmt(row['reps'][0].get('load'))} |")
        lines.append("")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("raw", type=Path, nargs="+", help="raw folders: this run's first, then merged earlier runs")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()

    def read_env(folder):
        return dict(line.split("=", 1) for line in (folder / "machine.env").read_text().splitlines() if "=" in line)
    env = read_env(args.raw[0])
    machine = {k: v for k, v in env.items() if not k.startswith("v_")}
    versions = {k[2:]: v for k, v in env.items() if k.startswith("v_")}
    machine["merged_runs"] = []
    for folder in args.raw[1:]:
        other = read_env(folder)
        benches = sorted({p.name.split("__")[0] for p in folder.iterdir() if "__" in p.name})
        machine["merged_runs"].append({"date": other.get("date"), "load_start": other.get("load_start"),
                                       "load_end": other.get("load_end"), "options": other.get("options"), "benchmarks": benches})
    args.raw = RawDirs(args.raw)
    scaling_runs = summarize_runs(args.raw, "scaling")
    scaling = sorted((dict(t, variant=variant) for variant, tools in scaling_runs.items() for t in tools.values()), key=lambda r: r["links"])
    results = {"machine": machine, "versions": versions, "extraction": summarize_extract(args.raw),
               "fetch": summarize_fetch(args.raw), "etl": summarize_runs(args.raw, "etl"), "scaling": scaling}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf8")
    (args.out / "REPORT.md").write_text(report(results) + "\n", encoding="utf8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
