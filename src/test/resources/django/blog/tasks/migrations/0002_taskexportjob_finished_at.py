from django.db import migrations, models


class Migration(migrations.Migration):
    """Safe: a nullable column."""

    dependencies = [
        ("tasks", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="taskexportjob",
            name="finished_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
    ]
