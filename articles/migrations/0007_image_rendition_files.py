from django.db import migrations, models


def fill(apps, schema_editor):
    """Record the renditions already made on their images."""
    Image = apps.get_model("articles", "Image")
    Rendition = apps.get_model("articles", "Rendition")
    for image in Image.objects.filter(renditions__isnull=False).distinct().iterator():
        files = {}
        renditions = Rendition.objects.filter(image=image).order_by(
            "ratio", "format", "width"
        )
        for r in renditions:
            files.setdefault(r.ratio, []).append([r.format, r.width, r.height, r.file.name])
        Image.objects.filter(pk=image.pk).update(rendition_files=files)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_image_renditions"),
    ]

    operations = [
        migrations.AddField(
            model_name="image",
            name="rendition_files",
            field=models.JSONField(
                blank=True,
                db_default=models.Value({}, output_field=models.JSONField()),
                default=dict,
                editable=False,
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
