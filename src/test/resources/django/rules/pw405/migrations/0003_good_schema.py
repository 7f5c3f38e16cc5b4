from django.db import migrations, models


class Migration(migrations.Migration):
    """The schema change alone: its lock is released at this migration's COMMIT."""

    dependencies = [("pw405", "0002_bad")]

    operations = [
        migrations.AddField(
            model_name="article",
            name="word_count",
            field=models.IntegerField(null=True),
        ),
    ]
