"""Kommunikation sees the mailings (counts, failures) and adds announcements; only Administration (which holds
every permission) sees subscribers."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

COMMUNICATIONS = {"announcement": ["add", "change", "delete", "view"], "mailing": ["view"], "delivery": ["view"]}


def grant(apps, schema_editor):
    create_permissions(global_apps.get_app_config("newsletter"), apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Kommunikation").first()
    if group is not None:
        for model, actions in COMMUNICATIONS.items():
            group.permissions.add(*Permission.objects.filter(content_type__app_label="newsletter",
                                                             codename__in=[f"{a}_{model}" for a in actions]))
    admins = Group.objects.filter(name="Administration").first()
    if admins is not None:
        admins.permissions.add(*Permission.objects.filter(content_type__app_label="newsletter"))


class Migration(migrations.Migration):
    dependencies = [("newsletter", "0001_initial"), ("core", "0003_roles")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
