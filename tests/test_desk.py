"""The desk: the admin's landing page lists the newsroom's queues, with counts."""

import html
import re
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import services
from articles.models import AuditEntry, Story
from tests.factories import (
    AuthorFactory,
    BylineFactory,
    SectionFactory,
    StoryFactory,
    UserFactory,
)
from tests.workflow import csrf_client

pytestmark = pytest.mark.django_db

DESK = reverse("admin:index")


def queue(page, name):
    """The HTML of one queue of the desk."""
    found = re.search(
        rf'<section class="desk-queue desk-queue-{name}".*?</section>', page, re.S
    )
    assert found, name
    return found.group(0)


def count(page, name):
    return int(re.search(r'class="desk-queue-count"[^>]*>(\d+)<', queue(page, name))[1])


def headlines(page, name):
    return re.findall(r'class="desk-headline" href="[^"]*">([^<]*)<', queue(page, name))


def started_by(user, **fields):
    """A draft `user` started through the services, as the story form does."""
    section = SectionFactory(slug="world", name="World")
    story = StoryFactory.build(draft=True, section=section, **fields)
    return services.save_story(story=story, user=user)


def submit(story, user, at):
    """`story` submitted for review by `user` at `at`, as the service records it."""
    story.status = Story.Status.IN_REVIEW
    services.save_story(story=story, user=user)
    story.audit_entries.filter(action=AuditEntry.Action.SUBMITTED).update(created_at=at)


def test_desk_shows_every_queue_with_its_count(desk_editor, now):
    """Drafts, review, scheduled, embargoed, last 24 hours and corrected, counted."""
    client = csrf_client(desk_editor)
    started_by(desk_editor, headline="My own draft")
    StoryFactory(in_review=True, headline="Waiting one")
    StoryFactory(in_review=True, headline="Waiting two")
    StoryFactory(scheduled=True, headline="Comes tomorrow")
    StoryFactory(embargoed=True, headline="Under embargo")
    StoryFactory(headline="Out this morning", published_at=now - timedelta(hours=3))
    StoryFactory(headline="Out last week", published_at=now - timedelta(days=6))
    fixed = StoryFactory(headline="Fixed story", published_at=now - timedelta(days=3))
    services.add_correction(story=fixed, text="A name was misspelled.")
    page = client.get(DESK).text
    assert headlines(page, "review") == ["Waiting one", "Waiting two"]
    assert headlines(page, "scheduled") == ["Comes tomorrow"]
    assert headlines(page, "embargoed") == ["Under embargo"]
    assert headlines(page, "published") == ["Out this morning"]
    assert headlines(page, "corrected") == ["Fixed story"]
    counts = {
        name: count(page, name)
        for name in ["review", "scheduled", "embargoed", "published", "corrected"]
    }
    assert counts == {
        "review": 2,
        "scheduled": 1,
        "embargoed": 1,
        "published": 1,
        "corrected": 1,
    }


def test_my_drafts_are_the_ones_i_started_or_have_a_byline_on(reporter, desk_editor):
    """A reporter's drafts queue holds their own drafts only."""
    started_by(reporter, headline="Started by Rita")
    bylined = StoryFactory(draft=True, headline="Bylined to Rita")
    BylineFactory(story=bylined, author=AuthorFactory(user=reporter))
    started_by(desk_editor, headline="Aisha's draft")
    page = csrf_client(reporter).get(DESK).text
    assert sorted(headlines(page, "drafts")) == ["Bylined to Rita", "Started by Rita"]
    assert count(page, "drafts") == 2


def test_review_queue_is_oldest_first_and_scheduled_soonest_first(
    desk_editor, reporter, now
):
    """The editors' queue shows the longest waiting first; schedules the next first."""
    later = StoryFactory(draft=True, headline="Submitted an hour ago")
    earlier = StoryFactory(draft=True, headline="Submitted yesterday")
    submit(later, reporter, now - timedelta(hours=1))
    submit(earlier, reporter, now - timedelta(days=1))
    StoryFactory(headline="In two days", published_at=now + timedelta(days=2))
    StoryFactory(headline="In two hours", published_at=now + timedelta(hours=2))
    page = csrf_client(desk_editor).get(DESK).text
    assert headlines(page, "review") == ["Submitted yesterday", "Submitted an hour ago"]
    assert headlines(page, "scheduled") == ["In two hours", "In two days"]


def test_desk_times_are_the_newsrooms_and_relative(desk_editor, settings, now):
    """A scheduled time reads in the newsroom's zone and from now: “in 2 hours”."""
    settings.TIME_ZONE = "Asia/Tokyo"
    at = now + timedelta(hours=2, minutes=1)
    StoryFactory(headline="Tokyo evening", published_at=at)
    page = csrf_client(desk_editor).get(DESK).text
    row = queue(page, "scheduled")
    assert "JST, in 2 hours" in row
    local = at.astimezone(ZoneInfo("Asia/Tokyo"))
    assert f"{local:%H:%M} JST" in row
    assert "Times are the newsroom's (JST)" in page


def test_each_row_links_to_its_story(desk_editor):
    """A row's headline opens the story in the admin."""
    story = StoryFactory(in_review=True, headline="Open me")
    page = csrf_client(desk_editor).get(DESK).text
    url = reverse("admin:articles_story_change", args=[story.pk])
    assert f'class="desk-headline" href="{url}">Open me<' in queue(page, "review")


def steps(page, name):
    return re.findall(r'action="/admin/desk/\d+/([a-z]+)/"', queue(page, name))


def test_an_editor_is_offered_the_workflow_steps(desk_editor, reporter):
    """Editors may publish or schedule a story in review, publish or unschedule a
    scheduled one and lift an embargo."""
    started_by(desk_editor, headline="Mine")
    StoryFactory(in_review=True)
    StoryFactory(scheduled=True)
    StoryFactory(embargoed=True)
    page = csrf_client(desk_editor).get(DESK).text
    assert steps(page, "drafts") == ["submit"]
    assert steps(page, "review") == ["publish", "schedule"]
    assert steps(page, "scheduled") == ["publish", "unschedule"]
    assert steps(page, "embargoed") == ["lift"]
    assert 'type="datetime-local"' in queue(page, "review")


def test_a_reporter_is_offered_only_what_reporters_may_do(reporter):
    """A reporter may submit their draft; no publish, schedule or embargo button."""
    started_by(reporter, headline="Rita's")
    StoryFactory(in_review=True)
    StoryFactory(scheduled=True)
    StoryFactory(embargoed=True)
    page = csrf_client(reporter).get(DESK).text
    assert steps(page, "drafts") == ["submit"]
    for name in ["review", "scheduled", "embargoed"]:
        assert steps(page, name) == [], name
    assert "Publish now" not in page and "Lift embargo" not in page


def test_staff_without_story_rights_get_no_queues(client):
    """Staff who may not see stories get the plain index, no queue."""
    client.force_login(UserFactory(username="clerk", is_staff=True))
    StoryFactory(in_review=True, headline="Not for the clerk")
    page = client.get(DESK).text
    assert "desk-queue" not in page and "Not for the clerk" not in page


def fill_desk(size, user, now):
    """`size` stories in each queue, with bylines."""
    for n in range(size):
        for story in [
            started_by(user),
            StoryFactory(in_review=True),
            StoryFactory(scheduled=True),
            StoryFactory(embargoed=True),
            StoryFactory(published_at=now - timedelta(hours=1)),
        ]:
            BylineFactory.create_batch(2, story=story)
        services.add_correction(story=StoryFactory(), text=f"Fix {n}.")


def desk_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(DESK).status_code == 200
    return len(queries)


@pytest.mark.parametrize("size", [2, 20])
def test_desk_query_count_does_not_grow(desk_editor, size, now):
    """The desk runs the same queries with 2 or 20 stories in every queue."""
    client = csrf_client(desk_editor)
    client.get(DESK)
    fill_desk(size, desk_editor, now)
    page = client.get(DESK).text
    assert count(page, "review") == size
    # Sessions, user, permissions; two a queue; one for every row's bylines.
    assert desk_queries(client) == 17


def test_a_full_queue_links_to_all_its_stories_in_the_list(desk_editor, now):
    """A queue with more stories than rows links to the story list showing them
    all: the last day's publications, and nothing older."""
    for hours in range(1, 11):
        StoryFactory(
            headline=f"Today {hours}", published_at=now - timedelta(hours=hours)
        )
    StoryFactory(headline="Two days ago", published_at=now - timedelta(days=2))
    client = csrf_client(desk_editor)
    page = client.get(DESK).text
    assert len(headlines(page, "published")) == 8
    link = re.search(
        r'<a href="([^"]*)">All 10 in the story list</a>', queue(page, "published")
    )
    listed = client.get(html.unescape(link[1])).text
    shown = re.findall(r'field-headline"><a href="[^"]*">([^<]*)</a>', listed)
    assert sorted(shown) == sorted(f"Today {hours}" for hours in range(1, 11))
