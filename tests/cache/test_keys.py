"""The key vocabulary: each key names one thing, made from the object it names."""

import pytest

from articles.cache import keys
from articles.models import Story
from tests.factories import (
    AuthorFactory,
    BylineFactory,
    CountryFactory,
    ImageFactory,
    PersonFactory,
    SectionFactory,
    StoryFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    story = StoryFactory(lead_image=ImageFactory())
    BylineFactory(story=story, author=AuthorFactory())
    BylineFactory(story=story, author=AuthorFactory())
    story.countries.add(CountryFactory())
    story.people.add(PersonFactory())
    return story


def test_a_teaser_without_its_bylines_loaded_has_no_keys(story):
    """A teaser's keys need the story's bylines prefetched: without them a renamed
    author would never reach the teaser, so asking raises."""
    bare = Story.objects.get(pk=story.pk)
    with pytest.raises(ValueError, match="bylines prefetched"):
        keys.teaser(bare)


def test_a_teaser_names_its_story_section_picture_and_authors(story):
    """A teaser's keys: the story, its section, its picture and each author."""
    loaded = Story.objects.for_listing().get(pk=story.pk)
    authors = [b.author for b in story.bylines.all()]
    assert sorted(keys.teaser(loaded)) == sorted(
        [
            keys.story(story),
            keys.subject(story.section),
            keys.image(story.lead_image),
            *(keys.subject(author) for author in authors),
        ]
    )


def test_a_headline_names_its_story_and_section(story):
    """A headline line names the story and the section its address carries."""
    loaded = Story.objects.for_headlines().get(pk=story.pk)
    assert keys.headline(loaded) == [keys.story(story), keys.subject(story.section)]


def test_an_article_adds_its_countries_and_people(story):
    """A story's article shows its teaser's keys and each of its tags."""
    loaded = Story.objects.for_detail().get(pk=story.pk)
    assert set(keys.article(loaded)) == {
        *keys.teaser(loaded),
        keys.subject(story.countries.get()),
        keys.subject(story.people.get()),
    }


def test_each_kind_of_subject_has_keys_of_its_own():
    """A section, a country, a person and an author with the same pk never share a
    key, and a subject's name is not its list."""
    section, country = SectionFactory(), CountryFactory()
    person, author = PersonFactory(), AuthorFactory()
    subjects = [section, country, person, author]
    made = [keys.subject(s) for s in subjects] + [keys.listing(s) for s in subjects]
    assert len(set(made)) == len(made)
    assert keys.subject_by_id("country", country.pk) == keys.subject(country)
    assert keys.listing_by_id("author", author.pk) == keys.listing(author)


def test_an_unknown_kind_of_subject_is_refused():
    """A kind outside the vocabulary raises rather than make a key nothing purges."""
    with pytest.raises(ValueError):
        keys.subject_by_id("tag", 1)
    with pytest.raises(ValueError):
        keys.listing_by_id("tag", 1)


def test_a_story_and_its_own_page_are_different_keys():
    """A story's key (wherever it shows) and its page's key (what the page lists
    besides it) differ, whether made from the story or its pk."""
    story = StoryFactory()
    assert keys.story(story) == keys.story(story.pk)
    assert keys.story_page(story) == keys.story_page(story.pk)
    assert keys.story(story) != keys.story_page(story)
