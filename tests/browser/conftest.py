"""Browser tests: a real Chromium (Debian's /usr/bin/chromium) driven by Playwright.

Without Chromium they skip, unless NEWSROOM_REQUIRE_BROWSER=1 (as in CI), where a
missing browser fails the run.
"""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("NEWSROOM_CHROMIUM") or shutil.which("chromium") or ""

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls made
# by the test itself (fixtures, assertions) are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium():
    if not CHROMIUM:
        if os.environ.get("NEWSROOM_REQUIRE_BROWSER") == "1":
            pytest.fail("Chromium is required (apt-get install chromium)")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server):
    context = chromium.new_context(base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
