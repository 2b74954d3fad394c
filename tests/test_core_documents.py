import pytest
from django.template.loader import render_to_string
from django.utils import translation

from tests.factories import pdf_document


@pytest.mark.django_db
def test_document_link_shows_the_file_size_the_german_way():
    document = pdf_document("Sozialstrukturatlas", ["Sozialstrukturatlas"])
    document.file_size = 1258291
    with translation.override("de"):
        html = render_to_string("components/document_link.html", {"document": document})
    assert "(PDF, 1,2\xa0MB)" in html  # decimal comma, no line break between number and unit


@pytest.mark.django_db
def test_document_link_without_a_stored_file_shows_no_size():
    document = pdf_document("Sozialstrukturatlas", ["Sozialstrukturatlas"])
    document.file.storage.delete(document.file.name)
    document.file_size = None
    with translation.override("de"):
        html = render_to_string("components/document_link.html", {"document": document})
    assert "(PDF)" in html
