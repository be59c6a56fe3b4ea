"""The editors' side at scale: story list, filters, search and autocompletes.

    .venv/bin/python bench/admin.py --renders 50 \\
      --database postgres://postgres@127.0.0.1:5432/newsroom_bench_1k \\
      --database postgres://postgres@127.0.0.1:5432/newsroom_bench_100k

In-process, as a logged-in superuser (created in the scratch database if missing):
median and p95 over N requests and the query count of each admin page an editor
opens all day, for each database, side by side.
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

AUTOCOMPLETE = (
    "/admin/autocomplete/?app_label=articles&model_name={}&field_name={}&term={}"
)
PAGES = {
    "desk": "/admin/",
    "story list": "/admin/articles/story/",
    "story list, published, one section": "/admin/articles/story/"
    "?status=published&section__id__exact=1",
    "story list, scheduled": "/admin/articles/story/?status=scheduled",
    "story list, embargoed": "/admin/articles/story/?status=embargoed",
    "story list, mine": "/admin/articles/story/?mine=1",
    "story list, page 100": "/admin/articles/story/?p=100",
    "story search": "/admin/articles/story/?q=ceasefire",
    "related story autocomplete": AUTOCOMPLETE.format(
        "relatedlink", "target", "ceasefire"
    ),
    "person autocomplete": AUTOCOMPLETE.format(
        "storyperson", "tag", "generated+person+12"
    ),
    "country autocomplete": AUTOCOMPLETE.format("storycountry", "tag", "uni"),
    "author autocomplete": AUTOCOMPLETE.format("byline", "author", "reporter"),
    "story form: person lookup": "/admin/articles/story/lookup/person/"
    "?q=generated+person+12",
    "story form: headline lookup": "/admin/articles/story/lookup/story/?q=ceasefire",
    "story change form": None,
}


def measure_database(renders):
    setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count
    from django.test import Client

    from articles.models import Story

    # Pages are measured as production serves them: hashed, collected static files.
    call_command("collectstatic", interactive=False, verbosity=0)
    user, _ = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(user)
    story = Story.objects.annotate(n=Count("related_links")).order_by("-n").first()
    pages = dict(
        PAGES, **{"story change form": f"/admin/articles/story/{story.pk}/change/"}
    )
    rows = {}
    for name, url in pages.items():
        client.get(url)
        queries = []

        def count(execute, sql, *args, queries=queries):
            queries.append(sql)
            return execute(sql, *args)

        with connection.execute_wrapper(count):
            status = client.get(url).status_code
        timings = []
        for _ in range(renders):
            started = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        timings.sort()
        rows[name] = {
            "status": status,
            "queries": len(queries),
            "median": statistics.median(timings),
            "p95": timings[min(len(timings) - 1, int(len(timings) * 0.95))],
        }
    print(json.dumps({"stories": Story.objects.count(), "rows": rows}))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--renders", type=int, default=50)
    parser.add_argument("--database", action="append", dest="databases")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        return measure_database(args.renders)
    results = each_database(__file__, args.databases, "--renders", str(args.renders))
    print(f"{args.renders} requests per page; ms, median / p95")
    print(
        "| admin page | "
        + " | ".join(f"{r['stories']:,} stories: q, median / p95" for r in results)
        + " |"
    )
    print("|---|" + "---|" * len(results))
    for name in results[0]["rows"]:
        cells = []
        for result in results:
            row = result["rows"][name]
            status = "" if row["status"] == 200 else f" ({row['status']})"
            cells.append(
                f"{row['queries']}, {row['median']:.1f} / {row['p95']:.1f}{status}"
            )
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
