"""The shared block library. Block names are stored in the database: never rename one."""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "h3", "h4", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Level 2")), ("h3", _("Level 3")), ("h4", _("Level 4"))],
        default="h2",
        label=_("Level"),
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading.html"
        preview_value = {"text": "Unser Vorgehen", "level": "h2"}
        description = _("A section heading; keep the order of levels.")


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=300)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image.html"
        description = _("An image with caption; the credit comes from the image.")


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote.html"
        preview_value = {
            "quote": "Wissenschaft und Praxis zu verbinden ist für uns nicht nur eine Theorie.",
            "attribution": "IKPE",
        }
        description = _("A highlighted quotation with its source.")


class FactBlock(blocks.StructBlock):
    """A figure or date with its meaning, for the facts beside the home page's introduction."""

    value = blocks.CharBlock(label=_("Figure or date"), max_length=40)
    label = blocks.CharBlock(label=_("What it means"), max_length=160)

    class Meta:
        icon = "date"
        label = _("Fact")
        template = "blocks/fact.html"
        preview_value = {"value": "seit 2015", "label": "Kooperation mit der Fachhochschule Erfurt"}
        description = _("A short fact from the institute's history, e.g. a date and what happened.")


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"), required=False, max_length=200, help_text=_("Leave empty to use the document title.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Document download")
        template = "blocks/document.html"
        description = _("A download link showing file type and size.")


class LinkStructValue(blocks.StructValue):
    @cached_property
    def url(self):
        page = self.get("page")
        return page.url if page else self.get("external_url")

    @cached_property
    def text(self):
        page = self.get("page")
        return self.get("label") or (page.title if page else self.get("external_url"))


class LinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Link text"), required=False, max_length=200)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    external_url = blocks.URLBlock(label=_("External address"), required=False)

    class Meta:
        icon = "link"
        label = _("Link")
        value_class = LinkStructValue

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("external_url")):
            raise blocks.StructBlockValidationError(
                block_errors={"page": blocks.BlockValidationError(_("Choose either a page or an external address."))}
            )
        return value


class LinkListBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200)
    links = blocks.ListBlock(LinkBlock(), label=_("Links"))

    class Meta:
        icon = "list-ul"
        label = _("Link list")
        template = "blocks/link_list.html"
        description = _("A short list of further links.")


class CallToActionBlock(LinkBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    text = blocks.TextBlock(label=_("Text"), required=False)

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "blocks/call_to_action.html"
        value_class = LinkStructValue
        description = _("A highlighted box that leads to one page or address.")


class ContactPersonBlock(blocks.StructBlock):
    """ "Ihre Ansprechpartnerin" / "Ihr Ansprechpartner": a person page, so contact data is never typed twice."""

    heading = blocks.CharBlock(
        label=_("Heading"), required=False, max_length=100, help_text=_('Defaults to "Your contact person".')
    )
    person = blocks.PageChooserBlock(page_type="people.PersonPage", label=_("Person"))

    class Meta:
        icon = "user"
        label = _("Contact person")
        template = "blocks/contact_person.html"
        description = _("Name, phone and email of a person from the team pages.")


class VideoBlock(blocks.StructBlock):
    """A YouTube or Vimeo video that loads only after the visitor agrees (two-click solution)."""

    url = blocks.URLBlock(label=_("Video address"), help_text=_("A YouTube or Vimeo address."))
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    description = blocks.TextBlock(label=_("Description"), required=False)
    poster = ImageChooserBlock(label=_("Preview image"), required=False)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "blocks/video.html"
        description = _("Loads nothing from the video provider until the visitor clicks.")


class MemberListBlock(blocks.StructBlock):
    """The association's board or founding members, kept as data in the people app."""

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    group = blocks.ChoiceBlock(choices=[("board", _("Board")), ("founding", _("Founding members"))], label=_("Group"))

    class Meta:
        icon = "group"
        label = _("Member list")
        template = "blocks/member_list.html"
        description = _("Board or founding members as maintained under Snippets.")

    def get_context(self, value, parent_context=None):
        from django.apps import apps

        context = super().get_context(value, parent_context)
        context["members"] = apps.get_model("people", "AssociationMember").objects.filter(
            group=value["group"], live=True
        )
        return context


class ClientListBlock(blocks.StructBlock):
    """ "Unsere Auftraggeber": the clients and funders kept as data in the projects app."""

    title = blocks.CharBlock(label=_("Title"), max_length=200)

    class Meta:
        icon = "list-ul"
        label = _("Client list")
        template = "blocks/client_list.html"
        description = _("All clients and funders maintained under Snippets.")

    def get_context(self, value, parent_context=None):
        from django.apps import apps

        context = super().get_context(value, parent_context)
        context["clients"] = apps.get_model("projects", "Funder").objects.filter(live=True)
        return context


class BodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES, label=_("Text"), icon="pilcrow", template="blocks/paragraph.html"
    )
    heading = HeadingBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    document = DocumentBlock()
    links = LinkListBlock()
    call_to_action = CallToActionBlock()
    contact_person = ContactPersonBlock()
    video = VideoBlock()
    member_list = MemberListBlock()
    client_list = ClientListBlock()
