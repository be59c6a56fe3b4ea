"""Plain-text agency copy becomes paragraphs, a dateline, a credit and headlines."""

import pytest

from articles.intake.item import WireError
from articles.intake.source import read_wire

PARAGRAPHS = (
    "Grain ministers from four countries agreed on Tuesday to reopen a shipping "
    "corridor across the Black Sea, officials said.\n"
    "The corridor will be inspected by Turkish naval officers, according to a draft "
    "seen by reporters.\n"
    "Ukrainian farmers welcomed the deal but said insurance costs remained high.\n"
)
HEADLINES = (
    "Farmers Count Cost of Closed Sea Lanes\n"
    "Ministers Agree to Reopen Black Sea Grain Corridor\n"
    "Insurers Raise Premiums for Ships in Conflict Zones\n"
)


def test_paragraphs_then_headline_block():
    """Each prose line is a paragraph; the block after the gap is the headline list."""
    item = read_wire(PARAGRAPHS + "\n\n" + HEADLINES)
    assert len(item.paragraphs) == 3
    assert item.body_html.count("<p>") == 3
    assert "Insurers Raise Premiums for Ships in Conflict Zones" in (
        item.related_headlines
    )


def test_the_listed_headline_that_is_the_storys_own_is_offered_as_its_headline():
    """A listed headline matching the body far better than the rest becomes the
    headline and leaves the related list."""
    item = read_wire(PARAGRAPHS + "\n\n" + HEADLINES)
    assert item.headline == "Ministers Agree to Reopen Black Sea Grain Corridor"
    assert item.headline_source == "list"
    assert item.headline not in item.related_headlines
    assert len(item.related_headlines) == 2


def test_no_headline_is_chosen_when_none_clearly_matches():
    """When no listed headline stands out, the editor writes one."""
    others = "Storm Hits Northern Coast\nCentral Bank Holds Rates\n"
    item = read_wire(PARAGRAPHS + "\n\n" + others)
    assert item.headline == ""
    assert item.related_headlines == [
        "Storm Hits Northern Coast",
        "Central Bank Holds Rates",
    ]


def test_dateline_and_agency_credit_are_detected_and_cut_from_the_text():
    """“ANKARA, March 3 (Reuters) -” gives the dateline and credit."""
    item = read_wire("ANKARA, March 3 (Reuters) - " + PARAGRAPHS)
    assert (item.dateline, item.credit) == ("ANKARA", "Reuters")
    assert item.paragraphs[0].startswith("Grain ministers")


def test_copy_without_a_dateline_keeps_its_first_words():
    """No dateline: nothing is cut and dateline and credit stay empty."""
    item = read_wire(PARAGRAPHS)
    assert (item.dateline, item.credit) == ("", "")
    assert item.paragraphs[0].startswith("Grain ministers")


def test_a_headline_line_and_wrapped_paragraphs_and_credits():
    """A first headline line is the headline, wrapped lines join, the credits line
    gives the byline and leaves the body."""
    copy = (
        "Ministers agree on grain corridor deal\n\n"
        "WASHINGTON (AP) — Ministers from four countries agreed on\n"
        "Tuesday to reopen a grain corridor, officials said.\n"
        "The deal follows weeks of talks.\n\n"
        "(Reporting by Jane Roe and John Doe; Editing by Sam Poe)\n"
    )
    item = read_wire(copy)
    assert item.headline == "Ministers agree on grain corridor deal"
    assert item.headline_source == "agency"
    assert item.paragraphs == [
        "Ministers from four countries agreed on Tuesday to reopen a grain "
        "corridor, officials said.",
        "The deal follows weeks of talks.",
    ]
    assert (item.dateline, item.credit) == ("WASHINGTON", "AP")
    assert item.byline == ["Jane Roe", "John Doe"]


def test_the_same_copy_is_known_again_whatever_its_line_endings():
    """Windows line endings and trailing blank lines do not make a new item."""
    plain = read_wire(PARAGRAPHS + "\n" + HEADLINES)
    windows = read_wire(
        (PARAGRAPHS + "\n" + HEADLINES).replace("\n", "\r\n") + "\r\n\r\n"
    )
    assert plain.key == windows.key


def test_copy_that_is_only_headlines_is_refused():
    """Without paragraphs there is no story to make."""
    with pytest.raises(WireError, match="only headlines"):
        read_wire(HEADLINES + "\n\n" + HEADLINES)
