"""A real browser understands the permissions policy and refuses what it names."""

import pytest

from tests.factories import StoryFactory, UserFactory
from tests.test_security_headers import POWERFUL_FEATURES

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ALLOWED = "features => features.filter(f => document.featurePolicy.allowsFeature(f))"


def test_reader_and_admin_pages_refuse_powerful_features(page):
    """Chromium reads every feature the policy names and refuses them on each page."""
    UserFactory(username="ada", is_staff=True, is_superuser=True)
    story = StoryFactory(headline="Policy holds")
    complaints = []
    page.on(
        "console",
        lambda message: (
            complaints.append(message.text)
            if "Permissions-Policy" in message.text
            else None
        ),
    )
    for url in ["/", story.get_absolute_url(), "/no-such-page/", "/admin/login/"]:
        page.goto(url)
        assert page.evaluate(ALLOWED, POWERFUL_FEATURES) == [], url
    assert complaints == []
