"""Phasewise's fixture project for the Django rules (PW401-PW406): one app per rule, each with a bad and a
good migration. No database is needed to lint it."""
SECRET_KEY = "phasewise-test-only"
DEBUG = False
USE_TZ = True
INSTALLED_APPS = ["pw401", "pw402", "pw403", "pw404", "pw405", "pw406"]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "rules",
        "HOST": "localhost",
        "PORT": "5432",
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
