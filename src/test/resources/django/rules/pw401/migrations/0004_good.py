from django.db import migrations


def fill_summaries(apps, schema_editor):
    Article = apps.get_model("pw401", "Article")  # the model as it is at this migration
    for article in Article.objects.filter(summary=""):
        article.summary = article.title
        article.save(update_fields=["summary"])


class Migration(migrations.Migration):
    dependencies = [("pw401", "0003_bad_module_import")]

    operations = [
        migrations.RunPython(fill_summaries, migrations.RunPython.noop),
    ]
