"""`make run`: the production settings on one machine over plain http on 127.0.0.1 (no proxy, TLS or nginx).

Differs from production only where that requires it: no HTTPS redirect, no HSTS, cookies without the secure
flag, media served by the app, a secret key generated once into var/ and the base URL of the local server.
"""

import os
import secrets

from .base import VAR_DIR

VAR_DIR.mkdir(parents=True, exist_ok=True)
_key_file = VAR_DIR / "secret_key"
if not _key_file.exists():
    _key_file.write_text(secrets.token_urlsafe(50))
os.environ["SECRET_KEY"] = os.environ.get("SECRET_KEY") or _key_file.read_text().strip()
os.environ["WAGTAILADMIN_BASE_URL"] = os.environ.get("WAGTAILADMIN_BASE_URL") or "http://127.0.0.1:8000"

from .production import *  # noqa: E402, F403

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = False
SECURE_HSTS_PRELOAD = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SERVE_MEDIA = True
# No mail server on a laptop: the scheduler prints every outgoing mail (confirmations, newsletters) in the
# console of `make run`. EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend sends to EMAIL_HOST instead.
EMAIL_DELIVERY_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
