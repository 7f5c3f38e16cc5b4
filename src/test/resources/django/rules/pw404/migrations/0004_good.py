from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY cannot run in a transaction

    dependencies = [("pw404", "0003_bad")]

    operations = [
        AddIndexConcurrently(
            model_name="article",
            index=models.Index(fields=["title"], name="pw404_title_idx"),
        ),
    ]
