import json
from datetime import timedelta
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from articles import services
from articles.demo.pictures import demo_picture
from articles.models import Author, CountryTag, FrontPageSlot, PersonTag, Section, Story
from articles.services.frontpage import save_slot
from articles.services.images import add_image
from articles.services.subjects import save_subject
from articles.static_files import static_manifest_missing

DESK = Path(__file__).resolve().parents[2] / "demo" / "desk.json"


class Command(BaseCommand):
    help = (
        "Load the demo desk: sections, authors and a day of world news. Safe to run "
        "again: it only adds what is missing and never overwrites an editor's change."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        if static_manifest_missing():
            raise CommandError(
                "The static files are not collected yet, and the demo desk's pages "
                "need them: run `python manage.py collectstatic --no-input` first, "
                "then load the demo desk."
            )
        desk = json.loads(DESK.read_text(encoding="utf-8"))
        now = timezone.now()
        sections = {
            row["slug"]: Section.objects.filter(slug=row["slug"]).first()
            or save_subject(
                subject=Section(
                    slug=row["slug"],
                    name=row["name"],
                    description=row["description"],
                    position=position,
                )
            )
            for position, row in enumerate(desk["sections"])
        }
        authors = {
            row["slug"]: Author.objects.filter(slug=row["slug"]).first()
            or save_subject(
                subject=Author(slug=row["slug"], name=row["name"], bio=row["bio"])
            )
            for row in desk["authors"]
        }
        created = {}
        for row in desk["stories"]:
            if not Story.objects.filter(slug=row["slug"]).exists():
                created[row["slug"]] = self.add_story(row, sections, authors, now)
        lead_slug = desk["stories"][0]["slug"]
        if lead_slug in created:
            lead = created[lead_slug]
            targets = Story.objects.in_bulk(desk["lead_related"], field_name="slug")
            services.set_relations(
                story=lead,
                links=[
                    (targets[slug], "", "")
                    for slug in desk["lead_related"]
                    if slug in targets
                ],
            )
            if not FrontPageSlot.objects.filter(position=1).exists():
                save_slot(slot=FrontPageSlot(position=1, story=lead))
        self.stdout.write(
            f"Demo desk: {len(created)} stories added, "
            f"{len(desk['stories']) - len(created)} already there."
        )

    def add_story(self, row, sections, authors, now):
        body = "".join(f"<p>{escape(paragraph)}</p>" for paragraph in row["body"])
        story = services.save_story(
            story=Story(
                slug=row["slug"],
                headline=row["headline"],
                dek=row["dek"],
                dateline=row["dateline"],
                section=sections[row["section"]],
                credit=row["credit"],
                body=body,
                lead_image=self.add_picture(row, sections[row["section"]]),
            )
        )
        services.set_relations(
            story=story,
            bylines=[(authors[b["author"]], b["role"]) for b in row["bylines"]],
            countries=CountryTag.objects.filter(code__in=row["countries"]),
            people=[
                PersonTag.objects.filter(name=person["name"]).first()
                or save_subject(
                    subject=PersonTag(
                        name=person["name"], description=person["description"]
                    )
                )
                for person in row["people"]
            ],
        )
        services.publish_story(story=story, at=now - timedelta(hours=row["hours_ago"]))
        return story

    def add_picture(self, row, section):
        """A generated lead picture, through the same upload policy as any other."""
        upload, (focal_x, focal_y), colour = demo_picture(row["slug"], section.slug)
        place = row["dateline"].title() or section.name
        return add_image(
            upload=upload,
            alt_text=f"An abstract {colour} scene with a bright sun over a horizon.",
            caption=f"{place}: an illustration standing in for a news photo.",
            credit="Illustration: newsroom demo desk",
            focal_x=focal_x,
            focal_y=focal_y,
        )
