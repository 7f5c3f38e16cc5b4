from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("pw403", "0003_good")]

    operations = [
        AddIndexConcurrently(
            model_name="article",
            index=models.Index(fields=["title", "summary"], name="pw403_title_summary_idx"),
        ),
    ]
