"""Sitemaps and robots.txt: what search engines and Google News read."""

from datetime import datetime, timedelta
from xml.etree import ElementTree

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import services, sitemaps
from articles.models import Correction
from tests.factories import (
    AuthorFactory,
    BylineFactory,
    CountryFactory,
    PersonFactory,
    SectionFactory,
    StoryFactory,
)

pytestmark = pytest.mark.django_db

SITE = "https://news.example.com"
NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


def xml(client, url):
    response = client.get(url, HTTP_HOST="localhost")
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    return ElementTree.fromstring(response.content)


def locations(root):
    return [loc.text for loc in root.findall(".//sm:loc", NS)]


def test_index_lists_a_sitemap_per_month_and_per_kind_of_page(client, now):
    """The index names the site's pages, a sitemap per month with stories, then the
    subject pages."""
    recent = StoryFactory(published_at=now - timedelta(hours=1))
    old = StoryFactory(published_at=now - timedelta(days=70))
    StoryFactory(draft=True)
    root = xml(client, reverse("articles:sitemap_index"))
    # The stories' own months: an hour ago may be last month.
    published = {f"{story.published_at:%Y-%m}" for story in (recent, old)}
    months = sorted(published, reverse=True)
    assert locations(root) == [
        f"{SITE}/sitemap-pages.xml",
        *(f"{SITE}/sitemap-stories-{month}.xml" for month in months),
        f"{SITE}/sitemap-sections.xml",
        f"{SITE}/sitemap-countries.xml",
        f"{SITE}/sitemap-people.xml",
        f"{SITE}/sitemap-authors.xml",
    ]
    lastmods = [node.text for node in root.findall(".//sm:lastmod", NS)]
    assert len(lastmods) == 7
    assert lastmods[0] == lastmods[1] == max(lastmods)


def test_month_sitemap_holds_exactly_its_published_stories(client, now):
    """A month's sitemap lists its published stories in order, with their lastmod."""
    first = StoryFactory(published_at=now - timedelta(minutes=30))
    second = StoryFactory(published_at=now - timedelta(minutes=20), updated_at=now)
    StoryFactory(draft=True)
    StoryFactory(scheduled=True)
    month = first.published_at.strftime("%Y-%m")
    if second.published_at.strftime("%Y-%m") != month:
        pytest.skip("the two stories straddle a month boundary")
    root = xml(
        client, reverse("articles:sitemap", kwargs={"section": f"stories-{month}"})
    )
    assert locations(root) == [
        SITE + first.get_absolute_url(),
        SITE + second.get_absolute_url(),
    ]
    assert lastmods(root) == [
        first.published_at.replace(microsecond=0),
        now.replace(microsecond=0),
    ]


def lastmods(root):
    """Each <lastmod>, read as a W3C datetime: it must carry a time and an offset."""
    times = [datetime.fromisoformat(n.text) for n in root.findall(".//sm:lastmod", NS)]
    assert all(time.tzinfo is not None for time in times)
    return times


def test_story_lastmod_shows_a_same_day_correction(
    client, now, django_capture_on_commit_callbacks
):
    """A correction made the day a story appeared moves its lastmod to that time."""
    story = StoryFactory(published_at=now - timedelta(minutes=30))
    month = f"stories-{timezone.localdate(story.published_at):%Y-%m}"
    url = reverse("articles:sitemap", kwargs={"section": month})
    before = lastmods(xml(client, url))
    with django_capture_on_commit_callbacks(execute=True):
        correction = services.add_correction(story=story, text="The mayor said so.")
    after = lastmods(xml(client, url))
    assert before == [story.published_at.replace(microsecond=0)]
    assert after == [correction.created_at.replace(microsecond=0)]
    assert after != before


def test_pages_sitemap_lists_the_front_page_and_corrections(client, now):
    """/ and /corrections/ are in a sitemap, corrections dated by the newest one."""
    services.add_correction(story=StoryFactory(), text="Hidden.")
    shown = services.add_correction(
        story=StoryFactory(), kind=Correction.Kind.CLARIFICATION, text="Shown."
    )
    services.add_correction(story=StoryFactory(draft=True), text="Draft's.")
    root = xml(client, reverse("articles:sitemap", kwargs={"section": "pages"}))
    assert locations(root) == [f"{SITE}/", f"{SITE}/corrections/"]
    corrections = root.findall("sm:url", NS)[1]
    assert lastmods(corrections) == [shown.created_at.replace(microsecond=0)]


def test_pages_sitemap_without_corrections_has_no_lastmod(client):
    """With no correction yet, the pages sitemap claims no change time."""
    root = xml(client, reverse("articles:sitemap", kwargs={"section": "pages"}))
    assert locations(root) == [f"{SITE}/", f"{SITE}/corrections/"]
    assert lastmods(root) == []


def test_subject_sitemaps_list_only_pages_with_published_stories(client):
    """Sections, countries, people and authors appear once they have a story."""
    busy, quiet = SectionFactory(slug="europe"), SectionFactory(slug="asia")
    country, person, author = CountryFactory(), PersonFactory(), AuthorFactory()
    idle_country, idle_person = CountryFactory(), PersonFactory()
    story = StoryFactory(section=busy)
    story.countries.add(country)
    story.people.add(person)
    BylineFactory(story=story, author=author)
    draft = StoryFactory(section=quiet, draft=True)
    draft.countries.add(idle_country)
    draft.people.add(idle_person)
    expected = {
        "sections": [busy],
        "countries": [country],
        "people": [person],
        "authors": [author],
    }
    for name, subjects in expected.items():
        root = xml(client, reverse("articles:sitemap", kwargs={"section": name}))
        assert locations(root) == [SITE + s.get_absolute_url() for s in subjects]


@pytest.mark.parametrize("section", ["stories-2026-13", "stories-x", "tags", "news"])
def test_unknown_sitemap_is_not_found(client, section):
    """A sitemap name that is not in the index is a 404."""
    url = reverse("articles:sitemap", kwargs={"section": section})
    assert client.get(url).status_code == 404


def test_news_sitemap_lists_the_last_two_days(client, now, settings):
    """Google News gets the last 48 hours' stories with name, language, date, title."""
    fresh = StoryFactory(headline="Fresh & new", published_at=now - timedelta(hours=2))
    StoryFactory(published_at=now - timedelta(hours=49))
    StoryFactory(draft=True)
    StoryFactory(scheduled=True)
    root = xml(client, reverse("articles:news_sitemap"))
    (url,) = root.findall("sm:url", NS)
    assert url.find("sm:loc", NS).text == SITE + fresh.get_absolute_url()
    news = url.find("news:news", NS)
    assert news.find("news:publication/news:name", NS).text == settings.SITE_NAME
    assert news.find("news:publication/news:language", NS).text == "en"
    assert news.find("news:title", NS).text == "Fresh & new"
    published = news.find("news:publication_date", NS).text
    assert published.startswith(fresh.published_at.isoformat()[:19])


def test_news_sitemap_stops_at_its_limit(client, now, monkeypatch):
    """The news sitemap stops at its limit (1,000), keeping the newest stories."""
    assert sitemaps.NEWS_LIMIT == 1000
    monkeypatch.setattr(sitemaps, "NEWS_LIMIT", 2)
    stories = [
        StoryFactory(published_at=now - timedelta(minutes=n + 1)) for n in range(3)
    ]
    root = xml(client, reverse("articles:news_sitemap"))
    assert locations(root) == [SITE + s.get_absolute_url() for s in stories[:2]]


def test_robots_txt_names_both_sitemaps(client):
    """robots.txt points crawlers at the sitemap index and the news sitemap."""
    response = client.get("/robots.txt", HTTP_HOST="localhost")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert f"Sitemap: {SITE}/sitemap.xml" in text
    assert f"Sitemap: {SITE}/news-sitemap.xml" in text
    assert "Disallow: /admin/" in text


@pytest.mark.parametrize(
    ("site_url", "warns"),
    [
        ("http://127.0.0.1:8000", True),
        ("http://news.example.com", True),
        ("https://localhost", True),
        ("https://news.example.com", False),
    ],
)
def test_deploy_check_wants_a_public_https_site_url(settings, site_url, warns):
    """`check --deploy` warns when links would point at a local or plain-http site."""
    from articles.checks import check_site_url

    settings.SITE_URL = site_url
    assert bool(check_site_url()) is warns


@pytest.mark.parametrize("path", ["/sitemap-%00.xml", "/sitemap-stories-%00.xml"])
def test_nul_in_a_sitemap_address_is_not_found(client, path):
    """A NUL byte in a sitemap address is a 404, never a database error."""
    assert client.get(path).status_code == 404
