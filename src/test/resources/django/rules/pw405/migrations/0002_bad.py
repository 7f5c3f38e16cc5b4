from django.db import migrations, models


def fill_slugs(apps, schema_editor):
    Article = apps.get_model("pw405", "Article")
    for article in Article.objects.filter(slug__isnull=True):
        article.slug = article.title.lower().replace(" ", "-")
        article.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [("pw405", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="article",
            name="slug",
            field=models.CharField(max_length=200, null=True),
        ),
        migrations.RunPython(fill_slugs, migrations.RunPython.noop),
    ]
