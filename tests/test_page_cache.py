"""The anonymous page cache: fast repeat visits, fresh pages after every change."""

import time
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.cache import purge
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


@pytest.fixture
def desk():
    """Two sections; a story with a byline, a country and a related story."""
    europe = SectionFactory(slug="europe", name="Europe")
    asia = SectionFactory(slug="asia", name="Asia")
    country, author = CountryFactory(), AuthorFactory()
    story = StoryFactory(section=europe, headline="Paris summit")
    story.countries.add(country)
    BylineFactory(story=story, author=author)
    linking = StoryFactory(section=asia, headline="Linking story")
    RelatedLinkFactory(story=linking, target=story)
    other = StoryFactory(section=asia, headline="Unrelated story")
    return {
        "story": story,
        "linking": linking,
        "other": other,
        "country": country,
        "author": author,
        "europe": europe,
        "asia": asia,
    }


def urls(desk):
    return {
        "front": reverse("articles:front_page"),
        "story": desk["story"].get_absolute_url(),
        "linking": desk["linking"].get_absolute_url(),
        "other": desk["other"].get_absolute_url(),
        "europe": desk["europe"].get_absolute_url(),
        "asia": desk["asia"].get_absolute_url(),
        "country": desk["country"].get_absolute_url(),
        "author": desk["author"].get_absolute_url(),
        "feed": reverse("articles:feed_latest", kwargs={"fmt": "atom"}),
        "asia_feed": reverse(
            "articles:feed", kwargs={"kind": "section", "slug": "asia", "fmt": "rss"}
        ),
        "news_sitemap": reverse("articles:news_sitemap"),
        "corrections": reverse("articles:corrections"),
    }


def warm(client, pages):
    for url in pages.values():
        assert client.get(url)["X-Cache"] == "MISS", url
        assert client.get(url)["X-Cache"] == "HIT", url


def states(client, pages):
    return {name: client.get(url)["X-Cache"] for name, url in pages.items()}


def test_repeat_visit_is_served_from_cache_without_queries(client, desk):
    """A second anonymous visit runs no SQL at all."""
    url = desk["story"].get_absolute_url()
    assert client.get(url)["X-Cache"] == "MISS"
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response["X-Cache"] == "HIT"
    assert len(queries) == 0
    assert "Paris summit" in response.text


def test_reader_page_headers(client, desk):
    """Public pages say how long they may be kept and what objects they show."""
    response = client.get(desk["story"].get_absolute_url())
    control = response["Cache-Control"]
    for part in ["public", "max-age=60", "s-maxage=600", "stale-while-revalidate=60"]:
        assert part in control
    assert "stale-if-error=86400" in control
    assert response["ETag"] and response["Last-Modified"]
    keys = response["Surrogate-Key"].split()
    assert f"story:{desk['story'].pk}" in keys
    assert f"country:{desk['country'].pk}" in keys
    assert f"author:{desk['author'].pk}" in keys


def test_conditional_get_answers_304(client, desk):
    """A reader's browser revalidating an unchanged page gets 304 Not Modified."""
    url = desk["story"].get_absolute_url()
    first = client.get(url)
    assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 304
    since = first["Last-Modified"]
    assert client.get(url, headers={"if-modified-since": since}).status_code == 304
    assert client.get(url, headers={"if-none-match": '"other"'}).status_code == 200


def test_logged_in_pages_bypass_the_cache(client, desk):
    """Staff see fresh, private pages, and their visits never fill the cache."""
    url = desk["story"].get_absolute_url()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get(url)
    assert "X-Cache" not in response
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    client.logout()
    client.cookies.clear()
    anonymous = client.get(url)
    assert anonymous["X-Cache"] == "MISS"
    assert "csrfmiddlewaretoken" not in anonymous.text
    assert "/admin/" not in anonymous.text


def test_new_story_refreshes_exactly_the_pages_that_list_it(client, desk):
    """Publishing purges the front page and its lists; unrelated pages stay cached."""
    pages = urls(desk)
    warm(client, pages)
    new = StoryFactory(draft=True, section=desk["europe"], headline="Fresh news")
    new.countries.add(desk["country"])
    services.publish_story(story=new)
    assert states(client, pages) == {
        "front": "MISS",
        "story": "HIT",
        "linking": "HIT",
        "other": "HIT",
        "europe": "MISS",
        "asia": "HIT",
        "country": "MISS",
        "author": "HIT",
        "feed": "MISS",
        "asia_feed": "HIT",
        "news_sitemap": "MISS",
        "corrections": "MISS",
    }
    assert "Fresh news" in client.get(pages["europe"]).text
    assert "Fresh news" in client.get(pages["feed"]).text


def test_edited_story_refreshes_every_page_that_shows_it(client, desk):
    """An edit shows at once on its page, its lists and stories that link to it."""
    pages = urls(desk)
    warm(client, pages)
    story = desk["story"]
    story.headline = "Paris summit ends"
    services.save_story(story=story)
    assert states(client, pages) == {
        "front": "MISS",
        "story": "MISS",
        "linking": "MISS",
        "other": "HIT",
        "europe": "MISS",
        "asia": "HIT",
        "country": "MISS",
        "author": "MISS",
        "feed": "MISS",
        "asia_feed": "HIT",
        "news_sitemap": "MISS",
        "corrections": "MISS",
    }
    assert "Paris summit ends" in client.get(pages["linking"]).text


def test_unpublished_story_leaves_cached_pages_at_once(client, desk):
    """Unpublishing takes the story off every cached page on the next request."""
    pages = urls(desk)
    warm(client, pages)
    services.unpublish_story(story=desk["story"])
    assert client.get(pages["story"]).status_code == 404
    for name in ["front", "europe", "country", "author", "linking"]:
        assert "Paris summit" not in client.get(pages[name]).text, name
    assert client.get(pages["other"])["X-Cache"] == "HIT"


def test_deleted_story_leaves_cached_pages(client, desk):
    """Deleting a story purges the pages that showed it."""
    pages = urls(desk)
    warm(client, pages)
    services.delete_story(story=desk["story"])
    for name in ["front", "europe", "linking"]:
        response = client.get(pages[name])
        assert response["X-Cache"] == "MISS", name
        assert "Paris summit" not in response.text, name
    # The country's and author's only story is gone: no published story names
    # them now, so they have no page.
    for name in ["country", "author"]:
        response = client.get(pages[name])
        assert response.status_code == 404, name
        assert "Paris summit" not in response.text, name


def test_admin_renames_refresh_the_pages_that_name_them(client, desk):
    """Renaming a tag, an author or a section through the admin shows at once."""
    pages = urls(desk)
    warm(client, pages)
    editor = UserFactory(is_staff=True, is_superuser=True)
    staff = type(client)()
    staff.force_login(editor)
    country = desk["country"]
    response = staff.post(
        reverse("admin:articles_countrytag_change", args=[country.pk]),
        {"name": "Renamedland", "slug": country.slug, "code": country.code},
    )
    assert response.status_code == 302
    assert "Renamedland" in client.get(pages["story"]).text
    assert client.get(pages["country"])["X-Cache"] == "MISS"
    assert client.get(pages["other"])["X-Cache"] == "HIT"
    europe = desk["europe"]
    staff.post(
        reverse("admin:articles_section_change", args=[europe.pk]),
        {
            "name": "Europe and beyond",
            "slug": "europe",
            "position": 0,
            "description": "",
        },
    )
    assert "Europe and beyond" in client.get(pages["other"]).text


def test_lineup_change_refreshes_only_the_front_page(client, desk):
    """Pinning a story re-renders the front page and nothing else."""
    pages = urls(desk)
    warm(client, pages)
    editor = UserFactory(is_staff=True, is_superuser=True)
    staff = type(client)()
    staff.force_login(editor)
    response = staff.post(
        reverse("admin:articles_frontpageslot_add"),
        {"position": 1, "story": desk["other"].pk},
    )
    assert response.status_code == 302
    result = states(client, pages)
    assert result.pop("front") == "MISS"
    assert set(result.values()) == {"HIT"}
    html = client.get(pages["front"]).text
    assert html.index("Unrelated story") < html.index("Paris summit")


def test_scheduled_story_appears_on_time_through_the_cache(client, desk):
    """A page cached before a scheduled story's time is not served after it."""
    europe = desk["europe"].get_absolute_url()
    StoryFactory(
        section=desk["europe"],
        headline="Timed release",
        published_at=timezone.now() + timedelta(seconds=2),
    )
    first = client.get(europe)
    assert "Timed release" not in first.text
    assert client.get(europe)["X-Cache"] == "HIT"
    time.sleep(2.5)
    later = client.get(europe)
    assert later["X-Cache"] == "MISS"
    assert "Timed release" in later.text


def test_expiring_pin_leaves_the_front_page_on_time(client, desk):
    """A pin that expires stops leading the cached front page at its time."""
    oldest = desk["story"]
    FrontPageSlotFactory(
        story=oldest, position=1, expires_at=timezone.now() + timedelta(seconds=2)
    )
    front = reverse("articles:front_page")
    assert oldest.headline in client.get(front).context["lead_teaser"]
    assert client.get(front)["X-Cache"] == "HIT"
    time.sleep(2.5)
    response = client.get(front)
    assert response["X-Cache"] == "MISS"
    assert desk["other"].headline in response.context["lead_teaser"]


def test_publishing_a_linked_story_refreshes_the_stories_linking_to_it(client, desk):
    """A curated link to a draft appears on the cached linking page once published."""
    draft = StoryFactory(draft=True, headline="Embargoed analysis")
    RelatedLinkFactory(story=desk["other"], target=draft, position=5)
    url = desk["other"].get_absolute_url()
    assert "Embargoed analysis" not in client.get(url).text
    assert client.get(url)["X-Cache"] == "HIT"
    services.publish_story(story=draft)
    response = client.get(url)
    assert response["X-Cache"] == "MISS"
    assert "Embargoed analysis" in response.text


def test_cache_headers_do_not_tell_when_a_scheduled_story_is_due(client, desk):
    """Cache-Control is the same with a story due in 30 seconds or none: lifetimes
    that ended at the due time would tell anyone when an embargo lifts."""
    url = reverse("articles:front_page")
    quiet = client.get(url)["Cache-Control"]
    StoryFactory(
        section=desk["europe"], published_at=timezone.now() + timedelta(seconds=30)
    )
    due_soon = client.get(url + "?page=1")["Cache-Control"]
    assert due_soon == quiet
    assert "s-maxage=600" in due_soon


def test_with_replicas_a_page_rendered_right_after_a_purge_is_not_trusted(
    client, desk, settings
):
    """A render that may have read a lagging replica is re-rendered, not kept."""
    settings.NEWSROOM_REPLICA_LAG_SECONDS = 30
    url = desk["other"].get_absolute_url()
    client.get(url)
    purge(f"story:{desk['other'].pk}")
    assert client.get(url)["X-Cache"] == "MISS"
    assert client.get(url)["X-Cache"] == "MISS"
    settings.NEWSROOM_REPLICA_LAG_SECONDS = 0
    assert client.get(url)["X-Cache"] == "HIT"


def test_junk_query_strings_share_one_cached_page(client, desk):
    """Random parameters neither split the cache nor bypass it."""
    url = desk["story"].get_absolute_url()
    assert client.get(f"{url}?x=1")["X-Cache"] == "MISS"
    assert client.get(f"{url}?x=2&utm_source=feed")["X-Cache"] == "HIT"
    assert client.get(url)["X-Cache"] == "HIT"
