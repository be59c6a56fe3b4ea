"""Revision history: every save kept, any two compared, any one restored."""

import pytest
from django.urls import reverse

from articles import services
from articles.models import Story
from tests.factories import (
    AuthorFactory,
    BylineFactory,
    CountryFactory,
    PersonFactory,
    RelatedLinkFactory,
    StoryFactory,
    UserFactory,
)
from tests.workflow import change_url, csrf_client, csrf_post, story_form_data

pytestmark = pytest.mark.django_db


def history_url(story):
    return reverse("admin:articles_story_history", args=[story.pk])


def restore_url(story, revision):
    return reverse("admin:articles_story_restore", args=[story.pk, revision.history_id])


def tagged_story(**kwargs):
    story = StoryFactory(**kwargs)
    story.countries.add(CountryFactory())
    story.people.add(PersonFactory())
    BylineFactory(story=story, author=AuthorFactory(name="First Author"))
    RelatedLinkFactory(story=story, target=StoryFactory(headline="Linked story"))
    services.save_story(story=story)
    return story


def relations(story):
    return (
        set(story.countries.all()),
        set(story.people.all()),
        [(b.author_id, b.role) for b in story.bylines.all()],
        [(link.target_id, link.url) for link in story.related_links.all()],
    )


def test_restore_round_trips_tags_bylines_and_links(desk_editor):
    """Restoring a revision brings back its text, tags, bylines and links."""
    story = tagged_story(headline="Before")
    before = relations(story)
    original = story.history.order_by("-history_date", "-history_id").first()
    story.headline = "After"
    story.countries.clear()
    story.people.clear()
    story.bylines.all().delete()
    story.related_links.all().delete()
    services.save_story(story=story, user=desk_editor)
    count = story.history.count()
    response = csrf_post(
        csrf_client(desk_editor),
        restore_url(story, original),
        {},
        form_url=history_url(story),
    )
    assert response.status_code == 302
    story = Story.objects.get(pk=story.pk)
    assert story.headline == "Before"
    assert relations(story) == before
    assert story.history.count() == count + 1
    assert story.audit_entries.filter(action="restored").exists()


def test_history_lists_who_and_diff_shows_changes(desk_editor):
    """The history page names who saved; the diff marks removed and added words."""
    story = StoryFactory(draft=True, body="<p>The port stayed open.</p>")
    client = csrf_client(desk_editor)
    data = story_form_data(story, body="<p>The port closed at dawn.</p>")
    assert csrf_post(client, change_url(story), data).status_code == 302
    page = client.get(history_url(story)).text
    assert "aisha" in page
    old, new = story.history.order_by("history_date", "history_id")[:2]
    diff = client.get(
        reverse("admin:articles_story_compare", args=[story.pk]),
        {"a": new.history_id, "b": old.history_id},
    ).text
    assert "<del>open.</del>" in diff
    assert "<ins>closed</ins>" in diff


def test_history_rights_follow_the_story(reporter, client):
    """Reporters see a published story's history but cannot restore it."""
    story = tagged_story()
    revision = story.history.first()
    reporter_client = csrf_client(reporter)
    page = reporter_client.get(history_url(story))
    assert page.status_code == 200
    assert "Restore" not in page.text
    response = csrf_post(
        reporter_client, restore_url(story, revision), {}, form_url=history_url(story)
    )
    assert response.status_code == 403
    client.force_login(UserFactory(username="outsider", is_staff=True))
    assert client.get(history_url(story)).status_code == 403


def test_reporter_restores_own_draft(reporter):
    """A reporter may restore an earlier revision of a draft."""
    story = StoryFactory(draft=True, headline="First try")
    services.save_story(story=story)
    first = story.history.order_by("-history_date", "-history_id").first()
    story.headline = "Second try"
    services.save_story(story=story, user=reporter)
    response = csrf_post(
        csrf_client(reporter),
        restore_url(story, first),
        {},
        form_url=history_url(story),
    )
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.headline == "First try"


def test_bad_compare_parameters_do_not_fail(desk_editor):
    """Missing or foreign revision numbers redirect or 404, never a 500."""
    story, other = StoryFactory(), StoryFactory()
    client = csrf_client(desk_editor)
    url = reverse("admin:articles_story_compare", args=[story.pk])
    assert client.get(url, {"a": "x"}).status_code == 302
    foreign = other.history.first().history_id
    assert client.get(url, {"a": foreign, "b": foreign}).status_code == 404
