"""On PostgreSQL, a reader page reads the rows it shows, not the archive around them."""

import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import CountryTag, Section, Story, StoryCountry
from tests.test_query_counts import build_desk, other_pages

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only"),
]

ARCHIVE = 3000
# The most rows of the archive's tables one query of a page may read: the desk itself
# has 20 stories with 20 countries, 20 people, bylines and links each (a query over
# both vocabularies of its stories reads 800 tag rows); the archive beside it holds
# 3,000 stories and their 3,000 tags.
MOST_ROWS = 900
GROWING = {
    "articles_story",
    "articles_storycountry",
    "articles_storyperson",
    "articles_byline",
    "articles_relatedlink",
    "articles_correction",
}


def archive(now):
    """An older archive beside the desk: another section, another country."""
    section = Section.objects.create(name="Archive", slug="archive")
    country = CountryTag.objects.get(code="IS")
    stories = Story.objects.bulk_create(
        Story(
            headline=f"Archived {n}",
            slug=f"archived-{n}",
            body="<p>Older words.</p>",
            section=section,
            status=Story.Status.PUBLISHED,
            published_at=now - timedelta(days=200 + n),
        )
        for n in range(ARCHIVE)
    )
    StoryCountry.objects.bulk_create(
        StoryCountry(content_object=story, tag=country) for story in stories
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def rows_read(plan):
    """Rows of growing tables a plan node and its children read, filtered ones too."""
    total = 0
    if plan.get("Relation Name") in GROWING:
        read = (
            plan.get("Actual Rows", 0)
            + plan.get("Rows Removed by Filter", 0)
            + plan.get("Rows Removed by Index Recheck", 0)
        )
        total += read * plan.get("Actual Loops", 1)
    for child in plan.get("Plans", []):
        total += rows_read(child)
    return total


def heaviest_query(client, url):
    """The most rows of growing tables one query of the page reads, by the best
    index-backed plan (a tiny test table can tempt the planner to scan it whole)."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    heaviest = 0
    with connection.cursor() as cursor:
        for query in queries:
            if not query["sql"].lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + query["sql"])
            plan = cursor.fetchone()[0]
            plan = json.loads(plan) if isinstance(plan, str) else plan
            heaviest = max(heaviest, rows_read(plan[0]["Plan"]))
    return heaviest


def test_reader_pages_read_their_rows_not_the_archive(client, now):
    """Beside an archive of 3,000 older stories, no query of a reader page reads more
    than a few hundred rows: front, story, lists, feeds, sitemaps, search."""
    desk = build_desk(20, now)
    archive(now)
    pages = {**desk, **other_pages(desk, now)}
    # The sitemap index counts the stories of every month: it reads them all.
    del pages["sitemap index"]
    pages["archive country, page 2"] = "/country/iceland/?page=2"
    heaviest = {name: heaviest_query(client, url) for name, url in pages.items()}
    assert {name: n for name, n in heaviest.items() if n > MOST_ROWS} == {}


def test_a_deep_page_reads_the_pages_before_it_only(client, now):
    """Page 40 of a 3,000-story country reads about the 800 stories before it (and
    their tags), not all 3,000."""
    archive(now)
    assert heaviest_query(client, "/country/iceland/?page=40") < 2 * 40 * 20 + 100
