from django.db import migrations


class Migration(migrations.Migration):
    """`is_staff` read like Django's user flag (admin access); the page field only says who belongs to the team."""

    dependencies = [("people", "0003_grammatical_gender")]

    operations = [migrations.RenameField("personpage", "is_staff", "is_team_member")]
