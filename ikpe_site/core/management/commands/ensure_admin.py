import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from ikpe_site.core.roles import ADMINISTRATORS


class Command(BaseCommand):
    help = "Create an administrator with a generated password if there is none, and say how to log in."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username="admin", **options):
        User = get_user_model()
        credentials = settings.VAR_DIR / "admin-zugang.txt"
        url = f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/admin/"
        if User.objects.filter(is_superuser=True).exists():
            hint = f" (Passwort in {credentials})" if credentials.exists() else ""
            self.stdout.write(f"Anmeldung unter {url} mit dem vorhandenen Admin-Konto{hint}.")
            return
        password = secrets.token_urlsafe(12)
        user = User.objects.create_superuser(username=username, email="", password=password)
        user.groups.add(Group.objects.get(name=ADMINISTRATORS))
        credentials.parent.mkdir(parents=True, exist_ok=True)
        credentials.write_text(f"Benutzername: {username}\nPasswort: {password}\n")
        credentials.chmod(0o600)
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin-Konto angelegt. Anmeldung unter {url}\n  Benutzername: {username}\n  Passwort: {password}\n"
                f"  (auch gespeichert in {credentials})"
            )
        )
