"""Python baseline for bench/fetch_bench.cc: the same pages fetched the way the book's loader does
it (aiohttp ClientSession, `await response.text()`), with a semaphore for the concurrency level.

Reads the fixture server's LLMTWIN_TEST_HTTPS_PORT / LLMTWIN_TEST_HTTP_PORT and LLMTWIN_TEST_CA
from the environment; bench.test is resolved to 127.0.0.1 by a custom resolver so TLS sees the
right host name. Prints rows of the same Markdown table as fetch_bench.
"""
import argparse
import asyncio
import os
import resource
import socket
import ssl
import sys
import time

import aiohttp
from aiohttp.abc import AbstractResolver


class LoopbackResolver(AbstractResolver):
    async def resolve(self, host, port=0, family=socket.AF_INET):
        return [{"hostname": host, "host": "127.0.0.1", "port": port, "family": socket.AF_INET,
                 "proto": 0, "flags": socket.AI_NUMERICHOST}]

    async def close(self):
        pass


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def run(level, pages, kb, scheme):
    port = os.environ["LLMTWIN_TEST_HTTPS_PORT" if scheme == "https" else "LLMTWIN_TEST_HTTP_PORT"]
    ssl_context = ssl.create_default_context(cafile=os.environ["LLMTWIN_TEST_CA"]) if scheme == "https" else False
    connector = aiohttp.TCPConnector(limit=level, resolver=LoopbackResolver(), ssl=ssl_context)
    semaphore = asyncio.Semaphore(level)
    base = f"{scheme}://bench.test:{port}/page/"
    failed = 0
    total = 0

    async with aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=60)) as session:
        async def fetch(i):
            nonlocal failed, total
            async with semaphore:
                try:
                    async with session.get(f"{base}{i}?kb={kb}") as response:
                        text = await response.text()
                        if response.status != 200:
                            failed += 1
                        else:
                            total += len(text.encode("utf-8"))
                except Exception as error:  # noqa: BLE001 - a benchmark counts failures
                    if failed == 0:
                        print(f"first failure: {error!r}", file=sys.stderr)
                    failed += 1

        await fetch("warmup")
        failed, total = 0, 0
        cpu0 = cpu_seconds()
        t0 = time.perf_counter()
        await asyncio.gather(*(fetch(i) for i in range(pages)))
        seconds = time.perf_counter() - t0
        cpu = cpu_seconds() - cpu0
    print(f"| Python aiohttp {aiohttp.__version__} ({scheme}) | {level} | {pages} | {seconds:.2f} | {pages / seconds:.0f} "
          f"| {total / seconds / 1e6:.1f} | {cpu * 1000 / pages:.3f} | {failed} |", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=10000)
    parser.add_argument("--kb", type=int, default=75)
    parser.add_argument("--concurrency", default="1,8,64")
    parser.add_argument("--scheme", default="https", choices=["https", "http"])
    args = parser.parse_args()
    for level in (int(x) for x in args.concurrency.split(",")):
        asyncio.run(run(level, args.pages, args.kb, args.scheme))


if __name__ == "__main__":
    main()
