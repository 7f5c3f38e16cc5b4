"""A small blog, the seed's models: Phasewise's Django test project. No database is needed to lint it."""
import os

SECRET_KEY = "phasewise-test-only"
DEBUG = False
USE_TZ = True
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "articles",
    "tasks",
]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ.get("BLOG_DB_NAME", "blog"),
        "USER": os.environ.get("BLOG_DB_USER", "blog"),
        "PASSWORD": os.environ.get("BLOG_DB_PASSWORD", ""),
        "HOST": os.environ.get("BLOG_DB_HOST", "localhost"),
        "PORT": os.environ.get("BLOG_DB_PORT", "5432"),
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
