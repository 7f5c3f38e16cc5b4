from django.db import migrations


def purge_drafts(apps, schema_editor):
    Article = apps.get_model("pw402", "Article")
    Article.objects.filter(title="").delete()


class Migration(migrations.Migration):
    dependencies = [("pw402", "0003_good")]

    operations = [
        # phasewise: ignore PW402 deleted drafts cannot come back; unapplying past this is not supported
        migrations.RunPython(purge_drafts),
    ]
