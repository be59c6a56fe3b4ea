"""The story list's filters stay short and cheap on a large archive."""

import html
import re
from datetime import timedelta

import pytest
from django.urls import reverse

from tests.factories import CountryFactory, StoryFactory

pytestmark = pytest.mark.django_db


def filter_links(page, title):
    """{label: href} of one filter in the sidebar."""
    block = re.search(rf'data-filter-title="{title}".*?</details>', page, re.S).group(0)
    return {
        label: html.unescape(href)
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
