"""The admin's password reset: the same answer for every address, at most a few mails per account and address."""

import hashlib

from wagtail.admin.forms.auth import PasswordResetForm

from .feedback import take_slot
from .utils import client_ip

RESETS_PER_ACCOUNT = 3  # per hour: enough for a mistyped address or a lost mail
RESETS_PER_ADDRESS = 10
WINDOW = 60 * 60


def _hit(key, limit):
    """Count one request under `key`; True while fewer than `limit` were counted in the last hour."""
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
