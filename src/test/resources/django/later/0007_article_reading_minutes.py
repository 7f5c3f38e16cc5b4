from django.db import migrations, models
from django.db.models.functions import Length


def fill_reading_minutes(apps, schema_editor):
    # the historical model, as a data migration must use it
    Article = apps.get_model("articles", "Article")
    Article.objects.filter(reading_minutes__isnull=True).update(reading_minutes=Length("body") / 1000 + 1)


class Migration(migrations.Migration):
    """A column, its data migration and its NOT NULL in one atomic migration.
    Added by DjangoMakeSafeIT to its copies of the blog project (with models.py changed to match)."""

    dependencies = [
        ("articles", "0006_article_summary_required"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="reading_minutes",
            field=models.IntegerField(null=True),
        ),
        migrations.RunPython(fill_reading_minutes, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="article",
            name="reading_minutes",
            field=models.IntegerField(default=1),
        ),
    ]
