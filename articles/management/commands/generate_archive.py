import random
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from articles.models import (
    Author,
    Byline,
    Correction,
    CountryTag,
    PersonTag,
    RelatedLink,
    Section,
    Story,
    StoryCountry,
    StoryPerson,
)

WORDS = (
    "talks ceasefire budget election summit court protest storm market vote border "
    "minister envoy treaty strike reform inquiry drought harvest rally sanctions aid "
    "pipeline tariff verdict coalition parliament mayor port bridge"
).split()
BATCH = 2000
# About one story in fifty is corrected after publication.
CORRECTED_SHARE = 0.02


class Command(BaseCommand):
    help = (
        "Generate a realistic archive for benchmarks: N published stories over ten "
        "years with bylines, country and person tags, related links and corrections. "
        "Adds to what is there; meant for a scratch database."
    )

    def add_arguments(self, parser):
        parser.add_argument("stories", type=int)
        parser.add_argument("--countries", type=int, default=200)
        parser.add_argument("--people", type=int, default=5000)
        parser.add_argument("--authors", type=int, default=60)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, stories, countries, people, authors, seed, **options):
        if stories < 1:
            raise CommandError("Give a positive number of stories.")
        rng = random.Random(seed)
        sections = self.ensure_sections()
        country_ids = list(
            CountryTag.objects.order_by("code").values_list("pk", flat=True)[:countries]
        )
        person_ids = self.ensure(PersonTag, "Generated person", people)
        author_ids = self.ensure(Author, "Generated reporter", authors)
        start = Story.objects.count()
        now = timezone.now()
        ten_years = 10 * 365 * 24 * 3600
        for offset in range(0, stories, BATCH):
            size = min(BATCH, stories - offset)
            with transaction.atomic():
                batch = Story.objects.bulk_create(
                    self.story(rng, start + offset + n, sections, now, ten_years)
                    for n in range(size)
                )
                self.relate(rng, batch, country_ids, person_ids, author_ids)
            self.stdout.write(f"{offset + size} / {stories} stories")

    def ensure_sections(self):
        names = ["World", "U.S.", "Americas", "Europe", "Middle East", "Asia", "Africa"]
        return [
            Section.objects.get_or_create(
                slug=slugify(name) or "us", defaults={"name": name, "position": n}
            )[0]
            for n, name in enumerate(names)
        ]

    def ensure(self, model, prefix, count):
        existing = list(
            model.objects.filter(name__startswith=prefix).values_list("pk", flat=True)
        )
        model.objects.bulk_create(
            model(name=f"{prefix} {n}", slug=slugify(f"{prefix} {n}"))
            for n in range(len(existing), count)
        )
        return list(
            model.objects.filter(name__startswith=prefix).values_list("pk", flat=True)
        )

    def story(self, rng, n, sections, now, span):
        words = " ".join(rng.choice(WORDS) for _ in range(8))
        published = now - timedelta(seconds=rng.randrange(span))
        paragraphs = "".join(
            f"<p>{' '.join(rng.choice(WORDS) for _ in range(60))}.</p>"
            for _ in range(6)
        )
        return Story(
            headline=f"{words.capitalize()} ({n})",
            slug=f"archive-{n}",
            dek=" ".join(rng.choice(WORDS) for _ in range(18)).capitalize() + ".",
            body=paragraphs,
            section=rng.choice(sections),
            dateline="ARCHIVE",
            status=Story.Status.PUBLISHED,
            published_at=published,
        )

    def relate(self, rng, batch, country_ids, person_ids, author_ids):
        # Tags follow a long tail: a few countries and people are in most stories.
        countries, people, bylines, links, corrections = [], [], [], [], []
        for story in batch:
            if rng.random() < CORRECTED_SHARE:
                story.updated_at = story.published_at + timedelta(
                    hours=rng.randint(1, 48)
                )
                corrections.append(
                    Correction(
                        story=story,
                        text=f"An earlier version misstated a figure in {story.slug}.",
                        created_at=story.updated_at,
                    )
                )
            for tag in {
                int(rng.paretovariate(1.2)) % len(country_ids) for _ in range(3)
            }:
                countries.append(
                    StoryCountry(content_object=story, tag_id=country_ids[tag])
                )
            for tag in {
                int(rng.paretovariate(1.1)) % len(person_ids) for _ in range(2)
            }:
                people.append(StoryPerson(content_object=story, tag_id=person_ids[tag]))
            for position, author in enumerate(rng.sample(author_ids, 2)):
                bylines.append(Byline(story=story, author_id=author, position=position))
            for position, target in enumerate(rng.sample(batch, 3)):
                if target.pk != story.pk:
                    links.append(
                        RelatedLink(story=story, target=target, position=position)
                    )
        StoryCountry.objects.bulk_create(countries)
        StoryPerson.objects.bulk_create(people)
        Byline.objects.bulk_create(bylines)
        RelatedLink.objects.bulk_create(links)
        Correction.objects.bulk_create(corrections)
        Story.objects.bulk_update(
            [correction.story for correction in corrections], ["updated_at"]
        )
