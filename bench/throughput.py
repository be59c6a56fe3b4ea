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

`--code DIR` serves another checkout of the project (its own .venv) instead.
`--against DIR` serves this checkout and DIR at once (each its own gunicorn and Redis
database) and measures every row on both in turn, `--rounds` times, keeping each
row's median: two versions compared minute by minute, so a machine that slows down
mid-run moves both alike. Each page's ratio is to its own code's floor, measured in
the same rounds.

`--floor-beside` also measures the floor right before each page row, in each round,
and prints each page's median ratio to that floor ("/ floor beside"): the floor row
itself is measured once, minutes before the last pages, and a slow spell of the
machine falling on the pages but not on the floor moves the plain ratio.
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
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PORT = int(os.environ.get("BENCH_PORT", "8099"))
MISS = ["-H", "X-Bench-Miss: 1"]
COLD = ["-H", "X-Bench-Miss: cold"]
FLOOR = "/bench/floor/"
PAGES = ("front page", "story, curated links", "story, filled links")
STATES = (
    ("first render after a purge", MISS),
    ("from nothing", COLD),
    ("cached", []),
)


def ensure_wrk():
    if not shutil.which("wrk"):
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)


@dataclass
class Served:
    """One checkout served by gunicorn on its own port and Redis database."""

    code: Path
    port: int
    database: str | None
    redis_db: int
    server: subprocess.Popen | None = None
    rows: list = field(default_factory=list)
    # {row name: median ratio to the floor measured right before it}
    beside: dict = field(default_factory=dict)

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    @property
    def python(self):
        own = self.code / ".venv" / "bin" / "python"
        return str(own) if self.code != ROOT and own.exists() else sys.executable

    @property
    def env(self):
        env = dict(os.environ)
        if self.database:
            env["DATABASE_URL"] = self.database
        if redis := env.get("REDIS_URL"):
            env["REDIS_URL"] = re.sub(r"/\d*$", "", redis) + f"/{self.redis_db}"
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

    def run(self, *args):
        return subprocess.run(
            [self.python, *args],
            cwd=self.code,
            env=self.env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    def start(self):
        self.run("manage.py", "collectstatic", "--no-input", "-v0")
        self.server = subprocess.Popen(
            [
                *(self.python, "-m", "gunicorn", "newsroom.wsgi"),
                *("--workers", "2", "--bind", f"127.0.0.1:{self.port}"),
                *("--log-level", "warning"),
            ],
            cwd=self.code,
            env=self.env,
        )
        for _ in range(100):
            try:
                urllib.request.urlopen(self.base + FLOOR, timeout=1)
                return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise SystemExit(f"gunicorn did not start for {self.code}")

    def stop(self):
        if self.server is not None:
            self.server.send_signal(signal.SIGTERM)
            self.server.wait(timeout=30)

    def size(self):
        return int(
            self.run(
                "-c",
                "import django; django.setup(); from articles.models import Story;"
                "print(Story.objects.published().count())",
            ).strip()
        )

    def targets(self):
        """(name, path, headers) for each measured page."""
        urls = json.loads(self.run(str(self.code / "bench" / "pages.py"), "--urls"))
        static = re.search(
            r'href="(/static/css/site[^"]+)"',
            urllib.request.urlopen(f"{self.base}/").read().decode(),
        ).group(1)
        rows = [
            ("floor: Django 30 KB view", FLOOR, []),
            ("floor: whitenoise static", static, []),
        ]
        for page in PAGES:
            for state, headers in STATES:
                rows.append((f"{page}, {state}", urls[page], headers))
        rows.append(("search, from nothing", urls["search"], COLD))
        rows.append(("search, repeated", urls["search"], []))
        return rows


def wrk(url, headers, seconds, connections):
    output = subprocess.run(
        [
            *("wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"),
            *headers,
            url,
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


def measure(served, seconds, connections, rounds, only=None, floor_beside=False):
    """Each row on each served checkout in turn, `rounds` times; each row keeps
    its median round (by requests a second). With `floor_beside`, the floor is
    measured again right before each page row, and the row keeps its median ratio
    to it."""
    for each in served:
        each.start()
    try:
        plans = [
            [row for row in each.targets() if wanted(row[0], only)] for each in served
        ]
        for rows in zip(*plans, strict=True):
            runs = [[] for _ in served]
            ratios = [[] for _ in served]
            for _ in range(rounds):
                for each, (name, path, headers), found, beside in zip(
                    served, rows, runs, ratios, strict=True
                ):
                    floor = None
                    if floor_beside and not name.startswith("floor"):
                        floor = wrk(each.base + FLOOR, [], seconds, connections)[0]
                    wrk(each.base + path, headers, 2, connections)  # warm up
                    found.append(wrk(each.base + path, headers, seconds, connections))
                    if floor:
                        beside.append(found[-1][0] / floor)
            for each, (name, _path, _headers), found, beside in zip(
                served, rows, runs, ratios, strict=True
            ):
                found.sort(key=lambda run: run[0])
                each.rows.append((name, *found[len(found) // 2]))
                if beside:
                    each.beside[name] = sorted(beside)[len(beside) // 2]
        return [each.size() for each in served]
    finally:
        for each in served:
            each.stop()


def wanted(name, only):
    """The floors always; the other rows whose name holds one of `only`, if given."""
    return name.startswith("floor") or not only or any(part in name for part in only)


def ratio(rps, floor):
    return f"{rps / floor:.2f} (1/{floor / rps:.0f})"


def table(served, size, seconds, connections, rounds):
    floor, static = served.rows[0][1], served.rows[1][1]
    print(
        f"\n{served.code.name}: {size:,} published stories; wrk {seconds} s, "
        f"{connections} connections, median of {rounds}"
    )
    beside = " / floor beside |" if served.beside else ""
    print(
        "| page | req/s | p50 | p99 | non-2xx | / Django floor | / static floor |"
        + beside
    )
    print("|---|---|---|---|---|---|---|" + ("---|" if beside else ""))
    for name, rps, p50, p99, errors in served.rows:
        paired = ""
        if beside:
            value = served.beside.get(name)
            paired = f" {value:.3f} (1/{1 / value:.1f}) |" if value else " |"
        print(
            f"| {name} | {rps:.0f} | {p50} | {p99} | {errors} "
            f"| {ratio(rps, floor)} | {rps / static:.2f} |" + paired
        )


def side_by_side(ours, theirs):
    print(f"\n{theirs.code.name} (before) and {ours.code.name} (after), side by side")
    print("| page | before: req/s (ratio) | after: req/s (ratio) | after / before |")
    print("|---|---|---|---|")
    before_floor, after_floor = theirs.rows[0][1], ours.rows[0][1]
    for (name, before, *_), (_, after, *_) in zip(theirs.rows, ours.rows, strict=True):
        change = (after / after_floor) / (before / before_floor)
        print(
            f"| {name} | {before:.0f} ({ratio(before, before_floor)}) "
            f"| {after:.0f} ({ratio(after, after_floor)}) | {change:.2f} |"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--database", action="append", dest="databases")
    parser.add_argument("--code", type=Path, help="another checkout to serve")
    parser.add_argument("--against", type=Path, help="another checkout, in turn")
    parser.add_argument(
        "--only", action="append", help="rows whose name holds this (repeatable)"
    )
    parser.add_argument(
        "--floor-beside",
        action="store_true",
        help="also measure the floor right before each page row, in each round",
    )
    args = parser.parse_args()
    ensure_wrk()
    for database in args.databases or [None]:
        served = [Served((args.code or ROOT).resolve(), PORT, database, 7)]
        if args.against:
            served.append(Served(args.against.resolve(), PORT + 1, database, 8))
        sizes = measure(
            served,
            args.seconds,
            args.connections,
            args.rounds,
            args.only,
            args.floor_beside,
        )
        for each, size in zip(served, sizes, strict=True):
            table(each, size, args.seconds, args.connections, args.rounds)
        if args.against:
            side_by_side(*served)


if __name__ == "__main__":
    main()
