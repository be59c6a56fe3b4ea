from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from articles.intake.item import WireError
from articles.models import Section
from articles.services.intake import import_wire


class Command(BaseCommand):
    help = (
        "Import agency copy (plain text or IPTC ninjs .txt/.json files) as drafts. "
        "Importing a file again changes nothing; nothing is ever published."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument(
            "--user",
            help="Import with this staff account's rights (default: the system).",
        )
        parser.add_argument("--section", help="File the drafts in this section slug.")

    def handle(self, *args, files, user, section, **options):
        acting = None
        if user:
            acting = get_user_model().objects.filter(username=user).first()
            if acting is None:
                raise CommandError(f"No user “{user}”.")
        chosen = None
        if section:
            chosen = Section.objects.filter(slug=section).first()
            if chosen is None:
                raise CommandError(f"No section “{section}”.")
        failed = 0
        for path in files:
            try:
                data = path.read_bytes()
            except OSError as error:
                self.stderr.write(f"{path}: cannot be read ({error.strerror}).")
                failed += 1
                continue
            try:
                result = import_wire(
                    source=data, name=path.name, user=acting, section=chosen
                )
            except WireError as refusal:
                self.stderr.write(f"{path}: {refusal}")
                failed += 1
                continue
            self.stdout.write(f"{path}: {result.status}. {result.message}")
        if failed:
            raise CommandError(f"{failed} of {len(files)} files were not imported.")
