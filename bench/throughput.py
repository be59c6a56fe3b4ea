"""HTTP throughput of reader pages under gunicorn, side by side with two floors.

    REDIS_URL=redis://127.0.0.1:6379/7 .venv/bin/python bench/throughput.py \\
      --database postgres://postgres@127.0.0.1:5432/newsroom_bench_1k \\
      --database postgres://postgres@127.0.0.1:5432/newsroom_bench_100k

For each database (default: DATABASE_URL) this starts gunicorn (2 sync workers,
DEBUG off, bench/settings.py) on 127.0.0.1 and runs wrk (Debian's `wrk`, installed if
missing) against: a minimal Django view returning 30 KB, a static file through
whitenoise, and the front page and two story pages three ways: the first render after
a purge of the page (`X-Bench-Miss: 1`, see bench/middleware.py: the unchanged
stories' parts come from the cache), from nothing (`X-Bench-Miss: cold`: every part
made too, as for the archive's long tail) and cached; then search, from nothing and
repeated (answered from the cache). Prints requests per second, latency and each
page's ratio to both floors. Only 127.0.0.1 is used.

`--code DIR` serves another checkout of the project (its own .venv) with the same
measurements, so two versions are compared side by side in one run.
"""

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CODE = ROOT
PORT = int(os.environ.get("BENCH_PORT", "8099"))
BASE = f"http://127.0.0.1:{PORT}"
MISS = ["-H", "X-Bench-Miss: 1"]
COLD = ["-H", "X-Bench-Miss: cold"]
PAGES = ("front page", "story, curated links", "story, filled links")
STATES = (
    ("first render after a purge", MISS),
    ("from nothing", COLD),
    ("cached", []),
)


def ensure_wrk():
    if not shutil.which("wrk"):
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)


def environment(database):
    env = dict(os.environ)
    if database:
        env["DATABASE_URL"] = database
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=env.get(
            "DJANGO_SECRET_KEY", "benchmark-only-key-" + "x" * 40
        ),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SESSION_COOKIE_SECURE="0",
        DJANGO_CSRF_COOKIE_SECURE="0",
        DJANGO_SECURE_HSTS_SECONDS="0",
        LOG_LEVEL="WARNING",
    )
    return env


def python():
    """The interpreter of the checkout being served."""
    own = CODE / ".venv" / "bin" / "python"
    return str(own) if CODE != ROOT and own.exists() else sys.executable


def start_server(env):
    subprocess.run(
        [python(), "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=CODE,
        env=env,
        check=True,
    )
    server = subprocess.Popen(
        [
            *(python(), "-m", "gunicorn", "newsroom.wsgi"),
            *("--workers", "2", "--bind", f"127.0.0.1:{PORT}"),
            *("--log-level", "warning"),
        ],
        cwd=CODE,
        env=env,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{BASE}/bench/floor/", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("gunicorn did not start")


def targets(env):
    """(name, path, headers) for each measured page."""
    urls = json.loads(
        subprocess.run(
            [python(), str(CODE / "bench" / "pages.py"), "--urls"],
            cwd=CODE,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    static = re.search(
        r'href="(/static/css/site[^"]+)"',
        urllib.request.urlopen(f"{BASE}/").read().decode(),
    ).group(1)
    rows = [
        ("floor: Django 30 KB view", "/bench/floor/", []),
        ("floor: whitenoise static", static, []),
    ]
    for page in PAGES:
        for state, headers in STATES:
            rows.append((f"{page}, {state}", urls[page], headers))
    rows.append(("search, from nothing", urls["search"], COLD))
    rows.append(("search, repeated", urls["search"], []))
    return rows


def wrk(path, headers, seconds, connections):
    output = subprocess.run(
        [
            *("wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"),
            *headers,
            BASE + path,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = re.search(r"50%\s+([\d.]+\w+)", output).group(1)
    p99 = re.search(r"99%\s+([\d.]+\w+)", output).group(1)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return rps, p50, p99, int(errors.group(1)) if errors else 0


def measure(database, seconds, connections):
    env = environment(database)
    server = start_server(env)
    try:
        size = subprocess.run(
            [
                python(),
                "-c",
                "import django; django.setup(); from articles.models import Story;"
                "print(Story.objects.published().count())",
            ],
            cwd=CODE,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        rows = []
        for name, path, headers in targets(env):
            wrk(path, headers, 2, connections)  # warm up: caches, connections
            rows.append((name, *wrk(path, headers, seconds, connections)))
        return int(size), rows
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--database", action="append", dest="databases")
    parser.add_argument("--code", type=Path, help="another checkout to serve")
    args = parser.parse_args()
    global CODE
    CODE = (args.code or ROOT).resolve()
    ensure_wrk()
    for database in args.databases or [None]:
        size, rows = measure(database, args.seconds, args.connections)
        floor, static = rows[0][1], rows[1][1]
        print(
            f"\n{CODE.name}: {size:,} published stories; wrk {args.seconds} s, "
            f"{args.connections} connections"
        )
        print(
            "| page | req/s | p50 | p99 | non-2xx | / Django floor | / static floor |"
        )
        print("|---|---|---|---|---|---|---|")
        for name, rps, p50, p99, errors in rows:
            print(
                f"| {name} | {rps:.0f} | {p50} | {p99} | {errors} "
                f"| {rps / floor:.2f} (1/{floor / rps:.0f}) | {rps / static:.2f} |"
            )


if __name__ == "__main__":
    main()
