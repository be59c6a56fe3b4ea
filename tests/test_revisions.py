"""Revision history: every save kept, any two compared, any one restored."""

import re
from datetime import UTC, datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Story
from tests.factories import (
    AuthorFactory,
    BylineFactory,
    CountryFactory,
    PersonFactory,
    RelatedLinkFactory,
    SectionFactory,
    StoryFactory,
    UserFactory,
)
from tests.workflow import (
    action_post,
    add_url,
    change_url,
    csrf_client,
    csrf_post,
    story_form_data,
)

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


def names(client, story):
    """What the history page calls each revision of `story`, oldest first."""
    page = client.get(history_url(story)).text
    return re.findall(r'<td class="revision-what">([^<]*)</td>', page)[::-1]


def test_revisions_are_named_by_what_happened(reporter, desk_editor, tomorrow):
    """Created, submitted, edited, scheduled, published, corrected, unpublished and
    restored: each revision says which, and the history page lists them."""
    rita, aisha = csrf_client(reporter), csrf_client(desk_editor)
    data = story_form_data(
        headline="Floods close the port",
        slug="floods",
        section=SectionFactory().pk,
        status="draft",
    )
    assert csrf_post(rita, add_url(), data).status_code == 302
    story = Story.objects.get(slug="floods")
    desk = reverse("admin:index")
    step = lambda client, name, **extra: csrf_post(  # noqa: E731
        client,
        reverse("admin:desk_step", args=[story.pk, name]),
        extra,
        form_url=desk,
    )
    step(rita, "submit")
    story.refresh_from_db()
    data = story_form_data(story, headline="Floods close the harbour")
    assert csrf_post(rita, change_url(story), data).status_code == 302
    step(aisha, "schedule", at=f"{timezone.localtime(tomorrow):%Y-%m-%dT%H:%M}")
    step(aisha, "publish")
    story.refresh_from_db()
    data = story_form_data(
        story,
        **{
            "corrections-TOTAL_FORMS": 1,
            "corrections-0-kind": "correction",
            "corrections-0-text": "The harbour, not the port.",
        },
    )
    assert csrf_post(aisha, change_url(story), data).status_code == 302
    action_post(aisha, "unpublish", [story])
    first = story.history.order_by("history_date", "history_id").first()
    csrf_post(aisha, restore_url(story, first), {}, form_url=history_url(story))
    scheduled = f"Scheduled for {timezone.localtime(tomorrow):%d %b %Y %H:%M}"
    made = names(rita, story)
    assert made[:-1] == [
        "Created",
        "Submitted for review",
        "Edited",
        scheduled,
        "Published",
        "Corrected",
        "Unpublished",
    ]
    assert made[-1].startswith("Restored the revision of ")


def test_a_save_that_changes_nothing_makes_no_revision(desk_editor):
    """Saving the form as it was opened, draft or published, keeps no revision and
    moves no version on."""
    draft = StoryFactory(draft=True)
    live = StoryFactory(published_at=timezone.now().replace(microsecond=123456))
    client = csrf_client(desk_editor)
    for story in (draft, live):
        services.save_story(story=story)
        count, version = story.history.count(), story.version
        for _ in range(2):
            response = csrf_post(client, change_url(story), story_form_data(story))
            assert response.status_code == 302
        story.refresh_from_db()
        assert story.history.count() == count
        assert story.version == version
    assert live.published_at.microsecond == 123456
    assert not live.audit_entries.exists()


def test_tags_changed_alone_make_a_revision_of_their_own(desk_editor):
    """Adding a country and nothing else keeps a new revision holding it; the
    revision before still holds the story without it."""
    story = StoryFactory(draft=True)
    before = story.history.order_by("-history_date", "-history_id").first()
    country = CountryFactory()
    data = story_form_data(
        story,
        **{"country_list-shown": "1", "country_list": [country.pk]},
    )
    client = csrf_client(desk_editor)
    assert csrf_post(client, change_url(story), data).status_code == 302
    revisions = list(story.history.order_by("-history_date", "-history_id")[:2])
    assert revisions[1].history_id == before.history_id
    assert revisions[0].relations["countries"] == [country.pk]
    kept = Story.history.get(history_id=before.history_id).relations
    assert kept.get("countries", []) == []
    assert names(client, story) == ["Created", "Edited"]


def test_the_diff_reads_as_editors_speak(desk_editor, settings):
    """Status, section and times show as the desk names them: “Draft → In review”,
    the section's name, a time in the newsroom's zone."""
    settings.TIME_ZONE = "Europe/Paris"
    story = StoryFactory(draft=True, section=SectionFactory(name="World", slug="w"))
    services.save_story(story=story)
    story.status = Story.Status.IN_REVIEW
    story.section = SectionFactory(name="Europe", slug="europe")
    story.updated_at = datetime(2026, 7, 1, 12, 30, tzinfo=UTC)
    services.save_story(story=story)
    old, new = story.history.order_by("history_date", "history_id")[:2]
    page = (
        csrf_client(desk_editor)
        .get(
            reverse("admin:articles_story_compare", args=[story.pk]),
            {"a": old.history_id, "b": new.history_id},
        )
        .text
    )
    assert "<del>Draft</del> → <ins>In review</ins>" in page
    assert "<del>World</del> → <ins>Europe</ins>" in page
    assert "<ins>1 Jul 2026, 14:30 CEST</ins>" in page
    assert "review</ins>" not in page.replace("In review</ins>", "")


def test_revision_pages_are_styled_by_a_stylesheet_the_policy_allows(desk_editor):
    """History and compare pages style their diff and breadcrumbs from a linked
    stylesheet, with no inline style the admin's CSP would block."""
    story = StoryFactory(draft=True)
    story.headline = "Changed"
    services.save_story(story=story)
    old, new = story.history.order_by("history_date", "history_id")[:2]
    client = csrf_client(desk_editor)
    compare_url = reverse("admin:articles_story_compare", args=[story.pk])
    for page in [
        client.get(history_url(story)),
        client.get(compare_url, {"a": old.history_id, "b": new.history_id}),
    ]:
        html = page.text
        assert "/static/css/admin-desk.css" in html
        assert "<style" not in html and " style=" not in html
        assert '<ol class="breadcrumbs">' in html
        assert "'unsafe-inline'" not in page["Content-Security-Policy"]
