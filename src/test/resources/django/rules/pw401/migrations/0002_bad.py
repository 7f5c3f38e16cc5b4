from django.db import migrations


def fill_summaries(apps, schema_editor):
    from pw401.models import Article  # the model as it is now, not as it is at this migration

    for article in Article.objects.filter(summary=""):
        article.summary = article.title
        article.save(update_fields=["summary"])


class Migration(migrations.Migration):
    dependencies = [("pw401", "0001_initial")]

    operations = [
        migrations.RunPython(fill_summaries, migrations.RunPython.noop),
    ]
