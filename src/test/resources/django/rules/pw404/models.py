from django.db import models


class Article(models.Model):
    title = models.CharField(max_length=200)
    summary = models.TextField(default="")
    status = models.CharField(max_length=20, default="draft")

    class Meta:
        indexes = [
            models.Index(fields=["status"], name="pw404_status_idx"),
            models.Index(fields=["title"], name="pw404_title_idx"),
        ]
        index_together = [["title", "status"]]


class Comment(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, db_index=False)
    body = models.TextField()

    class Meta:
        indexes = [models.Index(fields=["article"], name="pw404_comment_article_idx")]
