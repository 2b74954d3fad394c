from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_save


def _refresh_roles(sender, apps, using="default", **kwargs):
    """Give the roles the permissions of models added since the roles migration ran.

    Wagtail adds the publish and lock permissions of snippets in its own post_migrate handler, which runs
    after this app's (INSTALLED_APPS order): they are created here first, so Kommunikation can publish them.
    """
    from wagtail.snippets.models import create_extra_permissions

    from .roles import apply_roles

    create_extra_permissions(sender, apps=apps, using=using)
    apply_roles(apps)


class CoreConfig(AppConfig):
    name = "ikpe_site.core"
    label = "core"
    verbose_name = "Website"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        post_migrate.connect(_refresh_roles, sender=self)
        from .site_url import apply_base_url, follow_base_url

        post_migrate.connect(apply_base_url, sender=self)
        pre_save.connect(follow_base_url, sender="wagtailcore.Site", dispatch_uid="ikpe-site-base-url")
        from .cache import connect_signals

        connect_signals()
