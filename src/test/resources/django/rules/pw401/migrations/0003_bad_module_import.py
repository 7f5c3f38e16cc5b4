from django.db import migrations

from ..models import Article


def clear_summaries(apps, schema_editor):
    Article.objects.update(summary="")


class Migration(migrations.Migration):
    dependencies = [("pw401", "0002_bad")]

    operations = [
        migrations.RunPython(clear_summaries, migrations.RunPython.noop),
    ]
