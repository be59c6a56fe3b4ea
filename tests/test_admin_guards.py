"""The admin refuses what would break the site: bad slugs, strangers, junk input."""

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Section
from tests.factories import StoryFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("slug", ["admin", "search"])
def test_a_section_cannot_take_a_site_address(editor_client, slug):
    """A section slug that would shadow a site page is refused with a form error."""
    data = {"name": "Odd section", "slug": slug, "position": 0, "description": ""}
    response = editor_client.post(reverse("admin:articles_section_add"), data)
    assert response.status_code == 200
    assert "is a site address of its own" in response.text
    assert not Section.objects.filter(slug=slug).exists()


ADMIN_PAGES = """articles_story_changelist articles_story_add autocomplete
    articles_section_changelist articles_countrytag_changelist
    articles_frontpageslot_changelist""".split()


@pytest.mark.parametrize("name", ADMIN_PAGES)
def test_anonymous_visitors_are_sent_to_the_admin_login(name):
    """Admin pages, autocomplete too, send a visitor not signed in to the login page."""
    address = reverse(f"admin:{name}")
    response = Client().get(address)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('admin:login')}?next={address}"


@pytest.mark.parametrize(
    "query", ["status=%00", "q=%00", "section__id__exact=%00", "q=a%00b&status=draft"]
)
def test_nul_in_changelist_query_is_not_an_error(editor_client, query):
    """A NUL byte in the story list's filters or search gives a list, not a 500."""
    StoryFactory()
    response = editor_client.get(
        f"{reverse('admin:articles_story_changelist')}?{query}"
    )
    assert response.status_code in (200, 302)
