"""The story form's preview pane: the unsaved story as readers would see it, its
tags, byline and related headlines included, framed by the admin only."""

import pytest
from django.urls import reverse

from articles.models import PersonTag, Story
from tests.factories import (
    AuthorFactory,
    CountryFactory,
    SectionFactory,
    StoryFactory,
    UserFactory,
)
from tests.workflow import (
    add_url,
    change_url,
    csrf_client,
    csrf_post,
    story_form_data,
)

pytestmark = pytest.mark.django_db

NEW_PREVIEW = reverse("admin:articles_story_preview_new")


def preview_of(story):
    return reverse("admin:articles_story_preview", args=[story.pk])


def test_a_story_never_saved_previews_with_its_relations(reporter):
    """A new story previews with its byline, tags (a new person too) and related
    headlines, and nothing is saved."""
    linked = StoryFactory(headline="Earlier on the port")
    data = story_form_data(
        headline="Grain ships leave Odesa",
        slug="grain-ships-leave-odesa",
        section=SectionFactory(name="Europe", slug="europe").pk,
        body="<p>Three ships <script>x()</script>left.</p>",
        **{
            "byline_list-shown": "1",
            "byline_list": [AuthorFactory(name="Ada Lindqvist").pk],
            "byline_list-role": ["reporting"],
            "country_list-shown": "1",
            "country_list": [CountryFactory(code="UA").pk],
            "person_list-shown": "1",
            "person_list": ["new:Olena Marchenko"],
            "link_list-shown": "1",
            "link_list": [linked.pk],
            "link_list-title": [""],
        },
    )
    response = csrf_post(csrf_client(reporter), NEW_PREVIEW, data, form_url=add_url())
    assert response.status_code == 200
    page = response.text
    assert "<h1>Grain ships leave Odesa</h1>" in page
    assert "<p>Three ships left.</p>" in page
    for shown in ["Ada Lindqvist", "Ukraine", "Olena Marchenko", "Earlier on the port"]:
        assert shown in page
    assert "preview-banner" in page
    assert not Story.objects.filter(slug="grain-ships-leave-odesa").exists()
    assert not PersonTag.objects.exists()


def test_the_preview_shows_the_forms_tags_not_the_saved_ones(reporter):
    """Tags changed in the form and not yet saved are the ones previewed."""
    story = StoryFactory(draft=True)
    france, ukraine = CountryFactory(code="FR"), CountryFactory(code="UA")
    story.countries.add(france)
    data = story_form_data(
        story, **{"country_list-shown": "1", "country_list": [ukraine.pk]}
    )
    page = csrf_post(
        csrf_client(reporter), preview_of(story), data, form_url=change_url(story)
    ).text
    assert "Ukraine" in page and "France" not in page
    assert list(story.countries.all()) == [france]


def test_the_preview_leaves_out_links_readers_would_not_see(reporter):
    """A related link to a draft is left out of the preview, as for readers."""
    story = StoryFactory(draft=True)
    shown = StoryFactory(headline="Published neighbour")
    hidden = StoryFactory(headline="Unpublished neighbour", draft=True)
    data = story_form_data(
        story,
        **{
            "link_list-shown": "1",
            "link_list": [shown.pk, hidden.pk],
            "link_list-title": ["", ""],
        },
    )
    page = csrf_post(
        csrf_client(reporter), preview_of(story), data, form_url=change_url(story)
    ).text
    assert "Published neighbour" in page
    assert "Unpublished neighbour" not in page


def test_only_the_admin_may_frame_the_preview(reporter, client):
    """The pane's page may be framed by the site's own pages; reader pages and the
    saved-story preview never."""
    story = StoryFactory(draft=True)
    response = csrf_post(
        csrf_client(reporter),
        preview_of(story),
        story_form_data(story),
        form_url=change_url(story),
    )
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    saved = csrf_client(reporter).get(
        reverse("articles:story_preview", args=[story.pk])
    )
    assert saved["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in saved["Content-Security-Policy"]


def test_a_form_not_ready_says_what_to_put_right(reporter):
    """Previewing a story without a section lists what is missing, saving nothing."""
    data = story_form_data(headline="No section yet", slug="no-section-yet")
    response = csrf_post(csrf_client(reporter), NEW_PREVIEW, data, form_url=add_url())
    assert response.status_code == 200
    assert "Nothing to preview yet" in response.text
    assert "Section: This field is required." in response.text
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert not Story.objects.exists()


def test_previewing_a_new_story_needs_the_right_to_add_one():
    """Staff who may not add stories cannot preview a new one."""
    intern = UserFactory(username="intern", is_staff=True)
    response = csrf_post(
        csrf_client(intern), NEW_PREVIEW, story_form_data(), form_url="/admin/"
    )
    assert response.status_code == 403
