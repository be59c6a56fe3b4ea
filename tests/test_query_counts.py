"""A public page's query count does not grow with its stories, tags and links."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.cache import purge
from articles.images.tasks import make_renditions
from tests.factories import (
    AuthorFactory,
    BylineFactory,
    CountryFactory,
    FrontPageSlotFactory,
    ImageFactory,
    PersonFactory,
    RelatedLinkFactory,
    SectionFactory,
    StoryFactory,
)

pytestmark = pytest.mark.django_db

# Measured once and pinned: a change in a page's loading plan must show up here.
# Each count includes the one query that finds the next scheduled change, which the
# page cache needs when it stores a page (it is cached itself until the next save).
# Pictures cost no query: their renditions are listed on the image row.
EXPECTED = {
    # The teasers' stories (with their bylines) apart from the headline lines';
    # both vocabularies' busiest subjects in one query.
    "front_page": 9,
    # The page's own row (section and picture joined), then for its article (kept
    # after) its bylines, tags and corrections in one query; the related
    # headlines: the curated lines (stories, sections and pictures joined), the
    # fill's ids ranked in one query (candidates found inside it) and its lines
    # loaded in another; the second column (kept a minute as one entry): the
    # newest stories, and the story's subjects' counts (kept ten minutes for every
    # page naming them), their names taken from the article's data.
    "story": 8,
    "section": 6,
    "country": 6,
    "person": 6,
    "author": 6,
}


# The smaller desk: one more story than the front page's lineup holds (the lead and
# six top stories), so that it lists headlines too.
SIZE = 8


def build_desk(size, now):
    """`size` stories in `size` sections, each with `size` tags, bylines and links,
    and a lead image with its renditions."""
    sections = [SectionFactory() for _ in range(size)]
    countries = [CountryFactory() for _ in range(size)]
    people = [PersonFactory() for _ in range(size)]
    authors = [AuthorFactory() for _ in range(size)]
    stories = []
    for n in range(size):
        image = ImageFactory(file__width=160, file__height=90)
        make_renditions.call(image.pk)
        story = StoryFactory(
            section=sections[n % len(sections)] if n else sections[0],
            published_at=now - timedelta(minutes=n + 1),
            lead_image=image,
        )
        story.countries.set(countries)
        story.people.set(people)
        for position, author in enumerate(authors):
            BylineFactory(story=story, author=author, position=position)
        stories.append(story)
    main = stories[0]
    for position, target in enumerate(stories[1:], start=1):
        RelatedLinkFactory(story=main, target=target, position=position)
    RelatedLinkFactory(
        story=main, target=None, url="https://example.org/", title="Elsewhere"
    )
    FrontPageSlotFactory(story=stories[-1], position=2)
    return {
        "front_page": reverse("articles:front_page"),
        "story": main.get_absolute_url(),
        "section": sections[0].get_absolute_url(),
        "country": countries[0].get_absolute_url(),
        "person": people[0].get_absolute_url(),
        "author": authors[0].get_absolute_url(),
    }


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("size", [SIZE, 20])
@pytest.mark.parametrize("page", EXPECTED)
def test_query_count_is_constant(client, page, size, now, settings):
    """Each page runs its pinned number of queries with 8 and with 20 of everything."""
    settings.NEWSROOM_RELATED_HEADLINES = 40
    assert count_queries(client, build_desk(size, now)[page]) == EXPECTED[page]


def other_pages(desk, now):
    """Feeds, sitemaps, search and corrections pages over the same desk."""
    month = f"stories-{timezone.localdate(now):%Y-%m}"
    country = desk["country"].rstrip("/").rsplit("/", 1)[-1]
    return {
        "rss": reverse("articles:feed_latest", kwargs={"fmt": "rss"}),
        "country atom": reverse(
            "articles:feed", kwargs={"kind": "country", "slug": country, "fmt": "atom"}
        ),
        "sitemap index": reverse("articles:sitemap_index"),
        "stories sitemap": reverse("articles:sitemap", kwargs={"section": month}),
        "countries sitemap": reverse(
            "articles:sitemap", kwargs={"section": "countries"}
        ),
        "pages sitemap": reverse("articles:sitemap", kwargs={"section": "pages"}),
        "news sitemap": reverse("articles:news_sitemap"),
        "robots.txt": reverse("articles:robots_txt"),
        "corrections": reverse("articles:corrections"),
        "search": reverse("articles:search") + "?q=headline+paragraph",
        "search filtered": reverse("articles:search") + f"?country={country}",
    }


# Cached pages count their first render, with the next-change lookup. A search page
# is kept a short while, with its filters' options (the sections, the countries with
# stories) kept once for every search. A text search counts its matches as it lists
# them; filters alone are counted by the paginator. Results load no bylines.
EXPECTED_OTHER = {
    "rss": 5,
    "country atom": 6,
    "sitemap index": 2,
    "stories sitemap": 3,
    "countries sitemap": 3,
    "pages sitemap": 2,
    "news sitemap": 2,
    "robots.txt": 1,
    "corrections": 3,
    "search": 6,
    "search filtered": 7,
}


@pytest.mark.parametrize("size", [SIZE, 20])
@pytest.mark.parametrize("page", EXPECTED_OTHER)
def test_other_public_pages_query_counts_are_constant(client, page, size, now):
    """Feeds, sitemaps, search and corrections run their pinned number of queries."""
    url = other_pages(build_desk(size, now), now)[page]
    assert count_queries(client, url) == EXPECTED_OTHER[page]


def test_listing_pages_never_count_their_stories(client, now):
    """A listing reads one story past its page instead of counting the whole list."""
    desk = build_desk(20, now)
    for page in ("section", "country", "person", "author"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(desk[page]).status_code == 200
        assert not [q for q in queries if "COUNT(" in q["sql"].upper()], page


def test_the_sections_menu_is_read_once_per_memo_window(
    client, now, settings, django_capture_on_commit_callbacks
):
    """Pages rendered moments apart share one read of the sections menu; a purge in
    the process (a section saved) has it read again."""
    settings.NEWSROOM_PAGE_MEMO_SECONDS = 60
    desk = build_desk(2, now)

    def menu_reads(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len([q for q in queries if 'FROM "articles_section"' in q["sql"]])

    assert menu_reads(desk["country"]) == 1
    assert menu_reads(desk["person"]) == 0
    with django_capture_on_commit_callbacks(execute=True):
        purge("sections")
    assert menu_reads(desk["author"]) == 1


def test_a_text_search_never_counts_its_matches(client, now):
    """The matches a text search found are counted from their list, not by a COUNT
    over them; the page still says how many there are."""
    url = other_pages(build_desk(20, now), now)["search"]
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert not [q for q in queries if "COUNT(" in q["sql"].upper()]
    assert response.context["page_obj"].paginator.count == 20
