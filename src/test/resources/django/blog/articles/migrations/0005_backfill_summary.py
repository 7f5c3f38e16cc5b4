from django.db import migrations


class Migration(migrations.Migration):
    """Risky: one UPDATE of every row, in one transaction."""

    dependencies = [
        ("articles", "0004_article_status_pub_idx"),
    ]

    operations = [
        migrations.RunSQL(
            sql="UPDATE articles_article SET summary = left(body, 300);",
            reverse_sql=migrations.RunSQL.noop,
        ),
    ]
