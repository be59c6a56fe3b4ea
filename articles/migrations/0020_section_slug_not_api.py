from django.db import migrations, models


def move_api_section(apps, schema_editor):
    # /api/ is the content API's now; a section there could not be reached anyway.
    Section = apps.get_model("articles", "Section")
    Section.objects.filter(slug="api").update(slug="api-section")


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0019_api_tokens_and_webhooks"),
    ]

    operations = [
        migrations.RunPython(move_api_section, migrations.RunPython.noop),
        migrations.RemoveConstraint(
            model_name='section',
            name='section_slug_not_reserved',
        ),
        migrations.AddConstraint(
            model_name='section',
            constraint=models.CheckConstraint(condition=models.Q(('slug__in', ('admin', 'api', 'author', 'corrections', 'country', 'favicon.ico', 'feeds', 'healthz', 'media', 'person', 'preview', 'readyz', 'robots.txt', 'search', 'share', 'sitemap.xml', 'news-sitemap.xml', 'static')), _negated=True), name='section_slug_not_reserved'),
        ),
    ]
