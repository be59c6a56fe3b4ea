"""The marker test: a draft, a scheduled story and an embargoed story appear in no API
answer and no webhook payload before their time; at their time the worker's next
pass announces them and the API shows them."""

import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import ApiToken, Event, Story, WebhookEndpoint
from articles.services.tokens import create_token
from articles.services.webhooks import save_endpoint
from tests.factories import (
    CountryFactory,
    PersonFactory,
    RelatedLinkFactory,
    SectionFactory,
    StoryFactory,
)
from tests.receiver import run_worker

pytestmark = pytest.mark.django_db(transaction=True)

MARK = "zephyrmark"
LEAD = 8


def hidden_stories(section, country):
    """A draft, a story scheduled and one embargoed until LEAD seconds from now,
    each carrying the marker and a person named only by them; saved by the
    services, as editors save them."""
    due = timezone.now() + timedelta(seconds=LEAD)
    made = {}
    for kind in ("draft", "scheduled", "embargoed"):
        person = PersonFactory(name=f"{MARK.title()} {kind}", slug=f"{MARK}-{kind}")
        story = Story(
            headline=f"{MARK} {kind} headline",
            slug=f"{MARK}-{kind}",
            dek=f"{MARK} dek",
            body=f"<p>{MARK} body</p>",
            section=section,
        )
        services.save_story(story=story)
        story.countries.add(country)
        story.people.add(person)
        if kind == "scheduled":
            services.publish_story(story=story, at=due)
        elif kind == "embargoed":
            services.embargo_story(story=story, until=due)
            services.publish_story(story=story)
        made[kind] = story
    return made, due


def every_answer(client, stories, country, **headers):
    """(url, body) of every API endpoint, the hidden stories' own addresses too."""
    base = [
        reverse("api:stories"),
        f"{reverse('api:stories')}?country={country.slug}",
        f"{reverse('api:stories')}?section=world",
        f"{reverse('api:stories')}?updated_since=2000-01-01T00:00:00Z",
        f"{reverse('api:search')}?q={MARK}",
        reverse("api:people"),
        reverse("api:sections"),
        reverse("api:countries"),
        reverse("api:authors"),
    ]
    for story in stories:
        base += [
            reverse("api:story", args=[story.pk]),
            reverse("api:story_ninjs", args=[story.pk]),
            f"{reverse('api:story_by_path')}?path=/world/2030/01/01/{story.slug}/",
        ]
    live = Story.objects.get(slug="live-one")
    base += [
        reverse("api:story", args=[live.pk]),
        reverse("api:story_ninjs", args=[live.pk]),
    ]
    return [(url, client.get(url, headers=headers)) for url in base]


def test_hidden_stories_stay_hidden_until_their_time(client, receiver, task_worker):
    """Before their time nothing of them is in any answer, anonymous or with a
    token, nor in any webhook; after it, "went live" and "embargo lifted" arrive
    in the worker's next pass and the API lists them (the draft never)."""
    save_endpoint(endpoint=WebhookEndpoint(url=receiver.url, events=list(Event.values)))
    section, country = SectionFactory(slug="world", name="World"), CountryFactory()
    live = StoryFactory(section=section, slug="live-one", headline="Live story")
    live.countries.add(country)
    made, due = hidden_stories(section, country)
    RelatedLinkFactory(story=live, target=made["scheduled"], position=1)
    secret = create_token(token=ApiToken(name="Partner"))
    headers = {"authorization": f"Bearer {secret}"}
    run_worker()
    for who in ({}, headers):
        for url, response in every_answer(client, made.values(), country, **who):
            assert response.status_code in (200, 400, 404), url
            assert MARK not in response.text.lower(), response.text
    assert all(MARK not in item.body.decode().lower() for item in receiver.received)
    # A person named only by hidden stories is as unknown as a person never named.
    for who in ({}, headers):
        named = client.get(f"{reverse('api:stories')}?person={MARK}-draft", headers=who)
        unknown = client.get(f"{reverse('api:stories')}?person=nobody", headers=who)
        assert (named.status_code, unknown.status_code) == (400, 400)
    assert timezone.now() < due, "the checks above must run before the stories' time"

    time.sleep(max(0, (due - timezone.now()).total_seconds()) + 0.05)
    run_worker()
    received = receiver.wait_for(2)
    announced = {item.payload["type"]: item for item in received}
    assert set(announced) == {"story.went_live", "story.embargo_lifted"}
    for item in received:
        assert item.at - due.timestamp() < 1.0
        assert item.payload["data"]["body_html"] == f"<p>{MARK} body</p>"
    listed = client.get(reverse("api:stories")).json()["items"]
    assert {item["headline"] for item in listed} == {
        "Live story",
        f"{MARK} scheduled headline",
        f"{MARK} embargoed headline",
    }
