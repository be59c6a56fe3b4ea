"""Editors' times stay within the years 1900 to 2200: a time outside is a form error
on its field, in the story form, the share-link rows and the front-page pins."""

from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from articles import services
from articles.models import FrontPageSlot, ShareLink, Story
from tests.factories import StoryFactory
from tests.workflow import change_url, csrf_client, csrf_post, story_form_data

pytestmark = pytest.mark.django_db

OUT_OF_RANGE = "Give a time between the years 1900 and 2200."
FIELDS = ["published_at", "embargoed_until", "updated_at"]


def split(prefix, day, time="00:00:00"):
    """A time as the admin's split date and time widget posts it."""
    return {f"{prefix}_0": day, f"{prefix}_1": time}


def local(field, day, time="00:00:00"):
    """A time as the story form's date-and-time field posts it."""
    return {field: f"{day}T{time}"}


@pytest.mark.parametrize(
    "day", ["0001-01-01", "1899-12-31", "2201-01-01", "9999-12-31"]
)
@pytest.mark.parametrize("field", FIELDS)
def test_story_time_out_of_range_is_a_form_error(desk_editor, field, day):
    """A publication, embargo or update time outside the years is refused."""
    story = StoryFactory()
    data = story_form_data(story, **local(field, day))
    response = csrf_post(csrf_client(desk_editor), change_url(story), data)
    assert response.status_code == 200
    assert OUT_OF_RANGE in response.text
    assert Story.objects.get(pk=story.pk).version == story.version


@pytest.mark.parametrize("day", ["1900-01-01", "2200-12-31"])
def test_times_at_the_bounds_are_accepted(desk_editor, day):
    """The first and last days of the range are times an editor may give."""
    story = StoryFactory()
    data = story_form_data(story, **local("embargoed_until", day))
    response = csrf_post(csrf_client(desk_editor), change_url(story), data)
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.embargoed_until.date().isoformat() == day


@pytest.mark.parametrize("field", FIELDS)
def test_the_service_refuses_a_time_out_of_range(field):
    """save_story refuses such a time from any caller, naming the field."""
    story = StoryFactory()
    setattr(story, field, datetime(9999, 12, 31, tzinfo=UTC))
    with pytest.raises(ValidationError) as refused:
        services.save_story(story=story)
    assert refused.value.message_dict[field] == [OUT_OF_RANGE]


def test_share_link_expiry_out_of_range_is_a_form_error(desk_editor):
    """A share link made to last until 9999 is refused on its row."""
    story = StoryFactory(draft=True)
    data = story_form_data(
        story,
        **{
            "share_links-TOTAL_FORMS": 1,
            "share_links-0-note": "Forever",
            **split("share_links-0-expires_at", "9999-12-31"),
        },
    )
    response = csrf_post(csrf_client(desk_editor), change_url(story), data)
    assert response.status_code == 200
    assert OUT_OF_RANGE in response.text
    assert not ShareLink.objects.exists()


def test_front_page_pin_expiry_out_of_range_is_a_form_error(desk_editor):
    """A front-page pin expiring in year 1 is refused."""
    story = StoryFactory()
    url = reverse("admin:articles_frontpageslot_add")
    data = {"position": 1, "story": story.pk, **split("expires_at", "0001-01-01")}
    response = csrf_post(csrf_client(desk_editor), url, data)
    assert response.status_code == 200
    assert OUT_OF_RANGE in response.text
    assert not FrontPageSlot.objects.exists()
