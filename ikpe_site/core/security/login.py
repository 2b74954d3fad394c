"""Signing in to the admin: django-axes' lockout (backend and German lockout page) and the throttled password reset."""

import hashlib

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off, get_failure_limit
from django.shortcuts import render
from wagtail.admin.forms.auth import PasswordResetForm

from .limits import client_ip, take_slot

RESETS_PER_ACCOUNT = 3  # per hour: enough for a mistyped address or a lost mail
RESETS_PER_ADDRESS = 10
WINDOW = 60 * 60


class AxesBackend(AxesStandaloneBackend):
    """django-axes' lockout check for every login that comes with a request (admin, Django admin, password forms).

    Authentication without a request (the test client's `login()`, the shell) has no client address to count,
    so it is left to the next backend instead of failing with AxesBackendRequestParameterRequired.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout(request, original_response=None, credentials=None):
    """django-axes' answer while an account/address pair is locked out (AXES_LOCKOUT_CALLABLE): a German page."""
    cool_off = get_cool_off(request)
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "cooloff_minutes": max(1, round(cool_off.total_seconds() / 60)) if cool_off else None,
    }
    return render(request, "security/lockout.html", context, status=429)


def _hit(key, limit):
    """Count one request under `key`; True while fewer than `limit` were counted in the last hour."""
    # The key prefix is a stored value (the former `trust` app's): counters survive an update.
    return take_slot("trust:reset:" + hashlib.sha256(key.encode()).hexdigest()[:32], limit, WINDOW)


class ThrottledPasswordResetForm(PasswordResetForm):
    """WAGTAILADMIN_USER_PASSWORD_RESET_FORM. Throttled requests get the same page as all others (nothing
    reveals whether an account exists or was throttled); the mail itself is queued (ikpe_site/core/mail.py)."""

    def save(self, *args, request=None, **kwargs):
        email = self.cleaned_data["email"].strip().lower()
        address_ok = _hit("ip:" + ((client_ip(request) if request else None) or ""), RESETS_PER_ADDRESS)
        account_ok = _hit("email:" + email, RESETS_PER_ACCOUNT)
        if address_ok and account_ok:
            super().save(*args, request=request, **kwargs)
