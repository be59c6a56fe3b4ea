"""The desk in a real browser: what an editor clicks to publish a story waiting in
review, and screenshots of the desk and the story list at 1280 and 390 px.

    .venv/bin/python bench/desk.py                      # this checkout: counts, shots
    .venv/bin/python bench/desk.py --project /tmp/old --journey list --no-shots

Serves the code in --project (default: this checkout) on a scratch SQLite database
with the demo desk and a working day's queue (drafts, stories in review, scheduled,
embargoed, corrected), logs in as an Editor in Chromium and prints, for each
journey, the clicks and page loads from the admin's landing page to the story being
published. Journeys: "desk" (the desk's Publish now button) and "list" (Stories,
tick the story, pick the publish action, Go: the way before the desk).
"""

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
EDITOR, REPORTER, PASSWORD = "aisha", "rita", "correct horse 42"
WAITING = "Port strike enters third day as talks stall"

# Run with `manage.py shell -c` in the served project, so it uses only services
# every version of the desk has.
SCENARIO = f"""
from datetime import timedelta
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from articles import services
from articles.models import Author, Section, Story

User = get_user_model()
def member(name, group, first, last):
    user = User.objects.create_user(name, password={PASSWORD!r}, is_staff=True,
                                    first_name=first, last_name=last)
    user.groups.add(Group.objects.get(name=group))
    return user
aisha = member({EDITOR!r}, "Editor", "Aisha", "Khan")
rita = member({REPORTER!r}, "Reporter", "Rita", "Moreno")
Author.objects.filter(pk=Author.objects.order_by("pk").first().pk).update(user=rita)
sections = list(Section.objects.order_by("position"))
def story(n, headline, user, status="draft"):
    made = services.save_story(story=Story(
        headline=headline, slug=f"desk-{{n}}", section=sections[n % len(sections)],
        dek="What happened, and why it matters to readers.",
        body="<p>First paragraph.</p>"), user=user)
    if status == "review":
        made.status = Story.Status.IN_REVIEW
        services.save_story(story=made, user=user)
    return made
story(1, "Council agrees new budget for the harbour district after long night", rita)
story(2, "Interview: the last lighthouse keeper on the northern coast", rita)
story(3, "Explainer: what the new fishing quotas mean for small boats", aisha)
story(4, {WAITING!r}, rita, "review")
story(5, "Flood defences to be raised along the river before winter storms", rita,
      "review")
story(6, "Rail operator apologises for a week of cancelled morning trains", aisha,
      "review")
now = timezone.now()
for n, hours, headline in [
    (7, 2, "Election results: live count from every district"),
    (8, 26, "Weekend briefing: the stories that shaped the week"),
]:
    services.publish_story(story=story(n, headline, aisha),
                           at=now + timedelta(hours=hours), user=aisha)
live = list(Story.objects.published().order_by("-published_at")[:3])
services.embargo_story(story=live[2], until=now + timedelta(hours=3), user=aisha)
services.add_correction(story=live[0], user=aisha,
    text="An earlier version of this story misspelled the minister's name.")
"""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(project, workdir, port):
    """Migrate a scratch database, load the demo desk and the day's queue, and start
    the development server; return its process."""
    env = {
        **os.environ,
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{workdir}/desk.sqlite3",
        "MEDIA_ROOT": str(workdir / "media"),
        "SITE_URL": f"http://127.0.0.1:{port}",
        "REDIS_URL": "",
    }
    python = [sys.executable, str(project / "manage.py")]
    steps = [["migrate", "--no-input"], ["load_demo"], ["shell", "-c", SCENARIO]]
    for command in steps:
        subprocess.run(
            python + command, cwd=project, env=env, check=True, capture_output=True
        )
    server = subprocess.Popen(
        python + ["runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the development server did not start")


class Counted:
    """A page whose clicks and full page loads are counted."""

    def __init__(self, page):
        self.page, self.clicks, self.loads = page, 0, 0
        page.on("load", self._loaded)

    def _loaded(self, _page):
        self.loads += 1

    def click(self, selector, **kwargs):
        self.clicks += 1
        self.page.locator(selector, **kwargs).first.click()

    def choose(self, selector, value):
        # A dropdown takes two clicks: open it, pick the option.
        self.clicks += 2
        self.page.select_option(selector, value)


def log_in(context, base, username):
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{base}/admin/")
    return page


def publish_from_desk(page):
    counted = Counted(page)
    row = page.locator(".desk-queue-review .desk-row", has_text=WAITING)
    counted.clicks += 1
    row.locator("button.desk-step-publish").click()
    page.wait_for_selector(".messagelist")
    page.wait_for_load_state("load")
    assert "Published" in page.locator(".messagelist").inner_text()
    return counted


def publish_from_list(page):
    counted = Counted(page)
    counted.clicks += 1
    page.get_by_role("link", name="Stories", exact=True).first.click()
    page.wait_for_selector("#result_list")
    page.wait_for_load_state("load")
    counted.click(f"tr:has-text('{WAITING}') input.action-select")
    counted.choose("select[name=action]", "publish")
    counted.click("button[name=index]")
    page.wait_for_selector(".messagelist")
    page.wait_for_load_state("load")
    assert "Published 1 stories" in page.locator(".messagelist").inner_text()
    return counted


JOURNEYS = {"desk": publish_from_desk, "list": publish_from_list}


def small(path):
    """The admin's flat colours fit a 256-colour palette: a third of the bytes."""
    with Image.open(path) as shot:
        flat = shot.convert("RGB").quantize(256, dither=Image.Dither.NONE)
    flat.save(path, optimize=True)


def screenshots(chromium, base, folder):
    folder.mkdir(parents=True, exist_ok=True)
    for width, height in [(1280, 900), (390, 844)]:
        for who in (EDITOR, REPORTER):
            context = chromium.new_context(
                viewport={"width": width, "height": height}, device_scale_factor=1
            )
            page = log_in(context, base, who)
            shots = {"desk": "/admin/", "list": "/admin/articles/story/"}
            for name, path in shots.items():
                if who == REPORTER and name == "list":
                    continue
                page.goto(f"{base}{path}")
                role = "" if who == EDITOR else "-reporter"
                path = folder / f"{name}{role}-{width}.png"
                page.screenshot(path=str(path), full_page=True)
                small(path)
            context.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=ROOT)
    parser.add_argument("--journey", choices=[*JOURNEYS, "all"], default="all")
    parser.add_argument("--shots", type=Path, default=ROOT / "docs" / "desk")
    parser.add_argument("--no-shots", dest="shots", action="store_const", const=None)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    chromium_path = os.environ.get("NEWSROOM_CHROMIUM") or shutil.which("chromium")
    journeys = list(JOURNEYS) if args.journey == "all" else [args.journey]
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=chromium_path, args=["--no-sandbox", "--disable-gpu"]
        )
        for journey in journeys:
            # Each journey on a fresh desk: the story is waiting in review again.
            with tempfile.TemporaryDirectory() as workdir:
                port = free_port()
                server = serve(args.project.resolve(), Path(workdir), port)
                base = f"http://127.0.0.1:{port}"
                try:
                    if args.shots and journey == journeys[0]:
                        screenshots(chromium, base, args.shots)
                    context = chromium.new_context(
                        viewport={"width": 1280, "height": 900}
                    )
                    counted = JOURNEYS[journey](log_in(context, base, EDITOR))
                    context.close()
                finally:
                    server.terminate()
                    server.wait()
            clicks = f"{counted.clicks} click{'s' if counted.clicks > 1 else ''}"
            loads = f"{counted.loads} page load{'s' if counted.loads > 1 else ''}"
            print(f"{journey}: {clicks}, {loads} from the landing page to publication")
        chromium.close()


if __name__ == "__main__":
    main()
