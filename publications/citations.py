"""Citations: one CSL item per publication, from which BibTeX, RIS, the visible reference and the meta tags derive.

Everything here reads prepared attributes of `PublicationPage` (authors prefetched) and makes no queries.
"""

import json
import re
import unicodedata
from collections import namedtuple

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from wagtail.models import Site

from ikpe_site.core.metadata import json_ld_script

CSL_TYPES = {"article": "article-journal", "chapter": "chapter", "book": "book", "report": "report",
             "press": "article-newspaper"}
BIBTEX_TYPES = {"article-journal": "article", "chapter": "incollection", "book": "book", "report": "techreport",
                "article-newspaper": "article"}
RIS_TYPES = {"article-journal": "JOUR", "chapter": "CHAP", "book": "BOOK", "report": "RPRT",
             "article-newspaper": "NEWS"}
SCHEMA_TYPES = {"article-journal": "ScholarlyArticle", "chapter": "ScholarlyArticle", "book": "Book",
                "report": "Report", "article-newspaper": "NewsArticle"}
MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
          "November", "Dezember"]


def join_title(title, subtitle):
    """ "Titel. Untertitel" as German references write it; no extra full stop after ? or !."""
    if not subtitle:
        return title
    return f"{title} {subtitle}" if title.endswith((".", "?", "!", ":")) else f"{title}. {subtitle}"


def _name(row):
    return {"family": row.family_name, "given": row.given_name} if row.given_name else {"literal": row.family_name}


def csl_item(pub, request=None):
    """The publication as a CSL-JSON item (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html)."""
    item = {"id": pub.slug, "type": CSL_TYPES.get(pub.publication_type, "article-journal"),
            "title": pub.full_title, "language": "de"}
    if pub.creators:
        item["author"] = [_name(row) for row in pub.creators]
    if pub.editors:
        item["editor"] = [_name(row) for row in pub.editors]
    date = pub.published_on
    item["issued"] = {"date-parts": [[date.year, date.month, date.day] if date else [pub.year]]}
    for key, value in (("container-title", pub.container_title), ("volume", pub.volume), ("issue", pub.issue),
                       ("page", pub.pages), ("collection-title", pub.series),
                       ("collection-number", pub.series_number), ("publisher", pub.publisher),
                       ("publisher-place", pub.place), ("DOI", pub.doi), ("ISBN", pub.isbn),
                       ("abstract", pub.abstract)):
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


def bibtex(pubs, request=None):
    entries, used = [], set()
    for item in _items(pubs, request):
        entry_type = BIBTEX_TYPES[item["type"]]
        date_parts = item["issued"]["date-parts"][0]
        fields = [("author", _bib_names(item.get("author", []))), ("editor", _bib_names(item.get("editor", []))),
                  ("title", _bib_escape(item["title"]))]
        container = _bib_escape(item.get("container-title", ""))
        fields.append(("booktitle" if entry_type == "incollection" else "journal", container))
        fields += [("year", str(date_parts[0])),
                   ("date", "-".join(f"{part:02d}" for part in date_parts) if len(date_parts) == 3 else ""),
                   ("volume", item.get("volume", "")), ("number", item.get("issue", "")),
                   ("pages", re.sub(r"\s*[-–]\s*", "--", item.get("page", "")))]
        series, series_number = _bib_escape(item.get("collection-title", "")), item.get("collection-number", "")
        publisher = _bib_escape(item.get("publisher", ""))
        if entry_type == "techreport":
            fields += [("type", series), ("number", series_number if not item.get("issue") else ""),
                       ("institution", publisher)]
        else:
            fields += [("series", series), ("publisher", publisher)]
            if series_number and not item.get("issue"):
                fields.append(("number", series_number))
        fields += [("address", _bib_escape(item.get("publisher-place", ""))), ("doi", item.get("DOI", "")),
                   ("isbn", item.get("ISBN", "")), ("url", item.get("URL", "")),
                   ("abstract", _bib_escape(item.get("abstract", ""))), ("language", "ngerman"),
                   ("pubstate", "forthcoming" if item.get("status") else "")]
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
        entries.append(f"@{entry_type}{{{_bib_key(item, used)},\n{body}\n}}\n")
    return "\n".join(entries)


# RIS ------------------------------------------------------------------------------------------------------------

def _ris_name(name):
    return name.get("literal") or f"{name['family']}, {name['given']}"


def ris(pubs, request=None):
    lines = []
    for item in _items(pubs, request):
        authors, editors = item.get("author", []), item.get("editor", [])
        ris_type = RIS_TYPES[item["type"]]
        if ris_type == "BOOK" and editors and not authors:
            ris_type, authors, editors = "EDBOOK", editors, []
        date_parts = item["issued"]["date-parts"][0]
        tags = [("TY", ris_type)]
        tags += [("AU", _ris_name(name)) for name in authors]
        tags += [("A2", _ris_name(name)) for name in editors]
        tags += [("TI", item["title"]), ("T2", item.get("container-title", "")),
                 ("T3", item.get("collection-title", "")), ("PY", str(date_parts[0]))]
        if len(date_parts) == 3:
            tags.append(("DA", "{:04d}/{:02d}/{:02d}/".format(*date_parts)))
        start, _, end = item.get("page", "").replace("–", "-").partition("-")
        tags += [("VL", item.get("volume") or item.get("collection-number", "")), ("IS", item.get("issue", "")),
                 ("SP", start.strip()), ("EP", end.strip()), ("PB", item.get("publisher", "")),
                 ("CY", item.get("publisher-place", "")), ("SN", item.get("ISBN", "")), ("DO", item.get("DOI", "")),
                 ("UR", item.get("URL", "")), ("AB", " ".join(item.get("abstract", "").split())), ("LA", "de"),
                 ("N1", "im Erscheinen" if item.get("status") else "")]
        lines += [f"{tag}  - {value}" for tag, value in tags if value]
        lines += ["ER  - ", ""]
    return "\r\n".join(lines)


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
    """An APA-like German reference, e.g. `Fischer, J. & Geene, R. (2019). <em>Titel</em>. Ort: Verlag.`"""
    parts = []
    authors, editors = item.get("author"), item.get("editor")
    kind = item["type"]
    date_parts = item["issued"]["date-parts"][0]
    if item.get("status"):
        when = "im Erscheinen"
    elif kind == "article-newspaper" and len(date_parts) == 3:
        when = f"{date_parts[0]}, {date_parts[2]}. {MONTHS[date_parts[1] - 1]}"
    else:
        when = str(date_parts[0])
    if authors:
        parts.append(escape(_apa_names(authors)))
    elif editors and kind == "book":
        parts.append(escape(_apa_names(editors)) + " (Hrsg.).")
    parts.append(f"({when}).")
    standalone = kind in ("book", "report") or (kind == "article-newspaper" and not item.get("container-title"))
    title = escape(_end(item["title"]))
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
        parts.append(title)
        container = escape(item.get("container-title", ""))
        if kind == "chapter":
            text = "In "
            if editors:
                text += escape(_apa_names(editors, initials_first=True)) + " (Hrsg.), "
            text += f"<em>{container}</em>" if container else ""
            if item.get("page"):
                text += escape(f" (S. {item['page']})")
            parts.append(text + ".")
        elif container:
            text = f"<em>{container}</em>"
            if item.get("volume"):
                text += f", <em>{escape(item['volume'])}</em>"
                if item.get("issue"):
                    text += f"({escape(item['issue'])})"
            elif item.get("issue"):
                text += escape(f", Heft {item['issue']}")
            if item.get("page"):
                text += escape(f", {item['page']}" if item.get("volume") else f", S. {item['page']}")
            parts.append(text + ".")
    if kind != "article-journal" and (item.get("publisher") or item.get("publisher-place")):
        place_publisher = ": ".join(value for value in (item.get("publisher-place"), item.get("publisher")) if value)
        parts.append(escape(_end(place_publisher)))
    if item.get("DOI"):
        parts.append(escape(f"https://doi.org/{item['DOI']}"))
    return mark_safe(" ".join(parts))


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
    container_tag = {"article-journal": "citation_journal_title", "article-newspaper": "citation_journal_title",
                     "chapter": "citation_inbook_title"}.get(item["type"])
    if container and container_tag:
        tags.append((container_tag, container))
    start, _, end = item.get("page", "").replace("–", "-").partition("-")
    tags += [("citation_volume", item.get("volume", "")), ("citation_issue", item.get("issue", "")),
             ("citation_firstpage", start.strip()), ("citation_lastpage", end.strip()),
             ("citation_publisher", item.get("publisher", "")), ("citation_isbn", item.get("ISBN", "")),
             ("citation_doi", item.get("DOI", "")), ("citation_series_title", item.get("collection-title", ""))]
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
    data = {"@type": "Person", "familyName": name["family"], "givenName": name["given"],
            "name": f"{name['given']} {name['family']}"}
    if person_url:
        data["url"] = person_url
    return data


def json_ld(pub, request):
    """schema.org data as a <script> element (core/metadata.py)."""
    item = pub.csl
    data = {"@context": "https://schema.org", "@type": SCHEMA_TYPES[item["type"]], "name": item["title"],
            "headline": Truncator(pub.title).chars(110), "url": pub.get_full_url(request), "inLanguage": "de",
            "datePublished": "-".join(f"{part:02d}" for part in item["issued"]["date-parts"][0]),
            "genre": pub.get_category_display()}

    def people(rows):
        return [_schema_person(_name(row), row.linked_person.get_full_url(request) if row.linked_person else None)
                for row in rows]

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
        data["encoding"] = {"@type": "MediaObject", "contentUrl": absolute_url(request, pub.pdf.url),
                            "encodingFormat": "application/pdf"}
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
