"""Content API throughput under gunicorn, as ratios to the minimal Django view.

    REDIS_URL=redis://127.0.0.1:6379/7 .venv/bin/python bench/api.py \\
      --database postgres://postgres@127.0.0.1:5432/nr_api_100k

For each database (default: DATABASE_URL, migrated, with stories) this starts
gunicorn like bench/throughput.py (2 sync workers, DEBUG off, bench/settings.py) on
127.0.0.1 and runs wrk against the floor (a minimal Django view returning 30 KB),
then the API's story list and one story's JSON: uncached (the answer dropped from
the cache first, as after a purge: `X-Bench-Miss: 1`; the unchanged stories' kept
JSON still used), cold (nothing kept at all: `X-Bench-Miss: cold`) and cached.
The floor is measured again right before each request, and each ratio is to that
neighbouring floor; `--rounds` repeats the whole set and gives the median of each
(a machine shared with other work drifts within a run). Prints requests per
second, latency, the ratios, and whether the targets hold: cached at or above 0.8
of the floor, an uncached story at or above 1/12. Reads only; only 127.0.0.1 is
used.
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
FLOOR = "/bench/floor/"


def story_id(env):
    """The newest generated story (related headlines filled from shared tags), else
    the newest: its id and address; and how many stories are published."""
    code = (
        "import django, json; django.setup();"
        "from articles.models import Story;"
        "s = Story.objects.published();"
        "one = s.filter(slug__startswith='archive-').first() or s.first();"
        "print(json.dumps([one.pk, one.get_absolute_url(), s.count()]))"
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


def measure(database, seconds, connections, rounds):
    env = environment(database)
    pk, page, size = story_id(env)
    server = start_server(env)
    rows = []
    for name, path in (("list", "/api/v1/stories"), ("story", f"/api/v1/stories/{pk}")):
        rows += [
            (f"{name}, uncached", path, MISS),
            (f"{name}, cold", path, COLD),
            (f"{name}, cached", path, []),
        ]
    # For comparison, the same story's page on the site, in the same run.
    rows += [
        ("its HTML page, uncached", page, MISS),
        ("its HTML page (cached)", page, []),
    ]
    try:
        measured = {name: [] for name, _, _ in rows}
        for _ in range(rounds):
            for name, path, headers in rows:
                wrk(path, headers, 1, connections)  # warm up: caches, connections
                floor = wrk(FLOOR, [], seconds, connections)[0]
                rps, p50, p99, errors = wrk(path, headers, seconds, connections)
                measured[name].append((rps / floor, floor, rps, p50, p99, errors))
        results = []
        for name, runs in measured.items():
            runs.sort()
            ratio, floor, rps, p50, p99, _ = runs[len(runs) // 2]
            errors = sum(run[-1] for run in runs)
            ratios = [run[0] for run in runs]
            results.append((name, ratio, ratios, floor, rps, p50, p99, errors))
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
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--database", action="append", dest="databases")
    args = parser.parse_args()
    ensure_wrk()
    for database in args.databases or [None]:
        size, rows = measure(database, args.seconds, args.connections, args.rounds)
        print(
            f"\n{size:,} published stories; wrk {args.seconds} s, "
            f"{args.connections} connections; median of {args.rounds} rounds"
        )
        print(
            "| request | req/s | p50 | p99 | non-2xx | floor req/s "
            "| / Django floor | each round | target |"
        )
        print("|---|---|---|---|---|---|---|---|---|")
        for name, ratio, ratios, floor, rps, p50, p99, errors in rows:
            each = ", ".join(f"{r:.2f}" for r in ratios)
            print(
                f"| {name} | {rps:.0f} | {p50} | {p99} | {errors} | {floor:.0f} "
                f"| {ratio:.2f} (1/{1 / ratio:.1f}) | {each} | {verdict(name, ratio)} |"
            )


if __name__ == "__main__":
    main()
