"""Search gives the same results, in the same order, on PostgreSQL and SQLite.

The suite runs on both databases (CI runs it on each), so one table of queries and
the headlines each must return, in order, pins both engines to the same answers.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse

from articles.models import CountryTag
from articles.search_text import words
from tests.factories import PersonFactory, StoryFactory

pytestmark = pytest.mark.django_db

SAO = "Lula meets the mayor of São Paulo"
SAO_DEK = "Brazil's budget"
SAO_SPLIT = "Rain hits Sao"
SAO_BODY = "Markets close higher"
ELYSEE = "Élysée hosts Gulf leaders"
STRASSE = "Straße closed after storm"
STRASSE_DEK = "Berlin traffic"
LODZ = "Łódź factory reopens"
NAIVE = "A naïve plan for the port"
MADURO = "Nicolás Maduro pleads not guilty"
MADURO_TAG = "Court hearing in New York"
ZELENSKYY = "ZELENSKYY visits the front"
UKRAINE_UK = "УКРАЇНА отримала допомогу"
GREECE = "Η Ελλάδα ψηφίζει"
COVID = "COVID-19 cases fall"
US = "U.S. backs allies in Ukraine"
COCOA = "Cocoa harvest"

# headline, dek, body, hours before now
STORIES = [
    (SAO_BODY, "", "<p>Traders in Sao Paulo cheered.</p>", 1),
    (SAO_DEK, "São Paulo asks for more.", "", 2),
    (SAO, "", "<p>The mayor of São Paulo met Lula.</p>", 3),
    (SAO_SPLIT, "Paulo and Rio brace for floods.", "", 4),
    (ELYSEE, "Talks in Paris run late.", "", 5),
    (STRASSE, "", "<p>Die Straße ist zu.</p>", 6),
    (STRASSE_DEK, "The Strasse stays shut.", "", 7),
    (LODZ, "", "", 8),
    (NAIVE, "", "", 9),
    (MADURO, "", "", 10),
    (ZELENSKYY, "", "", 11),
    (UKRAINE_UK, "", "", 12),
    (GREECE, "", "", 13),
    (COVID, "", "", 14),
    (US, "", "", 15),
]

PARITY = [
    # Accents, ligatures and case fold on both databases.
    ("Sao Paulo", [SAO, SAO_DEK, SAO_SPLIT, SAO_BODY]),
    ("são paulo", [SAO, SAO_DEK, SAO_SPLIT, SAO_BODY]),
    ("SÃO PAULO", [SAO, SAO_DEK, SAO_SPLIT, SAO_BODY]),
    ("Elysee", [ELYSEE]),
    ("ÉLYSÉE", [ELYSEE]),
    ("strasse", [STRASSE, STRASSE_DEK]),
    ("Straße", [STRASSE, STRASSE_DEK]),
    ("STRASSE", [STRASSE, STRASSE_DEK]),
    ("Lodz", [LODZ]),
    ("ŁÓDŹ", [LODZ]),
    ("naive", [NAIVE]),
    ("naïve", [NAIVE]),
    ("Nicolas Maduro", [MADURO, MADURO_TAG]),
    ("nicolás", [MADURO, MADURO_TAG]),
    ("zelenskyy", [ZELENSKYY]),
    ("Zelenskyy", [ZELENSKYY]),
    ("україна", [UKRAINE_UK]),
    ("Україна", [UKRAINE_UK]),
    ("ελλαδα", [GREECE]),
    ("ΕΛΛΆΔΑ", [GREECE]),
    ("cote d'ivoire", [COCOA]),
    # Words are letters and digits: punctuation inside a word makes a phrase.
    ("covid-19", [COVID]),
    ("19", [COVID]),
    ("U.S.", [US]),
    # A phrase is its words next to each other, in one field.
    ('"sao paulo"', [SAO, SAO_DEK, SAO_BODY]),
    ('"paulo and rio"', [SAO_SPLIT]),
    # OR, exclusions and their edge cases.
    ("Lodz OR Elysee", [ELYSEE, LODZ]),
    ("lodz or elysee", [ELYSEE, LODZ]),
    ("Paris OR", [ELYSEE]),
    ("OR Paris", [ELYSEE]),
    ("OR", []),
    ("or OR", []),
    ("-Paulo", []),
    ("--Paris", []),
    ('-"sao paulo"', []),
    ("paulo -lula", [SAO_DEK, SAO_SPLIT, SAO_BODY]),
    ("sao -paulo", []),
    ("paulo --lula", [SAO_DEK, SAO_SPLIT, SAO_BODY]),
    ("lodz -or elysee", []),
    # No prefix search: a star is punctuation.
    ("ukrain*", []),
    ("ukraine*", [US]),
]


@pytest.fixture
def desk(now):
    for headline, dek, body, hours in STORIES:
        StoryFactory(
            headline=headline,
            dek=dek,
            body=body,
            published_at=now - timedelta(hours=hours),
        )
    tagged = StoryFactory(
        headline=MADURO_TAG,
        body="<p>Nothing else.</p>",
        published_at=now - timedelta(minutes=30),
    )
    tagged.people.add(PersonFactory(name="Nicolás Maduro"))
    cocoa = StoryFactory(headline=COCOA, published_at=now - timedelta(hours=16))
    cocoa.countries.add(CountryTag.objects.get(code="CI"))


def found(client, query):
    response = client.get(reverse("articles:search"), {"q": query})
    assert response.status_code == 200
    return [story.headline for story in response.context["page_obj"]]


@pytest.mark.parametrize(("query", "headlines"), PARITY)
def test_query_finds_the_same_headlines_in_order(client, desk, query, headlines):
    """Each query returns these headlines, in this order, on either database:
    headline matches first, then dek, body and tags; newest first within each."""
    assert found(client, query) == headlines


@pytest.mark.parametrize(
    ("query", "snippet"),
    [
        ("sao paulo", "The mayor of <mark>São Paulo</mark> met Lula."),
        ("SÃO PAULO", "The mayor of <mark>São Paulo</mark> met Lula."),
        ("strasse", "Die <mark>Straße</mark> ist zu."),
    ],
)
def test_snippets_mark_the_words_as_written(client, desk, query, snippet):
    """The snippet marks the matched words with their accents, whatever was typed."""
    html = client.get(reverse("articles:search"), {"q": query}).content.decode()
    assert snippet in html


SAMPLES = [
    "São Paulo, Łódź, Straße, STRASSE, ẞ, Élysée, naïve, Nicolás, ZELENSKYY",
    "УКРАЇНА, Україна, Ёлка, ΟΔΟΣ οδός, Ελλάδα, 東京都, 서울, مصر, ישראל",
    "covid-19, U.S., 3½x, km², ①, Ⅻ, d'Ivoire, foo_bar, e-mail@example.org",
    "Sa\u0303o Paulo, İstanbul, Ǆemal, Æsir, œuvre, ﬁnance, ß-ß",
    "".join(chr(code) + "x " for code in range(0xA0, 0x2000)),
]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
@pytest.mark.parametrize("text", SAMPLES)
def test_postgresql_folds_text_into_the_same_words(text):
    """PostgreSQL's index and the engine see the same words in any text."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT articles_search_text(%s)", [text])
        folded = cursor.fetchone()[0].split()
        cursor.execute(
            "SELECT array_agg(word) FROM unnest(tsvector_to_array("
            "to_tsvector('simple', articles_search_text(%s)))) word",
            [text],
        )
        lexemes = cursor.fetchone()[0]
    assert folded == words(text)
    assert sorted(lexemes) == sorted(set(words(text)))
