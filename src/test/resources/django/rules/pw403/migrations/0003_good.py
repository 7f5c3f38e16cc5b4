from django.db import migrations


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY cannot run in a transaction

    dependencies = [("pw403", "0002_bad")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX CONCURRENTLY IF NOT EXISTS pw403_summary_idx ON pw403_article (summary);",
            reverse_sql="DROP INDEX CONCURRENTLY IF EXISTS pw403_summary_idx;",
        ),
    ]
