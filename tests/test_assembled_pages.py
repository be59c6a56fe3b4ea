"""A page assembled from kept parts is the page made from nothing, byte for byte."""

import pytest
from django.urls import reverse

from articles.cache import bypassed
from articles.images.tasks import make_renditions
from articles.services.subjects import save_subject
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


@pytest.fixture
def desk():
    """Stories in two sections with pictures, bylines, tags, links and a pin; an
    empty third section, whose save makes every page again."""
    europe = SectionFactory(slug="europe", name="Europe")
    asia = SectionFactory(slug="asia", name="Asia")
    empty = SectionFactory(slug="sport", name="Sport")
    country, person, author = CountryFactory(), PersonFactory(), AuthorFactory()
    stories = []
    for n in range(6):
        picture = ImageFactory(file__width=800, file__height=450)
        make_renditions.call(picture.pk)
        story = StoryFactory(
            section=europe if n % 2 else asia, headline=f"Story {n}", lead_image=picture
        )
        story.countries.add(country)
        story.people.add(person)
        BylineFactory(story=story, author=author)
        stories.append(story)
    RelatedLinkFactory(story=stories[0], target=stories[1])
    RelatedLinkFactory(
        story=stories[0], target=None, url="https://example.org/", title="Elsewhere"
    )
    FrontPageSlotFactory(story=stories[5], position=1)
    return {
        "pages": [
            reverse("articles:front_page"),
            stories[0].get_absolute_url(),
            stories[3].get_absolute_url(),
            europe.get_absolute_url(),
            country.get_absolute_url(),
            person.get_absolute_url(),
            author.get_absolute_url(),
            reverse("articles:feed_latest", kwargs={"fmt": "atom"}),
            reverse("articles:news_sitemap"),
        ],
        "empty": empty,
    }


def test_pages_assembled_from_kept_parts_are_the_pages_made_from_nothing(
    client, desk, committed
):
    """Every public page made again from the parts kept when readers first read it
    is byte for byte the page made with nothing kept at all."""
    for url in desk["pages"]:
        assert client.get(url).status_code == 200, url
    # A section saved shows on every page: each is made again, from the kept parts
    # of the stories on it.
    committed(save_subject, subject=desk["empty"])
    assembled = {url: client.get(url).content for url in desk["pages"]}
    committed(save_subject, subject=desk["empty"])
    with bypassed():
        for url in desk["pages"]:
            assert client.get(url).content == assembled[url], url
