"""A story curates at most NEWSROOM_RELATED_HEADLINES related headlines, the most
its page shows; a page never lists more, whatever the database holds."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from articles import services
from articles.models import RelatedLink
from tests.factories import StoryFactory
from tests.workflow import change_url, csrf_client, csrf_post, story_form_data

pytestmark = pytest.mark.django_db

CAP = 3


@pytest.fixture
def capped(settings):
    settings.NEWSROOM_RELATED_HEADLINES = CAP


def link_rows(count):
    """Outside links as the story form's related headlines post them, in order."""
    return {
        "link_list-shown": "1",
        "link_list": [f"url:https://example.org/{n}" for n in range(count)],
        "link_list-title": [f"Elsewhere {n}" for n in range(count)],
    }


def test_more_links_than_the_page_shows_is_a_form_error(capped, reporter):
    """Four related headlines where three show: the form says so, nothing is saved."""
    story = StoryFactory(draft=True)
    data = story_form_data(story, **link_rows(CAP + 1))
    response = csrf_post(csrf_client(reporter), change_url(story), data)
    assert response.status_code == 200
    assert "A story has at most 3 related headlines; remove 1." in response.text
    assert not RelatedLink.objects.exists()


def test_as_many_links_as_the_page_shows_are_saved(capped, reporter):
    """Three related headlines where three show are saved in order."""
    story = StoryFactory(draft=True)
    data = story_form_data(story, **link_rows(CAP))
    assert csrf_post(csrf_client(reporter), change_url(story), data).status_code == 302
    assert list(story.related_links.values_list("title", flat=True)) == [
        "Elsewhere 0",
        "Elsewhere 1",
        "Elsewhere 2",
    ]


def test_the_service_refuses_too_many_links(capped):
    """set_relations refuses more links than the cap, whoever calls it."""
    story = StoryFactory(draft=True)
    links = [(None, f"https://example.org/{n}", f"Elsewhere {n}") for n in range(4)]
    with pytest.raises(ValidationError):
        services.set_relations(story=story, links=links)
    assert not RelatedLink.objects.exists()


@pytest.mark.parametrize("as_staff", [False, True], ids=["page", "preview"])
def test_page_lists_no_more_than_the_cap(capped, client, editor, as_staff):
    """A story holding 40 curated links (an older release let them in) shows three."""
    story = StoryFactory()
    RelatedLink.objects.bulk_create(
        RelatedLink(
            story=story, url=f"https://example.org/{n}", title=f"Far {n}", position=n
        )
        for n in range(40)
    )
    url = story.get_absolute_url()
    if as_staff:
        client.force_login(editor)
        url = reverse("articles:story_preview", args=[story.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert re.findall(r">Far (\d+)<", response.text) == ["0", "1", "2"]


def test_restoring_a_revision_with_more_links_keeps_a_pageful(settings, reporter):
    """A revision from before the cap was lowered restores its first links only."""
    story = StoryFactory(draft=True)
    links = [(None, f"https://example.org/{n}", f"Elsewhere {n}") for n in range(5)]
    services.save_story(story=story)
    services.set_relations(story=story, links=links)
    revision = story.history.order_by("-history_date", "-history_id").first()
    services.save_story(story=story)
    services.set_relations(story=story, links=[])
    settings.NEWSROOM_RELATED_HEADLINES = CAP
    url = reverse("admin:articles_story_restore", args=[story.pk, revision.history_id])
    response = csrf_post(csrf_client(reporter), url, {}, form_url=change_url(story))
    assert response.status_code == 302
    assert list(story.related_links.values_list("title", flat=True)) == [
        "Elsewhere 0",
        "Elsewhere 1",
        "Elsewhere 2",
    ]
