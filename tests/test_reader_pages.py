"""What a reader of a wire-service site expects of its pages: a headline once on the
front page, recent times said relatively, labelled tags, a second column that shows
only what readers may see, and the footer's way to the corrections."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from articles import services
from articles.models import Story
from articles.relative_times import ago, relative_times
from tests.factories import (
    CountryFactory,
    PersonFactory,
    RelatedLinkFactory,
    SectionFactory,
    StoryFactory,
)

pytestmark = pytest.mark.django_db

HEADLINE_LINK = re.compile(
    r'<a (?:class="[^"]*" )?href="(/[^"]+/\d{4}/\d\d/\d\d/[^"]+/)"'
)


def main_of(html):
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def test_no_headline_shows_twice_on_the_front_page(client, now):
    """Lead, top stories, "Latest" and the section blocks each name a story once."""
    sections = [SectionFactory() for _ in range(3)]
    stories = [
        StoryFactory(section=sections[n % 3], published_at=now - timedelta(hours=n))
        for n in range(30)
    ]
    html = main_of(client.get(reverse("articles:front_page")).text)
    links = HEADLINE_LINK.findall(html)
    assert len(links) > 20
    assert len(links) == len(set(links))
    for story in stories[:20]:
        assert html.count(f">{story.headline}</a>") == 1, story.headline


@pytest.mark.parametrize(
    ("age", "said"),
    [
        (timedelta(seconds=30), "just now"),
        (timedelta(minutes=1), "1 minute ago"),
        (timedelta(minutes=59, seconds=59), "59 minutes ago"),
        (timedelta(hours=2, minutes=30), "2 hours ago"),
        (timedelta(hours=23, minutes=59, seconds=59), "23 hours ago"),
        (timedelta(hours=24), None),
        (timedelta(days=3), None),
        (timedelta(minutes=-5), None),
    ],
)
def test_relative_times_stop_at_24_hours(age, said):
    """Up to 24 hours back a time is said relatively; from 24 hours on, or ahead of
    now, it is not."""
    now = datetime(2026, 11, 30, 12, tzinfo=UTC)
    assert ago(now - age, now) == said


def test_a_page_says_recent_times_relatively_and_keeps_the_exact_time(client, now):
    """A story of 23 hours ago reads "23 hours ago", its <time> holding the moment and
    the full time; one of 25 hours ago reads as a date."""
    section = SectionFactory()
    recent = StoryFactory(section=section, published_at=now - timedelta(hours=23))
    older = StoryFactory(section=section, published_at=now - timedelta(hours=25))
    html = client.get(recent.get_absolute_url()).text
    stamp = re.search(
        r'Published <time datetime="([^"]+)" title="([^"]+)">([^<]+)<', html
    )
    assert stamp, "the publication time is not said relatively"
    assert datetime.fromisoformat(stamp[1]) == recent.published_at.replace(
        microsecond=0
    )
    assert stamp[3] == "23 hours ago" and "UTC" in stamp[2]
    html = client.get(older.get_absolute_url()).text
    assert re.search(
        r"Published <time datetime=\"[^\"]+\">\d+ \w+ \d{4}, \d\d:\d\d", html
    )


def test_relative_times_leave_other_markup_alone():
    """Only the timestamps the site writes are rewritten; a bad one is left as it is."""
    now = datetime(2026, 11, 30, 12, tzinfo=UTC)
    html = (
        '<time datetime="2026-11-30T10:00:00+00:00">30 November 2026, 10:00 UTC</time>'
        '<time datetime="nonsense">x</time>'
        '<time datetime="2026-11-30T10:00:00">y</time>'
    )
    said = relative_times(html, now)
    assert ">2 hours ago</time>" in said
    assert '<time datetime="nonsense">x</time>' in said
    assert '<time datetime="2026-11-30T10:00:00">y</time>' in said


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "Etc/GMT+12", "UTC"])
@pytest.mark.parametrize("year", [1, 9999])
def test_a_story_at_the_ends_of_the_calendar_never_breaks_a_page(
    client, settings, zone, year
):
    """Dated 0001-01-01 or 9999-12-31, in any newsroom time zone, a story never
    makes its page, the front page or its neighbour's second column a 500."""
    settings.TIME_ZONE = zone
    section, country = SectionFactory(), CountryFactory()
    neighbour = StoryFactory(section=section)
    neighbour.countries.add(country)
    odd = StoryFactory(section=section)
    odd.countries.add(country)
    moment = (
        datetime(1, 1, 1, tzinfo=UTC) if year == 1 else datetime.max.replace(tzinfo=UTC)
    )
    type(odd).objects.filter(pk=odd.pk).update(published_at=moment, updated_at=moment)
    odd.refresh_from_db()
    assert client.get(reverse("articles:front_page")).status_code == 200
    assert client.get(neighbour.get_absolute_url()).status_code == 200
    assert client.get(odd.get_absolute_url()).status_code in (200, 404)
    assert client.get(country.get_absolute_url()).status_code == 200


def test_tags_say_whether_they_are_a_country_or_a_person(client):
    """Each tag chip on a story names its kind."""
    story = StoryFactory()
    story.countries.add(CountryFactory(code="UA"))
    story.people.add(PersonFactory(name="Jane Envoy", slug="jane-envoy"))
    html = client.get(story.get_absolute_url()).text
    chips = html.split('class="story-tags"')[1].split("</footer>")[0]
    assert '<span class="tag-kind">Country</span> Ukraine</a>' in chips
    assert '<span class="tag-kind">Person</span> Jane Envoy</a>' in chips


def test_a_person_page_shows_the_editors_description(client):
    """A person's page carries the description the editors wrote."""
    person = PersonFactory(name="Jane Envoy", description="U.S. special envoy")
    StoryFactory().people.add(person)
    html = client.get(person.get_absolute_url()).text
    assert '<p class="dek">U.S. special envoy</p>' in html


def rail_of(html):
    return html.split('class="story-rail"', 1)[1].split("</aside>", 1)[0]


def test_the_second_column_shows_only_what_readers_may_see(client, now):
    """Latest headlines and subject counts leave out drafts, scheduled and embargoed
    stories; the story's own headline is not listed beside it."""
    country = CountryFactory(code="UA")
    person = PersonFactory(name="Jane Envoy")
    story = StoryFactory(headline="The page's own story")
    story.countries.add(country)
    story.people.add(person)
    seen = StoryFactory(headline="Published beside it")
    seen.countries.add(country)
    hidden = {
        "draft": StoryFactory(draft=True, headline="A draft"),
        "review": StoryFactory(in_review=True, headline="In review"),
        "scheduled": StoryFactory(scheduled=True, headline="Scheduled later"),
        "embargoed": StoryFactory(embargoed=True, headline="Under embargo"),
    }
    for other in hidden.values():
        other.countries.add(country)
        other.people.add(person)
    # A person only unpublished stories name has no page: never listed.
    hidden["draft"].people.add(PersonFactory(name="Not yet named"))
    rail = rail_of(client.get(story.get_absolute_url()).text)
    assert "Published beside it" in rail
    assert "The page's own story" not in rail
    for other in hidden.values():
        assert other.headline not in rail
    assert "Not yet named" not in rail
    assert re.search(r"Ukraine</a> <span class=\"count\">2 stories</span>", rail)
    assert re.search(r"Jane Envoy</a> <span class=\"count\">1 story</span>", rail)


def test_a_story_taken_down_leaves_the_second_column_at_once(
    client, django_capture_on_commit_callbacks
):
    """The "Latest" column, kept for a minute, loses a story unpublished meanwhile."""
    story = StoryFactory()
    gone = StoryFactory(headline="Soon withdrawn")
    assert "Soon withdrawn" in rail_of(client.get(story.get_absolute_url()).text)
    with django_capture_on_commit_callbacks(execute=True):
        services.unpublish_story(story=gone)
    assert "Soon withdrawn" not in client.get(story.get_absolute_url()).text


def test_related_headlines_say_section_date_picture_and_editors_picks(client, now):
    """Curated links come first, marked as the editors' picks, each with its section
    and date; the fill follows unmarked."""
    country = CountryFactory()
    story = StoryFactory()
    story.countries.add(country)
    picked = StoryFactory(
        headline="Chosen by the desk", section=SectionFactory(name="Asia")
    )
    RelatedLinkFactory(story=story, target=picked, position=1)
    filled = StoryFactory(
        headline="Shares a country", published_at=now - timedelta(days=2)
    )
    filled.countries.add(country)
    html = client.get(story.get_absolute_url()).text
    related = html.split('id="related-headlines"')[1].split("</section>")[0]
    items = related.split('<li class="related-item')[1:]
    assert "Chosen by the desk" in items[0] and "Shares a country" in items[1]
    assert "Asia" in items[0] and "Editors' pick" in items[0]
    assert "Editors' pick" not in items[1]
    assert "<time datetime=" in items[0] and "<time datetime=" in items[1]


def test_updated_links_to_the_story_corrections(client):
    """A corrected story's "Updated" line leads to its corrections; every page's
    footer leads to the corrections page."""
    story = StoryFactory()
    services.add_correction(story=story, text="An earlier version misspelt a name.")
    html = client.get(story.get_absolute_url()).text
    assert re.search(
        r'Updated <time[^>]*>[^<]+</time> · <a href="#story-corrections">', html
    )
    assert 'id="story-corrections"' in html
    assert f'<a href="{reverse("articles:corrections")}">Corrections</a>' in html


def test_the_demo_lead_story_stays_under_50_kb_of_html_and_css(client):
    """The demo's lead story, its sixteen related headlines with their pictures
    and the second column, with the style sheet, weighs under 50 KB."""
    call_command("load_demo", verbosity=0)
    story = Story.objects.get(slug="us-backs-allies-security-guarantees-for-ukraine")
    html = client.get(story.get_absolute_url()).content
    css = (settings.BASE_DIR / "static" / "css" / "site.css").read_bytes()
    assert html.count(b'class="related-item') == 16
    assert len(html) + len(css) < 50 * 1024


def test_every_story_page_lists_the_six_newest_but_itself(client, now):
    """The newest story's column lists the six after it; an older story's, the six
    newest: one shared list of seven serves both."""
    stories = [
        StoryFactory(headline=f"Story {n}", published_at=now - timedelta(hours=n))
        for n in range(9)
    ]

    def listed(story):
        rail = rail_of(client.get(story.get_absolute_url()).text)
        latest = rail.split('id="rail-latest"')[1]
        return re.findall(r">(Story \d)</a>", latest)

    assert listed(stories[0]) == [f"Story {n}" for n in range(1, 7)]
    assert listed(stories[8]) == [f"Story {n}" for n in range(6)]
