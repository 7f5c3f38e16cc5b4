from django.db import migrations

import pw401.models


def count_articles(apps, schema_editor):
    print(pw401.models.Article.objects.count())


class Migration(migrations.Migration):
    dependencies = [("pw401", "0004_good")]

    operations = [
        migrations.RunPython(count_articles, migrations.RunPython.noop),
    ]
