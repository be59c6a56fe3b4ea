"""The “Import wire copy” screen: import, read the suggestions, accept them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from articles.models import PersonTag, Story, WireImport
from articles.services import save_story
from tests.factories import SectionFactory, UserFactory
from tests.wire import as_bytes, corpus

pytestmark = pytest.mark.django_db

ADD = reverse("admin:articles_wireimport_add")
COPY = (
    "Envoy Steve Witkoff met Ukrainian officials in Paris on Monday to discuss "
    "security guarantees, officials said.\n"
    "Witkoff said France and Britain were ready to help.\n\n"
    "Storm Closes Roads Across Northern Portugal\n"
    "Volcano Erupts on Remote Island\n"
)


@pytest.fixture
def desk(db):
    section = SectionFactory(name="World", slug="world")
    return Story.objects.create(
        headline="Storm closes roads across northern Portugal",
        slug="storm",
        section=section,
        status=Story.Status.PUBLISHED,
        published_at="2026-01-01T10:00:00Z",
    )


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def test_a_reporter_imports_a_draft_and_sees_what_was_found(desk, reporter):
    """The result page links the draft and explains each suggestion and match."""
    response = client_for(reporter).post(ADD, {"copy": COPY}, follow=True)
    page = response.content.decode()
    story = Story.objects.get(status=Story.Status.DRAFT)
    assert story.history.first().history_user == reporter
    assert reverse("admin:articles_story_change", args=[story.pk]) in page
    assert "Ukraine" in page and "mentioned once, first in paragraph 1" in page
    assert "Steve Witkoff" in page and "after “Envoy”" in page
    assert "linked (" in page
    assert "Volcano Erupts on Remote Island" in page
    assert list(story.related_links.values_list("target", flat=True)) == [desk.pk]


def test_accepting_suggestions_adds_tags_and_creates_only_accepted_people(
    desk, reporter
):
    """Ticked countries and people are added; a new person exists only once ticked."""
    client = client_for(reporter)
    client.post(ADD, {"copy": COPY})
    record = WireImport.objects.get()
    assert not PersonTag.objects.exists()
    result = reverse("admin:articles_wireimport_result", args=[record.pk])
    response = client.post(
        result,
        {
            "version": record.story.version,
            "country": ["UA", "FR"],
            "new_person": ["Steve Witkoff"],
        },
    )
    assert response.status_code == 302
    story = Story.objects.get(pk=record.story_id)
    assert set(story.countries.values_list("code", flat=True)) == {"UA", "FR"}
    assert list(story.people.values_list("name", flat=True)) == ["Steve Witkoff"]
    assert story.status == Story.Status.DRAFT


def test_an_editor_picks_a_related_story_the_match_was_unsure_of(desk, editor_client):
    """A candidate ticked on the result page becomes a related link."""
    other = Story.objects.create(
        headline="Storm closes schools across northern Portugal",
        slug="storm-schools",
        section=desk.section,
        status=Story.Status.PUBLISHED,
        published_at="2026-01-01T11:00:00Z",
    )
    copy = COPY.replace(
        "Storm Closes Roads Across Northern Portugal",
        "Storm Closes Roads and Schools in Northern Portugal",
    )
    editor_client.post(ADD, {"copy": copy})
    record = WireImport.objects.get()
    story = record.story
    assert not story.related_links.exists()
    editor_client.post(
        reverse("admin:articles_wireimport_result", args=[record.pk]),
        {"version": story.version, "link": [other.pk]},
    )
    assert list(story.related_links.values_list("target", flat=True)) == [other.pk]


def test_accepting_after_someone_else_saved_is_refused(desk, editor_client):
    """Choices made on an old version of the draft are not saved over newer work."""
    editor_client.post(ADD, {"copy": COPY})
    record = WireImport.objects.get()
    stale = record.story.version
    story = record.story
    story.headline = "Changed meanwhile"
    save_story(story=story, user=None)
    response = editor_client.post(
        reverse("admin:articles_wireimport_result", args=[record.pk]),
        {"version": stale, "country": ["UA"]},
        follow=True,
    )
    assert "after you opened it" in response.content.decode()
    assert not story.countries.exists()


def test_a_ninjs_file_can_be_uploaded(desk, editor_client):
    """Uploading a .json file imports it as ninjs."""
    upload = SimpleUploadedFile("item.json", as_bytes(corpus("update_v1.json")))
    editor_client.post(ADD, {"file": upload})
    assert WireImport.objects.get().uri == "urn:newsroom-test:wire:storm"


def test_staff_without_story_rights_cannot_import(desk):
    """The screen is for those who may make stories."""
    clerk = UserFactory(username="clerk", is_staff=True)
    response = client_for(clerk).post(ADD, {"copy": COPY})
    assert response.status_code == 403
    assert not WireImport.objects.exists()


def test_the_imports_list_names_each_draft(desk, editor_client):
    """Wire imports are listed with their drafts."""
    editor_client.post(ADD, {"copy": COPY})
    response = editor_client.get(reverse("admin:articles_wireimport_changelist"))
    assert response.status_code == 200
    draft = WireImport.objects.get().story
    assert draft.headline in response.content.decode()


def test_editors_record_spelling_variants_on_a_person(editor_client):
    """The person page takes the spellings agency copy uses."""
    person = PersonTag.objects.create(name="Volodymyr Zelenskiy")
    url = reverse("admin:articles_persontag_change", args=[person.pk])
    page = editor_client.get(url).content.decode()
    assert "spellings in agency copy" in page.lower()
    response = editor_client.post(
        url,
        {
            "name": person.name,
            "slug": person.slug,
            "description": "",
            "variants-TOTAL_FORMS": "1",
            "variants-INITIAL_FORMS": "0",
            "variants-0-name": "Zelensky",
        },
    )
    assert response.status_code == 302
    assert list(person.variants.values_list("name", flat=True)) == ["Zelensky"]
