"""Bytes a reader downloads: pages and the stylesheet, raw and compressed.

    .venv/bin/python bench/compression.py

Builds a scratch SQLite database in a temporary folder, migrates it, collects the
static files there (as production does: hashed names, whitenoise's .gz beside each
text file) and loads the demo desk; then fetches pages as an anonymous reader with
production settings and prints each body raw and gzipped: at level 5, as
deploy/nginx/newsroom.conf compresses pages, and at 9. The stylesheet's compressed
size is the .gz whitenoise wrote, which nginx and Caddy send as it is.
"""

import gzip
import os
import secrets
import shutil
import sys
import tempfile
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def kilobytes(size):
    return f"{size / 1000:.1f} KB"


def main():
    scratch = Path(tempfile.mkdtemp(prefix="newsroom-compression-"))
    try:
        measure(scratch)
    finally:
        shutil.rmtree(scratch)


def measure(scratch):
    os.environ.update(
        DATABASE_URL=f"sqlite:///{scratch / 'db.sqlite3'}",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="testserver",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        MEDIA_ROOT=str(scratch / "media"),
        LOG_LEVEL="WARNING",
    )
    sys.path.insert(0, str(ROOT))
    import django
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    django.setup()
    settings.STATIC_ROOT = scratch / "static"
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("load_demo", stdout=StringIO())

    from articles.models import Story

    lead = Story.objects.published().order_by("-published_at").first()
    reader = Client()
    rows = []
    for name, url in [("front page", "/"), ("story page", lead.get_absolute_url())]:
        body = reader.get(url).content
        rows.append((name, len(body), gzip.compress(body, 5), gzip.compress(body, 9)))
    from django.contrib.staticfiles.storage import staticfiles_storage

    stylesheet = Path(
        staticfiles_storage.path(staticfiles_storage.stored_name("css/site.css"))
    )
    rows.append(
        (
            "stylesheet",
            stylesheet.stat().st_size,
            None,
            Path(f"{stylesheet}.gz").read_bytes(),
        )
    )
    print("| what | raw | gzip 5 | gzip 9 / whitenoise .gz |")
    print("|---|---|---|---|")
    for name, raw, level_5, best in rows:
        middle = kilobytes(len(level_5)) if level_5 is not None else "-"
        print(f"| {name} | {kilobytes(raw)} | {middle} | {kilobytes(len(best))} |")


if __name__ == "__main__":
    main()
