from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrustConfig(AppConfig):
    """Security headers, login throttling, upload checks, feedback forms and editor-side content checks."""

    name = "trust"
    verbose_name = _("Trust and safety")
    default_auto_field = "django.db.models.BigAutoField"
