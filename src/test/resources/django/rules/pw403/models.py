from django.db import models


class Article(models.Model):
    title = models.CharField(max_length=200)
    summary = models.TextField(default="")

    class Meta:
        indexes = [models.Index(fields=["title", "summary"], name="pw403_title_summary_idx")]
