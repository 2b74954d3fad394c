"""The visitor's address and request counters, shared by login throttling (django-axes), the password reset and
the public forms' rate limits.

Counters live in the "shared" cache (Redis or a database table), so the limits hold across worker processes and
app servers.
"""

from django.conf import settings
from django.core.cache import caches


def client_ip(request):
    """REMOTE_ADDR, or behind `AXES_IPWARE_PROXY_COUNT` trusted proxies the address they saw.

    Each proxy appends the address it received the request from to X-Forwarded-For, so with n trusted proxies
    the n-th entry from the right is the visitor; everything left of it may be forged by the client.
    """
    proxies = getattr(settings, "AXES_IPWARE_PROXY_COUNT", None) or 0
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    # None, not a placeholder word: PostgreSQL stores addresses in an inet column that rejects other text.
    return request.META.get("REMOTE_ADDR") or None


def shared_cache():
    return caches["shared"]


def take_slot(key, limit, window):
    """Take one of `limit` slots under `key` for the next `window` seconds; False when all are taken.

    Each slot is one atomic `add` (Redis SET NX, or an INSERT into the cache table), so concurrent requests in
    different processes can never take more than `limit` slots between them.
    """
    store = shared_cache()
    return any(store.add(f"{key}:{slot}", 1, window) for slot in range(limit))
