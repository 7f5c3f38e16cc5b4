from django.db import migrations, models


class Migration(migrations.Migration):
    """Risky: a NOT NULL column with a default on an existing table, and integer -> bigint (a rewrite)."""

    dependencies = [
        ("articles", "0002_article_summary"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="word_count",
            field=models.IntegerField(default=0),
        ),
        migrations.AlterField(
            model_name="article",
            name="view_count",
            field=models.BigIntegerField(default=0),
        ),
    ]
