from django.db import migrations, models


class Migration(migrations.Migration):
    """The seed's Article.summary, the quick way: fill it from body, then make it a required CharField(max_length=300).
    Added by DjangoMakeSafeIT to its copies of the blog project (with models.py changed to match)."""

    dependencies = [
        ("articles", "0005_backfill_summary"),
    ]

    operations = [
        migrations.RunSQL(
            sql="UPDATE articles_article SET summary = left(body, 300) WHERE summary IS NULL;",
            reverse_sql=migrations.RunSQL.noop,
        ),
        migrations.AlterField(
            model_name="article",
            name="summary",
            field=models.CharField(max_length=300),
        ),
    ]
