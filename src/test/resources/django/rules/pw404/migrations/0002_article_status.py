from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("pw404", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="article",
            name="status",
            field=models.CharField(default="draft", max_length=20),
        ),
    ]
