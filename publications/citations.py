"""Citations: one CSL item per publication, from which BibTeX, RIS, the visible reference and the meta tags derive.

Everything here reads prepared attributes of `PublicationPage` (authors prefetched) and makes no queries.
"""

import json
import re
import unicodedata
from collections import namedtuple

import bibtexparser
import rispy
from bibtexparser import BibtexFormat, Library
from bibtexparser.middlewares import default_unparse_stack
from bibtexparser.model import Entry, Field
from django.utils.dates import MONTHS
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from wagtail.models import Site

from ikpe_site.core.metadata import json_ld_script

CSL_TYPES = {
    "article": "article-journal",
    "chapter": "chapter",
    "book": "book",
    "report": "report",
    "press": "article-newspaper",
}
BIBTEX_TYPES = {
    "article-journal": "article",
    "chapter": "incollection",
    "book": "book",
    "report": "techreport",
    "article-newspaper": "article",
}
RIS_TYPES = {
    "article-journal": "JOUR",
    "chapter": "CHAP",
    "book": "BOOK",
    "report": "RPRT",
    "article-newspaper": "NEWS",
}
SCHEMA_TYPES = {
    "article-journal": "ScholarlyArticle",
    "chapter": "ScholarlyArticle",
    "book": "Book",
    "report": "Report",
    "article-newspaper": "NewsArticle",
}


def join_title(title, subtitle):
    """ "Titel. Untertitel" as German references write it; no extra full stop after ? or !."""
    if not subtitle:
        return title
    return f"{title} {subtitle}" if title.endswith((".", "?", "!", ":")) else f"{title}. {subtitle}"


def _name(row):
    return {"family": row.family_name, "given": row.given_name} if row.given_name else {"literal": row.family_name}


def csl_item(pub, request=None):
    """The publication as a CSL-JSON item (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html)."""
    item = {
        "id": pub.slug,
        "type": CSL_TYPES.get(pub.publication_type, "article-journal"),
        "title": pub.full_title,
        "language": "de",
    }
    if pub.creators:
        item["author"] = [_name(row) for row in pub.creators]
    if pub.editors:
        item["editor"] = [_name(row) for row in pub.editors]
    date = pub.published_on
    item["issued"] = {"date-parts": [[date.year, date.month, date.day] if date else [pub.year]]}
    for key, value in (
        ("container-title", pub.container_title),
        ("volume", pub.volume),
        ("issue", pub.issue),
        ("page", pub.pages),
        ("collection-title", pub.series),
        ("collection-number", pub.series_number),
        ("publisher", pub.publisher),
        ("publisher-place", pub.place),
        ("DOI", pub.doi),
        ("ISBN", pub.isbn),
        ("abstract", pub.abstract),
    ):
        if value:
            item[key] = value
    url = pub.external_url or (pub.get_full_url(request) if pub.pk else "")
    if url:
        item["URL"] = url
    if pub.is_announced:
        item["status"] = "forthcoming"
    return item


def _items(pubs, request):
    return [csl_item(pub, request) for pub in pubs]


def csl_json(pubs, request=None):
    return json.dumps(_items(pubs, request), ensure_ascii=False, indent=2) + "\n"


# BibTeX ---------------------------------------------------------------------------------------------------------


def _ascii(text):
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _bib_escape(text):
    text = re.sub(r"([&%$#_{}])", r"\\\1", text.replace("\\", ""))
    return " ".join(text.split())


def _bib_names(names):
    parts = []
    for name in names:
        if "literal" in name:
            parts.append("{" + _bib_escape(name["literal"]) + "}")
        else:
            parts.append(f"{_bib_escape(name['family'])}, {_bib_escape(name['given'])}")
    return " and ".join(parts)


def _bib_key(item, used):
    people = item.get("author") or item.get("editor") or [{"literal": ""}]
    first = people[0].get("family") or people[0].get("literal", "")
    words = [w for w in re.findall(r"\w+", _ascii(item["title"])) if len(w) > 3]
    base = re.sub(r"[^a-z0-9]", "", _ascii(first.split()[0] if first.split() else "")) or "ikpe"
    base += str(item["issued"]["date-parts"][0][0]) + (words[0] if words else "")
    key, suffix = base, ord("a")
    while key in used:
        key, suffix = base + chr(suffix), suffix + 1
    used.add(key)
    return key


BIBTEX_FORMAT = BibtexFormat()
BIBTEX_FORMAT.indent, BIBTEX_FORMAT.block_separator = "  ", "\n"


def bibtex(pubs, request=None):
    """BibTeX written by bibtexparser (which wraps every value in braces); the values are escaped here."""
    library, used = Library(), set()
    for item in _items(pubs, request):
        entry_type = BIBTEX_TYPES[item["type"]]
        date_parts = item["issued"]["date-parts"][0]
        fields = [
            ("author", _bib_names(item.get("author", []))),
            ("editor", _bib_names(item.get("editor", []))),
            ("title", _bib_escape(item["title"])),
        ]
        container = _bib_escape(item.get("container-title", ""))
        fields.append(("booktitle" if entry_type == "incollection" else "journal", container))
        fields += [
            ("year", str(date_parts[0])),
            ("date", "-".join(f"{part:02d}" for part in date_parts) if len(date_parts) == 3 else ""),
            ("volume", item.get("volume", "")),
            ("number", item.get("issue", "")),
            ("pages", re.sub(r"\s*[-–]\s*", "--", item.get("page", ""))),
        ]
        series, series_number = _bib_escape(item.get("collection-title", "")), item.get("collection-number", "")
        publisher = _bib_escape(item.get("publisher", ""))
        if entry_type == "techreport":
            fields += [
                ("type", series),
                ("number", series_number if not item.get("issue") else ""),
                ("institution", publisher),
            ]
        else:
            fields += [("series", series), ("publisher", publisher)]
            if series_number and not item.get("issue"):
                fields.append(("number", series_number))
        fields += [
            ("address", _bib_escape(item.get("publisher-place", ""))),
            ("doi", item.get("DOI", "")),
            ("isbn", item.get("ISBN", "")),
            ("url", item.get("URL", "")),
            ("abstract", _bib_escape(item.get("abstract", ""))),
            ("language", "ngerman"),
            ("pubstate", "forthcoming" if item.get("status") else ""),
        ]
        fields = [Field(name, value) for name, value in fields if value]
        library.add(Entry(entry_type, _bib_key(item, used), fields))
    return bibtexparser.write_string(
        library, unparse_stack=default_unparse_stack(allow_inplace_modification=True), bibtex_format=BIBTEX_FORMAT
    )


# RIS ------------------------------------------------------------------------------------------------------------


def _ris_name(name):
    return name.get("literal") or f"{name['family']}, {name['given']}"


class RisWriter(rispy.RisWriter):
    """rispy's writer without the "1." line it puts before each record (no RIS tag), with CRLF as RIS wants."""

    NEWLINE = "\r\n"

    def set_header(self, count):
        return ""


def ris(pubs, request=None):
    records = []
    for item in _items(pubs, request):
        authors, editors = item.get("author", []), item.get("editor", [])
        ris_type = RIS_TYPES[item["type"]]
        if ris_type == "BOOK" and editors and not authors:
            ris_type, authors, editors = "EDBOOK", editors, []
        date_parts = item["issued"]["date-parts"][0]
        start, _, end = item.get("page", "").replace("–", "-").partition("-")
        record = {  # rispy's names for the RIS tags, in the order they are written
            "type_of_reference": ris_type,
            "authors": [_ris_name(name) for name in authors],  # AU
            "secondary_authors": [_ris_name(name) for name in editors],  # A2
            "title": item["title"],  # TI
            "secondary_title": item.get("container-title", ""),  # T2
            "tertiary_title": item.get("collection-title", ""),  # T3
            "year": str(date_parts[0]),  # PY
            "date": "{:04d}/{:02d}/{:02d}/".format(*date_parts) if len(date_parts) == 3 else "",  # DA
            "volume": item.get("volume") or item.get("collection-number", ""),  # VL
            "number": item.get("issue", ""),  # IS
            "start_page": start.strip(),  # SP
            "end_page": end.strip(),  # EP
            "publisher": item.get("publisher", ""),  # PB
            "place_published": item.get("publisher-place", ""),  # CY
            "issn": item.get("ISBN", ""),  # SN: ISSN or ISBN
            "doi": item.get("DOI", ""),  # DO
            "urls": [item["URL"]] if item.get("URL") else [],  # UR
            "abstract": " ".join(item.get("abstract", "").split()),  # AB
            "language": "de",  # LA
            "notes": ["im Erscheinen"] if item.get("status") else [],  # N1
        }
        records.append({key: value for key, value in record.items() if value})
    return rispy.dumps(records, implementation=RisWriter) if records else ""


Format = namedtuple("Format", "label content_type extension render")
FORMATS = {
    "bibtex": Format("BibTeX", "application/x-bibtex", "bib", bibtex),
    "ris": Format("RIS", "application/x-research-info-systems", "ris", ris),
    "csl-json": Format("CSL-JSON", "application/vnd.citationstyles.csl+json", "json", csl_json),
}


# The visible reference ------------------------------------------------------------------------------------------


def _initials(given):
    """ "Hans-Otto Maria" → "H.-O. M." """
    return " ".join("-".join(part[0] + "." for part in word.split("-") if part) for word in given.split())


def _apa_names(names, initials_first=False):
    formatted = []
    for name in names:
        if "literal" in name:
            formatted.append(name["literal"])
        elif initials_first:
            formatted.append(f"{_initials(name['given'])} {name['family']}")
        else:
            formatted.append(f"{name['family']}, {_initials(name['given'])}")
    if len(formatted) < 2:
        return "".join(formatted)
    return ", ".join(formatted[:-1]) + " & " + formatted[-1]


def _end(text):
    return text if text.endswith((".", "?", "!")) else text + "."


def reference_html(item):
    """An APA-like German reference, e.g. `Fischer, J. & Geene, R. (2019). <em>Titel</em>. Ort: Verlag.`

    Plain-text parts are escaped when joined; the parts with markup are built by `format_html`.
    """
    parts = []
    authors, editors = item.get("author"), item.get("editor")
    kind = item["type"]
    date_parts = item["issued"]["date-parts"][0]
    if item.get("status"):
        when = "im Erscheinen"
    elif kind == "article-newspaper" and len(date_parts) == 3:
        when = f"{date_parts[0]}, {date_parts[2]}. {MONTHS[date_parts[1]]}"
    else:
        when = str(date_parts[0])
    if authors:
        parts.append(_apa_names(authors))
    elif editors and kind == "book":
        parts.append(_apa_names(editors) + " (Hrsg.).")
    parts.append(f"({when}).")
    standalone = kind in ("book", "report") or (kind == "article-newspaper" and not item.get("container-title"))
    page = item.get("page", "")
    if standalone:
        extra = []
        if item.get("collection-title"):
            number = item.get("collection-number")
            extra.append(item["collection-title"] + (f", Nr. {number}" if number else ""))
        if item.get("volume"):
            extra.append(f"Bd. {item['volume']}")
        if extra:
            parts.append(format_html("<em>{}</em> ({}).", item["title"], "; ".join(extra)))
        else:
            parts.append(format_html("<em>{}</em>", _end(item["title"])))
    else:
        parts.append(_end(item["title"]))
        container = item.get("container-title", "")
        if kind == "chapter":
            parts.append(
                format_html(
                    "In {}{}{}.",
                    format_html("{} (Hrsg.), ", _apa_names(editors, initials_first=True)) if editors else "",
                    format_html("<em>{}</em>", container) if container else "",
                    f" (S. {page})" if page else "",
                )
            )
        elif container:
            if item.get("volume"):
                issue = format_html("({})", item["issue"]) if item.get("issue") else ""
                numbering = format_html(", <em>{}</em>{}", item["volume"], issue)
            else:
                numbering = f", Heft {item['issue']}" if item.get("issue") else ""
            pages = (f", {page}" if item.get("volume") else f", S. {page}") if page else ""
            parts.append(format_html("<em>{}</em>{}{}.", container, numbering, pages))
    if kind != "article-journal" and (item.get("publisher") or item.get("publisher-place")):
        place_publisher = ": ".join(value for value in (item.get("publisher-place"), item.get("publisher")) if value)
        parts.append(_end(place_publisher))
    if item.get("DOI"):
        parts.append(f"https://doi.org/{item['DOI']}")
    return format_html_join(" ", "{}", ((part,) for part in parts))


# Discoverability ------------------------------------------------------------------------------------------------


def absolute_url(request, path):
    """`path` on the site's own address, as the canonical link has it (falls back to the request's host)."""
    site = Site.find_for_request(request)
    return (site.root_url if site else request.build_absolute_uri("/")[:-1]) + path


def highwire_tags(pub, request):
    """`citation_*` meta tags as Google Scholar reads them; the PDF address is absolute."""
    item = pub.csl
    date_parts = item["issued"]["date-parts"][0]
    tags = [("citation_title", item["title"])]
    tags += [("citation_author", _ris_name(name)) for name in item.get("author", [])]
    tags += [("citation_editor", _ris_name(name)) for name in item.get("editor", [])]
    tags.append(("citation_publication_date", "/".join(f"{part:02d}" for part in date_parts)))
    container = item.get("container-title", "")
    container_tag = {
        "article-journal": "citation_journal_title",
        "article-newspaper": "citation_journal_title",
        "chapter": "citation_inbook_title",
    }.get(item["type"])
    if container and container_tag:
        tags.append((container_tag, container))
    start, _, end = item.get("page", "").replace("–", "-").partition("-")
    tags += [
        ("citation_volume", item.get("volume", "")),
        ("citation_issue", item.get("issue", "")),
        ("citation_firstpage", start.strip()),
        ("citation_lastpage", end.strip()),
        ("citation_publisher", item.get("publisher", "")),
        ("citation_isbn", item.get("ISBN", "")),
        ("citation_doi", item.get("DOI", "")),
        ("citation_series_title", item.get("collection-title", "")),
    ]
    if item["type"] == "report":
        tags.append(("citation_technical_report_institution", item.get("publisher", "")))
        tags.append(("citation_technical_report_number", item.get("collection-number", "")))
    if pub.pdf_id:
        tags.append(("citation_pdf_url", absolute_url(request, pub.pdf.url)))
    tags.append(("citation_abstract_html_url", pub.get_full_url(request)))
    tags.append(("citation_language", "de"))
    return [(name, value) for name, value in tags if value]


def _schema_person(name, person_url=None):
    if "literal" in name:
        return {"@type": "Organization", "name": name["literal"]}
    data = {
        "@type": "Person",
        "familyName": name["family"],
        "givenName": name["given"],
        "name": f"{name['given']} {name['family']}",
    }
    if person_url:
        data["url"] = person_url
    return data


def json_ld(pub, request):
    """schema.org data as a <script> element (core/metadata.py)."""
    item = pub.csl
    data = {
        "@context": "https://schema.org",
        "@type": SCHEMA_TYPES[item["type"]],
        "name": item["title"],
        "headline": Truncator(pub.title).chars(110),
        "url": pub.get_full_url(request),
        "inLanguage": "de",
        "datePublished": "-".join(f"{part:02d}" for part in item["issued"]["date-parts"][0]),
        "genre": pub.get_category_display(),
    }

    def people(rows):
        return [
            _schema_person(_name(row), row.linked_person.get_full_url(request) if row.linked_person else None)
            for row in rows
        ]

    if pub.creators:
        data["author"] = people(pub.creators)
    if pub.editors:
        data["editor"] = people(pub.editors)
    if item.get("abstract"):
        data["abstract"] = item["abstract"]
    if item.get("publisher"):
        data["publisher"] = {"@type": "Organization", "name": item["publisher"]}
    if item.get("ISBN"):
        data["isbn"] = item["ISBN"]
    if item.get("DOI"):
        data["sameAs"] = f"https://doi.org/{item['DOI']}"
    if item.get("container-title"):
        container_type = "Book" if item["type"] == "chapter" else "Periodical"
        data["isPartOf"] = {"@type": container_type, "name": item["container-title"]}
    if pub.pdf_id:
        data["encoding"] = {
            "@type": "MediaObject",
            "contentUrl": absolute_url(request, pub.pdf.url),
            "encodingFormat": "application/pdf",
        }
    if item.get("status"):
        data["creativeWorkStatus"] = "forthcoming"
    return json_ld_script(data)


# Catalogue lines -------------------------------------------------------------------------------------------------
# Like the reference above, these follow German citation conventions ("Hrsg.", "Heft", "S."): content, not UI.


def byline(item):
    """Who wrote it, as a catalogue entry shows it: "Jörg Fischer, Raimund Geene" or "Hrsg. von …"."""

    def names(people):
        return ", ".join(name.get("literal") or f"{name['given']} {name['family']}" for name in people)

    if item.get("author"):
        return names(item["author"])
    if item.get("editor"):
        return f"Hrsg. von {names(item['editor'])}"
    return ""


def source_line(item):
    """Where it appeared: "In: Blätter der Wohlfahrtspflege, Heft 2" · series · place and publisher."""
    parts = []
    if item.get("container-title"):
        text = "In: "
        if item["type"] == "chapter" and item.get("editor"):
            text += _apa_names(item["editor"], initials_first=True) + " (Hrsg.): "
        text += item["container-title"]
        text += f", Jg. {item['volume']}" if item.get("volume") else ""
        text += f", Heft {item['issue']}" if item.get("issue") else ""
        text += f", S. {item['page']}" if item.get("page") else ""
        parts.append(text)
    if item.get("collection-title"):
        number = item.get("collection-number")
        parts.append(item["collection-title"] + (f", Nr. {number}" if number else ""))
    place_publisher = ": ".join(value for value in (item.get("publisher-place"), item.get("publisher")) if value)
    if place_publisher:
        parts.append(place_publisher)
    return " · ".join(parts)
