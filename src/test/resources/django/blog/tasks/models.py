from django.db import models


class TaskExportJob(models.Model):
    name = models.CharField(max_length=100)
    state = models.CharField(max_length=20, default="queued")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
