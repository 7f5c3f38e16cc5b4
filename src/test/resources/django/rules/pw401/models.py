from django.db import models

DEFAULT_SUMMARY = "(no summary)"


class Article(models.Model):
    title = models.CharField(max_length=200)
    summary = models.TextField(default="")
