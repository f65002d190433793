"""A bounded HTTP load from its own process: `clients` threads request `paths` in turn until
`requests` have been made (or `seconds` have passed), then print one JSON line:
{"requests", "errors" (up to 10 examples), "failed", "statuses", "seconds", "rps", "p50", "p95", "p99"}
(latencies in ms). A status other than 200 counts as failed.

Usage: python bench/load.py BASE_URL PATHS_JSON --clients 8 [--requests N] [--seconds S]
"""
from __future__ import annotations

import argparse
import json
import threading
import time
import urllib.error
import urllib.request
from collections import Counter


def run(base: str, paths: list[str], clients: int, requests: int | None = None, seconds: float | None = None) -> dict:
    latencies, errors, statuses, lock = [], [], Counter(), threading.Lock()
    stop = time.perf_counter() + (seconds if seconds else 1e9)
    limit = requests if requests else 10**9

    def client(first: int) -> None:
        n = first
        while n < limit and time.perf_counter() < stop:
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(base + paths[n % len(paths)], timeout=60) as response:
                    response.read()
                    status = response.status
            except urllib.error.HTTPError as error:
                status = error.code
            except Exception as error:  # noqa: BLE001 - every failure is counted
                status = type(error).__name__
            with lock:
                latencies.append(time.perf_counter() - started)
                statuses[str(status)] += 1
                if status != 200 and len(errors) < 10:
                    errors.append(f"{paths[n % len(paths)]}: {status}")
            n += clients

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    begun = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - begun
    ordered = sorted(latencies)

    def percentile(p: float) -> float:
        return round(1000 * ordered[min(len(ordered) - 1, int(p * len(ordered)))], 1) if ordered else 0.0

    return {"requests": len(ordered), "failed": len(ordered) - statuses["200"], "errors": errors,
            "statuses": dict(statuses), "seconds": round(elapsed, 2), "rps": round(len(ordered) / elapsed, 1),
            "p50": percentile(0.5), "p95": percentile(0.95), "p99": percentile(0.99)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("base")
    parser.add_argument("paths", help="a JSON list of paths")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int)
    parser.add_argument("--seconds", type=float)
    args = parser.parse_args()
    print(json.dumps(run(args.base, json.loads(args.paths), args.clients, args.requests, args.seconds)))


if __name__ == "__main__":
    main()
