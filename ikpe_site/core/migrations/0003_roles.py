from django.db import migrations

from ikpe_site.core.roles import apply_roles


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_pages"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("wagtailforms", "0005_alter_formsubmission_form_data"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
    ]

    operations = [migrations.RunPython(apply_roles, migrations.RunPython.noop)]
