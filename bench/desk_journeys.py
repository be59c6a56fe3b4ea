"""What the editors' desk costs a person: clicks, keys, fields, page loads, pop-ups.

    .venv/bin/python bench/desk_journeys.py [--screenshots docs/desk]

Runs the journeys of tests/browser/test_desk_journeys.py in Chromium (through
pytest, on a scratch database) and prints what each took: filing a story with its
lead photo, an editor's pass with its pin, pinning a story to slot 1 from the story.
With --screenshots, also keeps pictures of the story form, the image chooser and the
front-page screen (tests/browser/test_desk_media.py) at 1280 and 390 px in that
folder. docs/desk.md records the figures before and after.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COLUMNS = ["clicks", "keys", "fields", "page_loads", "popups"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--screenshots", help="folder for the story form's pictures")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "journeys.jsonl"
        env = {
            "DJANGO_SECRET_KEY": "benchmark-only-key",
            "DJANGO_ALLOWED_HOSTS": "testserver,localhost,127.0.0.1",
            **os.environ,
            "NEWSROOM_JOURNEY_REPORT": str(out),
        }
        if args.screenshots:
            Path(args.screenshots).mkdir(parents=True, exist_ok=True)
            env["NEWSROOM_SCREENSHOTS"] = str(Path(args.screenshots).resolve())
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "-q",
                "tests/browser/test_desk_journeys.py",
                *(["tests/browser/test_desk_media.py"] if args.screenshots else []),
            ],
            cwd=ROOT,
            env=env,
        )
        lines = out.read_text().splitlines() if out.exists() else []
        rows = [json.loads(line) for line in lines]
    print("| journey | " + " | ".join(c.replace("_", " ") for c in COLUMNS) + " |")
    print("|---|" + "---|" * len(COLUMNS))
    for row in rows:
        print(
            f"| {row['journey']} | " + " | ".join(str(row[c]) for c in COLUMNS) + " |"
        )
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
