"""Who may download a document: nothing used only by unpublished or embargoed content leaks before release.

The rule (README, "Dokumente vor der Veröffentlichung"):

- A document is *released* when a live page links it (Wagtail's reference index of the published version), or a
  snippet or setting that has no draft state of its own. A live page that expires takes its documents with it.
- Until then only people with access to the admin (Redaktion, Kommunikation, Administration) can download it,
  and partners who hold an active embargo link to a page whose latest draft links it. They download it through
  the link's own address, `/vorschau/<token>/dokumente/<id>/<name>`: secret, expiring and revocable like the link.
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, ReferenceIndex

EMBARGO_ATTRIBUTE = "_embargo_document_id"


def is_released(document):
    """Linked from a live page, or from an object without a draft state (snippets, settings)."""
    page_type = ContentType.objects.get_for_model(Page)
    page_ids = []
    for base_type_id, object_id in (
        ReferenceIndex.get_references_to(document).values_list("base_content_type_id", "object_id").distinct()
    ):
        if base_type_id != page_type.pk:
            model = ContentType.objects.get_for_id(base_type_id).model_class()
            item = model._default_manager.filter(pk=object_id).first() if model else None
            if item is not None and getattr(item, "live", True):
                return True
            continue
        page_ids.append(object_id)
    return Page.objects.filter(pk__in=page_ids).live().exists()


def draft_links_document(page, document):
    """Does the latest draft of `page` (what an embargo link shows) link this document?"""
    draft = page.specific.get_latest_revision_as_object()
    document_type = ReferenceIndex._get_base_content_type(document).pk
    return any(
        type_id == document_type and object_id == str(document.pk)
        for type_id, object_id, *_ in ReferenceIndex._extract_references_from_object(draft)
    )


def may_download(document, request):
    if getattr(request, EMBARGO_ATTRIBUTE, None) == document.pk:
        return True
    if request.user.is_authenticated and request.user.has_perm("wagtailadmin.access_admin"):
        return True
    return is_released(document)
