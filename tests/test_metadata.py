"""Page metadata: JSON-LD, OpenGraph and social cards, on SITE_URL."""

import io
import json
import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage

from articles import services
from articles.models import Image
from tests.factories import (
    AuthorFactory,
    BylineFactory,
    CountryFactory,
    PersonFactory,
    StoryFactory,
)

pytestmark = pytest.mark.django_db

SITE = "https://news.example.com"
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
META = re.compile(r'<meta (?:property|name)="([^"]+)" content="([^"]*)">')


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


def json_ld(html):
    blocks = [json.loads(block) for block in JSON_LD.findall(html)]
    return [
        item
        for block in blocks
        for item in (block if isinstance(block, list) else [block])
    ]


def metas(html):
    found = {}
    for name, content in META.findall(html):
        found.setdefault(name, []).append(content)
    return found


@pytest.fixture
def story(now):
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 36), "teal").save(buffer, "JPEG")
    image = Image.objects.create(
        file=SimpleUploadedFile("lead.jpg", buffer.getvalue()), alt_text="A ferry"
    )
    story = StoryFactory(
        headline="Ferry talks resume",
        dek="Both sides return to the table.",
        lead_image=image,
    )
    BylineFactory(story=story, author=AuthorFactory(name="Ana Lima"), position=0)
    story.countries.add(CountryFactory(code="UA"), CountryFactory(code="PL"))
    story.people.add(PersonFactory(name="Jane Roe", description="Negotiator"))
    services.mark_updated(story=story, at=now)
    return story


def test_story_json_ld_describes_a_news_article(client, story, now, settings):
    """A story page carries a NewsArticle with every property search engines use."""
    html = client.get(story.get_absolute_url(), HTTP_HOST="localhost").content.decode()
    article, crumbs = json_ld(html)
    url = SITE + story.get_absolute_url()
    assert article["@type"] == "NewsArticle"
    assert article["headline"] == "Ferry talks resume"
    assert article["mainEntityOfPage"]["@id"] == url
    assert article["image"] == [SITE + story.lead_image.file.url]
    assert article["datePublished"].startswith(story.published_at.isoformat()[:19])
    assert article["dateModified"].startswith(now.isoformat()[:19])
    (author,) = article["author"]
    assert author == {
        "@type": "Person",
        "name": "Ana Lima",
        "url": SITE + story.bylines.get().author.get_absolute_url(),
    }
    publisher = article["publisher"]
    assert publisher["name"] == settings.SITE_NAME
    assert publisher["logo"]["url"].startswith(SITE + "/static/img/logo")
    assert article["locationCreated"] == {"@type": "Place", "name": "Paris"}
    assert {(s["@type"], s["name"]) for s in article["about"]} == {
        ("Country", "Ukraine"),
        ("Country", "Poland"),
        ("Person", "Jane Roe"),
    }
    assert [item["item"] for item in crumbs["itemListElement"]] == [
        SITE + "/",
        SITE + story.section.get_absolute_url(),
        url,
    ]
    assert "localhost" not in html


def test_story_opengraph_and_card_tags_are_absolute(client, story):
    """OpenGraph and Twitter tags name the story, its image and times, absolutely."""
    html = client.get(story.get_absolute_url(), HTTP_HOST="localhost").content.decode()
    tags = metas(html)
    assert tags["og:type"] == ["article"]
    assert tags["og:url"] == [SITE + story.get_absolute_url()]
    assert tags["og:image"] == [SITE + story.lead_image.file.url]
    assert tags["twitter:card"] == ["summary_large_image"]
    assert tags["og:title"] == ["Ferry talks resume"]
    assert tags["description"] == ["Both sides return to the table."]
    assert tags["article:section"] == [story.section.name]
    assert sorted(tags["article:tag"]) == ["Jane Roe", "Poland", "Ukraine"]
    assert tags["article:published_time"][0].startswith(
        story.published_at.isoformat()[:19]
    )
    assert tags["article:modified_time"][0] > tags["article:published_time"][0]
    assert f'<link rel="canonical" href="{SITE}{story.get_absolute_url()}">' in html
    for name in ("og:url", "og:image", "twitter:image", "article:author"):
        assert all(value.startswith(SITE + "/") for value in tags[name]), name


def test_json_ld_cannot_break_out_of_its_script(client):
    """A headline holding </script> stays data inside the JSON-LD block."""
    story = StoryFactory(headline="</script><script>alert(1)</script> & more")
    html = client.get(story.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    (article, _) = json_ld(html)
    assert article["headline"] == "</script><script>alert(1)</script> & more"


def test_list_pages_describe_a_collection(client):
    """Section, country, person and author pages are CollectionPages of stories."""
    story = StoryFactory()
    country, person, author = CountryFactory(), PersonFactory(), AuthorFactory()
    story.countries.add(country)
    story.people.add(person)
    BylineFactory(story=story, author=author)
    for subject in (story.section, country, person, author):
        html = client.get(subject.get_absolute_url()).content.decode()
        (page,) = json_ld(html)
        assert page["@type"] == "CollectionPage"
        assert page["url"] == SITE + subject.get_absolute_url()
        assert [item["url"] for item in page["mainEntity"]["itemListElement"]] == [
            SITE + story.get_absolute_url()
        ]
        assert metas(html)["og:url"] == [SITE + subject.get_absolute_url()]


def test_a_later_list_page_is_its_own_canonical_page(client, now):
    """Page 2 of a section names itself canonical; its card points at the section."""
    section = StoryFactory().section
    for n in range(20):
        StoryFactory(section=section, published_at=now - timedelta(hours=n + 1))
    url = section.get_absolute_url()
    html = client.get(url, {"page": 2}).content.decode()
    assert f'<link rel="canonical" href="{SITE}{url}?page=2">' in html
    assert metas(html)["og:url"] == [SITE + url]


def test_front_page_offers_site_search(client):
    """The front page is a WebSite whose SearchAction points at the search page."""
    StoryFactory()
    (site,) = json_ld(client.get("/").content.decode())
    assert site["@type"] == "WebSite"
    assert site["url"] == SITE + "/"
    target = site["potentialAction"]["target"]["urlTemplate"]
    assert target == SITE + reverse("articles:search") + "?q={search_term_string}"


def test_preview_carries_no_social_or_structured_data(client):
    """A draft's staff preview is noindex and gives crawlers no metadata to copy."""
    client.force_login(
        get_user_model().objects.create_superuser("desk", password="x" * 20)
    )
    draft = StoryFactory(draft=True, headline="Unreleased")
    html = client.get(draft.get_absolute_url()).content.decode()
    assert 'content="noindex, nofollow"' in html
    assert not json_ld(html)
    assert "og:title" not in html
