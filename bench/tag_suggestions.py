"""How long the story form waits for its tag suggestions.

    .venv/bin/python bench/tag_suggestions.py [--runs 30] [--database URL]

Posts the shared seed story's text (its paragraphs as the body) to the story
form's tag-suggestions address as an editor, through Django's test client in
process, with the demo desk's people as the vocabulary, and prints the
median and 95th percentile time and the queries per request; then the same for a
story ten times as long, for the longest body the address accepts, and for no
text at all (what the request costs by itself). Without
--database it runs on a scratch SQLite database it migrates itself.
"""

import argparse
import html
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DESK = ROOT / "articles" / "demo" / "desk.json"
SEED = Path(os.environ.get("NEWSROOM_SEED_DIR") or ROOT.parent / "shared" / "seed")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--database", help="a database URL (default: scratch SQLite)")
    args = parser.parse_args()
    scratch = tempfile.mkdtemp()
    os.environ["DATABASE_URL"] = (
        args.database or f"sqlite:///{scratch}/suggestions.sqlite3"
    )
    from bench.sizes import setup

    setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from articles.admin.suggesting import LIMITS
    from articles.intake.source import read_wire
    from articles.models import PersonTag
    from tests.factories import StoryFactory, UserFactory

    call_command("migrate", verbosity=0)
    item = read_wire(sorted(SEED.glob("*.txt"))[0].read_bytes())
    body = "".join(f"<p>{html.escape(text)}</p>" for text in item.paragraphs)
    cases = {
        "no text (the request alone)": "",
        f"the seed story ({len(body):,} characters)": body,
        f"ten times as long ({len(body) * 10:,})": body * 10,
        f"the longest accepted ({LIMITS['body']:,})": (
            body * (LIMITS["body"] // len(body) + 1)
        )[: LIMITS["body"]],
    }
    with transaction.atomic():
        names = {
            person["name"]
            for story in json.loads(DESK.read_text())["stories"]
            for person in story.get("people", [])
        }
        PersonTag.objects.bulk_create(
            PersonTag(name=name, slug=f"bench-{n}") for n, name in enumerate(names)
        )
        editor = UserFactory(username="bench-editor", is_staff=True, is_superuser=True)
        story = StoryFactory(draft=True)
        client = Client()
        client.force_login(editor)
        url = reverse("admin:articles_story_tag_suggestions", args=[story.pk])
        print(f"{args.runs} runs each, {connection.vendor}, {len(names)} people known")
        print("| text | median | p95 | queries | suggested |")
        print("|---|---|---|---|---|")
        for label, text in cases.items():
            headline = item.headline if text else ""
            data = {"headline": headline, "dek": "", "body": text}
            data["tags-shown"] = "1"
            client.post(url, data)  # the first request loads the name lists
            times = []
            for _ in range(args.runs):
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    response = client.post(url, data)
                    times.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, response.content
            found = response.json()
            times.sort()
            p95 = times[min(len(times) - 1, round(len(times) * 0.95))]
            print(
                f"| {label} | {statistics.median(times):.1f} ms | {p95:.1f} ms "
                f"| {len(queries)} | {len(found['countries'])} countries, "
                f"{len(found['people'])} people |"
            )
        transaction.set_rollback(True)


if __name__ == "__main__":
    main()
