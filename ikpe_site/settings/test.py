"""Tests: fast hashing, local memory cache, mails kept in memory."""

import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key-not-for-production-use-0123456789"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["*"]
WAGTAILADMIN_BASE_URL = "http://testserver"
# The page cache is on as in production: visibility and scheduling are proven with it (and, for the modules
# in tests/conftest.py CACHE_MATRIX_MODULES, without it too).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))

import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

# One media folder per test process, so images made by the demo content stay readable in every test.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or tempfile.mkdtemp(prefix="ikpe-test-media-"))
# The browser tests run this settings module under gunicorn: serve static and media files there too.
SERVE_MEDIA = True
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# One process: the shared cache can live in memory (tests/test_trust_abuse.py checks the real database cache
# across two gunicorn workers).
CACHES["shared"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "shared"}  # noqa: F405
