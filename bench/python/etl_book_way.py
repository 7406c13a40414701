"""The book's way of crawling an article, as a Python peer for `llmtwin etl` (bench/run_all.sh).

Chapter 3's CustomArticleCrawler loads each page with LangChain's AsyncHtmlLoader (aiohttp), turns
the WHOLE page into text with Html2TextTransformer (html2text, ignore_links/ignore_images), and
saves {"Title", "Subtitle", "Content", "language"} with the link, platform and author into the
warehouse (MongoDB through pymongo, one insert per document). This script does exactly that work
for every link of a list, with the same number of transfers in flight as llmtwin gets, into either
SQLite (stdlib sqlite3, one transaction per document like llmtwin) or MongoDB/FerretDB (pymongo
insert_one). It is a lower bound on the book's cost: the real AsyncHtmlLoader also parses every
page with BeautifulSoup for its metadata, and the book's Medium crawler drives a browser.

Hosts are resolved to 127.0.0.1 and port 443 is mapped to the fixture server's HTTPS port
(LLMTWIN_TEST_HTTPS_PORT, LLMTWIN_TEST_CA), so TLS sees the real host names, as with curl's
CONNECT_TO in llmtwin. Prints one JSON line: links, stored, failed, bytes.

    etl_book_way.py --links FILE --warehouse sqlite:PATH|mongodb://HOST:PORT/DB [--concurrency 16]
"""
import argparse
import asyncio
import datetime
import json
import os
import re
import socket
import sqlite3
import ssl
import sys
import uuid
from urllib.parse import urlsplit

import aiohttp
import html2text
from aiohttp.abc import AbstractResolver

TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.S | re.I)
DESCRIPTION = re.compile(r'<meta\s+name="description"\s+content="([^"]*)"', re.I)


class FixtureResolver(AbstractResolver):
    """Every host is the local fixture server; 443 is its HTTPS port, 80 its HTTP port."""

    def __init__(self):
        self.ports = {443: int(os.environ["LLMTWIN_TEST_HTTPS_PORT"]), 80: int(os.environ["LLMTWIN_TEST_HTTP_PORT"])}

    async def resolve(self, host, port=0, family=socket.AF_INET):
        return [{"hostname": host, "host": "127.0.0.1", "port": self.ports.get(port, port), "family": socket.AF_INET,
                 "proto": 0, "flags": socket.AI_NUMERICHOST}]

    async def close(self):
        pass


class SqliteStore:
    def __init__(self, path):
        self.db = sqlite3.connect(path, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("CREATE TABLE IF NOT EXISTS articles (id TEXT PRIMARY KEY, link TEXT UNIQUE, doc TEXT NOT NULL)")

    def save(self, doc):
        self.db.execute("BEGIN")
        self.db.execute("INSERT INTO articles (id, link, doc) VALUES (?, ?, ?)", (doc["_id"], doc["link"], json.dumps(doc)))
        self.db.execute("COMMIT")


class MongoStore:
    def __init__(self, uri):
        import pymongo  # only needed for this backend
        client = pymongo.MongoClient(uri)
        self.collection = client.get_default_database("twin")["articles"]

    def save(self, doc):
        self.collection.insert_one(doc)


def to_document(link, html, author_id):
    """The book's CustomArticleCrawler.extract: whole-page text plus loader metadata."""
    converter = html2text.HTML2Text()
    converter.ignore_links = True
    converter.ignore_images = True
    text = converter.handle(html)
    title = TITLE.search(html)
    description = DESCRIPTION.search(html)
    return {
        "_id": str(uuid.uuid4()),
        "content": {"Title": title.group(1).strip() if title else None,
                    "Subtitle": description.group(1) if description else None,
                    "Content": text, "language": "en"},
        "link": link, "platform": urlsplit(link).netloc, "author_id": author_id,
        "author_full_name": "Ada Lovelace",
        "created_at": datetime.datetime.now(datetime.timezone.utc).isoformat(),
    }


async def run(links, store, concurrency):
    ssl_context = ssl.create_default_context(cafile=os.environ["LLMTWIN_TEST_CA"])
    connector = aiohttp.TCPConnector(limit=concurrency, limit_per_host=0, resolver=FixtureResolver(), ssl=ssl_context)
    semaphore = asyncio.Semaphore(concurrency)
    author_id = str(uuid.uuid4())
    counts = {"links": len(links), "stored": 0, "failed": 0, "bytes": 0}

    async with aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=120)) as session:
        async def crawl(link):
            async with semaphore:
                try:
                    async with session.get(link) as response:
                        html = await response.text()
                        status = response.status
                except Exception as error:  # noqa: BLE001 - a benchmark counts failures
                    if counts["failed"] == 0:
                        print(f"first failure: {link}: {error!r}", file=sys.stderr)
                    counts["failed"] += 1
                    return
            if status != 200:
                counts["failed"] += 1
                return
            counts["bytes"] += len(html)
            store.save(to_document(link, html, author_id))
            counts["stored"] += 1

        await asyncio.gather(*(crawl(link) for link in links))
    return counts


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--links", required=True, help="file with one URL a line")
    parser.add_argument("--warehouse", required=True, help="sqlite:PATH or mongodb://HOST:PORT/DB")
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args()
    with open(args.links, encoding="utf8") as f:
        links = [line.strip() for line in f if line.strip()]
    if args.warehouse.startswith("sqlite:"):
        store = SqliteStore(args.warehouse[len("sqlite:"):])
    else:
        store = MongoStore(args.warehouse)
    counts = asyncio.run(run(links, store, args.concurrency))
    print(json.dumps(counts), flush=True)
    return 0 if counts["failed"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
