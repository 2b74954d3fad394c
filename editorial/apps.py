from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    """Editorial tools in the admin: scheduled publications, the editorial calendar and embargo preview links."""

    name = "editorial"
    verbose_name = _("Editorial tools")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import compare, errors

        compare.register()
        errors.install()
