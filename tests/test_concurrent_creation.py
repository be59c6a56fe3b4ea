"""Two editors saving the same name or slug at the same moment: one is saved, the
other gets the form back with the reason, never a server error.

The race is real only where two writers run at once: PostgreSQL. SQLite takes one
writer at a time, so there the second save simply finds the first (the sequential
case, checked here too and in tests/test_tag_names.py).
"""

import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from articles.models import PersonTag, Story
from tests.factories import SectionFactory
from tests.workflow import csrf_token, role_user, story_form_data

PAIRS = 6
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite runs one writer at a time"
)


def logged_in(user):
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.force_login(user)
    return client


def post_together(posts):
    """Send each (client, url, data) from its own thread, released at once; return
    the responses in order."""
    start = threading.Barrier(len(posts))
    responses = [None] * len(posts)

    def send(n, client, url, data):
        try:
            start.wait()
            responses[n] = client.post(url, data)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=send, args=(n, *post)) for n, post in enumerate(posts)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return responses


def prepared(client, url, data):
    return (client, url, {**data, "csrfmiddlewaretoken": csrf_token(client, url)})


def assert_one_saved_one_told(responses, reason):
    statuses = sorted(response.status_code for response in responses)
    assert statuses == [200, 302], statuses
    refused = next(r for r in responses if r.status_code == 200)
    assert reason in refused.content.decode()


@on_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_reporters_adding_the_same_person_at_once():
    """UkraineX and ukraineX posted together: one person, one form error."""
    users = [role_user("Reporter", username=f"reporter{n}") for n in (1, 2)]
    clients = [logged_in(user) for user in users]
    url = reverse("admin:articles_persontag_add")
    for n in range(PAIRS):
        posts = [
            prepared(client, url, {"name": name, "slug": f"ukrainex-{n}"})
            for client, name in zip(
                clients, [f"UkraineX{n}", f"ukraineX{n}"], strict=True
            )
        ]
        assert_one_saved_one_told(post_together(posts), "already exists")
        assert PersonTag.objects.filter(slug=f"ukrainex-{n}").count() == 1


@on_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_reporters_adding_stories_with_one_slug_at_once():
    """Two new stories with the same slug posted together: one story, one form
    error on the slug."""
    users = [role_user("Reporter", username=f"reporter{n}") for n in (1, 2)]
    clients = [logged_in(user) for user in users]
    section = SectionFactory()
    url = reverse("admin:articles_story_add")
    for n in range(PAIRS):
        posts = [
            prepared(
                client,
                url,
                story_form_data(
                    headline=f"Floods {who}",
                    slug=f"floods-{n}",
                    section=section.pk,
                    status="draft",
                ),
            )
            for client, who in zip(clients, ["one", "two"], strict=True)
        ]
        assert_one_saved_one_told(
            post_together(posts), "Story with this Slug already exists."
        )
        assert Story.objects.filter(slug=f"floods-{n}").count() == 1
