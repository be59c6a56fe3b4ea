"""Content API throughput under gunicorn, as ratios to the minimal Django view.

    REDIS_URL=redis://127.0.0.1:6379/7 .venv/bin/python bench/api.py \\
      --database postgres://postgres@127.0.0.1:5432/nr_api_100k

For each database (default: DATABASE_URL, migrated, with stories) this starts
gunicorn like bench/throughput.py (2 sync workers, DEBUG off, bench/settings.py) on
127.0.0.1 and runs wrk against the floor (a minimal Django view returning 30 KB),
then the API's story list and one story's JSON: uncached (the answer dropped from
the cache first, as after a purge: `X-Bench-Miss: 1`; the unchanged stories' kept
JSON still used), cold (nothing kept at all: `X-Bench-Miss: cold`) and cached.
Prints requests per second, latency, each ratio to the floor measured in the same
run, and whether the targets hold: cached at or above 0.8 of the floor, an
uncached story at or above 1/12. Reads only; only 127.0.0.1 is used.
"""

import argparse
import json
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.throughput import (  # noqa: E402
    COLD,
    MISS,
    ensure_wrk,
    environment,
    start_server,
    wrk,
)

# The targets: any cached answer, and one story's JSON after a purge.
TARGETS = {", cached": 0.8, "story, uncached": 1 / 12}


def story_id(env):
    """The newest generated story (related headlines filled from shared tags), else
    the newest; and how many stories are published."""
    code = (
        "import django, json; django.setup();"
        "from articles.models import Story;"
        "s = Story.objects.published();"
        "one = s.filter(slug__startswith='archive-').first() or s.first();"
        "print(json.dumps([one.pk, s.count()]))"
    )
    found = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(found)


def measure(database, seconds, connections):
    env = environment(database)
    pk, size = story_id(env)
    server = start_server(env)
    rows = [("floor: Django 30 KB view", "/bench/floor/", [])]
    for name, path in (("list", "/api/v1/stories"), ("story", f"/api/v1/stories/{pk}")):
        rows += [
            (f"{name}, uncached", path, MISS),
            (f"{name}, cold", path, COLD),
            (f"{name}, cached", path, []),
        ]
    try:
        results = []
        for name, path, headers in rows:
            wrk(path, headers, 2, connections)  # warm up: caches, connections
            results.append((name, *wrk(path, headers, seconds, connections)))
        return size, results
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def verdict(name, ratio):
    for ending, target in TARGETS.items():
        if name.endswith(ending):
            return f"{'meets' if ratio >= target else 'MISSES'} ≥ {target:.2f}"
    return ""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--database", action="append", dest="databases")
    args = parser.parse_args()
    ensure_wrk()
    for database in args.databases or [None]:
        size, rows = measure(database, args.seconds, args.connections)
        floor = rows[0][1]
        print(
            f"\n{size:,} published stories; wrk {args.seconds} s, "
            f"{args.connections} connections"
        )
        print("| request | req/s | p50 | p99 | non-2xx | / Django floor | target |")
        print("|---|---|---|---|---|---|---|")
        for name, rps, p50, p99, errors in rows:
            ratio = rps / floor
            print(
                f"| {name} | {rps:.0f} | {p50} | {p99} | {errors} "
                f"| {ratio:.2f} (1/{floor / rps:.1f}) | {verdict(name, ratio)} |"
            )


if __name__ == "__main__":
    main()
