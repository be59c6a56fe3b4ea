"""IPTC ninjs items: every mapped field, embargoes, withdrawals and updates."""

from datetime import UTC, datetime

import pytest

from articles.intake.item import WireError
from articles.models import (
    Author,
    CountryTag,
    PersonTag,
    Section,
    Story,
    WireImport,
)
from articles.services import save_story
from articles.services.intake import import_wire
from tests.factories import SectionFactory
from tests.wire import as_bytes, corpus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def section(db):
    return SectionFactory(name="World", slug="world")


def run(name, user=None, **changes):
    item = corpus(name, **changes)
    # Pictures have their own tests (test_intake_pictures); none are fetched here.
    for association in item.get("associations", []):
        if isinstance(association, dict) and association.get("type") == "picture":
            association["renditions"] = []
    return import_wire(source=as_bytes(item), name=name, user=user)


def test_a_ninjs_2_item_maps_every_field():
    """Headline, dek, sanitised body, byline, dateline, credit, tags, version, URI
    and associated headlines all land on the draft."""
    Author.objects.create(name="Lena Ortiz", slug="lena-ortiz")
    PersonTag.objects.create(name="Paul Ferrand")
    result = run("full_v2.json")
    story = result.story
    assert result.status == "created"
    assert story.status == Story.Status.DRAFT
    assert (
        story.headline == "Dock workers in Marseille walk out over port automation plan"
    )
    assert story.dek.startswith("A two-day stoppage halts container traffic")
    assert story.body.count("<p>") == 3
    assert "onclick" not in story.body
    assert story.dateline == "MARSEILLE"
    assert story.credit == "Example Wire"
    assert [b.author.name for b in story.bylines.all()] == ["Lena Ortiz"]
    assert set(story.countries.values_list("code", flat=True)) == {"FR", "IT"}
    assert list(story.people.values_list("name", flat=True)) == ["Paul Ferrand"]
    record = WireImport.objects.get(story=story)
    assert (record.uri, record.version) == (
        "urn:newsroom-test:wire:harbour-strike",
        "3",
    )
    report = result.report
    assert [m["text"] for m in report["matches"]] == [
        "European ports brace for summer of strikes"
    ]
    assert "Ilse Marchetti" in [s["label"] for s in report["suggestions"]["new_people"]]
    assert not PersonTag.objects.filter(name="Ilse Marchetti").exists()
    assert any("Marc Halden" in note for note in report["notes"])
    assert any("Labour dispute" in note for note in report["notes"])


def test_a_ninjs_1_item_maps_its_own_field_names():
    """headline, body_html, description_text, byline, place and person (1.x)."""
    result = run("full_v1.json")
    story = result.story
    assert (
        story.headline
        == "Grain ships resume sailing from Odesa under new corridor deal"
    )
    assert story.dek == "The first convoy in weeks leaves the Black Sea port."
    assert story.body.count("<p>") == 3
    assert story.dateline == "ODESA"
    assert set(story.countries.values_list("code", flat=True)) == {"UA", "TR"}
    assert (
        result.report["matches"][0]["text"]
        == "Black Sea shipping insurance costs climb"
    )


def test_an_editor_imports_an_embargoed_item_with_its_embargo(desk_editor):
    """The agency's embargo becomes the draft's “embargoed until”."""
    story = run("embargoed.json", user=desk_editor).story
    assert story.embargoed_until == datetime(2099, 3, 1, 12, tzinfo=UTC)
    assert story.status == Story.Status.DRAFT


def test_a_reporter_may_not_import_an_embargoed_item(reporter):
    """Setting an embargo is an editor's call: a reporter's import writes nothing."""
    with pytest.raises(WireError, match="under embargo"):
        run("embargoed.json", user=reporter)
    assert not Story.objects.exists()
    assert not WireImport.objects.exists()


def test_a_reporter_gets_a_draft_and_nothing_is_published(reporter):
    """An import by a reporter makes a draft in the reporter's name."""
    story = run("update_v1.json", user=reporter).story
    assert story.status == Story.Status.DRAFT
    assert story.published_at is None
    assert story.history.first().history_user == reporter


def test_a_withdrawn_item_never_seen_before_writes_nothing():
    """pubstatus canceled or withheld on a new item: nothing is imported."""
    for status in ("canceled", "withheld"):
        result = run("update_v1.json", pubstatus=status)
        assert result.status == "withdrawn"
    assert not Story.objects.exists()
    assert not WireImport.objects.exists()


def test_a_withdrawal_flags_the_draft_it_made_and_leaves_it_alone():
    """The draft stays as it is; its import record says it must not be published."""
    story = run("update_v1.json").story
    result = run("withdrawn.json")
    assert result.status == "withdrawn"
    assert "do not publish" in result.message
    assert WireImport.objects.get().is_withdrawn
    story.refresh_from_db()
    assert story.headline == "Storm closes roads across northern Portugal"


def test_a_new_version_updates_the_draft_nobody_edited():
    """Version 2 of the same URI replaces version 1's text in the same draft."""
    first = run("update_v1.json").story
    result = run("update_v2.json")
    assert result.status == "updated"
    assert Story.objects.count() == 1
    first.refresh_from_db()
    assert first.headline == "Storm closes roads and schools across northern Portugal"
    assert first.body.count("<p>") == 2
    assert WireImport.objects.get().version == "2"


def test_a_new_version_leaves_an_edited_draft_alone(desk_editor):
    """Once an editor changed the draft, the update is reported, not applied."""
    story = run("update_v1.json").story
    story.headline = "Our own headline"
    save_story(story=story, user=desk_editor)
    result = run("update_v2.json")
    assert result.status == "conflict"
    story.refresh_from_db()
    assert story.headline == "Our own headline"
    assert WireImport.objects.get().version == "1"


def test_an_older_version_does_not_replace_a_newer_one():
    """Version 1 arriving after version 2 changes nothing."""
    run("update_v2.json")
    result = run("update_v1.json")
    assert result.status == "older"
    assert Story.objects.get().headline.endswith("schools across northern Portugal")


def test_the_same_item_again_changes_nothing():
    """Importing an item twice makes one draft and leaves it untouched."""
    story = run("full_v1.json").story
    result = run("full_v1.json")
    assert result.status == "unchanged"
    assert Story.objects.count() == 1
    assert Story.objects.get().version == story.version


def test_a_draft_is_filed_in_the_chosen_section():
    """The importer files the draft where it is told, else in the first section."""
    europe = SectionFactory(name="Europe", slug="europe", position=9)
    item = as_bytes(corpus("update_v1.json"))
    story = import_wire(source=item, name="a.json", user=None, section=europe).story
    assert story.section == europe
    assert Section.objects.count() == 2
    assert CountryTag.objects.filter(code="PT").exists()


def test_usage_terms_credit_the_agency_when_no_copyright_holder_is_named():
    """Without copyrightholder, the usage terms are the credit."""
    item = corpus("update_v1.json", usageterms="Example Wire, for subscribers")
    del item["copyrightholder"]
    story = import_wire(source=as_bytes(item), name="a.json", user=None).story
    assert story.credit == "Example Wire, for subscribers"


def test_a_ninjs_1_plain_text_body_becomes_paragraphs():
    """body_text (1.x) is split into escaped paragraphs."""
    item = corpus("full_v1.json")
    del item["body_html"]
    item["body_text"] = "First line <b>bold?</b>.\nSecond line."
    story = import_wire(source=as_bytes(item), name="a.json", user=None).story
    assert (
        story.body == "<p>First line &lt;b&gt;bold?&lt;/b&gt;.</p><p>Second line.</p>"
    )
