"""The benchmark archive generator makes a believable, browsable archive."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from articles.models import Correction, Story

pytestmark = pytest.mark.django_db


def test_generated_archive_is_published_tagged_and_browsable(client):
    """Generated stories are published, tagged, bylined, linked and readable."""
    call_command("generate_archive", 50, people=20, authors=5, stdout=StringIO())
    stories = Story.objects.published()
    assert stories.count() == 50
    story = stories.prefetch_related("countries", "people", "bylines").first()
    assert story.countries.all() and story.people.all() and story.bylines.all()
    assert client.get(story.get_absolute_url()).status_code == 200
    assert client.get(reverse("articles:front_page")).status_code == 200


def test_generated_archive_has_dated_corrections(client):
    """Some generated stories carry a correction, dated after publication and shown."""
    call_command("generate_archive", 200, people=20, authors=5, stdout=StringIO())
    corrections = list(Correction.objects.select_related("story"))
    assert 0 < len(corrections) < 20
    for correction in corrections:
        assert correction.story.updated_at == correction.created_at
        assert correction.created_at > correction.story.published_at
    page = client.get(reverse("articles:corrections")).content.decode()
    assert corrections[0].story.headline in page


def test_generator_adds_to_an_archive_without_clashes():
    """Running it twice adds stories and reuses the generated people and authors."""
    call_command("generate_archive", 10, people=5, authors=3, stdout=StringIO())
    call_command("generate_archive", 10, people=5, authors=3, stdout=StringIO())
    assert Story.objects.count() == 20


def test_generator_refuses_nonsense():
    """Zero stories is a clear error."""
    with pytest.raises(CommandError):
        call_command("generate_archive", 0, stdout=StringIO())
