"""The import of one wire story at scale: suggestions and headline matching included.

    .venv/bin/python bench/intake.py --runs 30 \\
      --database postgres://postgres@127.0.0.1:5432/nr_intake_100k

Needs a copy of a benchmark archive with the demo desk loaded (never a shared
newsroom_bench_* database: every run writes a draft, then rolls it back). Imports the
shared seed story (or --copy FILE) as a new item each run, in process, through
articles.services.intake.import_wire, and prints the median and p95 in
milliseconds of the whole import and of its parts, with the query count and how
many related headlines were matched with confidence.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.sizes import each_database, setup  # noqa: E402

SEED = Path(os.environ.get("NEWSROOM_SEED_DIR") or ROOT.parent / "shared" / "seed")


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def timed(function, runs):
    from articles.intake import words

    function(0)  # warm the process's caches once, as a running site's are
    samples = []
    for run in range(1, runs + 1):
        # Word stems stay known, as in a running process; every text is new.
        words.terms.cache_clear()
        started = time.perf_counter()
        function(run)
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def measure(copy, runs):
    import json

    setup()
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from articles.intake.headlines import match
    from articles.intake.source import read_wire
    from articles.intake.suggest import suggest_tags
    from articles.models import Story
    from articles.services.intake import import_wire

    item = read_wire(copy)
    results = {"stories": Story.objects.published().count()}

    def one_import(run):
        # A new item each run (the same copy would be “unchanged”), rolled back.
        with transaction.atomic():
            result = import_wire(source=f"Run {run}: {copy}", user=None)
            results["confident"] = sum(m["confident"] for m in result.report["matches"])
            transaction.set_rollback(True)

    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        one_import(0)
    results["first"] = (time.perf_counter() - started) * 1000
    results["queries"] = len(queries)
    results["import"] = timed(one_import, runs)
    results["suggestions"] = timed(
        lambda run: suggest_tags(headline=item.headline, paragraphs=item.paragraphs),
        runs,
    )
    results["matching"] = timed(lambda run: match(item.related_headlines), runs)
    results["parsing"] = timed(lambda run: read_wire(copy), runs)
    results["headlines"] = len(item.related_headlines)
    print(json.dumps(results))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--database", action="append")
    parser.add_argument("--copy", type=Path)
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    seeds = sorted(SEED.glob("*.txt"))
    if not args.copy and not seeds:
        parser.error(f"No seed story in {SEED}: give --copy FILE.")
    path = args.copy or seeds[0]
    if args.one:
        measure(path.read_text(encoding="utf-8"), args.runs)
        return
    extra = ["--runs", str(args.runs), "--copy", str(path)]
    for url, result in zip(
        args.database or [""],
        each_database(__file__, args.database, *extra),
        strict=True,
    ):
        print(f"{url or 'DATABASE_URL'}: {result['stories']} published stories")
        print(
            f"  {result['headlines']} related headlines, {result['confident']} "
            f"matched with confidence; {result['queries']} queries per import"
        )
        print(f"  first import in a new process {result['first']:.1f} ms")
        for part in ("import", "parsing", "suggestions", "matching"):
            samples = result[part]
            print(
                f"  {part:<12} median {statistics.median(samples):7.1f} ms"
                f"   p95 {percentile(samples, 0.95):7.1f} ms   ({len(samples)} runs)"
            )


if __name__ == "__main__":
    main()
