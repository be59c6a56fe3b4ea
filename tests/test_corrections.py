"""Corrections: dated at the foot of the story and on /corrections/."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import services
from articles.models import Correction
from tests.factories import StoryFactory
from tests.workflow import change_url, csrf_client, csrf_post, story_form_data

pytestmark = pytest.mark.django_db


def test_correction_shows_on_the_story_and_sets_updated(client):
    """A correction appears, dated, at the foot of the story; “Updated” moves."""
    story = StoryFactory()
    correction = services.add_correction(
        story=story,
        kind=Correction.Kind.CLARIFICATION,
        text="The minister spoke on Tuesday.",
    )
    page = client.get(story.get_absolute_url()).text
    assert "Clarification" in page
    assert "The minister spoke on Tuesday." in page
    assert correction.created_at.strftime("%Y-%m-%dT%H:%M") in page
    story.refresh_from_db()
    assert story.updated_at == correction.created_at
    assert "Updated" in page


def test_a_storys_corrections_read_oldest_first(client):
    """Under the story, corrections read in the order they were made, each with its
    kind, its time and its text, however they were entered."""
    story = StoryFactory()
    later = services.add_correction(
        story=story, kind=Correction.Kind.CORRECTION, text="The vote was 52 to 48."
    )
    earlier = services.add_correction(
        story=story, kind=Correction.Kind.EDITORS_NOTE, text="Updated with results."
    )
    Correction.objects.filter(pk=earlier.pk).update(
        created_at=later.created_at - timedelta(hours=2)
    )
    page = client.get(story.get_absolute_url()).text
    foot = page[page.index('id="story-corrections"') :]
    assert foot.index("Updated with results.") < foot.index("The vote was 52 to 48.")
    assert foot.index("Editor’s note") < foot.index("Correction</strong>")
    shown = (later.created_at - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    assert shown in foot


def test_corrections_page_lists_only_published_stories(client):
    """/corrections/ lists recent corrections, never those of hidden stories."""
    services.add_correction(story=StoryFactory(), text="Visible fix.")
    services.add_correction(story=StoryFactory(draft=True), text="Draft fix.")
    services.add_correction(story=StoryFactory(embargoed=True), text="Embargo fix.")
    page = client.get(reverse("articles:corrections")).text
    assert "Visible fix." in page
    assert "Draft fix." not in page
    assert "Embargo fix." not in page


@pytest.mark.parametrize("size", [2, 20])
def test_corrections_page_query_count_is_constant(client, size, now):
    """The corrections page runs the same queries for 2 or 20 corrections."""
    for n in range(size):
        story = StoryFactory(published_at=now - timedelta(hours=n + 1))
        services.add_correction(story=story, text=f"Fix {n}.")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("articles:corrections"))
    assert response.status_code == 200
    assert response.text.count("<li>") >= size
    # Corrections and sections, plus the page cache's look at the next scheduled change.
    assert len(queries) == 3


def correction_form(story, correction, **fields):
    """The story form posting one existing correction, with `fields` changed."""
    rows = {
        "corrections-TOTAL_FORMS": 1,
        "corrections-INITIAL_FORMS": 1,
        "corrections-0-id": correction.pk,
        "corrections-0-story": story.pk,
        "corrections-0-kind": correction.kind,
        "corrections-0-text": correction.text,
    }
    rows.update({f"corrections-0-{key}": value for key, value in fields.items()})
    return story_form_data(story, **rows)


def test_corrections_of_a_published_story_are_append_only(desk_editor):
    """Once the story was published the services refuse to edit or delete a
    correction; it stays as readers saw it."""
    story = StoryFactory()
    correction = services.add_correction(story=story, text="Kyiv, not Lviv.")
    correction.text = "Quietly rewritten."
    with pytest.raises(PermissionDenied):
        services.change_correction(correction=correction, user=desk_editor)
    with pytest.raises(PermissionDenied):
        services.delete_correction(correction=correction, user=desk_editor)
    assert Correction.objects.get().text == "Kyiv, not Lviv."


def test_editor_crafted_edit_or_delete_of_a_published_correction_changes_nothing(
    desk_editor, client
):
    """Through the story form an editor can neither rewrite nor delete a published
    story's correction, even by a crafted post; adding a new one still works."""
    story = StoryFactory()
    correction = services.add_correction(story=story, text="Kyiv, not Lviv.")
    story.refresh_from_db()
    editor = csrf_client(desk_editor)
    page = editor.get(change_url(story)).text
    assert 'name="corrections-0-DELETE"' not in page
    assert "part of its record" in page
    for fields in [{"text": "Quietly rewritten."}, {"DELETE": "on"}]:
        data = correction_form(story, correction, **fields)
        assert csrf_post(editor, change_url(story), data).status_code == 302
        story.refresh_from_db()
    assert list(Correction.objects.values_list("text", flat=True)) == [
        "Kyiv, not Lviv."
    ]
    data = correction_form(
        story,
        correction,
        **{"text": "Kyiv, not Lviv."},
    )
    data.update(
        {
            "corrections-TOTAL_FORMS": 2,
            "corrections-1-kind": "correction",
            "corrections-1-text": "And the bridge is in Kyiv too.",
        }
    )
    assert csrf_post(editor, change_url(story), data).status_code == 302
    page = client.get(story.get_absolute_url()).text
    assert "Kyiv, not Lviv." in page and "bridge is in Kyiv too" in page


def test_a_never_published_storys_correction_may_still_be_edited(desk_editor):
    """Before publication nothing was on the record: a correction may be fixed."""
    story = StoryFactory(draft=True)
    correction = services.add_correction(story=story, text="Typo")
    correction.text = "Typo fixed"
    services.change_correction(correction=correction, user=desk_editor)
    assert Correction.objects.get().text == "Typo fixed"
    services.delete_correction(correction=correction, user=desk_editor)
    assert not Correction.objects.exists()
