"""HTTP throughput of reader pages under gunicorn, side by side with two floors.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench \\
      .venv/bin/python bench/throughput.py --seconds 10

Starts gunicorn (2 sync workers, DEBUG off) on 127.0.0.1, then runs wrk (Debian's
`wrk`, installed if missing) against: a minimal Django view returning 30 KB, a static
file through whitenoise, and the front and story pages uncached (a session cookie, as
a logged-in editor gets them) and cached (an anonymous reader). Prints requests per
second, latency and each page's ratio to the Django floor. Only 127.0.0.1 is used.
"""

import argparse
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
PORT = 8099
BASE = f"http://127.0.0.1:{PORT}"


def ensure_wrk():
    if not shutil.which("wrk"):
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)


def environment():
    env = dict(os.environ)
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


def start_server(env):
    python = sys.executable
    subprocess.run(
        [python, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    server = subprocess.Popen(
        [
            python,
            "-m",
            "gunicorn",
            "newsroom.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
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
    code = (
        "from articles.models import Story;"
        "s = Story.objects.published().select_related('section').first();"
        "print(s.get_absolute_url())"
    )
    story = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    static = re.search(
        r'href="(/static/css/site[^"]+)"',
        urllib.request.urlopen(f"{BASE}/").read().decode(),
    ).group(1)
    editor = ["-H", "Cookie: sessionid=benchmark-uncached"]
    return [
        ("floor: Django 30 KB view", "/bench/floor/", []),
        ("floor: whitenoise static", static, []),
        ("front page, uncached", "/", editor),
        ("front page, cached", "/", []),
        ("story page, uncached", story, editor),
        ("story page, cached", story, []),
    ]


def wrk(path, headers, seconds, connections):
    output = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    ensure_wrk()
    env = environment()
    server = start_server(env)
    try:
        rows = []
        for name, path, headers in targets(env):
            wrk(path, headers, 2, args.connections)  # warm up: caches, connections
            rows.append((name, *wrk(path, headers, args.seconds, args.connections)))
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    floor = rows[0][1]
    print(
        f"{'page':<28} {'req/s':>9} {'p50':>9} {'p99':>9} {'non-2xx':>8} {'/floor':>7}"
    )
    for name, rps, p50, p99, errors in rows:
        print(
            f"{name:<28} {rps:>9.0f} {p50:>9} {p99:>9} {errors:>8} {rps / floor:>7.2f}"
        )


if __name__ == "__main__":
    main()
