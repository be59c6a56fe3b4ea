"""Search timings on PostgreSQL: the demo desk, then with generated stories added.

    .venv/bin/python bench/search.py [--stories 10000] [--runs 30]
        [--server postgres://postgres@127.0.0.1:5432] [--keep]

Creates a scratch database (newsroom_bench_search) on the server, migrates it, loads
the demo desk, times a set of reader queries through the real /search/ page and
through the engine alone, adds the generated stories and times them again. Prints
median and p95 in milliseconds. Drops the database afterwards unless --keep.
"""

import argparse
import itertools
import os
import random
import secrets
import statistics
import sys
import time
import warnings
from datetime import timedelta
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]
DATABASE = "newsroom_bench_search"
QUERIES = [
    "ukraine",
    "UKRAINE",
    "security guarantees",
    '"security guarantees"',
    "china or japan",
    "election -president",
    "україна",
    "reconstruction financing",
    "zzzz nothing matches",
]
WORDS = (
    "government minister election parliament talks ceasefire troops border trade "
    "economy inflation bank market shares oil gas energy climate flood storm "
    "drought harvest grain port shipping strike union court judge ruling law "
    "police protest capital city summit leaders agreement sanctions aid refugees "
    "hospital vaccine school budget tax reform coalition opposition vote poll "
    "president prime reconstruction financing security guarantees investigation"
).split()


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def timed(function, runs):
    function()  # warm the caches once, as a live site's would be
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def report(label, samples):
    print(
        f"  {label:<42} median {statistics.median(samples):7.2f} ms"
        f"   p95 {percentile(samples, 0.95):7.2f} ms   ({len(samples)} runs)"
    )


def measure(runs):
    from django.test import Client

    from articles import search
    from articles.models import Story

    client = Client()
    pages, engine = [], []
    print(f"  published stories: {Story.objects.published().count()}")
    for query in QUERIES:
        response = client.get("/search/", {"q": query})
        assert response.status_code == 200, response.status_code
        page = timed(lambda q=query: client.get("/search/", {"q": q}), runs)

        def run_engine(q=query):
            stories = search.with_snippets(
                search.match(Story.objects.published().for_listing(), q), q
            )
            stories.count()
            list(stories[:20])

        sql = timed(run_engine, runs)
        hits = search.match(Story.objects.published(), query).count()
        print(
            f"    {query!r:<28} {hits:6} matches   page median "
            f"{statistics.median(page):6.1f} ms   engine median "
            f"{statistics.median(sql):6.1f} ms"
        )
        pages += page
        engine += sql
    report("all queries: /search/ page", pages)
    report("all queries: engine (count, 20, snippets)", engine)


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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()

    with psycopg.connect(f"{args.server}/postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {DATABASE}")
    # Production settings (DEBUG off: cached templates), over plain HTTP, with
    # static URLs that need no collectstatic manifest.
    os.environ.update(
        DATABASE_URL=f"{args.server}/{DATABASE}",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="testserver",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        LOG_LEVEL="WARNING",
    )
    sys.path.insert(0, str(ROOT))
    # whitenoise notes that nothing was collected: static files are not measured here.
    warnings.filterwarnings("ignore", message="No directory at")
    import django
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }
    try:
        call_command("migrate", verbosity=0)
        call_command("load_demo", verbosity=0)
        print("Demo desk:")
        measure(args.runs)
        started = time.perf_counter()
        generate(args.stories)
        print(
            f"Demo desk + {args.stories} generated stories "
            f"(generated and indexed in {time.perf_counter() - started:.1f} s):"
        )
        measure(args.runs)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            with psycopg.connect(f"{args.server}/postgres", autocommit=True) as admin:
                admin.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


if __name__ == "__main__":
    main()
