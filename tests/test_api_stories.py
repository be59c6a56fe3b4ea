"""The content API's stories: the list, its pages and filters, one story by id or by
address, the story as JSON and as ninjs."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from articles import services
from articles.images.tasks import make_renditions
from articles.models import Story
from tests.factories import (
    AuthorFactory,
    BylineFactory,
    CountryFactory,
    ImageFactory,
    PersonFactory,
    RelatedLinkFactory,
    SectionFactory,
    StoryFactory,
)

pytestmark = pytest.mark.django_db

STORIES = reverse("api:stories")
# The top-level properties of an IPTC ninjs 2.1 item.
NINJS_2_PROPERTIES = {
    *("uri", "type", "representationtype", "profile", "version", "firstcreated"),
    *("versioncreated", "contentcreated", "embargoed", "pubstatus", "urgency"),
    *("copyrightholder", "copyrightnotice", "usageterms", "ednote", "language"),
    *("descriptions", "bodies", "headlines", "people", "organisations", "places"),
    *("subjects", "events", "objects", "infosources", "title", "by", "slugline"),
    *("located", "renditions", "associations", "altids", "trustindicators"),
    *("standard", "genres", "expires", "rightsinfo"),
}


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return response.json()


def headlines(data):
    return [item["headline"] for item in data["items"]]


def test_the_list_is_newest_first(client, now):
    """Stories come newest first."""
    for hours in (3, 1, 2):
        StoryFactory(
            headline=f"{hours}h ago", published_at=now - timedelta(hours=hours)
        )
    assert headlines(get(client, STORIES)) == ["1h ago", "2h ago", "3h ago"]


def test_pages_stay_put_when_a_story_is_published(client, now):
    """A story published between two pages does not push a story onto both."""
    for n in range(5):
        StoryFactory(headline=f"story {n}", published_at=now - timedelta(hours=n + 1))
    first = get(client, STORIES, limit=2)
    assert headlines(first) == ["story 0", "story 1"]
    StoryFactory(headline="breaking", published_at=now)
    second = client.get(first["next"]).json()
    assert headlines(second) == ["story 2", "story 3"]
    third = client.get(second["next"]).json()
    assert headlines(third) == ["story 4"]
    assert third["next"] is None


def test_stories_at_the_same_second_are_paged_by_id(client, now):
    """Stories published at the same time are neither repeated nor skipped."""
    for n in range(4):
        StoryFactory(headline=f"same {n}", published_at=now - timedelta(hours=1))
    seen = []
    url = f"{STORIES}?limit=1"
    while url:
        data = client.get(url).json()
        seen += headlines(data)
        url = data["next"]
    assert sorted(seen) == [f"same {n}" for n in range(4)]


def test_next_links_use_the_site_address(client, settings, now):
    """The next page's address is on SITE_URL, not on the Host a client sent."""
    settings.SITE_URL = "https://news.example.com"
    StoryFactory.create_batch(2)
    data = client.get(STORIES, {"limit": 1}, headers={"host": "localhost"}).json()
    assert data["next"].startswith("https://news.example.com/api/v1/stories?")


def test_filters_by_section_country_person_and_author(client):
    """Each filter narrows the list to the stories listed under that subject."""
    europe = SectionFactory(slug="europe", name="Europe")
    country, person, author = CountryFactory(), PersonFactory(), AuthorFactory()
    story = StoryFactory(section=europe, headline="The one")
    story.countries.add(country)
    story.people.add(person)
    BylineFactory(story=story, author=author)
    StoryFactory(headline="Another")
    for name, value in [
        ("section", "europe"),
        ("country", country.slug),
        ("country", country.code.lower()),
        ("person", person.slug),
        ("author", author.slug),
    ]:
        assert headlines(get(client, STORIES, **{name: value})) == ["The one"], name


def test_an_unknown_filter_is_a_clear_400(client):
    """A filter naming nothing is refused in words, not an empty list or a 500."""
    response = client.get(STORIES, {"section": "nowhere"})
    assert response.status_code == 400
    assert response.json() == {"detail": "No section “nowhere”."}


def test_updated_since_lists_what_changed(client, now):
    """updated_since keeps stories published, updated or edited since then."""
    old = StoryFactory(headline="old", published_at=now - timedelta(days=3))
    StoryFactory(headline="untouched", published_at=now - timedelta(days=2))
    Story.objects.update(modified_at=now - timedelta(days=2))
    StoryFactory(headline="new", published_at=now - timedelta(hours=1))
    services.mark_updated(story=old)
    since = (now - timedelta(days=1)).isoformat()
    assert headlines(get(client, STORIES, updated_since=since)) == ["new", "old"]


@pytest.mark.parametrize(
    "params",
    [
        {"cursor": "not-a-cursor"},
        {"cursor": "fHg"},
        {"cursor": "MjAyNi0wMS0wMVQwMDowMDowMHw5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5"},
        {"limit": "0"},
        {"limit": "many"},
        {"updated_since": "yesterday"},
        {"updated_since": "0001-01-01T00:00:00+14:00"},
        {"updated_since": "9999-12-31T23:59:59-14:00"},
        {"section": "x" * 500},
    ],
)
def test_bad_parameters_are_client_errors(client, params):
    """Malformed parameters are a 400 or 422, never a 500."""
    StoryFactory()
    assert client.get(STORIES, params).status_code in (400, 422)


def test_a_cursor_without_an_offset_is_read_as_utc(client):
    """A hand-made cursor naming a time without offset pages from that UTC time."""
    StoryFactory(published_at=datetime(2025, 12, 31, tzinfo=UTC))
    cursor = "MjAyNi0wMS0wMVQwMDowMDowMHwx"  # "2026-01-01T00:00:00|1"
    assert len(get(client, STORIES, cursor=cursor)["items"]) == 1


def test_a_story_by_id_as_json(client, now):
    """A story gives its text, bylines with roles, tags with kinds and ISO codes,
    corrections, picture with renditions and focal point, addresses and times."""
    author = AuthorFactory(name="Ana Ruiz")
    country, person = CountryFactory(), PersonFactory(name="Olena Kovalenko")
    image = ImageFactory(focal_x=0.25, focal_y=0.75)
    make_renditions.call(image.pk)
    story = StoryFactory(
        headline="Talks resume",
        credit="Reuters",
        lead_image=image,
        body="<p>Talks <b>resumed</b>.</p><script>alert(1)</script>",
    )
    story.countries.add(country)
    story.people.add(person)
    BylineFactory(story=story, author=author, role="writing")
    services.add_correction(story=story, text="An earlier version misspelled a name.")
    data = get(client, reverse("api:story", args=[story.pk]))
    assert data["headline"] == "Talks resume"
    assert data["body_html"] == "<p>Talks <b>resumed</b>.</p>"
    assert data["bylines"][0]["author"]["name"] == "Ana Ruiz"
    assert data["bylines"][0]["role"] == "writing"
    assert {(t["kind"], t["name"], t["code"]) for t in data["tags"]} == {
        ("country", country.name, country.code),
        ("person", "Olena Kovalenko", None),
    }
    assert data["corrections"][0]["text"] == "An earlier version misspelled a name."
    assert data["lead_image"]["focal_point"] == {"x": 0.25, "y": 0.75}
    formats = {r["format"] for r in data["lead_image"]["renditions"]}
    assert {"webp", "jpeg"} <= formats
    assert data["url"].endswith(story.get_absolute_url())
    assert data["updated_at"] is not None
    assert data["credit"] == "Reuters"


def test_related_headlines_are_as_the_page_shows_them(client):
    """Curated links first, in order, then stories sharing a tag."""
    country = CountryFactory()
    story = StoryFactory()
    story.countries.add(country)
    curated = StoryFactory(headline="Curated")
    RelatedLinkFactory(story=story, target=curated, position=1)
    RelatedLinkFactory(
        story=story, target=None, url="https://example.org/", title="Elsewhere"
    )
    StoryFactory(headline="Shares a tag").countries.add(country)
    data = get(client, reverse("api:story", args=[story.pk]))
    assert [line["headline"] for line in data["related"]] == [
        "Curated",
        "Elsewhere",
        "Shares a tag",
    ]
    assert data["related"][1]["story_id"] is None


def test_a_story_by_its_address_and_its_old_address(client):
    """by-path finds a story by its page's address, and by the one it had before a
    rename; another page's address is a 404."""
    story = StoryFactory()
    old_path = story.get_absolute_url()
    story.slug = "renamed"
    services.save_story(story=story)
    url = reverse("api:story_by_path")
    for path in (story.get_absolute_url(), old_path, f"https://x.org{old_path}"):
        assert get(client, url, path=path)["id"] == story.pk
    assert client.get(url, {"path": "/search/"}).status_code == 404
    assert client.get(url, {"path": "/no/such/thing/"}).status_code == 404


def test_a_story_as_ninjs(client):
    """The ninjs form names the standard and carries headline, body, places with
    ISO codes, people and the picture's renditions."""
    image = ImageFactory()
    make_renditions.call(image.pk)
    country = CountryFactory()
    story = StoryFactory(headline="Talks resume", dek="Why.", lead_image=image)
    story.countries.add(country)
    BylineFactory(story=story, author=AuthorFactory(name="Ana Ruiz"))
    BylineFactory(story=story, author=AuthorFactory(name="Li Wei"))
    item = get(client, reverse("api:story_ninjs", args=[story.pk]))
    assert item["standard"]["name"] == "ninjs"
    assert item["standard"]["version"].startswith("2.")
    assert item["headlines"] == [{"role": "main", "value": "Talks resume"}]
    assert item["descriptions"][0] == {"role": "summary", "value": "Why."}
    assert item["bodies"][0]["contenttype"] == "text/html"
    assert item["by"] == "Ana Ruiz and Li Wei"
    assert item["places"][0]["literal"] == country.code
    (picture,) = item["associations"]
    assert picture["type"] == "picture"
    assert len(picture["renditions"]) > 1
    # Only properties ninjs 2.1 defines: its schema refuses any other.
    assert set(item) <= NINJS_2_PROPERTIES
    assert set(picture) <= NINJS_2_PROPERTIES | {"name"}


def test_unknown_and_out_of_range_ids_are_404s(client):
    """An id no story has, however large, is a 404."""
    for pk in (12345, 2**63 - 1):
        assert client.get(reverse("api:story", args=[pk])).status_code == 404
    assert client.get("/api/v1/stories/99999999999999999999").status_code in (
        404,
        422,
    )
