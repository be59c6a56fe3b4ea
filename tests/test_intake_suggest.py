"""Country and people suggestions: found in the text, explained, never created."""

import pytest

from articles.intake.suggest import suggest_tags
from articles.models import PersonTag, PersonVariant

pytestmark = pytest.mark.django_db


def countries(*paragraphs, headline=""):
    return [
        s.key for s in suggest_tags(headline=headline, paragraphs=paragraphs).countries
    ]


def test_short_forms_and_demonyms_name_their_country():
    """“U.S.”, “Britain”, “Ukrainian” suggest the United States, the UK, Ukraine."""
    found = countries("U.S. envoys met British and Ukrainian officials in Britain.")
    assert set(found) == {"US", "GB", "UA"}


def test_a_capital_alone_suggests_no_country():
    """“Kyiv” names a government or a city, not the country the story is about."""
    assert countries("Officials in Kyiv said the talks would resume.") == []


def test_regions_that_contain_a_country_name_are_not_that_country():
    """“Latin America” is not the United States; “New Mexico” is not Mexico."""
    assert countries("Farmers in Latin America and New Mexico worry.") == []


def test_a_country_name_inside_a_persons_name_does_not_count():
    """“Jordan Ellis” is a person, while “in Jordan” is the country."""
    assert countries("Jordan Ellis signed a contract.") == []
    assert countries("He lived in Jordan for years.") == ["JO"]


def test_country_suggestions_explain_themselves():
    """The explanation counts mentions and says where the first one is."""
    suggestions = suggest_tags(
        headline="Talks in Paris",
        paragraphs=["Nothing about it here.", "France said yes. The French agreed."],
    )
    (france,) = suggestions.countries
    assert france.label == "France"
    assert france.explanation == "mentioned 2 times, first in paragraph 2 (as “French”)"


def test_known_people_by_full_name_then_surname():
    """A person in the vocabulary counts by full name, then by surname alone."""
    PersonTag.objects.create(name="Steve Witkoff")
    suggestions = suggest_tags(
        paragraphs=["Envoy Steve Witkoff arrived.", "Witkoff said talks went well."]
    )
    (witkoff,) = suggestions.people
    assert witkoff.label == "Steve Witkoff"
    assert witkoff.mentions == 2
    assert "Steve Witkoff" not in [s.label for s in suggestions.new_people]


def test_a_surname_before_the_first_full_mention_does_not_count():
    """“Witkoff” alone, before anyone named Steve Witkoff, suggests no one."""
    PersonTag.objects.create(name="Steve Witkoff")
    suggestions = suggest_tags(paragraphs=["Witkoff said talks went well."])
    assert suggestions.people == []


def test_spelling_variants_recorded_on_a_person_are_recognised():
    """A variant recorded by an editor (“Zelensky”) finds the person."""
    person = PersonTag.objects.create(name="Volodymyr Zelenskiy")
    PersonVariant.objects.create(person=person, name="Volodymyr Zelensky")
    PersonVariant.objects.create(person=person, name="Zelensky")
    suggestions = suggest_tags(
        paragraphs=["President Volodymyr Zelensky spoke.", "Later Zelensky left."]
    )
    (found,) = suggestions.people
    assert (found.key, found.mentions) == (str(person.pk), 2)
    assert "“Volodymyr Zelensky”" in found.explanation


def test_new_people_are_proposed_with_their_title_and_never_created():
    """A personal name after a title is proposed, explained, and not added."""
    suggestions = suggest_tags(
        paragraphs=[
            "President Donald Trump spoke to envoy Steve Witkoff on Monday.",
            "Witkoff said the talks in Los Angeles went well.",
        ]
    )
    proposed = {s.label: s for s in suggestions.new_people}
    assert set(proposed) == {"Donald Trump", "Steve Witkoff"}
    assert proposed["Donald Trump"].explanation == (
        "mentioned once, first in paragraph 1, after “President”"
    )
    assert proposed["Steve Witkoff"].mentions == 2
    assert not PersonTag.objects.exists()


def test_organisations_places_and_sentence_openers_are_not_proposed():
    """“White House”, “European Commission”, “Later Today” are not people."""
    suggestions = suggest_tags(
        paragraphs=[
            "The White House and the European Commission disagreed.",
            "Later Today the markets fell. Coalition leaders met in New York.",
        ]
    )
    assert suggestions.new_people == []
