from django.db import migrations


def forwards(apps, schema_editor):
    pass


def backwards(apps, schema_editor):
    from pw401 import models as current  # the reverse function is checked too

    current.Article.objects.update(summary="")


class Migration(migrations.Migration):
    dependencies = [("pw401", "0005_bad_import_module")]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
