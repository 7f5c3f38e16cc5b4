from django.db import migrations


def restore_slugs(apps, schema_editor):
    Article = apps.get_model("pw405", "Article")
    Article.objects.filter(slug__isnull=True).update(slug="")


class Migration(migrations.Migration):
    """A schema change and a RunPython whose forward is RunPython.noop (Django's own contenttypes 0002 is
    written so): going forward no data migration runs under the schema lock."""

    dependencies = [("pw405", "0004_good_data")]

    operations = [
        migrations.RunSQL(
            "ALTER TABLE pw405_article ALTER COLUMN slug SET DEFAULT ''",
            "ALTER TABLE pw405_article ALTER COLUMN slug DROP DEFAULT",
        ),
        migrations.RunPython(migrations.RunPython.noop, restore_slugs),
    ]
