"""Search timings on PostgreSQL: reader queries through the real /search/ page.

    .venv/bin/python bench/search.py --runs 50 \\
      --database postgres://postgres@127.0.0.1:5432/newsroom_bench_10k \\
      --database postgres://postgres@127.0.0.1:5432/newsroom_bench_100k [--http 10]

    .venv/bin/python bench/search.py [--stories 10000] [--runs 30]
        [--server postgres://postgres@127.0.0.1:5432] [--keep]

With --database: each archive (prepared as docs/performance.md says) is measured in
a process of its own, read only, and the queries are printed side by side: matches,
queries per page, time in SQL, median and p95 of the whole page in ms. With --http
SECONDS, each query's page is also loaded under gunicorn by wrk (bench/throughput.py's
set-up: 2 workers, 16 connections) for requests per second.

Without --database: creates a scratch database (newsroom_bench_search) on the server,
migrates it, loads the demo desk and times the queries, then adds generated stories
with a Zipf-like vocabulary (rare words as well as common ones) and times them again.
Drops the database afterwards unless --keep.
"""

import argparse
import itertools
import json
import os
import random
import re
import secrets
import statistics
import sys
import time
import warnings
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.sizes import each_database, setup  # noqa: E402

DATABASE = "newsroom_bench_search"
QUERIES = [
    "ukraine",
    "UKRAINE",
    "security guarantees",
    '"security guarantees"',
    "china or japan",
    "election -president",
    "україна",
    "São Paulo",
    "maduro",
    "zzzz nothing matches",
    # generate_archive's words are in nearly every story: the bound's worst cases.
    "ceasefire talks",
    '"ceasefire talks"',
    "talks -ceasefire",
]
WORDS = (
    "government minister election parliament talks ceasefire troops border trade "
    "economy inflation bank market shares oil gas energy climate flood storm "
    "drought harvest grain port shipping strike union court judge ruling law "
    "police protest capital city summit leaders agreement sanctions aid refugees "
    "hospital vaccine school budget tax reform coalition opposition vote poll "
    "president prime reconstruction financing security guarantees investigation"
).split()
_COUNT = re.compile(r"among the (\d+) newest|(\d+) results? for")
# Each request makes its page (bench/middleware.py), never a kept one.
MISS = {"x_bench_miss": "1"}


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure(runs):
    """Each query's page, in this process: {"stories": n, "rows": {query: {...}}}."""
    from django.db import connection
    from django.test import Client

    from articles.models import Story

    client = Client()
    rows = {}
    for query in QUERIES:
        url = "/search/?" + urlencode({"q": query})
        response = client.get(url, headers=MISS)  # warm: connections, templates
        assert response.status_code == 200, response.status_code
        counted = _COUNT.search(response.content.decode())
        sql = []

        def timed_sql(execute, *args, sql=sql):
            started = time.perf_counter()
            try:
                return execute(*args)
            finally:
                sql.append((time.perf_counter() - started) * 1000)

        with connection.execute_wrapper(timed_sql):
            client.get(url, headers=MISS)
        timings = []
        cpu = _cpu_seconds(connection)
        for _ in range(runs):
            started = time.perf_counter()
            client.get(url, headers=MISS)
            timings.append((time.perf_counter() - started) * 1000)
        cpu = [
            (after - before) * 1000 / runs
            for before, after in zip(cpu, _cpu_seconds(connection), strict=True)
        ]
        rows[query] = {
            "cpu": cpu,
            "matches": int(next(filter(None, counted.groups()))) if counted else 0,
            "queries": len(sql),
            "sql": sum(sql),
            "median": statistics.median(timings),
            "p95": percentile(timings, 0.95),
            "samples": timings,
        }
    return {"stories": Story.objects.published().count(), "rows": rows}


def _cpu_seconds(connection):
    """CPU time used so far by this process and by its PostgreSQL backend, when the
    server runs on this machine: unlike the time a page takes, it does not grow when
    other programs share the cores, and it is what bounds requests per second."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{backend}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return [time.process_time()]
    ticks = os.sysconf("SC_CLK_TCK")
    return [time.process_time(), (int(fields[11]) + int(fields[12])) / ticks]


def print_table(results, runs):
    print(
        f"{runs} renders a query, ms. Cells: matches, queries, time in SQL, median / "
        "p95 of the page; CPU per page, Django + PostgreSQL"
    )
    print(
        "| query | "
        + " | ".join(f"{r['stories']:,} stories" for r in results)
        + " |\n|---|"
        + "---|" * len(results)
    )
    for query in QUERIES:
        cells = [
            "{matches}, {queries}, {sql:.1f}, {median:.1f} / {p95:.1f}; ".format(
                **r["rows"][query]
            )
            + " + ".join(f"{cpu:.1f}" for cpu in r["rows"][query]["cpu"])
            for r in results
        ]
        print(f"| `{query}` | " + " | ".join(cells) + " |")
    cells = []
    for r in results:
        samples = [s for row in r["rows"].values() for s in row["samples"]]
        cells.append(
            f"{statistics.median(samples):.1f} / {percentile(samples, 0.95):.1f}"
        )
    print("| all queries, median / p95 | " + " | ".join(cells) + " |")


def http(databases, seconds):
    """Requests per second of each query's page under gunicorn."""
    from bench import throughput

    throughput.ensure_wrk()
    for database in databases:
        env = throughput.environment(database)
        server = throughput.start_server(env)
        try:
            print(f"\n{database}: wrk {seconds} s, 16 connections, 2 workers")
            print("| query | req/s | p50 | p99 | non-2xx |\n|---|---|---|---|---|")
            for query in QUERIES:
                path = "/search/?" + urlencode({"q": query})
                miss = ["-H", "X-Bench-Miss: 1"]
                throughput.wrk(path, miss, 2, 16)
                rps, p50, p99, errors = throughput.wrk(path, miss, seconds, 16)
                print(f"| `{query}` | {rps:.0f} | {p50} | {p99} | {errors} |")
        finally:
            server.terminate()
            server.wait(timeout=30)


def generate(count, seed=7):
    from django.db import connection
    from django.utils import timezone

    from articles.models import (
        CountryTag,
        PersonTag,
        Section,
        Story,
        StoryCountry,
        StoryPerson,
    )

    rng = random.Random(seed)
    # Newsroom words, then a long tail of rarer ones, drawn with Zipf-like odds.
    vocabulary = WORDS + [f"w{n:05d}" for n in range(20_000)]
    cumulative = list(
        itertools.accumulate(1 / (rank + 10) for rank in range(len(vocabulary)))
    )
    rng.shuffle(vocabulary)
    sections = list(Section.objects.all())
    countries = list(CountryTag.objects.all())
    people = PersonTag.objects.bulk_create(
        PersonTag(name=f"Bench Person {n}", slug=f"bench-person-{n}")
        for n in range(300)
    )
    now = timezone.now()

    def sentence():
        words = rng.choices(vocabulary, cum_weights=cumulative, k=rng.randint(8, 18))
        return " ".join(words).capitalize() + "."

    def paragraph():
        return " ".join(sentence() for _ in range(rng.randint(3, 6)))

    batch = 1000
    for start in range(0, count, batch):
        stories = Story.objects.bulk_create(
            Story(
                headline=" ".join(
                    rng.choices(vocabulary, cum_weights=cumulative, k=7)
                ).capitalize(),
                slug=f"bench-{n}",
                dek=sentence(),
                body="".join(
                    f"<p>{paragraph()}</p>" for _ in range(rng.randint(5, 12))
                ),
                section=rng.choice(sections),
                status=Story.Status.PUBLISHED,
                published_at=now - timedelta(minutes=rng.randint(60, 2 * 365 * 1440)),
            )
            for n in range(start, min(count, start + batch))
        )
        StoryCountry.objects.bulk_create(
            StoryCountry(content_object=story, tag=tag)
            for story in stories
            for tag in rng.sample(countries, rng.randint(1, 3))
        )
        StoryPerson.objects.bulk_create(
            StoryPerson(content_object=story, tag=tag)
            for story in stories
            for tag in rng.sample(people, rng.randint(0, 3))
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def scratch(args):
    import psycopg

    with psycopg.connect(f"{args.server}/postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {DATABASE}")
    os.environ.update(
        DATABASE_URL=f"{args.server}/{DATABASE}",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
    )
    # whitenoise notes that nothing was collected: static files are not measured here.
    warnings.filterwarnings("ignore", message="No directory at")
    setup()
    from django.conf import settings
    from django.core.management import call_command

    # Static URLs that need no collectstatic manifest.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }
    try:
        call_command("migrate", verbosity=0)
        call_command("load_demo", verbosity=0)
        results = [measure(args.runs)]
        started = time.perf_counter()
        generate(args.stories)
        took = time.perf_counter() - started
        print(f"Generated and indexed {args.stories} stories in {took:.1f} s")
        results.append(measure(args.runs))
        print_table(results, args.runs)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            with psycopg.connect(f"{args.server}/postgres", autocommit=True) as admin:
                admin.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", action="append", dest="databases")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--http", type=int, metavar="SECONDS")
    parser.add_argument("--stories", type=int, default=10_000)
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        setup()
        from django.core.management import call_command

        # Pages are measured as production serves them: hashed, collected static files.
        call_command("collectstatic", interactive=False, verbosity=0)
        return print(json.dumps(measure(args.runs)))
    if not args.databases:
        return scratch(args)
    results = each_database(__file__, args.databases, "--runs", str(args.runs))
    print_table(results, args.runs)
    if args.http:
        http(args.databases, args.http)


if __name__ == "__main__":
    main()
