"""Demo content of the projects app: the programmes, clients and funders of the seeds.

Periods, leads, teams and districts are those of the seeds (topic page "Armutsprävention", the contact section's
responsibilities, the press release of 13.09.2023 and the report of 08.09.2023). Where the seeds give only a year or
a month, the start is the first day of it and the end the last day; where they give no period, it stays empty.
The districts themselves are data (migration 0003), not demo content.
"""

import datetime

from ikpe_site.core.demo_tools import get_or_create_page, paragraphs, placeholder_image
from ikpe_site.core.models import StandardPage

from .models import District, DistrictIndexPage, Funder, ProjectIndexPage, ProjectMembership, ProjectPage

TMASGFF = "Thüringer Ministerium für Arbeit, Soziales, Gesundheit, Frauen und Familie"
AURIDIS = "Auridis Stiftung"
ESF_PLUS = "Europäischer Sozialfonds Plus (ESF Plus)"

# name, website, client? The clients in the order of the seeds' "Unsere Auftraggeber", then the funders.
FUNDERS = [
    (TMASGFF, "https://www.tmasgff.de/", True),
    ("Ministerium für Arbeit, Soziales und Integration Sachsen-Anhalt", "https://ms.sachsen-anhalt.de/", True),
    ("Landesverwaltungsamt Sachsen-Anhalt – Landesjugendamt", "https://lvwa.sachsen-anhalt.de/", True),
    ("Bertelsmann Stiftung", "https://www.bertelsmann-stiftung.de/", True),
    ("Wübben Stiftung gGmbH", "https://www.wuebben-stiftung.de/", True),
    ("Forschungsinstitut für gesellschaftliche Weiterentwicklung e. V. (FGW)", "", True),
    ("Emschergenossenschaft und Lippeverband", "https://www.eglv.de/", True),
    ("Landesjugendring Thüringen e.V.", "https://www.ljr-thueringen.de/", True),
    ("Boxverein Weimar e. V.", "", True),
    ("Landkreis Göttingen", "https://www.landkreisgoettingen.de/", True),
    ("Stadt Dessau-Roßlau", "https://www.dessau.de/", True),
    # "im Auftrag der Auridis Stiftung" (report of 08.09.2023): a client as well.
    (AURIDIS, "https://www.auridis.de/", True),
    (ESF_PLUS, "https://www.esf.de/", False),
]

ARM_DISTRICTS = ["altenburger-land", "eichsfeld", "eisenach", "ilm-kreis", "jena", "kyffhaeuserkreis", "nordhausen",
                 "saale-holzland-kreis", "saale-orla-kreis", "saalfeld-rudolstadt", "schmalkalden-meiningen",
                 "soemmerda", "unstrut-hainich-kreis", "wartburgkreis", "weimar"]
PREVENTION_DISTRICTS = ["jena", "saale-orla-kreis", "schmalkalden-meiningen", "soemmerda", "wartburgkreis"]

PROCESS = "Prozessbegleitung"

# key (= slug), fields, topics, districts, funders, team as (person slug, role, lead), contact person slug
PROJECTS = [
    ("arm", {
        "title": "Unterstützung kommunaler Planungsstrukturen in der Armutsprävention",
        "short_name": "ARM",
        "full_title": "Prozessbegleitung der Planungskoordinator*innen im Rahmen der Armutspräventionsrichtlinie "
                      "des ESF",
        "start_date": datetime.date(2015, 1, 1), "end_date": datetime.date(2020, 12, 31),  # "Laufzeit: 2015 – 2020"
        "districts_confirmed_on": datetime.date(2019, 4, 1),  # "Stand April 2019"
        "teaser": "Prozessbegleitung der Planungskoordinator*innen in 15 Thüringer Landkreisen und kreisfreien Städten "
                  "im Rahmen der Armutspräventionsrichtlinie des Europäischen Sozialfonds.",
        "body": paragraphs(
            "Finanziert durch den europäischen Sozialfonds im Rahmen der Armutspräventionsrichtlinie des Freistaates "
            "Thüringens, unterstützt das IKPE die Thüringer Ministerien, Landkreise und kreisfreien Städte bei der "
            "kritischen Reflexion bisheriger Planungs- und Lösungsansätze sowie bei der Fortentwicklung tragfähiger, "
            "individueller und aufeinander abgestimmter Konzepte zur Armutsprävention.",
            "## Unser Vorgehen",
            "Das IKPE begleitet Kommunen dabei, vorhandene Planungsansätze aus verschiedenen Fachbereichen aufeinander "
            "zu beziehen und ganzheitliche Strategien zu entwickeln. Als Berater, Initiator und Moderator begleitet "
            "das IKPE Kommunen dabei, Armutspräventionsstrategien, ausgehend von den empirisch belegbaren Bedarfen der "
            "Menschen vor Ort, in Kooperation mit allen relevanten Akteuren und politischen Vertreter/innen, zu "
            "entwickeln.",
            "Dazu werden in den drei Bereichen „Bedarfs- und Angebotsanalyse“, „Beratung und Strategieentwicklung“ und "
            "„Qualifizierung“ kommunale Akteure bei fachlichen und methodischen Fragen und bei der Entwicklung einer "
            "vernetzten und abgestimmten sozialen Planung angeleitet und begleitet.",
            "<p>Das IKPE unterstützt die kommunalen Akteure insbesondere bei:</p><ol><li>Planung, Durchführung und "
            "Auswertung von Bedarfs- und Angebotsanalysen zur sozialen Infrastruktur,</li><li>Beratung und "
            "Strategieentwicklung u.a. zu dem Auf- und Ausbau von Planungsgrundlagen und -prozessen sowie "
            "Netzwerkarbeit,</li><li>Qualifizierung kommunaler Akteure in der Armutsprävention zum Ausbau von "
            "methodisch, strategisch und fachlichen Kenntnissen.</li></ol>",
        ),
    }, ["armutspraevention", "kommunale-bedarfsanalyse", "netzwerke"], ARM_DISTRICTS, [TMASGFF],
        [("stefan-huber", "Projektleitung und Prozessbegleitung", True), ("katrin-bauer", PROCESS, False),
         ("laurence-frank", PROCESS, False), ("theresa-hilse-carstensen", PROCESS, False),
         ("jens-kretzschmar", PROCESS, False)], "stefan-huber"),
    ("lsz", {
        "title": "Landesprogramm Solidarisches Zusammenleben der Generationen",
        "short_name": "LSZ",
        "full_title": "Prozessbegleitung im Landesprogramm Solidarisches Zusammenleben der Generationen (LSZ)",
        "teaser": "Das IKPE begleitet die Thüringer Landkreise und kreisfreien Städte im Landesprogramm "
                  "„Solidarisches Zusammenleben der Generationen“.",
        "body": paragraphs(
            "Im Landesprogramm „Solidarisches Zusammenleben der Generationen“ (LSZ) übernimmt das IKPE die "
            "Prozessbegleitung der kommunalen Sozialplanerinnen und Sozialplaner. Für sie hat das Institut – wie für "
            "die Programme ARM und ThILIK – eine eigene Planungsplattform entwickelt.",
            "Beim Arbeitskreis Sozialplanung des Thüringer Ministeriums für Arbeit, Soziales, Gesundheit, Frauen und "
            "Familie in Kooperation mit dem IKPE am 09.03.2020 wurde unter anderem über aktuelle Entwicklungen zum "
            "LSZ informiert.",
        ),
    }, ["lokale-familienpolitik", "beteiligung", "sozialraumorientierung"], [], [TMASGFF],
        [("theresa-hilse-carstensen", "Projektleitung und Prozessbegleitung", True), ("katrin-bauer", PROCESS, False),
         ("laurence-frank", PROCESS, False), ("jens-kretzschmar", PROCESS, False)], "theresa-hilse-carstensen"),
    ("thilik", {
        "title": "Thüringer Initiative für lokales Integrationsmanagement in den Kommunen",
        "short_name": "ThILIK",
        "teaser": "Beratung, Begleitung, Vernetzung und Qualifizierung von 15 Integrationsmanager*innen in "
                  "Thüringer Landkreisen und kreisfreien Städten.",
        "body": paragraphs(
            "Über das Programm „Thüringer Initiative für lokales Integrationsmanagement in den Kommunen“ (ThILIK) "
            "werden Integrationsmanager*innen in den Landkreisen und kreisfreien Städten Thüringens finanziert. Das "
            "IKPE berät, begleitet, vernetzt und qualifiziert 15 von ihnen.",
            "## Arbeitskreis „Kommunales Integrationsmanagement in Thüringen“",
            "Der Arbeitskreis wurde Anfang 2019 als interkommunale und ebenenübergreifende Austauschplattform zur "
            "Qualitätsentwicklung des kommunalen Integrationsmanagements etabliert. Hier treffen sich quartalsweise "
            "die Integrationsmanager*innen aus den Thüringer Landkreisen und kreisfreien Städten und Vertreter*innen "
            "der Thüringer Ministerien für Soziales und Migration zu einem qualifizierten Fachaustausch. Die "
            "Organisation, Moderation, Durchführung und Nachbereitung obliegt dem IKPE.",
            "## Thüringer Integrationspreis 2019",
            "Neben rund 150 Akteuren und Initiativen der Integrationsarbeit in Thüringen wurde auch das IKPE mit "
            "seinem Arbeitskreis „Kommunales Integrationsmanagement in Thüringen“ mit dem Thüringer Integrationspreis "
            "2019 „Ein Preis für Alle“ ausgezeichnet.",
        ),
    }, ["integrations-management-thilik", "qualitaetsentwicklung", "netzwerke"], [], [TMASGFF],
        [("stefan-huber", "Projektleitung und Prozessbegleitung", True)], "stefan-huber"),
    ("praeventionsketten", {
        "title": "Thüringer Präventionsketten",
        "short_name": "Präventionsketten",
        "start_date": datetime.date(2022, 9, 1),  # "Seit dem Start im September 2022"
        "districts_confirmed_on": datetime.date(2023, 9, 8),  # the report of 08.09.2023 names them
        "website_url": "https://www.thueringer-praeventionsketten.de/",
        "teaser": "Im Auftrag der Auridis Stiftung unterstützt das IKPE Landkreise und kreisfreie Städte dabei, "
                  "ganzheitliche und passgenaue Präventionskonzepte für Kinder und ihre Familien zu entwickeln.",
        "body": paragraphs(
            "Mit dem Programm „Thüringer Präventionsketten“ unterstützt das Institut für kommunale Planung und "
            "Entwicklung (IKPE), An-Institut Fachhochschule Erfurt, im Auftrag der Auridis Stiftung Landkreise und "
            "kreisfreie Städte dabei, ganzheitliche und passgenaue Präventionskonzepte für Kinder und ihre Familien zu "
            "entwickeln. Hierbei geht es insbesondere um das Kindeswohl im Alter von null bis zehn Jahren.",
            "Die Thüringer Sozialministerin ist Schirmherrin des Programms, das im September 2022 gestartet ist.",
            "## Erste Zwischenbilanz",
            "Alle teilnehmenden Landkreise und Kommunen sind in den Reflexionsprozess eingetaucht und haben sich der "
            "Frage gestellt, wie ein systematisches Zusammenwirken der unterschiedlichen Akteure und Institutionen "
            "nachhaltig auf- oder ausgebaut werden kann. Feste Strukturen zur Prozessberatung der Kommunen wurden "
            "geschaffen, Qualifizierungsmodule durchgeführt und Vernetzungsangebote in fachlichen Austauschformaten, "
            "wie das Durchführen eines Planspiels „Präventionskette“ oder der Austausch mit Landkreisen aus anderen "
            "Bundesländern, fanden statt.",
        ) + [("quote", {
            "quote": "Künftige Aufgabe wird es sein, eine integrierte Gesamtstrategie sowohl konzeptionell als auch "
                     "arbeitsorganisatorisch zu gestalten und zu einer kommunalen Präventionsstrategie für Thüringen "
                     "zusammenzuführen.",
            "attribution": "Heike Schaarschmidt, Programmleiterin am IKPE",
        })],
    }, ["armutspraevention", "lokale-familienpolitik", "netzwerke"], PREVENTION_DISTRICTS, [AURIDIS],
        [("heike-schaarschmidt", "Programmleitung", True)], "heike-schaarschmidt"),
    ("sozialstrategie", {
        "title": "Prozessbegleitung der Thüringer Sozialstrategierichtlinie",
        "short_name": "ESF+ Sozialstrategie",
        "full_title": "Prozessbegleitung von Kommunen bei der Entwicklung und Umsetzung von lokalen und regionalen "
                      "sozialen Strategien",
        # Work began in September 2023 (press release of 13.09.2023) and runs "bis Ende 2025".
        "start_date": datetime.date(2023, 9, 1), "end_date": datetime.date(2025, 12, 31),
        "teaser": "Das IKPE begleitet die Thüringer Gebietskörperschaften im Rahmen der Sozialstrategierichtlinie: "
                  "aktive Inklusion und gesellschaftliche Teilhabe.",
        "body": paragraphs(
            "Das IKPE hat den Zuschlag für die Begleitung der Thüringer Gebietskörperschaften im Rahmen der "
            "Sozialstrategierichtlinie erhalten, gefördert durch den Freistaat Thüringen aus Mitteln des Europäischen "
            "Sozialfonds Plus. Aufbauend auf den langjährigen Erfahrungen in der Begleitung und Beratung bei der "
            "Erstellung von lokalen Armutspräventionsstrategien und Integrationskonzepten liegt der Schwerpunkt der "
            "kommunalen Prozessbegleitung bis Ende 2025 auf der aktiven Inklusion und der Ermöglichung "
            "gesellschaftlicher Teilhabe.",
            "Um u.a. auf gesellschaftliche Veränderungen wie den demografischen Wandel oder den Fach- und "
            "Arbeitskräftemangel und auf lokale Bedarfe zu reagieren, werden im Rahmen der Sozialstrategierichtlinie "
            "integrierte, kommunale Strategien in einem dialogischen Prozess weiterentwickelt.",
            "Beratungs-, Vernetzungs- und Qualifizierungsangebote werden individuell abgestimmt und initiiert. Das "
            "IKPE versteht sich in diesem Prozess als Dialogpartner*in und Impulsgeber*in insbesondere bei Themen der "
            "sozialen Inklusion, der Zielgruppenbeteiligung und der Wirkungsorientierung.",
            "Gefördert durch den Freistaat Thüringen aus Mitteln des Europäischen Sozialfonds Plus.",
        ),
    }, ["armutspraevention", "beteiligung", "public-governance"], [], [ESF_PLUS, TMASGFF],
        [("stefan-huber", "Projektleitung", True), ("josefine-struening", PROCESS, False),
         ("gernot-herzer", PROCESS, False), ("theresa-hilse-carstensen", PROCESS, False),
         ("rainer-vock", PROCESS, False)], "stefan-huber"),
    ("sozialstrukturatlas", {
        "title": "Zweiter Thüringer Sozialstrukturatlas",
        "short_name": "Sozialstrukturatlas",
        "partners": "Prof. Dr. Marcel Helbig (Projektleitung)",
        "teaser": "Zahlen, Daten und Fakten zu den Lebenslagen der Thüringer Bevölkerung – mit dem Schwerpunkt "
                  "Armut und Armutsprävention.",
        "body": paragraphs(
            "Das IKPE hat den Zweiten Thüringer Sozialstrukturatlas (SSA) verfasst. Beim Fachtag am 9. September 2019 "
            "stellte Projektleiter Prof. Dr. Marcel Helbig, Kooperationspartner des IKPE, die Ergebnisse des ersten "
            "Teils vor und diskutierte sie auf dem Podium unter anderem mit der Thüringer Sozialministerin.",
            "Die Erkenntnisse zu Bildung und Armut aus dem Sozialstrukturatlas stellt das IKPE in Arbeitskreisen und "
            "auf Fachveranstaltungen vor, etwa beim Arbeitskreis Sozialplanung am 09.03.2020 und bei der "
            "Bildungskonferenz der Stadt Erfurt.",
        ),
    }, ["kommunale-bedarfsanalyse", "sozialraumorientierung", "armutspraevention"], [], [],
        [("kai-rompczyk", "Ansprechpartner", False)], "kai-rompczyk"),
]


def load(ctx):
    home, topics, people = ctx["home"], ctx["topics"], ctx.get("people", {})
    districts = {district.slug: district for district in District.objects.all()}
    ctx["districts"] = districts
    funders = {}
    for number, (name, url, is_client) in enumerate(FUNDERS):
        funders[name], _ = Funder.objects.get_or_create(
            name=name, defaults={"url": url, "is_client": is_client, "sort_order": number}
        )

    index, _ = get_or_create_page(
        home, ProjectIndexPage, "projekte", title="Projekte", show_in_menus=True,
        teaser="Programme und Projekte des IKPE: Armutsprävention, Integrationsmanagement, Präventionsketten, "
               "Sozialstrategie und Sozialstrukturatlas.",
        intro="<p>Wir begleiten Thüringer Landkreise, kreisfreie Städte und Gemeinden in Landesprogrammen und "
              "eigenen Forschungsprojekten. Filtern Sie nach Status oder Thema.</p>",
    )
    ctx["projects"] = {}
    for key, fields, topic_slugs, district_slugs, funder_names, team, contact in PROJECTS:
        # The placeholder font has no umlauts: "Praeventionsketten" on the image, the real name in the alt text.
        label = fields["short_name"].replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
        image = placeholder_image(f"Projekt {fields['short_name']}", f"Schriftzug „{fields['short_name']}“ auf "
                                  "farbiger Fläche", text=label)
        project, _ = get_or_create_page(
            index, ProjectPage, key, listing_image=image, **fields,
            topics=[topics[topic] for topic in topic_slugs if topic in topics],
            districts=[districts[district] for district in district_slugs],
            funders=[funders[name] for name in funder_names],
        )
        ctx["projects"][key] = add_people(project, team, people.get(contact), people)

    get_or_create_page(
        home, DistrictIndexPage, "mein-landkreis", title="Mein Landkreis", show_in_menus=True,
        teaser="Was macht das IKPE in Ihrem Landkreis oder Ihrer kreisfreien Stadt? Projekte, Ansprechpartner*innen, "
               "Neuigkeiten und Termine auf einen Blick.",
        intro="<p>Wählen Sie Ihren Landkreis oder Ihre kreisfreie Stadt: Sie finden dort unsere Projekte vor Ort, "
              "Ihre Ansprechpartner*innen im Institut sowie Neuigkeiten, Publikationen und Termine.</p>",
    )
    get_or_create_page(
        ctx["association"], StandardPage, "auftraggeber", title="Unsere Auftraggeber",
        teaser="Ministerien, Stiftungen, Kommunen und Verbände, für die das IKPE arbeitet und gearbeitet hat.",
        body=paragraphs("Für diese Auftraggeber und Förderer arbeitet oder arbeitete das IKPE (Auswahl):")
        + [("client_list", {"title": "Auftraggeber und Förderer"})],
    )
    return ctx


def add_people(project, team, contact, people):
    """Add the team members and contact person that exist and are still missing: a second run changes nothing."""
    present = {membership.person_id for membership in project.memberships.all()}
    missing = [(people[slug], role, lead) for slug, role, lead in team if slug in people
               and people[slug].pk not in present]
    changed = bool(missing) or (contact is not None and project.contact_person_id is None)
    if not changed:
        return project
    for number, (person, role, lead) in enumerate(missing, start=len(present)):
        project.memberships.add(ProjectMembership(person=person, role=role, is_lead=lead, sort_order=number))
    if project.contact_person_id is None and contact is not None:
        project.contact_person = contact
    project.save_revision().publish()
    project.refresh_from_db()
    return project
