"""What the in-process benchmarks share: Django set up on bench/settings.py, and one
process per archive size, each printing its figures as JSON."""

import json
import os
import subprocess
import sys


def setup():
    """Django on bench/settings.py, in this process."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only-key")
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    import django

    django.setup()


def each_database(script, databases, *args):
    """Run `script --one *args` once per database URL (default: DATABASE_URL) and
    return what each printed last, as JSON."""
    results = []
    for url in databases or [os.environ.get("DATABASE_URL", "")]:
        output = subprocess.run(
            [sys.executable, script, "--one", *args],
            env={**os.environ, "DATABASE_URL": url},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        results.append(json.loads(output.strip().splitlines()[-1]))
    return results
