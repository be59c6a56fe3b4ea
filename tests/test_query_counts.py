"""A public page's query count does not grow with its stories, tags and links."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

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
# Pages with pictures run one query more: all their renditions, prefetched at once.
EXPECTED = {
    "front_page": 11,
    "story": 10,  # +1: the story's corrections, one prefetch whatever their number
    "section": 7,
    "country": 7,
    "person": 7,
    "author": 7,
}


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


@pytest.mark.parametrize("size", [2, 20])
@pytest.mark.parametrize("page", EXPECTED)
def test_query_count_is_constant(client, page, size, now, settings):
    """Each page runs its pinned number of queries with 2 and with 20 of everything."""
    settings.NEWSROOM_RELATED_HEADLINES = 40
    assert count_queries(client, build_desk(size, now)[page]) == EXPECTED[page]
