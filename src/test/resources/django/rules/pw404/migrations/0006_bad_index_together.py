from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("pw404", "0005_good_new_table")]

    operations = [
        migrations.AlterIndexTogether(
            name="article",
            index_together={("title", "status")},
        ),
    ]
