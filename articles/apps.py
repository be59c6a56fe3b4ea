from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Newsroom"

    def ready(self):
        from . import checks  # noqa: F401 - registers the deploy checks
        from .search_index import restore_sqlite_triggers

        post_migrate.connect(restore_sqlite_triggers, sender=self)
