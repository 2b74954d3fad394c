"""The three editorial roles and the approval workflow, applied by data migrations.

Redaktion writes and submits, Kommunikation approves, publishes and schedules, Administration may do
everything. `apply_roles` is idempotent and is called again by later migrations when apps add models.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions

EDITORS = "Redaktion"
COMMUNICATIONS = "Kommunikation"
ADMINISTRATORS = "Administration"
WORKFLOW_NAME = "Freigabe durch Kommunikation"

# Apps whose models (snippets, settings, form submissions) the editorial roles maintain.
CONTENT_APPS = ["core", "people", "projects", "publications", "news", "events"]
PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page", "lock_page"],
    COMMUNICATIONS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    ADMINISTRATORS: ["add_page", "bulk_delete_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
COLLECTION_PERMISSIONS = {
    EDITORS: ["add_image", "change_image", "choose_image", "add_document", "change_document", "choose_document"],
    COMMUNICATIONS: [
        "add_image",
        "change_image",
        "choose_image",
        "delete_image",
        "add_document",
        "change_document",
        "choose_document",
        "delete_document",
    ],
}
COLLECTION_PERMISSIONS[ADMINISTRATORS] = COLLECTION_PERMISSIONS[COMMUNICATIONS]
# Snippets shown to visitors that go through the approval workflow like pages.
WORKFLOW_SNIPPETS = [
    ("news", "newscategory"),
    ("projects", "funder"),
    ("projects", "district"),
    ("people", "associationmember"),
]
# Models the roles never touch through model permissions (pages and users go through their own rules).
EXCLUDED_MODELS = {"user", "customimage", "customrendition", "sitesettings"}


def apply_roles(apps, schema_editor=None):
    for config in global_apps.get_app_configs():
        create_permissions(config, apps=apps, verbosity=0)

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    def perm(app_label, codename):
        try:
            return Permission.objects.get(content_type__app_label=app_label, codename=codename)
        except Permission.DoesNotExist:
            raise LookupError(f"permission {app_label}.{codename} missing") from None

    root = Page.objects.get(depth=1)
    root_collection = Collection.objects.get(depth=1)
    content = Permission.objects.filter(content_type__app_label__in=CONTENT_APPS).exclude(
        content_type__model__in=EXCLUDED_MODELS
    )
    groups = {}
    for name in (EDITORS, COMMUNICATIONS, ADMINISTRATORS):
        group, _ = Group.objects.get_or_create(name=name)
        groups[name] = group
        group.permissions.add(perm("wagtailadmin", "access_admin"))
        for codename in PAGE_PERMISSIONS[name]:
            GroupPagePermission.objects.get_or_create(group=group, page=root, permission=perm("wagtailcore", codename))
        for codename in COLLECTION_PERMISSIONS[name]:
            # Wagtail checks image permissions against wagtailimages.Image (its permission policy's
            # `auth_model`), also for our custom image model: core.add_customimage would let nobody upload.
            app_label = "wagtailimages" if codename.endswith("image") else "wagtaildocs"
            if not Permission.objects.filter(content_type__app_label=app_label).exists():
                continue  # wagtailimages migrates after the roles migration: the post_migrate refresh grants these
            permission = perm(app_label, codename)
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission
            )

    # Redaktion neither deletes nor publishes: snippets with draft/publish (news categories) wait for approval.
    groups[EDITORS].permissions.add(
        *content.exclude(codename__startswith="delete_").exclude(codename__startswith="publish_")
    )
    groups[EDITORS].permissions.remove(*content.filter(codename__startswith="publish_"))
    groups[COMMUNICATIONS].permissions.add(
        *content,
        *Permission.objects.filter(
            content_type__app_label__in=["wagtailredirects", "wagtailsearchpromotions", "wagtailforms"]
        ),
    )
    groups[ADMINISTRATORS].permissions.add(*Permission.objects.all())

    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    ContentType = apps.get_model("contenttypes", "ContentType")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")

    task_type = ContentType.objects.get_for_model(GroupApprovalTask)
    task, _ = GroupApprovalTask.objects.get_or_create(
        name="Freigabe Kommunikation", defaults={"content_type": task_type, "active": True}
    )
    task.groups.add(groups[COMMUNICATIONS], groups[ADMINISTRATORS])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    for app_label, model in WORKFLOW_SNIPPETS:
        snippet_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        WorkflowContentType.objects.update_or_create(content_type=snippet_type, defaults={"workflow": workflow})
    # Wagtail's own starter groups and workflow would only confuse: our three roles replace them.
    Group.objects.filter(name__in=["Editors", "Moderators"]).delete()
    Workflow.objects.exclude(pk=workflow.pk).update(active=False)
