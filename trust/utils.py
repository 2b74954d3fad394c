"""The visitor's address, shared by login throttling (django-axes) and the feedback forms' rate limit."""

from django.conf import settings


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
