"""Full-text search: the reader's /search/ page and the admin's story search."""

import re
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import search, search_index, search_query
from articles.models import CountryTag, Story
from articles.services.subjects import save_subject
from tests.factories import CountryFactory, PersonFactory, SectionFactory, StoryFactory

pytestmark = pytest.mark.django_db

on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL only"
)


@pytest.fixture(autouse=True)
def _searches_made_afresh(settings):
    """These tests are about the engine: every search is made, none kept."""
    settings.NEWSROOM_SEARCH_CACHE_SECONDS = 0


def found(client, **params):
    response = client.get(reverse("articles:search"), params)
    assert response.status_code == 200
    page = response.context["page_obj"]
    return [story.headline for story in page] if page is not None else None


def test_headline_match_outranks_body_match(client, now):
    """A story with the word in its headline comes before one with it in the body."""
    StoryFactory(
        headline="Ports reopen",
        body="<p>Shipping resumes after the harbour strike.</p>",
        published_at=now - timedelta(minutes=1),
    )
    StoryFactory(
        headline="Harbour strike ends",
        body="<p>Dockers return.</p>",
        published_at=now - timedelta(hours=5),
    )
    StoryFactory(headline="Markets", dek="A strike at the harbour.")
    assert found(client, q="harbour") == [
        "Harbour strike ends",
        "Markets",
        "Ports reopen",
    ]


@pytest.mark.parametrize("query", ["ukraine", "UKRAINE", "Ukraine"])
def test_search_ignores_case(client, query):
    """“ukraine”, “UKRAINE” and “Ukraine” find the same story."""
    StoryFactory(headline="Aid for Ukraine")
    StoryFactory(headline="Aid for Chile")
    assert found(client, q=query) == ["Aid for Ukraine"]


@pytest.mark.parametrize("query", ["Україна", "УКРАЇНА", "україна"])
def test_search_ignores_case_in_cyrillic(client, query):
    """Cyrillic queries fold case too: “Україна” finds “УКРАЇНА”."""
    StoryFactory(headline="Заява", body="<p>УКРАЇНА отримала допомогу.</p>")
    StoryFactory(headline="Інше", body="<p>Польща.</p>")
    assert found(client, q=query) == ["Заява"]


HOSTILE = [
    "",
    "   ",
    "\t\n",
    "x" * 10_000,
    "ukraine " * 2_000,
    "ukr\x00aine",
    "\x00",
    '"',
    '""',
    '"""',
    "'",
    "-",
    "--",
    "or",
    "OR OR",
    "-ukraine",
    "(",
    "ukraine)",
    "*",
    "NEAR(a b)",
    "a:b",
    "^ukraine",
    "\ue000",
    "%",
    "<script>",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_give_a_clean_page_quickly(client, query):
    """Empty, huge, NUL, quote-only or syntax-like queries answer 200 quickly."""
    StoryFactory(headline="Aid for Ukraine")
    started = time.monotonic()
    response = client.get(reverse("articles:search"), {"q": query})
    assert response.status_code == 200
    assert time.monotonic() - started < 2
    assert b"<script>" not in response.content.split(b"</header>", 1)[1]


def test_search_supports_phrases_or_and_exclusion(client):
    """Quotes find a phrase, `or` either word, and a minus sign leaves a word out."""
    StoryFactory(headline="Grain deal signed in Kyiv")
    StoryFactory(headline="Deal on grain prices")
    StoryFactory(headline="Wheat exports rise")
    assert found(client, q='"grain deal"') == ["Grain deal signed in Kyiv"]
    assert sorted(found(client, q="wheat or kyiv")) == [
        "Grain deal signed in Kyiv",
        "Wheat exports rise",
    ]
    assert found(client, q="grain -kyiv") == ["Deal on grain prices"]


def test_search_finds_tag_names_and_follows_renames(client):
    """A story is found by its tags' names, including after a tag is renamed."""
    story = StoryFactory(headline="Talks", body="<p>Nothing else.</p>")
    person = PersonFactory(name="Jane Roe")
    story.people.add(person)
    story.countries.add(CountryFactory(code="NZ"))
    assert found(client, q="roe") == ["Talks"]
    assert found(client, q="zealand") == ["Talks"]
    person.name = "Janet Doe"
    person.save()
    assert found(client, q="roe") == []
    assert found(client, q="janet") == ["Talks"]
    story.people.remove(person)
    assert found(client, q="janet") == []


def test_search_shows_highlighted_snippets(client):
    """Results quote the body around the match, with the match highlighted."""
    StoryFactory(
        headline="Budget",
        body="<p>The minister said the <b>reform</b> would pass & be funded.</p>",
    )
    html = client.get(reverse("articles:search"), {"q": "reform"}).content.decode()
    assert "<mark>reform</mark> would pass &amp; be funded" in html


@pytest.mark.parametrize(
    ("body", "query", "marked"),
    [
        # Letters that fold to one other letter, and quotes that fold to plain ones.
        (
            "Cocoa farmers in Côte d’Ivoire wait for rain.",
            "cote d'ivoire",
            "in <mark>Côte d’Ivoire</mark> wait",
        ),
        # Punctuation that folds into several characters ("…", "«") beside the words.
        (
            "He said «Zürich talks…» would resume.",
            "zurich talks",
            "said «<mark>Zürich talks</mark>…» would",
        ),
        # A letter that folds into two ("ß") elsewhere in the text.
        (
            "Die Straße ist zu. Talks in Zürich go on.",
            "zurich",
            "Talks in <mark>Zürich</mark> go on.",
        ),
        # A word found only inside another is not a match; the whole word is.
        (
            "Peacetalks stalled; the talks resume.",
            "talks",
            "Peacetalks stalled; the <mark>talks</mark> resume.",
        ),
    ],
)
def test_snippets_mark_the_words_as_written_in_any_text(client, body, query, marked):
    """Whatever else a body holds (accents, curly quotes, ellipses, ligatures),
    its snippet marks the reader's words where the text has them."""
    StoryFactory(headline="Report", body=f"<p>{body}</p>")
    html = client.get(reverse("articles:search"), {"q": query}).content.decode()
    assert marked in html


def test_a_snippet_quotes_a_passage_deep_in_a_long_story(client):
    """A word first found far into a long story is quoted from there."""
    filler = " ".join(f"word{n}" for n in range(2000))
    StoryFactory(
        headline="Report", body=f"<p>{filler}</p><p>At last the convoy arrived.</p>"
    )
    html = client.get(reverse("articles:search"), {"q": "convoy"}).content.decode()
    assert "word1999 At last the <mark>convoy</mark> arrived." in html


def test_snippets_show_markup_in_the_text_as_text(client):
    """Markup a story quotes as text is shown as text in its snippet, never run."""
    StoryFactory(
        headline="Budget",
        body="<p>The page said &lt;script&gt;alert(1)&lt;/script&gt; reform.</p>",
    )
    html = client.get(reverse("articles:search"), {"q": "reform"}).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>reform</mark>" in html
    assert "<script>alert" not in html


def test_a_result_without_the_words_in_its_body_shows_its_dek(client):
    """A story found by its headline shows its dek, not a snippet of other words;
    its headline and dek are text, never markup."""
    story = StoryFactory(
        headline="Harbour strike <ends> & more",
        dek='Dockers "return" to <b>work</b>.',
        body="<p>Unrelated opening words of the story.</p>",
    )
    html = client.get(reverse("articles:search"), {"q": "harbour"}).content.decode()
    assert (
        '<p class="dek">Dockers &quot;return&quot; to &lt;b&gt;work&lt;/b&gt;.</p>'
    ) in html
    assert (
        f'<a href="{story.get_absolute_url()}">Harbour strike &lt;ends&gt; &amp; more'
    ) in html
    assert f'<a href="{story.section.get_absolute_url()}">{story.section.name}</a>' in (
        html
    )
    assert "Unrelated opening" not in html


def test_search_lists_published_stories_only(client):
    """Drafts, stories in review and scheduled stories never appear in results."""
    StoryFactory(headline="Ceasefire holds")
    StoryFactory(headline="Ceasefire draft", draft=True)
    StoryFactory(headline="Ceasefire review", in_review=True)
    StoryFactory(headline="Ceasefire later", scheduled=True)
    assert found(client, q="ceasefire") == ["Ceasefire holds"]


def test_filters_combine_with_the_query(client, now):
    """Section, country, person and date filters each narrow the results."""
    europe = SectionFactory(slug="europe", name="Europe")
    ukraine = CountryTag.objects.get(code="UA")
    person = PersonFactory(slug="jane-roe")
    match = StoryFactory(headline="Storm hits coast", section=europe)
    match.countries.add(ukraine)
    match.people.add(person)
    old = StoryFactory(
        headline="Storm last year",
        section=europe,
        published_at=now - timedelta(days=400),
    )
    old.countries.add(ukraine)
    StoryFactory(headline="Storm elsewhere")
    since = (now - timedelta(days=30)).date().isoformat()
    assert len(found(client, q="storm")) == 3
    assert found(client, q="storm", section="europe", since=since) == [
        "Storm hits coast"
    ]
    assert sorted(found(client, q="storm", country=ukraine.slug)) == [
        "Storm hits coast",
        "Storm last year",
    ]
    assert found(client, q="storm", person="jane-roe") == ["Storm hits coast"]
    until = (now - timedelta(days=300)).date().isoformat()
    assert found(client, q="storm", until=until) == ["Storm last year"]
    assert found(client, section="europe", country=ukraine.slug) == [
        "Storm hits coast",
        "Storm last year",
    ]


def chosen_options(html, name):
    """The (value, text, selected) of each option of the select named `name`."""
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    return [
        (value, text, bool(flag))
        for value, flag, text in re.findall(
            r'<option value="([^"]*)"( selected)?>([^<]*)</option>', select.group(1)
        )
    ]


def test_filters_offer_subjects_with_stories_and_keep_the_readers_choice(
    client, settings, committed
):
    """The country filter lists only countries with a published story; the choice
    made stays selected, and a renamed country shows its new name."""
    settings.NEWSROOM_SEARCH_CACHE_SECONDS = 60
    europe = SectionFactory(slug="europe", name="Europe")
    chile = CountryTag.objects.get(code="CL")
    StoryFactory(headline="Vote count", section=europe).countries.add(chile)
    StoryFactory(headline="Draft", status=Story.Status.DRAFT).countries.add(
        CountryTag.objects.get(code="NZ")
    )
    page = client.get(reverse("articles:search"), {"country": chile.slug})
    html = page.content.decode()
    assert chosen_options(html, "country") == [
        ("", "All countries", False),
        (chile.slug, "Chile", True),
    ]
    assert ("europe", "Europe", False) in chosen_options(html, "section")
    chile.name = "Republic of Chile"
    committed(save_subject, subject=chile)
    html = client.get(reverse("articles:search"), {"section": "europe"}).content
    assert chosen_options(html.decode(), "country")[1] == (
        chile.slug,
        "Republic of Chile",
        False,
    )
    assert ("europe", "Europe", True) in chosen_options(html.decode(), "section")


def test_a_word_in_most_stories_ranks_only_the_newest_matches(client, now, monkeypatch):
    """Past the bound, the best of the newest matches are shown, readers are told,
    and a date filter still reaches an older, better match."""
    monkeypatch.setattr(search, "MAX_MATCHES", 3)
    for hours in range(1, 5):
        StoryFactory(
            headline=f"Talks, day {hours}",
            body="<p>No news.</p>",
            published_at=now - timedelta(hours=hours),
        )
    StoryFactory(
        headline="Talks talks talks",
        dek="Talks again.",
        published_at=now - timedelta(days=40),
    )
    response = client.get(reverse("articles:search"), {"q": "talks"})
    assert [s.headline for s in response.context["page_obj"]] == [
        "Talks, day 1",
        "Talks, day 2",
        "Talks, day 3",
    ]
    assert "among the 3 newest" in response.content.decode()
    until = (now - timedelta(days=30)).date().isoformat()
    assert found(client, q="talks", until=until) == ["Talks talks talks"]
    # Below the bound, the count is the count and no note is shown.
    response = client.get(reverse("articles:search"), {"q": "talks", "until": until})
    assert "newest" not in response.content.decode()
    assert "1 result for" in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"section": "nowhere"},
        {"country": "\x00"},
        {"since": "yesterday"},
        {"until": "2026-13-45"},
        {"person": "x" * 5000},
        {"page": "last"},
        {"page": "-1"},
        {"page": "999999"},
    ],
)
def test_bad_filters_are_ignored(client, params):
    """A filter or page value that means nothing is ignored, never a 500."""
    StoryFactory(headline="Storm hits coast")
    assert found(client, q="storm", **params) == ["Storm hits coast"]


def test_the_search_form_shows_what_the_reader_asked_for(client):
    """The form comes back filled in: the words (as text, never markup), the
    dates and the person; a date that means nothing comes back empty."""
    story = StoryFactory(headline="Storm hits coast")
    story.people.add(PersonFactory(name="Jane Roe", slug="jane-roe"))
    html = client.get(
        reverse("articles:search"),
        {"q": 'storm "<b>', "since": "2020-01-02", "until": "2026-13-45"}
        | {"person": "jane-roe"},
    ).content.decode()
    assert 'name="q" value="storm &quot;&lt;b&gt;"' in html
    assert 'name="since" value="2020-01-02"' in html
    assert 'name="until" value=""' in html
    assert '<input type="hidden" name="person" value="jane-roe">' in html
    assert 'Person: <a href="/person/jane-roe/">Jane Roe</a>' in html


def test_pagination_keeps_the_query_and_filters(client, settings, now):
    """The next-page link keeps the query and every filter."""
    settings.NEWSROOM_PAGE_SIZE = 2
    for n in range(5):
        StoryFactory(
            headline=f"Flood update {n}", published_at=now - timedelta(hours=n)
        )
    response = client.get(
        reverse("articles:search"), {"q": "flood", "section": "world", "page": 2}
    )
    html = response.content.decode()
    assert [s.headline for s in response.context["page_obj"]] == [
        "Flood update 2",
        "Flood update 3",
    ]
    assert 'href="?q=flood&amp;section=world&amp;page=3"' in html
    assert 'href="?q=flood&amp;section=world&amp;page=1"' in html


def test_header_search_form_is_labelled(client):
    """Every page has a labelled search form in its header."""
    html = client.get("/").content.decode()
    header = html.split("</header>", 1)[0]
    assert '<form class="site-search" role="search"' in header
    assert '<label for="site-search-q"' in header


def test_admin_search_uses_the_engine(admin_client):
    """Editors find any story, draft or not, by words in its body."""
    StoryFactory(headline="Quiet day", body="<p>The zeppelin landed.</p>", draft=True)
    StoryFactory(headline="Other", body="<p>Nothing.</p>")
    response = admin_client.get(
        reverse("admin:articles_story_changelist"), {"q": "zeppelin"}
    )
    assert response.status_code == 200
    assert [s.headline for s in response.context["cl"].result_list] == ["Quiet day"]


def test_query_terms_are_quoted_for_both_databases():
    """Reader input never reaches FTS5 or a tsquery as syntax: every term is quoted."""
    query = search_query.parse('grain "wheat deal" or corn -rice NEAR')
    assert search_query.fts5(query) == (
        '((("grain") AND ("wheat deal" OR "corn") AND ("near")) NOT "rice")'
    )
    assert search_query.tsquery(query) == (
        "(('grain') & ('wheat' <-> 'deal' | 'corn') & ('near')) & !('rice')"
    )
    assert not search_query.parse('"" - -- "-" or')


@pytest.mark.postgres
@on_postgres
def test_search_uses_the_gin_index(now):
    """On PostgreSQL the search query is served by the GIN index."""
    section = SectionFactory()
    Story.objects.bulk_create(
        Story(
            headline=f"Story {n}",
            slug=f"bulk-{n}",
            body="<p>Ordinary words about the day.</p>",
            section=section,
            status=Story.Status.PUBLISHED,
            published_at=now - timedelta(minutes=n + 1),
        )
        for n in range(3000)
    )
    StoryFactory(headline="The zeppelin landed")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_story")
        cursor.execute("SET LOCAL enable_seqscan = off")
    with CaptureQueriesContext(connection) as matching:
        results = list(search.match(Story.objects.published(), "zeppelin"))
    assert [story.headline for story in results] == ["The zeppelin landed"]
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + matching.captured_queries[0]["sql"])
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "articles_story_search_idx" in plan, plan


@pytest.mark.postgres
@on_postgres
def test_ranking_reads_each_long_story_once(now):
    """A search reads each of the newest matches it ranks once, in its row: a long
    story's search vector is not kept in storage beside the table, which cost six
    more page reads for every story ranked."""
    section = SectionFactory()
    # 250 distinct words: a vector of about 4 KB, more than a row keeps by default.
    words = " ".join(f"word{n}" for n in range(250))
    count = 200
    Story.objects.bulk_create(
        Story(
            headline=f"Story {n}",
            slug=f"long-{n}",
            body=f"<p>Ceasefire {words} {n}.</p>",
            section=section,
            status=Story.Status.PUBLISHED,
            published_at=now - timedelta(minutes=n + 1),
        )
        for n in range(count)
    )
    with CaptureQueriesContext(connection) as ranking:
        results = search.results(Story.objects.published(), "ceasefire")
    assert len(results) == count
    with connection.cursor() as cursor:
        cursor.execute(
            "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) "
            + ranking.captured_queries[0]["sql"]
        )
        plan = cursor.fetchone()[0][0]["Plan"]
    pages = plan["Shared Hit Blocks"] + plan["Shared Read Blocks"]
    assert pages < 2 * count, pages


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only")
def test_migrate_restores_search_triggers_a_table_rebuild_dropped(client):
    """If a schema change on SQLite drops the index triggers, migrate puts them back."""
    StoryFactory(headline="Earlier story")
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER articles_story_fts_insert")
        cursor.execute("DROP TRIGGER articles_storyperson_fts_insert")
    StoryFactory(headline="Rebuild missed this")
    assert found(client, q="rebuild") == []
    assert search_index.restore_sqlite_triggers(connection.alias) == [
        "articles_story_fts_insert",
        "articles_storyperson_fts_insert",
    ]
    StoryFactory(headline="Rebuild after")
    assert sorted(found(client, q="rebuild")) == [
        "Rebuild after",
        "Rebuild missed this",
    ]
    assert search_index.restore_sqlite_triggers(connection.alias) == []


def test_a_search_that_finds_nothing_says_so(client):
    """No result is a sentence saying what to try, not an empty list."""
    StoryFactory(headline="Harbour strike ends")
    html = client.get(reverse("articles:search"), {"q": "zeppelin"}).content.decode()
    assert "0 results for “zeppelin”" in html
    assert "No published story matches. Try fewer or different words." in html
    assert 'class="search-result"' not in html
