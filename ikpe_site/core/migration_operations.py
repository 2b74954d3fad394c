"""Operations for hand-written migrations. Migrations import them, so their behaviour must stay as it is."""

from django.db import migrations


def rename_choice_values(app_label, model_name, field, mapping):
    """A reversible data migration renaming stored choice values (`mapping`: old → new) of `field` in the table
    and in the model's revisions, so that drafts and older versions opened in the admin keep a valid choice."""

    def rename(apps, values):
        model = apps.get_model(app_label, model_name)
        for old, new in values.items():
            model._base_manager.filter(**{field: old}).update(**{field: new})
        content_type = (
            apps.get_model("contenttypes", "ContentType")
            .objects.filter(app_label=app_label, model=model_name.lower())
            .first()
        )
        revisions = apps.get_model("wagtailcore", "Revision").objects.filter(content_type=content_type)
        for revision in revisions.iterator():
            if revision.content.get(field) in values:
                revision.content[field] = values[revision.content[field]]
                revision.save(update_fields=["content"])

    return migrations.RunPython(
        lambda apps, schema_editor: rename(apps, mapping),
        lambda apps, schema_editor: rename(apps, {new: old for old, new in mapping.items()}),
    )
