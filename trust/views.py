from axes.helpers import get_cool_off, get_failure_limit
from django.shortcuts import render


def lockout(request, original_response=None, credentials=None):
    """django-axes' answer while an account/address pair is locked out (AXES_LOCKOUT_CALLABLE): a German page."""
    cool_off = get_cool_off(request)
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "cooloff_minutes": max(1, round(cool_off.total_seconds() / 60)) if cool_off else None,
    }
    return render(request, "trust/lockout.html", context, status=429)
