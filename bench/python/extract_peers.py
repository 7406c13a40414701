"""Python extraction peers for bench/run_all.sh: speed and output of trafilatura (main content +
metadata, the best-known Python extractor) and of html2text over the whole page (what the book
stores), on the same saved pages llmtwin's extract_corpus_bench reads.

Pages are read (and .gz files decompressed) and decoded to str before timing; llmtwin's timing
includes its own charset detection and decoding, so this favours the Python side slightly. Each
repetition runs the tool over every page on one core (process CPU time and wall time are both
recorded). The first repetition's outputs are written as <id>.txt (+ <id>.json with title,
author, published for trafilatura) for testdata/eval/score.py.

    extract_peers.py --pages LIST.tsv --tool trafilatura|html2text [--reps 3] [--write-dir DIR] [--raw-bytes]

--raw-bytes hands the tool the bytes as fetched (trafilatura detects the charset itself, as it does
on a crawl): what scripts/eval_extract.sh uses on the traf set, whose pages are in many charsets.

LIST.tsv: id <TAB> path <TAB> url, one page a line. Prints one JSON line.
"""
import argparse
import gzip
import json
import resource
import sys
import time
from pathlib import Path


def load(list_file):
    pages = []
    for line in Path(list_file).read_text(encoding="utf8").splitlines():
        if not line.strip():
            continue
        page_id, path, url = (line.split("\t") + ["", ""])[:3]
        raw = gzip.open(path).read() if path.endswith(".gz") else Path(path).read_bytes()
        pages.append((page_id, url, raw, raw.decode("utf-8", errors="replace")))
    return pages


def make_tool(name):
    if name == "trafilatura":
        import trafilatura

        def run(html, url):
            doc = trafilatura.bare_extraction(html, url=url or None, include_comments=False, with_metadata=True)
            if doc is None:
                return "", {}
            get = (lambda k: doc.get(k)) if isinstance(doc, dict) else (lambda k: getattr(doc, k, None))
            return get("text") or "", {"title": get("title"), "author": get("author"), "published": get("date")}
        return run, trafilatura.__version__
    if name == "html2text":
        import html2text

        def run(html, _url):
            converter = html2text.HTML2Text()
            converter.ignore_links = True
            converter.ignore_images = True
            return converter.handle(html), None
        return run, getattr(html2text, "__version__", "?")
    raise SystemExit(f"unknown tool {name}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", required=True)
    parser.add_argument("--tool", required=True, choices=["trafilatura", "html2text"])
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--write-dir")
    parser.add_argument("--raw-bytes", action="store_true")
    args = parser.parse_args()

    pages = load(args.pages)
    run, version = make_tool(args.tool)
    if isinstance(version, tuple):
        version = ".".join(map(str, version))
    total_bytes = sum(len(raw) for _, _, raw, _ in pages)
    reps = []
    for rep in range(args.reps):
        outputs = []
        cpu0, t0 = time.process_time(), time.perf_counter()
        for page_id, url, raw, html in pages:
            outputs.append(run(raw if args.raw_bytes else html, url))
        reps.append({"wall_s": time.perf_counter() - t0, "cpu_s": time.process_time() - cpu0})
        if rep == 0 and args.write_dir:
            out = Path(args.write_dir)
            out.mkdir(parents=True, exist_ok=True)
            for (page_id, _, _, _), (text, meta) in zip(pages, outputs):
                (out / f"{page_id}.txt").write_text(text, encoding="utf8")
                if meta is not None:
                    (out / f"{page_id}.json").write_text(json.dumps(meta, default=str), encoding="utf8")
    print(json.dumps({"tool": args.tool, "version": str(version), "pages": len(pages), "bytes": total_bytes, "reps": reps,
                      "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
