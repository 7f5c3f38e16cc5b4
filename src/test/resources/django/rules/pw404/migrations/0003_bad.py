from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("pw404", "0002_article_status")]

    operations = [
        migrations.AddIndex(
            model_name="article",
            index=models.Index(fields=["status"], name="pw404_status_idx"),
        ),
    ]
