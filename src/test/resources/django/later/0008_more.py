"""Written by makemigrations: a drop, a foreign key, a unique slug (Django asks the database which index to drop), a CHECK.
Added by DjangoMakeSafeIT to its copies of the blog project (with models.py changed to match)."""

from django.conf import settings
from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('articles', '0007_article_reading_minutes'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='article',
            name='word_count',
        ),
        migrations.AddField(
            model_name='article',
            name='editor',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='edited', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AlterField(
            model_name='article',
            name='slug',
            field=models.SlugField(max_length=200, unique=True),
        ),
        migrations.AddConstraint(
            model_name='article',
            constraint=models.CheckConstraint(check=models.Q(('view_count__gte', 0)), name='articles_view_count_positive'),
        ),
    ]
