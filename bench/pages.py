"""Render each public page in-process: median/p95 time and queries, uncached and cached.

    .venv/bin/python bench/pages.py --renders 200 \\
      --database postgres://postgres@127.0.0.1:5432/newsroom_bench_1k \\
      --database postgres://postgres@127.0.0.1:5432/newsroom_bench_100k

Each database (default: DATABASE_URL) is prepared with `manage.py migrate`,
`load_demo` and `generate_archive N`, and measured in its own process; the table
puts the sizes side by side. Reads only. "After a purge" is an anonymous reader's
visit right after a purge of the page: the page is dropped from the cache first
(bench/middleware.py), then made, kept and served as a MISS, with the parts of its
unchanged stories from the cache. "From nothing" makes every part too (the front page,
story pages and search), as for a page of the archive's long tail. "Cached" is the
next reader's hit.
"""

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.sizes import each_database, setup  # noqa: E402


def pages():
    from django.conf import settings
    from django.db.models import Count

    from articles.models import Author, CountryTag, PersonTag, Section, Story

    def busiest(model, related="story_items"):
        return (
            model.objects.annotate(n=Count(related))
            .order_by("-n")
            .only("slug", "name")
            .first()
        )

    stories = Story.objects.published().select_related("section")
    # The demo desk's lead (16 curated related headlines) and the newest generated
    # story (its related headlines filled from shared tags): the same two at any size.
    lead = stories.annotate(links=Count("related_links")).order_by("-links").first()
    filled = stories.filter(slug__startswith="archive-").first() or lead
    country = busiest(CountryTag)
    deep = min(200, max(1, -(-country.n // settings.NEWSROOM_PAGE_SIZE)))
    section = busiest(Section, "stories")
    return {
        "floor: Django 30 KB view": "/bench/floor/",
        "front page": "/",
        "story, curated links": lead.get_absolute_url(),
        "story, filled links": filled.get_absolute_url(),
        "section": section.get_absolute_url(),
        "country p1": country.get_absolute_url(),
        "country deep": f"{country.get_absolute_url()}?page={deep}",
        "person": busiest(PersonTag).get_absolute_url(),
        "author": busiest(Author, "bylines").get_absolute_url(),
        "corrections": "/corrections/",
        "search": "/search/?q=ceasefire+talks",
        "feed (rss)": "/feeds/rss/",
        "country feed (atom)": f"/feeds/country/{country.slug}/atom/",
        "news sitemap": "/news-sitemap.xml",
        "sitemap index": "/sitemap.xml",
        "month sitemap": f"/sitemap-stories-{lead.published_at:%Y-%m}.xml",
        "countries sitemap": "/sitemap-countries.xml",
        "people sitemap": "/sitemap-people.xml",
        "robots.txt": "/robots.txt",
    }


# The pages made of story parts, also measured with every part made afresh.
COLD = ("front page", "story, curated links", "story, filled links", "search")


def measure(client, url, renders, **headers):
    from django.db import connection

    client.get(url, headers=headers)  # warm: connections, template loaders
    queries = []
    with connection.execute_wrapper(
        lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)
    ):
        response = client.get(url, headers=headers)
    timings = []
    for _ in range(renders):
        started = time.perf_counter()
        client.get(url, headers=headers)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return {
        "status": response.status_code,
        "state": response.get("X-Cache", "-"),
        "queries": len(queries),
        "median": statistics.median(timings),
        "p95": timings[min(len(timings) - 1, int(len(timings) * 0.95))],
    }


def measure_database(renders):
    """One database, measured in this process; JSON on stdout."""
    setup()
    from django.core.management import call_command
    from django.test import Client

    from articles.models import Story

    # Pages are measured as production serves them: hashed, collected static files.
    call_command("collectstatic", interactive=False, verbosity=0)
    reader = Client()
    rows = {}
    for name, url in pages().items():
        rows[name] = {
            "url": url,
            "after a purge": measure(reader, url, renders, x_bench_miss="1"),
            "cached": measure(reader, url, renders),
        }
        if name in COLD:
            rows[name]["from nothing"] = measure(
                reader, url, renders, x_bench_miss="cold"
            )
    size = Story.objects.published().count()
    print(json.dumps({"stories": size, "rows": rows}))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--renders", type=int, default=200)
    parser.add_argument("--database", action="append", dest="databases")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--urls", action="store_true", help="print the pages as JSON")
    args = parser.parse_args()
    if args.urls:
        setup()
        return print(json.dumps(pages()))
    if args.one:
        return measure_database(args.renders)
    results = each_database(__file__, args.databases, "--renders", str(args.renders))
    print(f"{args.renders} renders per page; times in ms, median / p95")
    header = "| page | state | " + " | ".join(
        f"{r['stories']:,} stories: q, median / p95" for r in results
    )
    print(header + " |")
    print("|---|---|" + "---|" * len(results))
    for name in results[0]["rows"]:
        for state in ("after a purge", "from nothing", "cached"):
            if state not in results[0]["rows"][name]:
                continue
            cells = []
            for result in results:
                row = result["rows"][name][state]
                status = "" if row["status"] == 200 else f" ({row['status']})"
                cells.append(
                    f"{row['queries']}, {row['median']:.2f} / {row['p95']:.2f}{status}"
                )
            served = results[0]["rows"][name][state]["state"]
            print(f"| {name} | {state} ({served}) | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
