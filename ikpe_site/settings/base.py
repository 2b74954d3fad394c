"""Settings shared by every environment. Values that differ come from the environment."""

import hashlib
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "ikpe_site.core",
    "people",
    "projects",
    "publications",
    "news",
    "events",
    "feedback",
    "newsletter",
    "editorial",
    "sitesearch",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",  # its German catalogue: Wagtail's "vor einer Minute" instead of "a minute ago"
    "axes",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    # Security headers first, so that every response gets them, also those served by the middleware below
    # (cache, static files, outage page).
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "ikpe_site.core.security.headers.ContentSecurityPolicyMiddleware",
    "ikpe_site.core.maintenance.DatabaseOutageMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "ikpe_site.core.cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "ikpe_site.core.cache.SiteMiddleware",  # after CommonMiddleware: only allowed host names reach the cache
    "ikpe_site.core.security.csrf.CsrfExemptPageMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ikpe_site.urls"
WSGI_APPLICATION = "ikpe_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "ikpe_site.core.context_processors.alternates",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Connections are kept (CONN_MAX_AGE) as on PostgreSQL: opening one costs more CPU than a whole cached page
    # (Django registers its SQL functions on each; measured in the README). WAL: readers (and so every cached page)
    # never wait for a writer's lock.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "ikpe_site.core.security.login.AxesBackend",  # refuses logins while an account/address pair is locked out
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "de"
LANGUAGES = [("de", "Deutsch")]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "ikpe_site" / "locale"]
WAGTAIL_I18N_ENABLED = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False  # no umlauts in addresses; BasePage.full_clean writes ä as ae, ß as ss
WAGTAILADMIN_PERMITTED_LANGUAGES = [("de", "Deutsch")]
WAGTAIL_USER_TIME_ZONES = ["Europe/Berlin"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
SERVE_MEDIA = env_bool("SERVE_MEDIA")  # let Django serve media (benchmarks, tests); production leaves it to nginx
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Media on S3-compatible object storage when a bucket is configured (several app servers share it).
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "default_acl": None,
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Mail is only queued while a request runs (ikpe_site/core/mail.py); `manage.py run_scheduler` delivers it through
# EMAIL_DELIVERY_BACKEND, retrying failures. EMAIL_TIMEOUT bounds every conversation with the mail server.
EMAIL_BACKEND = "ikpe_site.core.mail.QueuedEmailBackend"
EMAIL_DELIVERY_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")  # the institute sets its own
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Django's tasks framework (django-tasks backport). "default" runs at once: Wagtail's own tasks (search and
# reference index) stay immediate. "outbox" is a queue in the database for outgoing mail: it survives restarts,
# is shared by every app server and is worked off by `manage.py run_scheduler`.
# Newsletter outbox (newsletter/outbox.py): mails per second per scheduler (0: as fast as the server takes them),
# how long a claimed delivery stays with its scheduler before another may take it over, a factor for the
# pauses between retries (tests shorten them) and the longest sending time of one scheduler pass.
NEWSLETTER_MAILS_PER_SECOND = float(os.environ.get("NEWSLETTER_MAILS_PER_SECOND", "20"))
NEWSLETTER_LEASE_SECONDS = int(os.environ.get("NEWSLETTER_LEASE_SECONDS", "300"))
NEWSLETTER_RETRY_SCALE = float(os.environ.get("NEWSLETTER_RETRY_SCALE", "1"))
NEWSLETTER_PASS_SECONDS = int(os.environ.get("NEWSLETTER_PASS_SECONDS", "50"))  # then publishing gets its turn
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "outbox": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["mail"]},
}


def _release():
    """Cache keys start with the release, so a deploy never reads the previous code's entries (e.g. from
    Redis): RELEASE from the environment, otherwise a digest of the code and templates."""
    if os.environ.get("RELEASE"):
        return os.environ["RELEASE"]
    digest = hashlib.sha256()
    folders = [path for path in BASE_DIR.iterdir() if (path / "__init__.py").exists() or path.name == "templates"]
    for folder in sorted(folders):
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".py", ".html"):
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


RELEASE = _release()
# Every cache is keyed by the content version kept in the database (ikpe_site/core/cache.py), so a cache of
# each process's own (local memory, least recently used out first) is as correct as a shared one. Redis,
# shared by several app servers, when REDIS_URL is set (configure it with maxmemory-policy allkeys-lru).
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": RELEASE,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "KEY_PREFIX": RELEASE,
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
# Rate limits and one-time tokens must hold across processes and servers: Redis, else a table in the database
# (created by migration trust.0002 of the feedback app, whose label is still "trust").
CACHES["shared"] = (
    {**CACHES["default"], "KEY_PREFIX": "shared"}
    if os.environ.get("REDIS_URL")
    else {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "ikpe_shared_cache"}
)
# Seconds a page stays in the page cache (it is invalidated on every change anyway); 0 switches it off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
# Query parameters pages read (listing filters, pagination); a request with any other bypasses the page cache.
PAGE_CACHE_QUERY_PARAMS = {"page", "kategorie", "thema", "projekt", "tag", "person", "status", "jahr", "autor", "q"}
# A front cache (Varnish) purged on every change: FRONT_CACHE_URL=http://127.0.0.1:6081
if os.environ.get("FRONT_CACHE_URL"):
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")
    WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": os.environ["FRONT_CACHE_URL"],
        }
    }

# Wagtail
WAGTAIL_SITE_NAME = "IKPE – Institut für kommunale Planung und Entwicklung"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "core.CustomImage"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 15 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
WAGTAILIMAGES_IMAGE_FORM_BASE = (
    "ikpe_site.core.uploads.SafeImageForm"  # decompression bombs and broken files: a form error
)
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "ods", "csv", "txt", "zip"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "ikpe_site.core.uploads.SafeDocumentForm"  # content must match the extension
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# Wagtail's database backend with German folding and stemming on SQLite and PostgreSQL (sitesearch/backend.py);
# SEARCH_CONFIG is PostgreSQL's text search configuration (SQLite stems in Python).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "sitesearch.backend", "SEARCH_CONFIG": "german"}}
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no avatar requests to a third party from the admin
WAGTAIL_DATE_FORMAT = "%d.%m.%Y"
WAGTAIL_DATETIME_FORMAT = "%d.%m.%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"

LOGIN_URL = "wagtailadmin_login"
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "ikpe_site.core.security.login.ThrottledPasswordResetForm"

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail sets SAMEORIGIN on its own preview views
# Public pages: only our own files (django-csp). The site's JavaScript lives in static/js/; JSON-LD blocks are data,
# not scripts, and need no exception. Videos load from the two privacy-enhanced hosts only after a click. The admin's
# relaxed policy and the error pages' exception: ikpe_site/core/security/headers.py.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "object-src": ["'none'"],
    }
}
# django-permissions-policy: no page of ours needs these browser features.
PERMISSIONS_POLICY = {
    feature: [] for feature in ("camera", "microphone", "geolocation", "payment", "usb", "browsing-topics")
}
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

# Login throttling (django-axes): 5 failed attempts for one account from one address lock that pair out for
# 15 minutes. Behind a reverse proxy set PROXY_COUNT (number of proxies) so the visitor's address is used.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "ikpe_site.core.security.login.lockout"  # German page, status 429
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # record failures only, not every successful login with its address
AXES_CLIENT_IP_CALLABLE = "ikpe_site.core.security.limits.client_ip"
AXES_VERBOSE = False  # no start-up banner; lockouts are still logged (logger "axes")
# PROXY_COUNT: reverse proxies in front of gunicorn that append to X-Forwarded-For (deploy/ikpe.env.example).
# ikpe_site.core.security.limits.client_ip reads it for lockouts and rate limits; 0/unset ignores the header.
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0")) or None

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "django.tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}
