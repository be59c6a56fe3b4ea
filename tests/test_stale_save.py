"""No lost updates: a stale save is refused, the text kept; who else is editing."""

import pytest
from django.urls import reverse

from articles.models import Story
from tests.factories import StoryFactory
from tests.workflow import (
    change_url,
    csrf_client,
    csrf_post,
    role_user,
    story_form_data,
)

pytestmark = pytest.mark.django_db


def test_second_stale_save_is_refused_and_keeps_the_text(desk_editor):
    """Two editors open a story; the second save names the first and keeps the text."""
    story = StoryFactory(headline="Shared story", body="<p>Original.</p>")
    other = role_user("Editor", username="ben", first_name="Ben", last_name="Ortiz")
    aisha, ben = csrf_client(desk_editor), csrf_client(other)
    opened = story_form_data(story)
    first = {**opened, "body": "<p>Aisha's version.</p>"}
    assert csrf_post(aisha, change_url(story), first).status_code == 302
    second = {**opened, "body": "<p>Ben's careful rewrite.</p>"}
    response = csrf_post(ben, change_url(story), second)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Aisha Khan changed this story at" in page
    assert "Ben&#x27;s careful rewrite." in page or "Ben's careful rewrite." in page
    story.refresh_from_db()
    assert story.body == "<p>Aisha's version.</p>"


def test_fresh_save_after_reload_goes_through(desk_editor):
    """Saving the version one opened goes through and moves the version on."""
    story = StoryFactory()
    client = csrf_client(desk_editor)
    data = story_form_data(story, headline="One")
    assert csrf_post(client, change_url(story), data).status_code == 302
    story.refresh_from_db()
    data = story_form_data(story, headline="Two")
    assert csrf_post(client, change_url(story), data).status_code == 302
    assert Story.objects.get(pk=story.pk).headline == "Two"


def test_publish_meanwhile_makes_an_open_form_stale(desk_editor, reporter):
    """A story published while a form is open cannot be overwritten by that form."""
    story = StoryFactory(in_review=True)
    opened = story_form_data(story)
    from articles import services

    services.publish_story(story=story, user=desk_editor)
    response = csrf_post(csrf_client(desk_editor), change_url(story), opened)
    assert response.status_code == 200
    assert "changed this story" in response.content.decode()
    assert Story.objects.published().filter(pk=story.pk).exists()


def test_change_form_says_who_else_is_editing(desk_editor, reporter):
    """The change form names whoever else has the story open, and since when."""
    story = StoryFactory(draft=True)
    csrf_client(desk_editor).get(change_url(story))
    page = csrf_client(reporter).get(change_url(story)).content.decode()
    assert "Aisha Khan has been editing since" in page
    url = reverse("admin:articles_story_presence", args=[story.pk])
    data = csrf_post(csrf_client(desk_editor), url, {}, form_url=change_url(story))
    assert data.json()["others"][0]["name"] == "Rita Reporter"


def test_presence_needs_the_right_to_change(reporter):
    """The presence endpoint refuses staff who may not change the story."""
    story = StoryFactory()
    url = reverse("admin:articles_story_presence", args=[story.pk])
    response = csrf_post(csrf_client(reporter), url, {}, form_url=change_url(story))
    assert response.status_code == 403
