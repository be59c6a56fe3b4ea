"""Agency headlines matched to our published stories, worded as we word them."""

import json
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.intake import archive
from articles.intake.headlines import match
from articles.models import Story
from tests.factories import SectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(db):
    section = SectionFactory(name="World", slug="world")
    now = timezone.now()

    def story(headline, **fields):
        fields.setdefault("status", Story.Status.PUBLISHED)
        fields.setdefault("published_at", now - timedelta(hours=1))
        return Story.objects.create(
            headline=headline,
            slug=f"s-{Story.objects.count()}",
            section=section,
            **fields,
        )

    return story


def test_our_wording_of_an_agency_headline_is_found(desk):
    """“U.S.” and “US”, “Israeli” and “Israel”, other verbs: still a confident match."""
    ours = desk("Israel carries out strikes in Lebanon as truce comes under strain")
    desk("Central bank holds rates as inflation cools")
    desk("US and Canada sign fisheries pact")
    (found,) = match(["Israeli Military Launches Strikes in Lebanon Amid Truce Fears"])
    assert found.best.pk == ours.pk
    assert found.is_confident


def test_headlines_keep_their_order_and_unmatched_ones_stay_listed(desk):
    """Each agency headline gets its own answer, in the order given."""
    fish = desk("US and Canada sign fisheries pact")
    rates = desk("Central bank holds rates as inflation cools")
    found = match(
        [
            "Bank Holds Interest Rates Steady as Inflation Eases",
            "Volcano Erupts on Remote Island",
            "U.S., Canada Agree Fisheries Deal",
        ]
    )
    assert [m.best.pk if m.best else None for m in found] == [rates.pk, None, fish.pk]


def test_stories_readers_cannot_see_are_never_matched(desk, tomorrow):
    """Drafts, scheduled and embargoed stories are not offered as related links."""
    desk("Azerbaijan will not send troops to Gaza force", status=Story.Status.DRAFT)
    desk(
        "Azerbaijan will not send troops to Gaza force, scheduled",
        published_at=tomorrow,
    )
    desk(
        "Azerbaijan will not send troops to Gaza force, embargoed",
        embargoed_until=tomorrow,
    )
    (found,) = match(["Azerbaijan Rules Out Sending Troops for Gaza Force"])
    assert found.candidates == []


def test_two_equally_good_stories_make_no_confident_match(desk):
    """When two stories fit about as well, the editor picks."""
    desk("Storm closes roads across northern Portugal")
    desk("Storm closes schools across northern Portugal")
    (found,) = match(["Storm Closes Roads and Schools in Northern Portugal"])
    assert len(found.candidates) == 2
    assert not found.is_confident


def test_the_story_being_imported_is_never_its_own_related_link(desk):
    """A story already made from the copy is left out of its matches."""
    itself = desk("Storm closes roads across northern Portugal")
    (found,) = match(
        ["Storm Closes Roads Across Northern Portugal"], exclude={itself.pk}
    )
    assert found.candidates == []


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_matching_reads_the_headline_index_not_the_archive(desk):
    """On PostgreSQL the words index answers: a bitmap scan, no sequential scan."""
    for n in range(300):
        desk(f"Routine council meeting number {n} approves budget")
    ours = desk("Greenland acquisition options weighed by White House")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_story")
    archive._stats["read_at"] = None
    with CaptureQueriesContext(connection) as queries:
        (found,) = match(["White House Explores Options to Acquire Greenland"])
    assert found.best.pk == ours.pk
    (asked,) = [q["sql"] for q in queries if "to_tsquery" in q["sql"]]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("EXPLAIN (FORMAT JSON) " + asked)
        plan = json.dumps(cursor.fetchone()[0])
    assert archive.INDEX in plan
    assert "Seq Scan" not in plan
