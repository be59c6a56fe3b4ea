"""Related headlines: curated links first, in order, then filled from shared tags."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction

from articles.models import RelatedLink
from tests.factories import (
    CountryFactory,
    PersonFactory,
    RelatedLinkFactory,
    StoryFactory,
)
from tests.reading import related

pytestmark = pytest.mark.django_db


def related_titles(client, story):
    response = client.get(story.get_absolute_url())
    return [headline.title for headline in response.context["related"]]


def test_curated_links_come_first_in_order(client):
    """Editors' links show in their order, before any tag-based fill."""
    story = StoryFactory(headline="Lead")
    third, first, second = StoryFactory.create_batch(3)
    RelatedLinkFactory(story=story, target=first, position=1)
    RelatedLinkFactory(story=story, target=second, position=2)
    RelatedLinkFactory(story=story, target=third, position=3)
    assert related_titles(client, story) == [
        first.headline,
        second.headline,
        third.headline,
    ]


def test_outside_link_and_custom_title(client):
    """A link may go elsewhere on the web, and a title overrides the headline."""
    story = StoryFactory()
    target = StoryFactory(headline="Original headline")
    RelatedLinkFactory(story=story, target=target, title="Editor's wording", position=1)
    RelatedLinkFactory(
        story=story,
        target=None,
        url="https://example.org/report",
        title="The report",
        position=2,
    )
    html = client.get(story.get_absolute_url()).text
    assert (
        f'<a class="related-title" href="{target.get_absolute_url()}">'
        "Editor&#x27;s wording</a>"
    ) in html
    assert (
        '<a class="related-title" href="https://example.org/report" rel="noopener">'
        "The report</a>"
    ) in html
    # The link's own title, not the headline (the "Latest" column may list that).
    related = html.split('id="related-headlines"')[1].split("</section>")[0]
    assert "Original headline" not in related


def test_each_line_shows_its_site_or_section_and_escapes_what_editors_typed(client):
    """An outside line names its site; a story's line its section and time; an
    editor's title and address are text, never markup."""
    story = StoryFactory()
    target = StoryFactory(headline="Talks <resume> & go on")
    RelatedLinkFactory(story=story, target=target, position=1)
    RelatedLinkFactory(
        story=story,
        target=None,
        url="https://www.example.org/a?b=1&c=<2>",
        title='<script>alert("x")</script>',
        position=2,
    )
    lines = related(client.get(story.get_absolute_url()).text).split("<li")[1:]
    assert len(lines) == 2
    inside, outside = lines
    assert f'<p class="kicker">{target.section.name} <span class="pick">' in inside
    assert "Talks &lt;resume&gt; &amp; go on</a>" in inside
    assert '<time datetime="' in inside
    assert '<p class="kicker">Elsewhere · example.org <span class="pick">' in outside
    assert 'href="https://www.example.org/a?b=1&amp;c=&lt;2&gt;" rel="noopener"' in (
        outside
    )
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</a>" in outside
    assert "<script>" not in outside and "<time" not in outside


def test_link_title_follows_the_target_headline(client):
    """Without a title of its own, a link shows the target's current headline."""
    story, target = StoryFactory(), StoryFactory(headline="First wording")
    RelatedLinkFactory(story=story, target=target)
    target.headline = "Second wording"
    target.save()
    assert related_titles(client, story) == ["Second wording"]


def test_deleted_target_disappears(client):
    """Deleting a linked story removes the link, never breaks the page."""
    story, target = StoryFactory(), StoryFactory()
    RelatedLinkFactory(story=story, target=target)
    target.delete()
    assert related_titles(client, story) == []


def test_fill_ranks_by_shared_tags_then_newest(client, now):
    """Stories sharing more tags come first; ties go to the newest."""
    ua, fr, envoy = CountryFactory(), CountryFactory(), PersonFactory()
    story = StoryFactory()
    story.countries.add(ua, fr)
    story.people.add(envoy)
    one_old = StoryFactory(
        headline="One tag, older", published_at=now - timedelta(hours=5)
    )
    one_old.countries.add(ua)
    one_new = StoryFactory(
        headline="One tag, newer", published_at=now - timedelta(hours=2)
    )
    one_new.people.add(envoy)
    three = StoryFactory(headline="Three tags", published_at=now - timedelta(hours=9))
    three.countries.add(ua, fr)
    three.people.add(envoy)
    StoryFactory(headline="No tags in common").countries.add(CountryFactory())
    assert related_titles(client, story) == [
        "Three tags",
        "One tag, newer",
        "One tag, older",
    ]


def test_fill_skips_curated_and_self_and_respects_the_total(client, settings):
    """The fill adds no story twice, never the story itself, and stops at the total."""
    settings.NEWSROOM_RELATED_HEADLINES = 3
    ua = CountryFactory()
    story = StoryFactory()
    story.countries.add(ua)
    others = StoryFactory.create_batch(5)
    for other in others:
        other.countries.add(ua)
    RelatedLinkFactory(story=story, target=others[0])
    titles = related_titles(client, story)
    assert len(titles) == 3
    assert titles[0] == others[0].headline
    assert len(set(titles)) == 3
    assert story.headline not in titles


def test_database_refuses_a_link_to_itself_or_to_nothing():
    """A self-link, or a link with neither story nor URL, or with both, is refused."""
    story, target = StoryFactory(), StoryFactory()
    for fields in [
        {"target": story},
        {"target": None, "url": ""},
        {"target": target, "url": "https://example.org/"},
    ]:
        with pytest.raises(IntegrityError), transaction.atomic():
            RelatedLink.objects.create(story=story, title="x", **fields)


def test_database_refuses_the_same_target_twice():
    """A story links to another story once."""
    story, target = StoryFactory(), StoryFactory()
    RelatedLinkFactory(story=story, target=target)
    with pytest.raises(IntegrityError), transaction.atomic():
        RelatedLinkFactory(story=story, target=target)


def test_fill_takes_stories_near_the_story_in_time(client, now, settings):
    """Years-old stories sharing tags do not crowd out the news around the story."""
    settings.NEWSROOM_RELATED_WINDOW_DAYS = 90
    ua = CountryFactory()
    story = StoryFactory()
    story.countries.add(ua)
    StoryFactory(
        headline="Last month", published_at=now - timedelta(days=30)
    ).countries.add(ua)
    StoryFactory(
        headline="Years ago", published_at=now - timedelta(days=900)
    ).countries.add(ua)
    assert related_titles(client, story) == ["Last month"]


NEAR = ["Just after", "Near, 1h before", "Near, 2h before"]


@pytest.mark.parametrize(
    ("candidates", "expected"), [(4, NEAR), (10, ["Far, both tags", *NEAR])]
)
def test_fill_ranks_only_the_stories_nearest_in_time(
    client, now, settings, candidates, expected
):
    """On a busy desk the fill looks at the stories around the story, not the
    whole window: a better match further away loses to a near one, unless the
    desk looks at enough stories to reach it."""
    settings.NEWSROOM_RELATED_CANDIDATES = candidates
    ua, pl = CountryFactory(), CountryFactory()
    story = StoryFactory(published_at=now - timedelta(days=10))
    story.countries.add(ua, pl)
    for hours in (1, 2):
        StoryFactory(
            headline=f"Near, {hours}h before",
            published_at=story.published_at - timedelta(hours=hours),
        ).countries.add(ua)
    StoryFactory(
        headline="Far, both tags", published_at=story.published_at - timedelta(days=5)
    ).countries.add(ua, pl)
    StoryFactory(
        headline="Just after", published_at=story.published_at + timedelta(hours=1)
    ).countries.add(pl)
    assert related_titles(client, story) == expected
