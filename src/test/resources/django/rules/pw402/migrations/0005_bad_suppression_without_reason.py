from django.db import migrations


def purge_drafts(apps, schema_editor):
    Article = apps.get_model("pw402", "Article")
    Article.objects.filter(title="").delete()


class Migration(migrations.Migration):
    dependencies = [("pw402", "0004_good_suppressed")]

    operations = [
        migrations.RunPython(purge_drafts),  # phasewise: ignore PW402
    ]
