"""An API request's query count does not grow with its stories, tags and links."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import ApiToken, Story
from articles.services import add_correction
from articles.services.tokens import create_token
from tests.test_query_counts import build_desk

pytestmark = pytest.mark.django_db

# Measured once and pinned. Each anonymous count includes the one query that finds
# the next scheduled change, which the page cache needs to keep an answer.
EXPECTED = {
    # The page's ids, then its stories with their bylines.
    "stories": 4,
    "stories by country": 5,
    # The story's row, then the whole story (bylines, countries, people,
    # corrections, links), then the related fill (its candidates found inside it).
    "story": 9,
    "story by path": 9,
    "ninjs": 9,
    "search": 4,
    "people": 2,
    "sections": 2,
}
# A token's read: the token, no scheduled-change lookup, the rest made afresh.
TOKEN_EXPECTED = {"stories": 4, "story": 8}


def urls(size, now):
    desk = build_desk(size, now)
    story_path = desk["story"]
    main = Story.objects.get(slug=story_path.rstrip("/").rsplit("/", 1)[-1])
    for n in range(size):
        add_correction(story=main, text=f"Correction {n}")
    country = desk["country"].rstrip("/").rsplit("/", 1)[-1]
    return {
        "stories": reverse("api:stories"),
        "stories by country": f"{reverse('api:stories')}?country={country}",
        "story": reverse("api:story", args=[main.pk]),
        "story by path": f"{reverse('api:story_by_path')}?path={story_path}",
        "ninjs": reverse("api:story_ninjs", args=[main.pk]),
        "search": f"{reverse('api:search')}?q=headline",
        "people": reverse("api:people"),
        "sections": reverse("api:sections"),
    }


def count_queries(client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    assert response.status_code == 200, (url, response.content[:300])
    return len(queries)


@pytest.mark.parametrize("size", [2, 20])
@pytest.mark.parametrize("name", EXPECTED)
def test_query_count_is_constant(client, name, size, now, settings):
    """Each endpoint runs its pinned number of queries with 2 and 20 of everything."""
    settings.NEWSROOM_RELATED_HEADLINES = 40
    assert count_queries(client, urls(size, now)[name]) == EXPECTED[name]


@pytest.mark.parametrize("size", [2, 20])
@pytest.mark.parametrize("name", TOKEN_EXPECTED)
def test_token_query_count_is_constant(client, name, size, now, settings):
    """A token's reads, made afresh, cost the same with 2 and 20 of everything."""
    settings.NEWSROOM_RELATED_HEADLINES = 40
    secret = create_token(token=ApiToken(name="Partner"))
    url = urls(size, now)[name]
    count = count_queries(client, url, authorization=f"Bearer {secret}")
    assert count == TOKEN_EXPECTED[name]


def test_a_cached_answer_costs_no_query(client, now):
    """The second anonymous read of a list is served without the database."""
    url = urls(2, now)["stories"]
    client.get(url)
    assert count_queries(client, url) == 0
