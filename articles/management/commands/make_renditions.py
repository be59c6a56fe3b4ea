from django.core.management.base import BaseCommand

from articles.images.tasks import make_renditions
from articles.models import Image


class Command(BaseCommand):
    help = (
        "Queue the rendition task for every image in the library (after a deploy, "
        "or for images added before renditions existed). Up-to-date renditions are "
        "kept, so running it again costs little."
    )

    def handle(self, *args, **options):
        count = 0
        for pk in Image.objects.order_by("pk").values_list("pk", flat=True).iterator():
            make_renditions.enqueue(pk)
            count += 1
        self.stdout.write(f"Queued renditions for {count} images.")
