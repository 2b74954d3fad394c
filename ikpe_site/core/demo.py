"""Demo content of the core app, built from the seeds (the texts of today's ikpe-erfurt.de)."""

from wagtail.models import Page, Site

from .demo_tools import get_or_create_page, paragraphs, pdf_document, placeholder_image
from .models import HomePage, SiteSettings, StandardPage, TopicIndexPage, TopicPage
from .site_url import base_host_port

PLACEHOLDER = ("<p><strong>Platzhaltertext:</strong> Dieser Text ist ein Muster und muss vor dem Start der Website "
               "durch den geprüften Text des Instituts ersetzt werden.</p>")

TOPICS = [
    ("armutspraevention", "Armutsprävention",
     "Gemeinden, Landkreise und kreisfreie Städte stehen vor der Herausforderung, passgenaue Antworten und "
     "Strategien u.a. für die Bekämpfung von Armut, der Integration besonders gefährdeter Bevölkerungsgruppen, den "
     "Umgang mit Bildungsbenachteiligung und der Integration von Langzeitarbeitslosen zu entwickeln.",
     ["## Zum Thema",
      "Gemeinden, Landkreise und kreisfreie Städte stehen vor der Herausforderung, passgenaue Antworten und "
      "Strategien u.a. für die Bekämpfung von Armut, der Integration besonders gefährdeter Bevölkerungsgruppen, den "
      "Umgang mit Bildungsbenachteiligung und der Integration von Langzeitarbeitslosen zu entwickeln. "
      "Querschnittsthemen wie Armut können jedoch nicht mehr eindimensional betrachtet werden, sondern benötigen "
      "mehrdimensionale Lösungsstrategien.",
      "Finanziert durch den europäischen Sozialfonds im Rahmen der Armutspräventionsrichtlinie des Freistaates "
      "Thüringens, unterstützt das IKPE die Thüringer Ministerien, Landkreise und kreisfreien Städte bei der "
      "kritischen Reflexion bisheriger Planungs- und Lösungsansätze sowie bei der Fortentwicklung tragfähiger, "
      "individueller und aufeinander abgestimmter Konzepte zur Armutsprävention.",
      "## Unser Vorgehen",
      "Das IKPE begleitet Kommunen dabei, vorhandene Planungsansätze aus verschiedenen Fachbereichen aufeinander zu "
      "beziehen und ganzheitliche Strategien zu entwickeln. Als Berater, Initiator und Moderator begleitet das IKPE "
      "Kommunen dabei, Armutspräventionsstrategien, ausgehend von den empirisch belegbaren Bedarfen der Menschen vor "
      "Ort, in Kooperation mit allen relevanten Akteuren und politischen Vertreter/innen, zu entwickeln.",
      "<p>Das IKPE unterstützt die kommunalen Akteure insbesondere bei:</p><ol><li>Planung, Durchführung und "
      "Auswertung von Bedarfs- und Angebotsanalysen zur sozialen Infrastruktur,</li><li>Beratung und "
      "Strategieentwicklung u.a. zu dem Auf- und Ausbau von Planungsgrundlagen und -prozessen sowie "
      "Netzwerkarbeit,</li><li>Qualifizierung kommunaler Akteure in der Armutsprävention zum Ausbau von "
      "methodisch, strategisch und fachlichen Kenntnissen.</li></ol>"]),
    ("evaluationsforschung", "Evaluationsforschung",
     "Wir untersuchen, was kommunale Programme bewirken, und machen Ergebnisse für Planung und Steuerung nutzbar.", []),
    ("integrations-management-thilik", "Integrationsmanagement (ThILIK)",
     "Beratung, Begleitung, Vernetzung und Qualifizierung der Integrationsmanager*innen in Thüringer Landkreisen "
     "und kreisfreien Städten.", []),
    ("beteiligung", "Beteiligung",
     "Austausch- und Beteiligungsformate im Planungskontext: Bürger*innen, Träger und Verwaltung planen gemeinsam.",
     []),
    ("kommunale-bedarfsanalyse", "Kommunale Bedarfsanalyse",
     "Bedarfe der Bevölkerung anhand von Sozialindikatoren erkennen – auch jenseits der Statistik.", []),
    ("lokale-familienpolitik", "Lokale Familienpolitik",
     "Familienpolitische Ansätze als Ausgangspunkt für die Förderung lokaler Infrastruktur.", []),
    ("netzwerke", "Netzwerke",
     "Inter- und intrakommunale Netzwerkstrukturen stärken und Akteure miteinander verbinden.", []),
    ("public-governance", "Public Governance",
     "Steuerung und Planung in der Kommunalverwaltung im Zusammenspiel mit Politik und Zivilgesellschaft.", []),
    ("qualitaetsentwicklung", "Qualitätsentwicklung",
     "Qualitätsentwicklung des kommunalen Planungs- und Integrationsmanagements im fachlichen Austausch.", []),
    ("sozialraumorientierung", "Sozialraumorientierung",
     "Lebensbedingungen unterscheiden sich auch innerhalb einer Kommune: wir machen Sozialräume sichtbar.", []),
]

WORK_AREAS = [
    ("analyse-und-forschung", "Analyse und Forschung",
     "Individuelle Unterstützung für Kommunen bei der Analyse von Bedarfen anhand von Sozialindikatoren",
     ["## Unser Vorgehen",
      "Zahlreiche Lebenslagen der Bevölkerung hängen unmittelbar zusammen und können nicht isoliert voneinander "
      "betrachtet werden – Wir überprüfen Indikatoren zu den Lebenslagen der Bevölkerung daher auf mögliche "
      "Querverbindungen und machen ihre Zusammenhänge sichtbar.",
      "Problemlagen sind immer individuell zu betrachten. Dort wo die Indikatorenforschung an ihre Grenzen gerät, "
      "gehen wir einen Schritt weiter und erarbeiten Lösungen für Kommunen, spezifische Bedarfe innerhalb der "
      "Bevölkerung auch jenseits von Statistiken sichtbar zu machen.",
      "## Bedarfsanalyse",
      "Die vorhandenen Bedarfe innerhalb der Bevölkerung anhand von Indikatoren zu erfassen, stellt für Kommunen "
      "eine große Herausforderung dar. Nicht selten liegen sie verdeckt und bleiben auf den ersten Blick im "
      "Verborgenen. In diesen Fällen wird ein methodisch kontrolliertes und wissenschaftliches Vorgehen notwendig.",
      "Wir unterstützen Kommunen individuelle Bedarfe im Sozial- und Bildungsbereich sowie der Armutsprävention auf "
      "der Basis von Sozialindikatoren zu erkennen. Unsere Mitarbeiter*innen verfügen über einschlägige Erfahrungen "
      "und Expertisen im Bereich der quantitativen und qualitativen Sozialforschung.",
      "## Was analysieren wir?",
      "Keine Kommune gleicht der anderen. Aber auch innerhalb eines Landkreises oder einer kreisfreien Stadt können "
      "die Lebensbedingungen der Bevölkerung sehr stark variieren. Das Institut für kommunale Planung und "
      "Entwicklung e.V. hat es sich zur Aufgabe gemacht, Kommunen darin zu unterstützen, diese Unterschiede "
      "systematisch zu erfassen.",
      "Die thematischen Schwerpunkte sind dabei vielfältig und reichen von kommunaler Armutsforschung bis hin zur "
      "Auseinandersetzung mit kommunalspezifischen Bedarfen im Rahmen von Kinderschutz oder bei der Integration von "
      "Flüchtlingen."]),
    ("qualifizierung-und-weiterbildung", "Qualifizierung und Weiterbildung",
     "Wissenschaft und Praxis zu verbinden ist für uns nicht nur eine Theorie",
     ["Die Qualifizierung des Fachpersonals sowie die Stärkung von inter- und intrakommunalen Netzwerkstrukturen "
      "sind wichtige Bausteine der zielgenau an den Bedarfen der Kommunen angepassten Unterstützung durch das "
      "Institut. Wir bieten Fachtage, Werkstattgespräche und Arbeitskreise für Planer*innen an."]),
    ("strategieentwicklung", "Strategieentwicklung",
     "Entwicklung von effektiven und effizienten Strategien für jede neue Herausforderung in der kommunalen "
     "Daseinsvorsorge im sozialen Bereich",
     ["Die Landkreise und kreisfreien Städte werden bei der Fortentwicklung tragfähiger und individueller Konzepte "
      "von integrierten, das heißt bereichsübergreifenden, aufeinander bezogenen Planungsprozessen und in der "
      "Entwicklung von kurz-, mittel- und langfristigen Steuerungsmaßnahmen wissenschaftlich unterstützt."]),
]

ASSOCIATION_TEXT = [
    "Das Institut für kommunale Planung und Entwicklung e.V. ist ein gemeinnütziger Verein, dessen Zielsetzungen "
    "darin bestehen, sich für ein abgestimmtes Miteinander von kommunaler Planung und Entwicklung einzusetzen. Es "
    "entwickelte sich aus einer langjährigen Kooperation zwischen Vertreter*innen der Thüringer Kommunen, der "
    "Ministerien und der Wissenschaft.",
    "Wir erarbeiten praxisnahe Antworten auf sich verändernde Problemlagen in der Bevölkerung und den Umgang mit "
    "steigenden Effektivitätserwartungen in der Kommunalverwaltung.",
    "Unsere Angebote stehen für Qualität! Das Institut ist direkt an die Fachhochschule Erfurt angebunden. In unsere "
    "Arbeit fließen kontinuierlich aktuelle Erkenntnisse aus der Forschung ein. Mit Beschluss der Hochschulleitung "
    "vom 12. Februar 2020 wurde das IKPE als An-Institut der Fachhochschule Erfurt anerkannt.",
    "Wir bieten unabhängige und wissenschaftliche Unterstützungsangebote für Thüringer Gemeinden, Städte und "
    "Landkreise. Praxiszugänge werden in Kooperation mit politischen und fachlichen Akteuren geschaffen und mit "
    "wissenschaftlicher Begleitung weiterentwickelt.",
]


def load(ctx):
    """Build the site tree. `ctx` collects what later loaders need (home, topics, pages by slug)."""
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        # Wagtail's migrations create a placeholder "Welcome" page; the institute's home page replaces it.
        Page.objects.filter(depth=2, content_type__model="page").delete()
        root.refresh_from_db()
        home, _ = get_or_create_page(
            root, HomePage, "start",
            title="Startseite",
            intro="<p>Wir unterstützen Thüringer Gemeinden, Landkreise und kreisfreie Städte mit Analyse und "
                  "Forschung, Qualifizierung und Strategieentwicklung bei der Planung ihrer sozialen "
                  "Infrastruktur – unabhängig, wissenschaftlich fundiert und als An-Institut der Fachhochschule "
                  "Erfurt eng mit der Forschung verbunden.</p>",
            teaser="Das IKPE unterstützt Thüringer Kommunen bei der Sozialplanung: Armutsprävention, "
                   "Integrationsmanagement, Präventionsketten, Sozialstrukturatlas.",
            platform_title="Sozialplanungsplattform",
            platform_text="Für die vom IKPE betreuten Sozialplanerinnen und Sozialplaner der Programme ARM, LSZ "
                          "und ThILIK haben wir eine eigene Planungsplattform entwickelt und umgesetzt. Hier "
                          "arbeiten wir mit Gemeinden und Organisationen zusammen und planen gemeinsam kommende "
                          "Projekte.",
            platform_url="https://www.ikpe-erfurt.de/sozialplanungsplattform/",
            contact_text="Viele Wege führen zu uns. Ihre Ansprechpartner*innen in den laufenden Projekten "
                         "finden Sie in unserem Kontaktverzeichnis.",
        )
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    if site.root_page_id != home.pk:
        (site.hostname, site.port), site.site_name, site.root_page = base_host_port(), "IKPE", home
        site.save()
    ctx["home"], ctx["site"] = home, site

    work_areas, _ = get_or_create_page(
        home, StandardPage, "arbeitsbereiche", title="Arbeitsbereiche", show_in_menus=True,
        teaser="Analyse und Forschung, Qualifizierung und Weiterbildung, Strategieentwicklung.",
    )
    for slug, title, teaser, body in WORK_AREAS:
        get_or_create_page(work_areas, StandardPage, slug, title=title, teaser=teaser, body=paragraphs(*body),
                           listing_image=placeholder_image(f"Arbeitsbereich {title}", f"Grafik zum Arbeitsbereich "
                                                           f"{title}", text=title))

    topic_index, _ = get_or_create_page(
        home, TopicIndexPage, "themen", title="Unsere Themen", show_in_menus=True,
        intro="<p>Zehn Themen prägen unsere Arbeit mit den Thüringer Kommunen.</p>",
    )
    ctx["topics"] = {}
    for slug, title, teaser, body in TOPICS:
        ctx["topics"][slug], _ = get_or_create_page(topic_index, TopicPage, slug, title=title, teaser=teaser,
                                                    body=paragraphs(*body))

    statutes = pdf_document("Satzung IKPE 2014", [
        "Satzung des Instituts für kommunale Planung und Entwicklung e.V. (IKPE), Fassung 2014.",
        "Platzhalter der Demo-Inhalte: Die rechtsgültige Fassung stellt die Geschäftsstelle bereit.",
        "§ 1 Name, Sitz: Der Verein führt den Namen Institut für kommunale Planung und Entwicklung e.V.",
        "und hat seinen Sitz in Erfurt.",
        "§ 2 Zweck: Förderung von Wissenschaft und Forschung sowie der Bildung im Bereich der",
        "kommunalen Planung und Entwicklung.",
    ])
    association, _ = get_or_create_page(
        home, StandardPage, "verein", title="Der Verein", show_in_menus=True,
        teaser="Ein gemeinnütziger Verein für ein abgestimmtes Miteinander von kommunaler Planung und Entwicklung.",
        body=paragraphs(*ASSOCIATION_TEXT) + [("document", {"document": statutes, "title": "Satzung IKPE 2014"})],
    )
    ctx["association"] = association
    get_or_create_page(
        association, StandardPage, "satzung", title="Satzung",
        teaser="Die aktuelle Satzung des IKPE zum Herunterladen.",
        body=paragraphs("Die aktuelle Satzung des Instituts finden Sie hier zum Download.")
        + [("document", {"document": statutes, "title": "Satzung IKPE 2014"})],
    )

    legal = {}
    legal["imprint"], _ = get_or_create_page(
        home, StandardPage, "impressum", title="Impressum",
        body=paragraphs(PLACEHOLDER, "## Angaben gemäß § 5 DDG",
                        "<p>Institut für kommunale Planung und Entwicklung e.V.<br>Anger 10<br>99084 Erfurt</p>",
                        "Vertreten durch den Vorstand. Eingetragen im Vereinsregister (Angaben folgen).",
                        "## Verantwortlich für den Inhalt", "Prof. Dr. Jörg Fischer, Anschrift wie oben."),
    )
    legal["privacy"], _ = get_or_create_page(
        home, StandardPage, "datenschutz", title="Datenschutz",
        body=paragraphs(PLACEHOLDER, "## Was diese Website speichert",
                        "Diese Website setzt für Besucher*innen keine Cookies und lädt keine Inhalte von anderen "
                        "Servern. Schriften, Bilder und Programme liefern wir selbst aus.",
                        "## Videos",
                        "Videos von YouTube oder Vimeo werden erst geladen, wenn Sie das ausdrücklich anklicken. "
                        "Erst dann werden Daten an den jeweiligen Anbieter übertragen.",
                        "## Server-Protokolle",
                        "Beim Aufruf speichert der Server technisch notwendige Daten (Adresse, Zeitpunkt, "
                        "aufgerufene Seite) für höchstens sieben Tage, um Angriffe abwehren zu können."),
    )
    legal["accessibility"], _ = get_or_create_page(
        home, StandardPage, "barrierefreiheit", title="Barrierefreiheit",
        body=paragraphs(PLACEHOLDER, "## Erklärung zur Barrierefreiheit",
                        "Wir bemühen uns, unsere Website im Einklang mit der Barrierefreie-Informationstechnik-"
                        "Verordnung (BITV 2.0) und den WCAG 2.1 auf Stufe AA barrierefrei zugänglich zu machen.",
                        "## Stand der Vereinbarkeit",
                        "Jede Seitenart wird bei jeder Änderung automatisch mit axe-core geprüft. Bekannte Mängel "
                        "werden hier aufgeführt.",
                        "## Feedback und Kontakt",
                        "Sind Ihnen Mängel aufgefallen? Schreiben Sie uns an die im Impressum genannte Anschrift."),
    )
    legal["plain_language"], _ = get_or_create_page(
        home, StandardPage, "leichte-sprache", title="Leichte Sprache",
        teaser="Hier erklären wir in Leichter Sprache, was das IKPE macht.",
        body=paragraphs("## Wer sind wir?",
                        "Wir sind das IKPE. IKPE ist eine Abkürzung. Sie steht für: Institut für kommunale Planung "
                        "und Entwicklung.",
                        "Wir sind ein Verein in Erfurt. Wir arbeiten mit der Fach·hoch·schule Erfurt zusammen.",
                        "## Was machen wir?",
                        "Wir helfen Städten und Land·kreisen in Thüringen. Sie wollen gut für ihre Menschen planen. "
                        "Zum Beispiel: Wie kann man Armut verhindern? Wie können neue Menschen gut ankommen?",
                        "Wir sammeln dafür Zahlen. Wir reden mit vielen Menschen. Wir geben Tipps.",
                        "## Was finden Sie auf dieser Internet·seite?",
                        "<ul><li>Neuigkeiten vom IKPE</li><li>Unsere Projekte</li><li>Unsere Bücher und Texte</li>"
                        "<li>Termine</li><li>Menschen, die Sie anrufen können</li></ul>",
                        "## So erreichen Sie uns",
                        "<p>IKPE<br>Anger 10<br>99084 Erfurt</p>"),
    )
    ctx["legal"] = legal

    if not home.work_areas_page_id:
        home.work_areas_page = work_areas
        home.save_revision().publish()

    settings = SiteSettings.for_site(site)
    if settings.imprint_page_id is None:
        settings.imprint_page = legal["imprint"]
        settings.privacy_page = legal["privacy"]
        settings.accessibility_page = legal["accessibility"]
        settings.plain_language_page = legal["plain_language"]
        settings.save()
    return ctx


MENU_ORDER = ["aktuelles", "projekte", "themen", "publikationen", "termine", "mein-landkreis", "arbeitsbereiche",
              "team", "verein", "kontakt"]


def order_menu(ctx):
    """Put the home page's children into the order of the main menu (runs after every app's loader)."""
    home = ctx["home"]
    children = list(home.get_children().order_by("path"))
    ranked = sorted(children, key=lambda page: (MENU_ORDER.index(page.slug) if page.slug in MENU_ORDER
                                                else len(MENU_ORDER), page.path))
    if [page.pk for page in ranked] == [page.pk for page in children]:
        return
    for page in ranked:
        page.refresh_from_db()
        page.move(home, pos="last-child")
