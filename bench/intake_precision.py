"""Precision and recall of the tag suggestions over the ninjs test corpus.

    .venv/bin/python bench/intake_precision.py

Reads every item listed in tests/ninjs/expected.json (what an editor would tag
each one with), suggests tags from its headline and body as the import does, with
an empty people vocabulary (so every person is a proposal), and prints per item
what was missed and what was wrong, then precision and recall for countries and
for people: over the items the rules were tuned on, over the held-out items, and
over the shared seed story (its gold: the demo desk's tags for its lead story)
when it is there. Runs on a scratch SQLite database it migrates itself.
"""

import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT / "tests" / "ninjs"
SEED = Path(os.environ.get("NEWSROOM_SEED_DIR") or ROOT.parent / "shared" / "seed")
DESK = ROOT / "articles" / "demo" / "desk.json"


def score(found, wanted):
    hits = len(found & wanted)
    return hits, len(found), len(wanted)


def main():
    scratch = tempfile.mkdtemp()
    os.environ["DATABASE_URL"] = f"sqlite:///{scratch}/precision.sqlite3"
    from bench.sizes import setup

    setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from articles.intake.source import read_wire
    from articles.intake.suggest import suggest_tags

    expected = json.loads((CORPUS / "expected.json").read_text())["items"]
    sets = {"tuned": [], "held out": [], "seed": []}
    for name, wanted in sorted(expected.items()):
        item = read_wire((CORPUS / name).read_bytes(), name)
        kind = "held out" if wanted.get("held_out") else "tuned"
        sets[kind].append((name, item, wanted))
    seeds = sorted(SEED.glob("*.txt"))
    if seeds:
        lead = json.loads(DESK.read_text())["stories"][0]
        wanted = {
            "countries": lead["countries"],
            "people": [person["name"] for person in lead["people"]],
        }
        sets["seed"].append((seeds[0].name, read_wire(seeds[0].read_bytes()), wanted))
    for label, items in sets.items():
        if items:
            report(label, items, suggest_tags)


def report(label, items, suggest_tags):
    print(f"-- {label} ({len(items)} items)")
    totals = {"countries": [0, 0, 0], "people": [0, 0, 0]}
    for name, item, wanted in items:
        suggestions = suggest_tags(headline=item.headline, paragraphs=item.paragraphs)
        found = {
            "countries": {s.key for s in suggestions.countries},
            "people": {s.label for s in suggestions.people + suggestions.new_people},
        }
        notes = []
        for kind in totals:
            gold = set(wanted[kind])
            counts = score(found[kind], gold)
            totals[kind] = [a + b for a, b in zip(totals[kind], counts, strict=True)]
            missed, wrong = gold - found[kind], found[kind] - gold
            if missed:
                notes.append(f"{kind} missed {sorted(missed)}")
            if wrong:
                notes.append(f"{kind} wrong {sorted(wrong)}")
        print(f"   {name:<28} {'; '.join(notes) or 'all right'}")
    for kind, (hits, suggested, relevant) in totals.items():
        precision = hits / suggested if suggested else 1.0
        recall = hits / relevant if relevant else 1.0
        print(
            f"   {kind:<10} precision {precision:.2f} ({hits}/{suggested})   "
            f"recall {recall:.2f} ({hits}/{relevant})"
        )
    print()


if __name__ == "__main__":
    main()
