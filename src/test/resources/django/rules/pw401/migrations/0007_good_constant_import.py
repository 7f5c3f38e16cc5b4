from django.db import migrations

from pw401.models import DEFAULT_SUMMARY  # a constant of the models module, not a model


def fill_summaries(apps, schema_editor):
    Article = apps.get_model("pw401", "Article")
    Article.objects.filter(summary="").update(summary=DEFAULT_SUMMARY)


class Migration(migrations.Migration):
    dependencies = [("pw401", "0006_bad_from_app_import_models")]

    operations = [
        migrations.RunPython(fill_summaries, migrations.RunPython.noop),
    ]
