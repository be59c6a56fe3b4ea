"""Unpublished stories never reach a feed, sitemap, search result or metadata."""

from datetime import timedelta

import pytest
from django.urls import reverse

from tests.factories import (
    AuthorFactory,
    BylineFactory,
    CountryFactory,
    PersonFactory,
    SectionFactory,
    StoryFactory,
)

pytestmark = pytest.mark.django_db

MARKER = "qzxvmarker"


@pytest.fixture
def desk(now):
    """A published story, and a draft, a scheduled and an embargoed one like it."""
    section = SectionFactory(slug="europe", name="Europe")
    country, person, author = CountryFactory(), PersonFactory(), AuthorFactory()
    visible = StoryFactory(
        section=section,
        headline="Visible story",
        published_at=now - timedelta(hours=1),
    )
    hidden = [
        StoryFactory(
            section=section,
            headline=f"{MARKER} draft headline",
            dek=f"{MARKER} dek",
            body=f"<p>{MARKER} body</p>",
            draft=True,
        ),
        StoryFactory(
            section=section,
            headline=f"{MARKER} scheduled headline",
            dek=f"{MARKER} dek",
            body=f"<p>{MARKER} body</p>",
            scheduled=True,
        ),
        StoryFactory(
            section=section,
            headline=f"{MARKER} embargoed headline",
            dek=f"{MARKER} dek",
            body=f"<p>{MARKER} body</p>",
            embargoed=True,
        ),
    ]
    for story in [visible, *hidden]:
        story.countries.add(country)
        story.people.add(person)
        BylineFactory(story=story, author=author)
    # The visible story's page too: its related headlines and JSON-LD see the others.
    return {
        "section": section,
        "country": country,
        "person": person,
        "author": author,
        "story": visible,
    }


def public_urls(desk):
    urls = [
        "/",
        "/robots.txt",
        reverse("articles:sitemap_index"),
        reverse("articles:news_sitemap"),
        reverse("articles:search") + "?q=dek or body",
        reverse("articles:search") + "?q=headline",
        reverse("articles:search") + "?section=europe",
    ]
    for fmt in ("rss", "atom"):
        urls.append(reverse("articles:feed_latest", kwargs={"fmt": fmt}))
        for kind in ("section", "country", "person", "author"):
            urls.append(
                reverse(
                    "articles:feed",
                    kwargs={"kind": kind, "slug": desk[kind].slug, "fmt": fmt},
                )
            )
    for name in ("sections", "countries", "people", "authors"):
        urls.append(reverse("articles:sitemap", kwargs={"section": name}))
    for subject in desk.values():
        urls.append(subject.get_absolute_url())
    return urls


def test_marker_never_appears_on_any_public_surface(client, desk, now):
    """The hidden stories' marker is in no feed, sitemap, search result or tag."""
    urls = public_urls(desk)
    urls.append(reverse("articles:sitemap", kwargs={"section": f"stories-{now:%Y-%m}"}))
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert MARKER not in response.content.decode().lower(), url


def test_search_for_the_marker_finds_nothing(client, desk):
    """Searching for words only unpublished stories hold gives no results."""
    response = client.get(reverse("articles:search"), {"q": MARKER})
    assert response.context["page_obj"].paginator.count == 0


def test_person_named_only_by_unpublished_stories_has_no_page(client, now):
    """A person tagged only on an embargoed or draft story is named nowhere yet."""
    secret = PersonFactory(name="Secret Appointee", slug="secret-appointee")
    for kind in ("embargoed", "draft", "scheduled"):
        StoryFactory(**{kind: True}).people.add(secret)
    page = reverse("articles:person_detail", kwargs={"slug": secret.slug})
    feed = reverse(
        "articles:feed", kwargs={"kind": "person", "slug": secret.slug, "fmt": "rss"}
    )
    assert client.get(page).status_code == 404
    assert client.get(feed).status_code == 404
    search = client.get(reverse("articles:search"), {"person": secret.slug})
    assert "Secret Appointee" not in search.text
    StoryFactory().people.add(secret)
    assert client.get(page).status_code == 200
