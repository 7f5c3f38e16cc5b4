from django.db import migrations


def count_words(apps, schema_editor):
    Article = apps.get_model("pw405", "Article")
    for article in Article.objects.filter(word_count__isnull=True):
        article.word_count = len(article.summary.split())
        article.save(update_fields=["word_count"])


class Migration(migrations.Migration):
    """The data migration in a migration of its own, after the schema change."""

    dependencies = [("pw405", "0003_good_schema")]

    operations = [
        migrations.RunPython(count_words, migrations.RunPython.noop),
    ]
