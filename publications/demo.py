"""Demo content of the publications app: every work the seeds name, with authors linked to the people pages.

Runs after the people and projects loaders; people or projects they did not create are simply not linked.
Where the seeds give only a month, the date is the first of that month; where they give no title, see the comments.
"""

import datetime

from ikpe_site.core.demo_tools import get_or_create_page, paragraphs, pdf_document, placeholder_image

from .models import Category, PublicationAuthor, PublicationIndexPage, PublicationPage, PublicationReview, Status
from .models import PublicationType as Type

IKPE = "Institut für kommunale Planung und Entwicklung e.V. (IKPE)"
KIM_SERIES = "Kommunales Integrationsmanagement in Thüringen"
PDF_NOTE = "Platzhalter der Demo-Inhalte: Die vollständige Fassung stellt das IKPE bereit."

# Author rows: (family name, given name, person slug or None, role). Role "editor" marks editors.
FISCHER = ("Fischer", "Jörg", "joerg-fischer", "author")
HILSE = ("Hilse-Carstensen", "Theresa", "theresa-hilse-carstensen", "author")
HUBER = ("Huber", "Stefan", "stefan-huber", "author")
KRETZSCHMAR = ("Kretzschmar", "Jens", "jens-kretzschmar", "author")


def editor(row):
    return (*row[:3], "editor")


PUBLICATIONS = [
    {
        "slug": "handbuch-kommunale-planung-und-steuerung",
        "title": "Handbuch zur kommunalen Planung und Steuerung",
        "category": Category.BOOKS, "publication_type": Type.BOOK, "year": 2022,  # "im Herbst 2022": no day known
        # The seeds name no editors; the photo caption "Zur Veröffentlichung des Handbuches im Herbst 2022:
        # Prof. Dr. Jörg Fischer, Dr. Theresa Hilse-Carstensen und Dr. Stefan Huber" suggests them (inferred).
        "authors": [editor(FISCHER), editor(HILSE), editor(HUBER)],
        "teaser": "Das Handbuch zur kommunalen Planung und Steuerung erschien im Herbst 2022 und wurde auf "
                  "socialnet.de rezensiert.",
        "abstract": "Das Handbuch gliedert sich in zwei Teile: „Steuerung und Planung verstehen – Begriffe, Konzepte, "
                    "Zugänge“ und „Planung und Gestaltung gemeinsam denken“.\n\nDiskussionen und Reflexionen der "
                    "Herausgeber*innen werfen einen Blick in die Zukunft und zeigen Möglichkeiten für eine "
                    "nachhaltige und effektive kommunale Daseinsvorsorge auf.",
        "quote": ("Das Handbuch zur kommunalen Planung und Steuerung stellt ein empfehlenswertes Instrument dar, um "
                  "ein umfassendes Verständnis für die Planung und Steuerung auf lokaler Ebene zu erlangen und die "
                  "Entwicklung innovativer Ansätze zu fördern.",
                  "Prof. Dr. Christian Schröder (HTW Saar) in seiner Rezension auf socialnet.de"),
        # The seeds link the review without its address; the generic review portal stands in (no invented ID).
        "reviews": [("Rezension von Prof. Dr. Christian Schröder auf socialnet.de",
                     "https://www.socialnet.de/rezensionen/")],
        "topics": ["public-governance", "kommunale-bedarfsanalyse"],
        "cover": True,
    },
    {
        # The seeds give the first issue no own title: it appeared under the name of the series it opened.
        "slug": "kommunales-integrationsmanagement-in-thueringen-1",
        "title": "Kommunales Integrationsmanagement in Thüringen",
        "category": Category.REPORTS, "publication_type": Type.REPORT, "year": 2019,
        "series": KIM_SERIES, "series_number": "1",
        "authors": [(IKPE, "", None, "author")],
        "teaser": "Wie kann Integration vor Ort gelingen? Die erste Publikation der Reihe beschreibt Hintergründe, "
                  "Rolle und Aufgabenfelder der Integrationsmanager*innen in Thüringen.",
        "abstract": "In den Städten und Gemeinden finden die alltäglichen Begegnungen von alteingesessenen und "
                    "zugewanderten Menschen statt. Die lokale Ebene ist demnach der Ort, an dem die Chancen und "
                    "Erfolge gelungener Integration oder auch Barrieren und Folgen einer misslungenen Integration von "
                    "Zugewanderten unmittelbar spürbar werden.\n\n"
                    "Die Publikation beantwortet folgende Fragen: Wie hat sich das Handlungsfeld „Migration und "
                    "Integration“ in Thüringen in den vergangenen Jahren entwickelt? Welche Maßnahmen hat die "
                    "Landesregierung ergriffen, um den Wandel aktiv zu gestalten, und welche Rolle spielen dabei die "
                    "Kommunen? Was können die Thüringer Landkreise und kreisfreien Städte konkret dazu beitragen, "
                    "damit die Integration vor Ort gelingt?\n\n"
                    "Dafür wurde auf die Erfahrungen aus der langjährigen Beratung, Begleitung, Vernetzung und "
                    "Qualifizierung von 15 Integrationsmanager*innen zurückgegriffen, die über das Programm "
                    "„Thüringer Initiative für lokales Integrationsmanagement in den Kommunen“ (ThILIK) finanziert "
                    "werden. Diese erste Publikation bildet den Auftakt der Reihe „Kommunales Integrationsmanagement "
                    "in Thüringen“.",
        "topics": ["integrations-management-thilik"],
        "projects": ["thilik"],
    },
    {
        "slug": "innovative-steuerungsstrukturen-lokale-integrationspolitik",
        "title": "Innovative Steuerungsstrukturen und Erfolgsbeispiele der lokalen Integrationspolitik in Landkreisen "
                 "und kreisfreien Städten Thüringens",
        "category": Category.REPORTS, "publication_type": Type.REPORT, "year": 2019,
        "series": KIM_SERIES, "series_number": "2",
        "authors": [(IKPE, "", None, "author")],
        "teaser": "Die zweite Publikation der Reihe zeigt die Wirkungen und Erfolge des Programms ThILIK vor Ort.",
        "abstract": "Diese Publikation des IKPE aus der Reihe „Kommunales Integrationsmanagement in Thüringen“ "
                    "fokussiert auf die Wirkungen und Erfolge des Programmes ThILIK vor Ort und ergänzt so die erste "
                    "Publikation, die sich mit den Hintergründen und der Rolle und den Aufgabenfeldern der "
                    "Integrationsmanager*innen beschäftigt.\n\n"
                    "Im ersten Teil wird der innovative Charakter von ThILIK vorgestellt: Welche Steuerungsstrukturen "
                    "wurden geschaffen und/oder weiterentwickelt, um Integration von (Neu-)Zugewanderten vor Ort "
                    "effektiv und effizient gestalten zu können? Im zweiten Teil wird eine breit gefächerte Sammlung "
                    "an Erfolgsgeschichten der Integrationsmanager*innen vorgestellt. Der abschließende Teil widmet "
                    "sich der Frage, welche Herausforderungen und Aufgaben in der zukünftigen Förderphase 2020 von "
                    "zentraler Bedeutung sind.",
        "topics": ["integrations-management-thilik", "qualitaetsentwicklung"],
        "projects": ["thilik"],
    },
    {
        "slug": "gelingensbedingungen-kooperation-jugendhilfe-gesundheitswesen",
        "title": "Gelingensbedingungen der Kooperation von Kinder- und Jugendhilfe und Gesundheitswesen",
        "subtitle": "Handlungsansätze und Herausforderungen im Kontext kommunaler Präventionsketten",
        "category": Category.REPORTS, "publication_type": Type.REPORT, "year": 2019,
        "published_on": datetime.date(2019, 6, 1),  # the seeds say "06/2019"
        "authors": [FISCHER, ("Geene", "Raimund", None, "author")],
        "teaser": "Studie von Prof. Dr. Jörg Fischer (IKPE/FH Erfurt) und Prof. Dr. Raimund Geene (Berlin School of "
                  "Public Health) zu kommunalen Präventionsketten.",
        "abstract": "Die ausführliche Studie von Prof. Dr. Jörg Fischer (IKPE/FH Erfurt) und Prof. Dr. Raimund Geene "
                    "(Berlin School of Public Health) zu Handlungsansätzen und Herausforderungen der Kooperation von "
                    "Kinder- und Jugendhilfe und Gesundheitswesen im Kontext kommunaler Präventionsketten. Eine "
                    "Kurzfassung ist als „Impuls“ erschienen.",
        "pdf": ("Studie: Gelingensbedingungen der Kooperation von Kinder- und Jugendhilfe und Gesundheitswesen", [
            "Jörg Fischer, Raimund Geene (2019)",
            "Handlungsansätze und Herausforderungen im Kontext kommunaler Präventionsketten.",
            PDF_NOTE]),
        "topics": ["armutspraevention", "netzwerke"],
        "projects": ["praeventionsketten"],
    },
    {
        "slug": "gelingensbedingungen-kooperation-impuls",
        "title": "Gelingensbedingungen der Kooperation von Kinder- und Jugendhilfe und Gesundheitswesen",
        "subtitle": "Impuls – Kurzfassung",
        "category": Category.REPORTS, "publication_type": Type.REPORT, "year": 2019,
        "published_on": datetime.date(2019, 6, 1),  # the seeds say "06/2019"
        "authors": [FISCHER, ("Geene", "Raimund", None, "author")],
        "teaser": "Die Kurzfassung („Impuls“) der Studie von Jörg Fischer und Raimund Geene.",
        "abstract": "Die Kurzfassung („Impuls“) der Studie „Gelingensbedingungen der Kooperation von Kinder- und "
                    "Jugendhilfe und Gesundheitswesen. Handlungsansätze und Herausforderungen im Kontext kommunaler "
                    "Präventionsketten“.",
        "pdf": ("Impuls: Gelingensbedingungen der Kooperation (Kurzfassung)", [
            "Jörg Fischer, Raimund Geene (2019) – Kurzfassung der Studie.", PDF_NOTE]),
        "topics": ["armutspraevention", "netzwerke"],
        "projects": ["praeventionsketten"],
    },
    {
        "slug": "familienpolitische-ansaetze-laendliche-raeume",
        "title": "Familienpolitische Ansätze zur Förderung lokaler Infrastruktur in ländlichen Räumen",
        "category": Category.ARTICLES, "publication_type": Type.ARTICLE, "year": 2019,  # "Ende 2019", Heft 4/2019
        "container_title": "Archiv für Wissenschaft und Praxis der sozialen Arbeit", "issue": "4",
        "authors": [FISCHER, HILSE],
        "teaser": "Beitrag von Jörg Fischer und Theresa Hilse-Carstensen im Themenheft „Gesellschaftliche Teilhabe "
                  "in ländlichen Räumen“.",
        "abstract": "Der Beitrag ist Ende 2019 im vierten Themenheft des Archivs für Wissenschaft und Praxis der "
                    "sozialen Arbeit erschienen, herausgegeben im Auftrag des Deutschen Vereins für öffentliche und "
                    "private Fürsorge e.V.\n\n"
                    "Bezugnehmend auf das Titelthema „Gesellschaftliche Teilhabe in ländlichen Räumen“ und das "
                    "Thüringer Landesprogramm „Solidarisches Zusammenleben der Generationen“ legen Jörg Fischer und "
                    "Theresa Hilse-Carstensen den Schwerpunkt ihres Beitrags auf familienpolitische Ansätze als "
                    "möglichen Ausgangspunkt für die Förderung lokaler Infrastruktur.",
        "quote": ("Die Ursachen für die derzeit hohe Dynamik und zunehmende Bedeutung familienpolitischer Ansätze "
                  "liegen nicht nur im Ausbau und in der Fortentwicklung bestehender Angebote, sondern auch in einem "
                  "neuen Verständnis von Familie und Familienpolitik begründet. In diesem neuen Verständnis werden "
                  "räumlich-planerische Aspekte und die Bedarfe von Familien zusammen in den Blick genommen.",
                  "Fischer/Hilse-Carstensen 2019, S. 26"),
        "topics": ["lokale-familienpolitik"],
        "projects": ["lsz"],
    },
    {
        # The seeds name the subject, not the exact title of the article.
        "slug": "postwachstum-und-sozialplanung",
        "title": "Postwachstum und Sozialplanung",
        "category": Category.ARTICLES, "publication_type": Type.ARTICLE, "year": 2020,  # Heft 2/2020
        "container_title": "Blätter der Wohlfahrtspflege", "issue": "2",
        "authors": [KRETZSCHMAR, HILSE],
        "announced_first": True,
        "teaser": "Artikel von Jens Kretzschmar und Dr. Theresa Hilse-Carstensen im Themenheft „Soziale und "
                  "ökologische Transformation“.",
        "abstract": "Im Themenheft „Soziale und ökologische Transformation“ der Blätter der Wohlfahrtspflege "
                    "(Heft 2/2020) erscheint ein Artikel über Postwachstum und Sozialplanung von Jens Kretzschmar und "
                    "Dr. Theresa Hilse-Carstensen.\n\n"
                    "Der Beitrag geht zurück auf eine Podiumsdiskussion mit Thüringer Sozialplaner*innen sowie einer "
                    "Wissenschaftlerin der Universität Jena beim 2. Regionalkongress der Deutschen Gesellschaft für "
                    "Soziologie in Jena im September 2019.",
        "topics": ["public-governance", "beteiligung"],
    },
    {
        "slug": "zweiter-thueringer-sozialstrukturatlas",
        "title": "Zweiter Thüringer Sozialstrukturatlas",
        "category": Category.REPORTS, "publication_type": Type.REPORT, "year": 2019,  # Fachtag on 9 September 2019
        "authors": [(IKPE, "", None, "author")],
        "teaser": "Zahlen, Daten und Fakten zu den Lebenslagen in Thüringen, mit Blick auf Armut, Bildung und "
                  "Armutsprävention.",
        "abstract": "Der Zweite Thüringer Sozialstrukturatlas wurde vom IKPE verfasst. Projektleiter Prof. Dr. Marcel "
                    "Helbig stellte die Ergebnisse des ersten Teils am 9. September 2019 auf einem Fachtag vor.\n\n"
                    "Zahlen, Daten und Fakten aus dem Atlas mit der Fokussierung auf Armut und Armutsprävention sowie "
                    "die Erkenntnisse zu Bildung und Armut sind seither Grundlage von Arbeitskreisen, Vorträgen und "
                    "der kommunalen Armutspräventionsstrategien.",
        "topics": ["kommunale-bedarfsanalyse", "sozialraumorientierung", "armutspraevention"],
        "projects": ["sozialstrukturatlas"],
    },
    {
        "slug": "helbig-wo-findet-integration-statt",
        "title": "Wo findet ‘Integration’ statt?",
        "subtitle": "Die sozialräumliche Verteilung von Zuwanderern in den deutschen Städten zwischen 2014 und 2017",
        "category": Category.REPORTS, "publication_type": Type.REPORT, "year": 2019,
        "published_on": datetime.date(2019, 6, 1),  # the seeds say "06/2019"
        "series": "WZB Discussion Paper",
        "publisher": "Wissenschaftszentrum Berlin für Sozialforschung", "place": "Berlin",
        "authors": [("Helbig", "Marcel", None, "author")],
        "teaser": "Eine Studie von Prof. Dr. Marcel Helbig, Kooperationspartner im Sozialstrukturatlas, zur "
                  "sozialräumlichen Verteilung der Zuwanderung in Deutschland.",
        "abstract": "Professor Marcel Helbig, Kooperationspartner des IKPE im Sozialstrukturatlas, hat eine Studie zur "
                    "sozialräumlichen Verteilung der Zuwanderung in deutschen Städten zwischen 2014 und 2017 "
                    "veröffentlicht.",
        "pdf": ("WZB Discussion Paper: Wo findet ‘Integration’ statt? (Helbig 2019)", [
            "Marcel Helbig (2019): Die sozialräumliche Verteilung von Zuwanderern in den deutschen Städten",
            "zwischen 2014 und 2017. WZB Discussion Paper.", PDF_NOTE]),
        "topics": ["sozialraumorientierung", "integrations-management-thilik"],
    },
    {
        "slug": "praeventionsketten-positive-bilanz",
        "title": "Programm „Thüringer Präventionsketten“ zieht positive Bilanz nach einem Jahr",
        "category": Category.PRESS, "publication_type": Type.PRESS, "year": 2023,
        "published_on": datetime.date(2023, 9, 8),
        "authors": [("Thüringer Ministerium für Arbeit, Soziales, Gesundheit, Frauen und Familie", "", None, "author")],
        "teaser": "Pressemitteilung des Thüringer Sozialministeriums zum ersten Jahr des Programms, das das IKPE im "
                  "Auftrag der Auridis Stiftung begleitet.",
        "abstract": "Mit dem Programm „Thüringer Präventionsketten“ unterstützt das Institut für kommunale Planung und "
                    "Entwicklung (IKPE), An-Institut Fachhochschule Erfurt, im Auftrag der Auridis Stiftung "
                    "Landkreise und kreisfreie Städte dabei, ganzheitliche und passgenaue Präventionskonzepte für "
                    "Kinder und ihre Familien zu entwickeln. Hierbei geht es insbesondere um das Kindeswohl im Alter "
                    "von null bis zehn Jahren.",
        "topics": ["armutspraevention", "netzwerke"],
        "projects": ["praeventionsketten"],
    },
]


def load(ctx):
    home, topics = ctx["home"], ctx["topics"]
    people, projects = ctx.get("people", {}), ctx.get("projects", {})
    index, _ = get_or_create_page(
        home, PublicationIndexPage, "publikationen", title="Publikationen", show_in_menus=True,
        teaser="Beiträge in Zeitschriften und Sammelwerken, Forschungsarbeiten und Berichte, Monographien und "
               "Herausgeberschaften – und das IKPE in der Presse.",
        intro="<p>Unsere Ergebnisse zum Nachlesen, Zitieren und Herunterladen: Beiträge in Zeitschriften und "
              "Sammelwerken, Forschungsarbeiten und Berichte, Monographien und Herausgeberschaften sowie Berichte "
              "über das IKPE in der Presse.</p>",
    )
    ctx["publications_index"] = index
    ctx["publications"] = {}
    for data in PUBLICATIONS:
        ctx["publications"][data["slug"]] = _publication(index, data, topics, people, projects)
    return ctx


def _publication(index, data, topics, people, projects):
    data = dict(data)
    slug, authors = data.pop("slug"), data.pop("authors")
    reviews, quote = data.pop("reviews", []), data.pop("quote", None)
    topic_slugs, project_slugs = data.pop("topics", []), data.pop("projects", [])
    announced_first, cover, pdf = data.pop("announced_first", False), data.pop("cover", False), data.pop("pdf", None)
    body = []
    if cover:
        data["cover_image"] = placeholder_image(
            f"Umschlag {data['title']}", f"Platzhalter für den Umschlag des Buches „{data['title']}“",
            credit="Grafik: IKPE (Platzhalter)", text="Handbuch", size=(600, 850))
        photo = placeholder_image(
            "Foto: Herausgeber*innen des Handbuchs", "Platzhalter für ein Foto von drei Personen mit dem Handbuch",
            credit="Foto: IKPE/Archiv", text="Foto")
        body.append(("image", {"image": photo, "caption": "Zur Veröffentlichung des Handbuches im Herbst 2022 "
                                                          "(v.l.n.r.): Prof. Dr. Jörg Fischer, Dr. Theresa "
                                                          "Hilse-Carstensen und Dr. Stefan Huber."}))
    if quote:
        body.append(("quote", {"quote": quote[0], "attribution": quote[1]}))
    if pdf:
        data["pdf"] = pdf_document(*pdf)
    page, created = get_or_create_page(
        index, PublicationPage, slug,
        status=Status.ANNOUNCED if announced_first else Status.PUBLISHED,
        body=body or paragraphs(),
        authors=[PublicationAuthor(family_name=family, given_name=given, person=people.get(person), role=role,
                                   sort_order=number)
                 for number, (family, given, person, role) in enumerate(authors)],
        reviews=[PublicationReview(title=title, url=url, sort_order=number)
                 for number, (title, url) in enumerate(reviews)],
        topics=[topics[key] for key in topic_slugs if key in topics],
        projects=[projects[key] for key in project_slugs if key in projects],
        **data,
    )
    if created and announced_first:
        # The seeds first announce the article ("erscheint"), later it appeared: the same record changes status,
        # and the page history shows both revisions.
        page.status = Status.PUBLISHED
        page.save_revision().publish()
    return page
