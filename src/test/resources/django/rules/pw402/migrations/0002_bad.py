from django.db import migrations


def fill_summaries(apps, schema_editor):
    Article = apps.get_model("pw402", "Article")
    Article.objects.filter(summary="").update(summary="(none)")


class Migration(migrations.Migration):
    dependencies = [("pw402", "0001_initial")]

    operations = [
        migrations.RunPython(fill_summaries),
    ]
