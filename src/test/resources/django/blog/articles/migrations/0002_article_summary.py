from django.db import migrations, models


class Migration(migrations.Migration):
    """Safe: a nullable column without a default is a catalog change only."""

    dependencies = [
        ("articles", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="summary",
            field=models.TextField(blank=True, null=True),
        ),
    ]
