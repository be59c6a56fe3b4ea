"""A story taken down leaves every page at once, pages readers just had included, and
stays down when the shared cache blinked as it was taken down."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.cache.purging import retry_pending
from articles.views.front import LATEST
from tests.conftest import UNREACHABLE_REDIS_URL, redis_caches
from tests.factories import (
    AuthorFactory,
    BylineFactory,
    CountryFactory,
    FrontPageSlotFactory,
    PersonFactory,
    RelatedLinkFactory,
    SectionFactory,
    StoryFactory,
)
from tests.reading import lead, section_block

pytestmark = pytest.mark.django_db

HEADLINE = "Ceasefire talks open in Geneva"
SLUG = "ceasefire-talks"


@pytest.fixture
def desk():
    """The story, with a byline, a country and a person; a story in another section
    linking to it, and one sharing its country (its related fill lists the story)."""
    europe = SectionFactory(slug="europe", name="Europe")
    asia = SectionFactory(slug="asia", name="Asia")
    country, person, author = CountryFactory(), PersonFactory(), AuthorFactory()
    story = StoryFactory(section=europe, headline=HEADLINE, slug=SLUG)
    story.countries.add(country)
    story.people.add(person)
    BylineFactory(story=story, author=author)
    linking = StoryFactory(section=asia, headline="Envoys gather")
    RelatedLinkFactory(story=linking, target=story)
    sharing = StoryFactory(section=asia, headline="Border calm holds")
    sharing.countries.add(country)
    return {
        "story": story,
        "europe": europe,
        "country": country,
        "person": person,
        "author": author,
        "linking": linking,
        "sharing": sharing,
    }


def listing_pages(desk):
    """Every public page that shows the story, besides its own."""
    country = desk["country"].slug
    month = desk["story"].published_at.strftime("%Y-%m")
    return [
        reverse("articles:front_page"),
        desk["europe"].get_absolute_url(),
        desk["country"].get_absolute_url(),
        desk["person"].get_absolute_url(),
        desk["author"].get_absolute_url(),
        desk["linking"].get_absolute_url(),
        desk["sharing"].get_absolute_url(),
        reverse("articles:feed_latest", kwargs={"fmt": "atom"}),
        reverse(
            "articles:feed", kwargs={"kind": "section", "slug": "europe", "fmt": "rss"}
        ),
        reverse(
            "articles:feed", kwargs={"kind": "country", "slug": country, "fmt": "rss"}
        ),
        reverse("articles:news_sitemap"),
        reverse("articles:sitemap", kwargs={"section": f"stories-{month}"}),
    ]


def shows_story(client, url):
    """Whether the page at `url` shows the story (a subject left with no story to
    list answers 404)."""
    response = client.get(url)
    if response.status_code == 404:
        return False
    assert response.status_code == 200, url
    return HEADLINE in response.text or f"/{SLUG}/" in response.text


def unpublish(story, committed):
    committed(services.unpublish_story, story=story)


def delete(story, committed):
    committed(services.delete_story, story=story)


def embargo(story, committed):
    until = story.published_at + timedelta(days=2)
    committed(services.embargo_story, story=story, until=until)


@pytest.mark.parametrize("take_down", [unpublish, delete, embargo])
def test_a_story_taken_down_leaves_every_page_readers_had(
    client, desk, committed, take_down
):
    """Unpublished, deleted or embargoed, a story leaves its page, its lists, the
    front page, feeds, sitemaps and other stories' related headlines at once."""
    url = desk["story"].get_absolute_url()
    assert client.get(url).status_code == 200
    for page in listing_pages(desk):
        assert shows_story(client, page), page
    take_down(desk["story"], committed)
    assert client.get(url).status_code == 404
    for page in listing_pages(desk):
        assert not shows_story(client, page), page


def test_a_pinned_story_unpublished_leaves_the_lead_slot(client, committed):
    """The story an editor pinned to lead the front page leaves it when unpublished,
    and the newest story leads instead."""
    pinned = StoryFactory(headline=HEADLINE, slug=SLUG)
    newest = StoryFactory(headline="Markets rally")
    FrontPageSlotFactory(story=pinned, position=1)
    front = reverse("articles:front_page")
    assert HEADLINE in lead(client.get(front).text)
    committed(services.unpublish_story, story=pinned)
    html = client.get(front).text
    assert HEADLINE not in html
    assert newest.headline in lead(html)


def test_a_story_taken_down_leaves_its_section_block(client, committed):
    """A story the front page lists only in its section's block leaves it when
    unpublished, and the front page still answers."""
    europe = SectionFactory(slug="europe", name="Europe")
    # Newer stories fill the slots and "Latest", which the blocks never repeat.
    slots = 1 + settings.NEWSROOM_FRONT_PAGE_TOP_STORIES + LATEST
    stories = [
        StoryFactory(section=europe, published_at=timezone.now() - timedelta(hours=n))
        for n in range(1, slots + 1)
    ]
    oldest = StoryFactory(section=europe, headline=HEADLINE, slug=SLUG)
    oldest.published_at = stories[-1].published_at - timedelta(hours=1)
    oldest.save(update_fields=["published_at"])
    front = reverse("articles:front_page")
    html = client.get(front).text
    assert HEADLINE in section_block(html, "europe")
    committed(services.unpublish_story, story=oldest)
    response = client.get(front)
    assert response.status_code == 200
    assert HEADLINE not in response.text


@pytest.fixture
def two_servers(shared_redis, settings):
    """Switches between two app servers over one Redis: `readers()` is a healthy
    one; `cut_off()` one that cannot reach Redis at all."""

    class Servers:
        def readers(self):
            settings.CACHES = redis_caches()

        def cut_off(self):
            settings.CACHES = redis_caches(UNREACHABLE_REDIS_URL)

    return Servers()


def next_purge_from_any_server(committed):
    other = StoryFactory(headline="An unrelated story")
    other.headline = "An unrelated edit"
    committed(services.save_story, story=other)


def task_worker_retry(committed):
    retry_pending.call(1)


@pytest.mark.parametrize("catch_up", [next_purge_from_any_server, task_worker_retry])
def test_a_story_unpublished_during_a_redis_blip_goes_once_redis_is_back(
    client, desk, committed, two_servers, catch_up
):
    """An unpublish on a server that could not reach Redis is not forgotten: once
    Redis is back, the next purge from any server, or the task worker's retry, takes
    the story off the pages healthy servers kept."""
    story_url, section_url = (
        desk["story"].get_absolute_url(),
        desk["europe"].get_absolute_url(),
    )
    two_servers.readers()
    assert client.get(story_url).status_code == 200
    assert shows_story(client, section_url)
    two_servers.cut_off()
    unpublish(desk["story"], committed)
    two_servers.readers()
    # Nobody could record the purge yet: healthy servers still show their copies.
    assert client.get(story_url).status_code == 200
    catch_up(committed)
    assert client.get(story_url).status_code == 404
    assert not shows_story(client, section_url)
