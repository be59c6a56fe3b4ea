"""A reader in a real browser."""

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_reader_goes_from_front_page_to_a_related_headline(page):
    """A reader opens the lead story, then follows its first related headline."""
    call_command("load_demo", verbosity=0)
    page.goto("/")
    lead = page.locator(".teaser-lead h2 a")
    headline = lead.inner_text()
    lead.click()
    assert page.locator("h1").inner_text() == headline
    related = page.locator(".related li a")
    assert related.count() == 16
    first = related.first.inner_text()
    related.first.click()
    assert page.locator("h1").inner_text() == first
