"""Production: every secret from the environment, HTTPS-only cookies, HSTS."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be set to at least 50 random characters in production.")

# Media stay where base.py put them (file system, or S3 with AWS_STORAGE_BUCKET_NAME); static files get
# hashed names and pre-compressed copies, served by WhiteNoise with far-future caching.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}  # noqa: F405

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

# The one address in every absolute link (canonical, feeds, sitemap, calendar, JSON-LD, vCards, mails); `migrate`
# writes it into the Wagtail site record. Never taken from a request's Host header.
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "")
if not WAGTAILADMIN_BASE_URL:
    raise ImproperlyConfigured("WAGTAILADMIN_BASE_URL must be set in production, e.g. https://www.ikpe-erfurt.de.")

# Rate limits, lockouts and the scheduler's lock must hold across processes and machines: refuse a cache of
# each process's own for them (the page cache may be per process: it is keyed by the database's content version).
if CACHES["shared"]["BACKEND"].endswith("LocMemCache"):  # noqa: F405
    raise ImproperlyConfigured(
        "CACHES['shared'] must be shared by all processes: set REDIS_URL, or leave the "
        "database cache of settings/base.py in place."
    )
