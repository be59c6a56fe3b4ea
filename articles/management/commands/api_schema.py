"""Print the content API's OpenAPI description (kept in docs/api/openapi.json)."""

import json

from django.core.management.base import BaseCommand

from articles.api.site import api


class Command(BaseCommand):
    help = "Print the content API's OpenAPI description as JSON."

    def handle(self, *args, **options):
        schema = api.get_openapi_schema()
        self.stdout.write(json.dumps(schema, indent=2, ensure_ascii=False))
