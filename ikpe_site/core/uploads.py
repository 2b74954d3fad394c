"""Upload checks for the image and document libraries, configured in settings as their form bases.

- Documents (WAGTAILDOCS_DOCUMENT_FORM_BASE): the content of a file must match its extension.
- Images (WAGTAILIMAGES_IMAGE_FORM_BASE, core's CustomImage): a file that claims billions of pixels or cannot be
  decoded gets a form error.
"""

import codecs
import logging
import os
import zipfile
import zlib

import pypdf
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

logger = logging.getLogger(__name__)

DOCUMENT_TYPES = {
    "pdf": _("PDF"),
    "docx": _("Word (DOCX)"),
    "xlsx": _("Excel (XLSX)"),
    "pptx": _("PowerPoint (PPTX)"),
    "odt": _("OpenDocument text (ODT)"),
    "ods": _("OpenDocument spreadsheet (ODS)"),
    "csv": _("CSV table"),
    "txt": _("plain text (TXT)"),
    "zip": _("ZIP archive"),
}
OFFICE_FOLDERS = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
OPENDOCUMENT_TYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
}
# Starts of formats that must not pass as text (a web page renamed .txt); binary files contain NUL bytes.
NOT_TEXT = (b"%pdf", b"pk\x03\x04", b"<!doctype html", b"<html", b"<script", b"<svg", b"<?xml")
TEXT_SAMPLE = 64 * 1024
PDF_TRAILER_WINDOW = 2048  # "%%EOF" must be among the last bytes (a few writers append padding after it)


def _is_pdf(file, head):
    """Header at offset 0, the %%EOF trailer at the end, and a structure pypdf can read with at least one page."""
    if not head.startswith(b"%PDF-"):
        return False
    file.seek(0, os.SEEK_END)
    size = file.tell()
    file.seek(max(0, size - PDF_TRAILER_WINDOW))
    if b"%%EOF" not in file.read():
        return False
    file.seek(0)
    try:
        return len(pypdf.PdfReader(file, strict=False).pages) > 0
    except Exception:  # pypdf raises many kinds of errors on broken files: each means "not a readable PDF"
        logger.info("Upload refused: not a readable PDF", exc_info=True)
        return False


def _zip_contents(file):
    """The names in a ZIP archive and the start of its `mimetype` entry; (None, b"") if it is no valid ZIP."""
    try:
        with zipfile.ZipFile(file) as archive:
            names = archive.namelist()
            return names, (archive.read("mimetype")[:100] if "mimetype" in names else b"")
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, NotImplementedError, EOFError, zlib.error):
        return None, b""


def _is_text(sample, complete):
    if b"\x00" in sample or sample.removeprefix(b"\xef\xbb\xbf").lstrip().lower().startswith(NOT_TEXT):
        return False
    for encoding in ("utf-8", "cp1252"):
        try:
            # An incremental decoder tolerates a character cut at the end of the sample.
            codecs.getincrementaldecoder(encoding)().decode(sample, final=complete)
            return True
        except UnicodeDecodeError:
            continue
    return False


def content_matches(extension, file):
    """Whether the bytes of `file` are what its extension claims. Reads only what it needs; rewinds the file."""
    try:
        file.seek(0)
        head = file.read(1024)
        if extension == "pdf":
            return _is_pdf(file, head)
        if extension in ("docx", "xlsx", "pptx", "odt", "ods", "zip"):
            if not head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
                return False
            file.seek(0)
            names, mimetype = _zip_contents(file)
            if names is None:
                return False
            if extension in OFFICE_FOLDERS:
                return "[Content_Types].xml" in names and any(n.startswith(OFFICE_FOLDERS[extension]) for n in names)
            if extension in OPENDOCUMENT_TYPES:
                return mimetype.strip() == OPENDOCUMENT_TYPES[extension]
            return True
        if extension in ("csv", "txt"):
            file.seek(0)
            sample = file.read(TEXT_SAMPLE)
            return _is_text(sample, complete=len(sample) < TEXT_SAMPLE)
        return False  # an extension without a content check is refused rather than trusted
    finally:
        file.seek(0)


def allowed_document_types():
    return ", ".join(str(DOCUMENT_TYPES.get(ext, ext.upper())) for ext in settings.WAGTAILDOCS_EXTENSIONS)


class SafeDocumentForm(BaseDocumentForm):
    """Wagtail's document form, refusing files whose content does not match their extension."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            self.fields["file"].help_text = format_lazy(
                _("Allowed file types: {types}."), types=allowed_document_types()
            )

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if not file or not hasattr(file, "seek") or "file" not in self.changed_data:
            return file
        extension = os.path.splitext(file.name)[1].lower().lstrip(".")
        if extension not in settings.WAGTAILDOCS_EXTENSIONS:
            raise forms.ValidationError(
                _("Files of type “.%(extension)s” cannot be uploaded. Allowed file types: %(types)s."),
                code="invalid_extension",
                params={"extension": extension, "types": allowed_document_types()},
            )
        if not content_matches(extension, file):
            raise forms.ValidationError(
                _(
                    "The content of this file does not match its extension “.%(extension)s”. Please upload the "
                    "original file. Allowed file types: %(types)s."
                ),
                code="content_mismatch",
                params={"extension": extension, "types": allowed_document_types()},
            )
        return file


class SafeImageField(WagtailImageField):
    """Wagtail's image field; an image that would exhaust memory (a "decompression bomb": a tiny file whose
    header claims e.g. 30,000 × 30,000 pixels) or that cannot be decoded is refused with a form error."""

    default_error_messages = {
        "too_many_pixels_unknown": _(
            "This image has far more pixels than the %(max_pixels)s allowed. Please upload a smaller version."
        ),
        "damaged": _(
            "This image file is damaged or incomplete and cannot be read. Please save it again in an "
            "image program and upload it again."
        ),
    }

    def to_python(self, data):
        try:
            image_file = super().to_python(data)
        except ValidationError:
            raise
        except PILImage.DecompressionBombError as error:
            raise ValidationError(
                self.error_messages["too_many_pixels_unknown"],
                code="file_too_many_pixels",
                params={"max_pixels": settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS},
            ) from error
        except Exception as error:  # noqa: BLE001 – whatever the decoder raises, the file is not a usable image
            raise ValidationError(self.error_messages["damaged"], code="invalid_image") from error
        if image_file is not None:
            self.check_decodes(image_file)
        return image_file

    def check_decodes(self, image_file):
        """Decode the whole image once (its pixel count is already within the limit): truncated or corrupt
        data is found now, not later when the site tries to show it."""
        try:
            image_file.seek(0)
            with PILImage.open(image_file) as image:
                image.load()
        except Exception as error:  # noqa: BLE001
            raise ValidationError(self.error_messages["damaged"], code="invalid_image") from error
        finally:
            image_file.seek(0)


class SafeImageForm(BaseImageForm):
    """WAGTAILIMAGES_IMAGE_FORM_BASE: Wagtail's image form with SafeImageField (single and multiple upload)."""

    file = SafeImageField(label=_("File"))
