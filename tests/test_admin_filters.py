"""The story list's filters stay short and cheap on a large archive."""

import html
import re
from datetime import timedelta

import pytest
from django.urls import reverse

from articles import services
from tests.factories import (
    AuthorFactory,
    BylineFactory,
    CountryFactory,
    PersonFactory,
    SectionFactory,
    StoryFactory,
)
from tests.workflow import csrf_client

pytestmark = pytest.mark.django_db


def filter_links(page, title):
    """{label: href} of one filter in the sidebar."""
    block = re.search(rf'data-filter-title="{title}".*?</details>', page, re.S).group(0)
    return {
        html.unescape(label): html.unescape(href)
        for href, label in re.findall(r'<a href="([^"]*)">([^<]*)</a>', block)
    }


def test_country_filter_offers_the_months_countries_and_the_chosen_one(
    editor_client, now
):
    """Countries of this month's stories are offered; one only in old stories is
    not, yet filtering by it still lists its story."""
    recent, old = CountryFactory(), CountryFactory()
    StoryFactory(headline="This week").countries.add(recent)
    StoryFactory(
        headline="Years ago", published_at=now - timedelta(days=900)
    ).countries.add(old)
    changelist = reverse("admin:articles_story_changelist")
    offered = filter_links(editor_client.get(changelist).text, "country")
    assert recent.name in offered and old.name not in offered
    page = editor_client.get(changelist, {"country_items__tag__id__exact": old.pk}).text
    assert "Years ago" in page and "This week" not in page
    # The chosen country is named in the filter, so the editor can see the choice.
    assert old.name in filter_links(page, "country")


def test_story_list_filters_by_publication_date(editor_client, now):
    """“Past 7 days” lists this week's stories, not last year's."""
    StoryFactory(headline="This week")
    StoryFactory(headline="Last year", published_at=now - timedelta(days=400))
    changelist = reverse("admin:articles_story_changelist")
    links = filter_links(editor_client.get(changelist).text, "published at")
    page = editor_client.get(changelist + links["Past 7 days"]).text
    assert "This week" in page and "Last year" not in page


def change_form_queries(client, story):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("admin:articles_story_change", args=[story.pk])
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_story_form_costs_the_same_with_2_or_12_rows(editor_client):
    """Bylines, tags and related headlines label their choices without a query per
    row, so a heavily linked story opens as fast as a bare one."""
    from tests.factories import (
        AuthorFactory,
        BylineFactory,
        PersonFactory,
        RelatedLinkFactory,
    )

    def story_with(rows):
        story = StoryFactory()
        for n in range(rows):
            BylineFactory(story=story, author=AuthorFactory(), position=n)
            RelatedLinkFactory(story=story, target=StoryFactory(), position=n)
            story.countries.add(CountryFactory())
            story.people.add(PersonFactory())
        return story

    small, large = story_with(2), story_with(12)
    change_form_queries(editor_client, small)  # warm: content types, templates
    assert change_form_queries(editor_client, small) == change_form_queries(
        editor_client, large
    )


def listed(client, **params):
    """The headlines the story list shows with `params`."""
    page = client.get(reverse("admin:articles_story_changelist"), params).text
    return sorted(re.findall(r'field-headline"><a href="[^"]*">([^<]*)</a>', page))


def test_status_filter_offers_scheduled_and_embargoed(editor_client, now):
    """Scheduled, Embargoed and Published (readers see it) each list their own."""
    StoryFactory(headline="Live")
    StoryFactory(headline="Later", published_at=now + timedelta(hours=5))
    StoryFactory(headline="Held", embargoed_until=now + timedelta(hours=5))
    StoryFactory(headline="Waiting", in_review=True)
    links = filter_links(
        editor_client.get(reverse("admin:articles_story_changelist")).text, "status"
    )
    assert {"Scheduled", "Embargoed", "In review"} <= set(links)
    assert listed(editor_client, status="scheduled") == ["Later"]
    assert listed(editor_client, status="embargoed") == ["Held"]
    assert listed(editor_client, status="published") == ["Live"]
    assert listed(editor_client, status="review") == ["Waiting"]


def test_mine_lists_the_stories_i_started_or_have_a_byline_on(reporter):
    """“Mine” lists a reporter's own stories: started by them or bylined to them."""
    section = SectionFactory()
    services.save_story(
        story=StoryFactory.build(draft=True, headline="Started", section=section),
        user=reporter,
    )
    BylineFactory(
        story=StoryFactory(headline="Bylined"), author=AuthorFactory(user=reporter)
    )
    StoryFactory(headline="Someone else's")
    client = csrf_client(reporter)
    assert listed(client, mine="1") == ["Bylined", "Started"]
    assert len(listed(client)) == 3


def test_subject_filters_offer_people_of_stories_still_on_the_desk(editor_client):
    """A person only in a story under review, or a draft, can be filtered by; one
    only in a story years old cannot, as before."""
    newcomer = PersonFactory(name="New Person")
    drafted = PersonFactory(name="Drafted Person")
    StoryFactory(headline="Under review", in_review=True).people.add(newcomer)
    StoryFactory(headline="Drafted", draft=True).people.add(drafted)
    changelist = reverse("admin:articles_story_changelist")
    offered = filter_links(editor_client.get(changelist).text, "person")
    assert {"New Person", "Drafted Person"} <= set(offered)
    assert listed(editor_client, person_items__tag__id__exact=newcomer.pk) == [
        "Under review"
    ]
