"""Every reader page answers with its content."""

from datetime import timedelta

import pytest
from django.urls import reverse

from articles.models import Image
from articles.views import front
from tests.factories import (
    AuthorFactory,
    BylineFactory,
    CountryFactory,
    PersonFactory,
    SectionFactory,
    StoryFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(now):
    section = SectionFactory(slug="europe", name="Europe")
    story = StoryFactory(
        section=section,
        headline="Allies pledge guarantees",
        dek="A first for Washington.",
        dateline="PARIS",
        credit="Reuters",
        body="<p>Leaders met in Paris.</p><p>Details remain open.</p>",
        published_at=now - timedelta(hours=3),
        updated_at=now - timedelta(hours=1),
    )
    BylineFactory(story=story, author=AuthorFactory(name="Ada Reporter", slug="ada"))
    story.countries.add(CountryFactory(code="UA"))
    story.people.add(PersonFactory(name="Jane Envoy", slug="jane-envoy"))
    return story


def test_story_page_shows_the_whole_story(client, story):
    """Headline, dek, dateline, byline, credit, times, body and tags are all there."""
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    html = response.text
    for text in [
        "<h1>Allies pledge guarantees</h1>",
        "A first for Washington.",
        "PARIS",
        '<a href="/author/ada/">Ada Reporter</a>',
        "Reuters",
        "<p>Leaders met in Paris.</p>",
        '<a href="/country/ukraine/"><span class="tag-kind">Country</span> Ukraine</a>',
        '<a href="/person/jane-envoy/"><span class="tag-kind">Person</span> Jane',
    ]:
        assert text in html
    assert html.count("<time datetime=") == 2
    assert (
        f'<link rel="canonical" href="http://127.0.0.1:8000{story.get_absolute_url()}">'
        in html
    )


def test_story_url_carries_section_and_first_publication_date(story):
    """The address reads /section/yyyy/mm/dd/slug/."""
    day = story.published_at.date()
    assert story.get_absolute_url() == (
        f"/europe/{day:%Y}/{day:%m}/{day:%d}/{story.slug}/"
    )


def test_story_page_shows_lead_image_with_caption_and_credit(client, story):
    """A lead image comes with its alt text, caption and credit."""
    story.lead_image = Image.objects.create(
        file="images/demo.jpg",
        alt_text="Leaders at the table",
        caption="Leaders at the summit.",
        credit="Photo: Desk",
        width=1600,
        height=900,
    )
    story.save()
    html = client.get(story.get_absolute_url()).text
    assert 'alt="Leaders at the table"' in html
    assert 'width="1600" height="900"' in html
    assert "Leaders at the summit." in html
    assert "Photo: Desk" in html


def test_front_page_shows_lineup_latest_sections_and_in_the_news(
    client, story, settings, monkeypatch
):
    """The front page has the lead, the latest, section blocks and tags in the news."""
    settings.NEWSROOM_FRONT_PAGE_TOP_STORIES = 6
    monkeypatch.setattr(front, "LATEST", 2)
    others = StoryFactory.create_batch(
        10, section=SectionFactory(slug="asia", name="Asia")
    )
    html = client.get(reverse("articles:front_page")).text
    assert "Allies pledge guarantees" in html
    assert 'id="latest"' in html
    assert 'id="section-europe"' in html and 'id="section-asia"' in html
    assert 'id="in-the-news"' in html and "Ukraine" in html and "Jane Envoy" in html
    for other in others:
        assert other.headline in html


@pytest.mark.parametrize("page", ["section", "country", "person", "author"])
def test_listing_pages_show_their_stories(client, story, page):
    """Section, country, person and author pages list the story with its teaser."""
    subject = {
        "section": story.section,
        "country": story.countries.get(),
        "person": story.people.get(),
        "author": story.bylines.get().author,
    }[page]
    unrelated = StoryFactory(headline="Unrelated story", section=SectionFactory())
    html = client.get(subject.get_absolute_url()).text
    assert f"<h1>{subject.name}</h1>" in html
    assert "Allies pledge guarantees" in html
    assert "A first for Washington." in html
    assert unrelated.headline not in html


def test_listing_is_paginated_newest_first(client, settings, now):
    """Twenty-five stories make two pages, newest first, with working page links."""
    section = SectionFactory(slug="world", name="World")
    for n in range(25):
        StoryFactory(
            section=section,
            headline=f"Item {n:02d}",
            published_at=now - timedelta(hours=n),
        )
    first = client.get("/world/").text
    assert first.index("Item 00") < first.index("Item 19")
    assert "Item 20" not in first
    assert 'href="?page=2"' in first
    second = client.get("/world/?page=2").text
    assert "Item 20" in second and "Item 24" in second and "Item 00" not in second
    assert "Page 2<" in second
    assert 'rel="prev" href="?page=1"' in second and 'rel="next"' not in second


def test_country_page_without_stories_is_a_clean_404(client):
    """A country no published story names yet has no page: a friendly 404."""
    response = client.get("/country/iceland/")
    assert response.status_code == 404
    assert "We couldn’t find that page" in response.text


def test_section_blocks_show_recent_stories_only(client, now, settings, monkeypatch):
    """The front page's section blocks leave out stories older than their window."""
    settings.NEWSROOM_FRONT_PAGE_TOP_STORIES = 0
    monkeypatch.setattr(front, "LATEST", 0)
    recent = SectionFactory(slug="recent", name="Recent desk")
    stale = SectionFactory(slug="stale", name="Stale desk")
    StoryFactory(section=recent, headline="Lead of the day")
    StoryFactory(
        section=recent, headline="Fresh item", published_at=now - timedelta(days=2)
    )
    StoryFactory(
        section=stale, headline="Old item", published_at=now - timedelta(days=40)
    )
    html = client.get(reverse("articles:front_page")).text
    assert 'id="section-recent"' in html and "Fresh item" in html
    assert 'id="section-stale"' not in html


def test_listing_ends_at_its_page_cap(client, settings, now):
    """Listings page no deeper than the cap; the page past it is a clean 404."""
    settings.NEWSROOM_LISTING_MAX_PAGES = 2
    section = SectionFactory(slug="world", name="World")
    for n in range(50):
        StoryFactory(section=section, published_at=now - timedelta(hours=n))
    second = client.get("/world/?page=2").text
    assert "Page 2<" in second and 'rel="next"' not in second
    assert client.get("/world/?page=3").status_code == 404
    assert "Page 2<" in client.get("/world/?page=last").text
