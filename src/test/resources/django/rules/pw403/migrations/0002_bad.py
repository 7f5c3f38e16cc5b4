from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("pw403", "0001_initial")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX CONCURRENTLY IF NOT EXISTS pw403_title_idx ON pw403_article (title);",
            reverse_sql="DROP INDEX CONCURRENTLY IF EXISTS pw403_title_idx;",
        ),
    ]
