"""Fragments: a page rendered after a purge re-renders only what changed."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from articles import services
from articles.cache import bypassed, purge
from articles.cache.local import forget as forget_remembered
from articles.cache.pages import page_name
from articles.cache.parts import part_name
from tests.factories import (
    AuthorFactory,
    BylineFactory,
    CountryFactory,
    FrontPageSlotFactory,
    RelatedLinkFactory,
    SectionFactory,
    StoryFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TEASER = "articles/includes/teaser.html"
ARTICLE = "articles/includes/story_article.html"


@pytest.fixture
def desk():
    """Five stories in two sections, the first with a byline, a country and links."""
    europe = SectionFactory(slug="europe", name="Europe")
    asia = SectionFactory(slug="asia", name="Asia")
    stories = [
        StoryFactory(section=europe if n % 2 else asia, headline=f"Story {n}")
        for n in range(5)
    ]
    lead = stories[0]
    lead.countries.add(CountryFactory())
    BylineFactory(story=lead, author=AuthorFactory())
    for position, target in enumerate(stories[1:3]):
        RelatedLinkFactory(story=lead, target=target, position=position)
    return stories


def renders(response, template):
    return [t.name for t in response.templates].count(template)


def test_an_edit_shows_at_once_with_the_other_teasers_from_the_cache(client, desk):
    """The front page after an edit shows the new headline and renders only the
    edited story's teaser."""
    front = reverse("articles:front_page")
    first = client.get(front)
    assert first["X-Cache"] == "MISS" and renders(first, TEASER) == 5
    edited = desk[3]
    edited.headline = "Story 3, updated"
    services.save_story(story=edited)
    response = client.get(front)
    assert response["X-Cache"] == "MISS"
    assert "Story 3, updated" in response.text
    assert renders(response, TEASER) == 1
    assert client.get(front)["X-Cache"] == "HIT"


def test_a_change_re_renders_only_the_teaser_that_shows_it(client, desk):
    """A story changed behind the editors' back (no render on save) has its teaser
    rendered again on the next visit; the four others come from the cache."""
    front = reverse("articles:front_page")
    client.get(front)
    desk[2].headline = "Story 2, changed"
    desk[2].save(update_fields=["headline"])
    purge(f"story:{desk[2].pk}", "front")
    response = client.get(front)
    assert "Story 2, changed" in response.text
    assert renders(response, TEASER) == 1


def test_pages_from_cached_fragments_are_the_pages_rendered_afresh(client, desk):
    """The front page and a story page joined from cached fragments are byte for byte
    the pages rendered with no fragment cache at all."""
    for url in (reverse("articles:front_page"), desk[0].get_absolute_url()):
        client.get(url)
        purge("front", f"story-page:{desk[0].pk}")
        joined = client.get(url)
        assert joined["X-Cache"] == "MISS"
        assert renders(joined, TEASER) + renders(joined, ARTICLE) == 0
        purge("front", f"story-page:{desk[0].pk}")
        with bypassed():
            fresh = client.get(url)
        assert renders(fresh, TEASER) + renders(fresh, ARTICLE) > 0
        assert joined.content == fresh.content


def test_a_purged_page_rendered_from_fragments_runs_fewer_queries(client, desk):
    """A story page dropped from the cache on its own reads the story row and the
    sections menu: its bylines, tags and corrections come with its cached article,
    its related headlines are kept until one of their stories changes."""
    url = desk[0].get_absolute_url()
    with CaptureQueriesContext(connection) as cold:
        client.get(url)
    cache.delete(page_name(RequestFactory().get(url)))
    forget_remembered()
    with CaptureQueriesContext(connection) as warm:
        response = client.get(url)
    assert response["X-Cache"] == "MISS" and "Story 1" in response.text
    assert (len(warm), len(cold)) == (1, 9)


def test_pages_made_of_fragments_are_fresh_for_the_next_process(client, desk):
    """The page stored after a render from new fragments is a HIT for a reader served
    by another process (no in-process memo): its parts never stamp a key later than
    the page's own render time."""
    for url in (reverse("articles:front_page"), desk[0].get_absolute_url()):
        assert client.get(url)["X-Cache"] == "MISS"
        forget_remembered()
        assert client.get(url)["X-Cache"] == "HIT", url


def test_a_correction_reaches_the_story_page_through_its_fragment(client, desk):
    """The article fragment goes stale with the story: a correction shows at once."""
    story = desk[0]
    assert (
        "Corrections and clarifications"
        not in client.get(story.get_absolute_url()).text
    )
    services.add_correction(
        story=story, text="An earlier version misdated the summit.", user=None
    )
    assert "misdated the summit" in client.get(story.get_absolute_url()).text


def test_renaming_an_author_refreshes_the_teasers_that_credit_them(client, desk):
    """A teaser names its authors: renaming one re-renders the teaser."""
    author = desk[0].bylines.get().author
    front = reverse("articles:front_page")
    assert author.name in client.get(front).text
    author.name = "Renamed Reporter"
    author.save()
    purge(f"author:{author.pk}")
    assert "Renamed Reporter" in client.get(front).text


def test_previews_never_read_or_fill_the_fragment_cache(client, desk):
    """A staff preview of a draft renders it afresh and leaves nothing in the cache;
    a published story's page keeps what readers were shown until it is purged."""
    draft = StoryFactory(draft=True, section=desk[0].section, headline="Draft story")
    story = desk[0]
    client.get(story.get_absolute_url())
    story.body = "<p>Draft paragraph nobody has published.</p>"
    story.save(update_fields=["body"])
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    for previewed in (draft, story):
        preview = client.get(reverse("articles:story_preview", args=[previewed.pk]))
        assert preview.status_code == 200
    assert "Draft paragraph" in preview.text
    assert cache.get(part_name(f"article:{draft.pk}")) is None
    client.logout()
    client.cookies.clear()
    purge(f"story-page:{story.pk}")
    assert "Draft paragraph" not in client.get(story.get_absolute_url()).text


@pytest.fixture
def tagged(desk):
    """desk[0] and desk[4] share a country; desk[4] fills desk[0]'s related list."""
    country = desk[0].countries.get()
    desk[4].countries.add(country)
    return desk


def test_a_story_taken_down_leaves_kept_lists_at_once(client, tagged):
    """The related fill and the section blocks are kept between renders, yet a story
    unpublished leaves them on the next visit: nothing hidden is ever shown."""
    front = reverse("articles:front_page")
    page = tagged[0].get_absolute_url()
    assert "Story 4" in client.get(page).text
    assert "Story 4" in client.get(front).text
    services.unpublish_story(story=tagged[4])
    assert "Story 4" not in client.get(page).text
    assert "Story 4" not in client.get(front).text


def test_a_pinned_story_taken_down_leaves_the_front_page_at_once(client, desk):
    """Pins are kept between renders, yet a pinned story unpublished leaves its slot
    on the next visit, and a story edited elsewhere keeps the pins from the cache."""
    FrontPageSlotFactory(story=desk[4], position=1)
    front = reverse("articles:front_page")
    assert escape(desk[4].headline) in client.get(front).context["lead_teaser"]
    desk[1].headline = "Story 1, edited"
    services.save_story(story=desk[1])
    with CaptureQueriesContext(connection) as queries:
        assert "Story 1, edited" in client.get(front).text
    assert not [q for q in queries if '"articles_frontpageslot"."position"' in q["sql"]]
    services.unpublish_story(story=desk[4])
    response = client.get(front)
    assert "Story 4" not in response.text
    assert "Story 4" not in response.context["lead_teaser"]
