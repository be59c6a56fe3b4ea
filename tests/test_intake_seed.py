"""The day's first agency story, imported through the command and the admin screen."""

import json
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from articles.models import Story, WireImport

# Beside the checkout, as CI lays it out; NEWSROOM_SEED_DIR points elsewhere (a
# worktree's parent holds no shared folder).
SEED = Path(
    os.environ.get("NEWSROOM_SEED_DIR")
    or Path(settings.BASE_DIR).parent / "shared" / "seed"
)
DESK = Path(settings.BASE_DIR) / "articles" / "demo" / "desk.json"
COUNTRIES = {"US", "UA", "RU", "FR", "GB"}
PEOPLE = {
    "Steve Witkoff",
    "Jared Kushner",
    "Alexus Grynkewich",
    "Donald Trump",
    "Volodymyr Zelenskiy",
}

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not SEED.is_dir(), reason="the shared seed is not here"),
]


@pytest.fixture
def seed_file():
    return sorted(SEED.glob("*.txt"))[0]


@pytest.fixture
def desk(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    return json.loads(DESK.read_text())


def assert_the_draft_is_right(desk):
    (draft,) = Story.objects.filter(status=Story.Status.DRAFT)
    assert draft.body.count("<p>") == 6
    report = WireImport.objects.get(story=draft).report
    assert COUNTRIES <= {s["key"] for s in report["suggestions"]["countries"]}
    people = {s["label"] for s in report["suggestions"]["people"]} | {
        s["label"] for s in report["suggestions"]["new_people"]
    }
    assert PEOPLE <= people
    linked = list(
        draft.related_links.order_by("position").values_list("target__slug", flat=True)
    )
    in_seed_order = [slug for slug in desk["lead_related"] if slug in linked]
    assert linked == in_seed_order
    assert len(linked) >= 13
    return draft


def snapshot():
    return (
        list(Story.objects.order_by("pk").values_list("pk", "version", "modified_at")),
        list(WireImport.objects.values_list("pk", "digest", "updated_at")),
    )


def test_the_command_makes_one_right_draft_and_again_changes_nothing(desk, seed_file):
    """manage.py import_wire: one draft with the seed's paragraphs, suggestions and
    related links in order; a second run changes nothing."""
    call_command("import_wire", str(seed_file), stdout=open("/dev/null", "w"))
    draft = assert_the_draft_is_right(desk)
    assert draft.status == Story.Status.DRAFT
    before = snapshot()
    call_command("import_wire", str(seed_file), stdout=open("/dev/null", "w"))
    assert snapshot() == before


def test_the_admin_screen_makes_one_right_draft_and_again_changes_nothing(
    desk, seed_file, editor_client
):
    """Pasting the seed into “Import wire copy” makes the same draft; pasting it
    again changes nothing."""
    url = reverse("admin:articles_wireimport_add")
    copy = seed_file.read_text()
    response = editor_client.post(url, {"copy": copy})
    assert response.status_code == 302
    assert_the_draft_is_right(desk)
    before = snapshot()
    again = editor_client.post(url, {"copy": copy}, follow=True)
    assert "nothing changed" in again.content.decode()
    assert snapshot() == before
