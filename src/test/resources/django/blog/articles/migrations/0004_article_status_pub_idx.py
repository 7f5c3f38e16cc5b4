from django.db import migrations, models


class Migration(migrations.Migration):
    """Risky: CREATE INDEX without CONCURRENTLY blocks writes for the whole build."""

    dependencies = [
        ("articles", "0003_article_word_count"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["status", "published_at"], name="articles_status_pub_idx"),
        ),
    ]
