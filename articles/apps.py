from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Newsroom"

    def ready(self):
        from django.conf import settings
        from PIL import Image

        from . import checks  # noqa: F401 - registers the deploy checks
        from .search_index import register_sqlite_functions, restore_sqlite_triggers

        connection_created.connect(register_sqlite_functions)
        post_migrate.connect(restore_sqlite_triggers, sender=self)
        # Pillow's own decompression-bomb guard follows the newsroom's pixel cap.
        Image.MAX_IMAGE_PIXELS = settings.NEWSROOM_IMAGE_MAX_PIXELS
