from django.conf import settings
from django.db import models


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft"
        PUBLISHED = "published"

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200)
    body = models.TextField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="articles")
    view_count = models.BigIntegerField(default=0)
    word_count = models.IntegerField(default=0)
    summary = models.TextField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["status", "published_at"], name="articles_status_pub_idx")]
