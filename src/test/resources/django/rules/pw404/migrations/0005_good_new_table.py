import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """A table this migration creates is empty: AddIndex on it blocks nobody."""

    dependencies = [("pw404", "0004_good")]

    operations = [
        migrations.CreateModel(
            name="Comment",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("body", models.TextField()),
                ("article", models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE,
                                              to="pw404.article")),
            ],
        ),
        migrations.AddIndex(
            model_name="comment",
            index=models.Index(fields=["article"], name="pw404_comment_article_idx"),
        ),
    ]
