"""Render each public page in-process and print median/p95 time and query count.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench \
      .venv/bin/python bench/pages.py --renders 200

Run against a database prepared with `manage.py migrate`, `load_demo` and, for scale,
`generate_archive N`. Reads only; prints one row per page.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only-key")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402

from articles.models import Author, CountryTag, PersonTag, Section, Story  # noqa: E402


def busiest(model):
    return (
        model.objects.annotate(n=Count("story_items"))
        .order_by("-n")
        .only("slug", "name")
        .first()
    )


def pages():
    story = Story.objects.published().select_related("section").first()
    country = busiest(CountryTag)
    author = Author.objects.annotate(n=Count("bylines")).order_by("-n").first()
    return {
        "front page": "/",
        "story": story.get_absolute_url(),
        "section": Section.objects.first().get_absolute_url(),
        "country p1": country.get_absolute_url(),
        "country p200": f"{country.get_absolute_url()}?page=200",
        "person": busiest(PersonTag).get_absolute_url(),
        "author": author.get_absolute_url(),
    }


def measure(client, url, renders):
    queries = []
    with connection.execute_wrapper(
        lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)
    ):
        status = client.get(url).status_code
    timings = []
    for _ in range(renders):
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
    return status, len(queries), statistics.median(timings), p95


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--renders", type=int, default=200)
    args = parser.parse_args()
    # Pages are measured as production serves them: hashed, collected static files.
    call_command("collectstatic", interactive=False, verbosity=0)
    client = Client()
    total = Story.objects.published().count()
    print(f"{connection.vendor}, {total} published stories, {args.renders} renders")
    print(f"{'page':<14} {'status':>6} {'queries':>7} {'median ms':>10} {'p95 ms':>8}")
    for name, url in pages().items():
        status, queries, median, p95 = measure(client, url, args.renders)
        print(f"{name:<14} {status:>6} {queries:>7} {median:>10.1f} {p95:>8.1f}")


if __name__ == "__main__":
    main()
