"""The tree's root page is titled "Root" by Wagtail; editors see it in breadcrumbs and choosers as "Alle Seiten"."""

from django.db import migrations

ROOT_TITLE = "Alle Seiten"


def german_root_title(apps, schema_editor):
    apps.get_model("wagtailcore", "Page").objects.filter(depth=1, title="Root").update(
        title=ROOT_TITLE, draft_title=ROOT_TITLE)


def english_root_title(apps, schema_editor):
    apps.get_model("wagtailcore", "Page").objects.filter(depth=1, title=ROOT_TITLE).update(
        title="Root", draft_title="Root")


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0005_content_version"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(german_root_title, english_root_title)]
