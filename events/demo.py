"""Demo events from the seeds (the news of today's ikpe-erfurt.de), plus two clearly marked future demo dates.

Times are not in the seeds except where noted; the chosen times are plausible working hours and are marked
"time assumed" below. Runs after the people, projects, publications and news loaders. Idempotent.
"""

from datetime import datetime

from ikpe_site.core.demo_tools import get_or_create_page, paragraphs

from .models import BERLIN, EventIndexPage, EventPage, EventSpeaker

INDEX_INTRO = ("<p>Arbeitskreise, Werkstattgespräche und Fachtage des IKPE sowie Tagungen und Messen, auf denen wir "
               "vortragen. Alle Termine lassen sich als Kalender abonnieren.</p>")


def at(year, month, day, hour=0, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=BERLIN)


# slug, title, fields, speakers [(surname, note)], contact surname, project keys, topic keys,
# (slug of the news post reporting on it, a part of its title to fall back on)
EVENTS = [
    ("arbeitskreis-sozialplanung-2020", "Arbeitskreis Sozialplanung", {
        "start": at(2020, 3, 9, 10), "end": at(2020, 3, 9, 15),  # time assumed
        "place_name": "Bildungshaus St. Ursula", "street": "Trommsdorffstraße 29", "postal_code": "99084",
        "city": "Erfurt",
        "organised_by_institute": True, "institute_role": "organiser",
        "organiser": "Thüringer Ministerium für Arbeit, Soziales, Gesundheit, Frauen und Familie (TMASGFF)",
        "teaser": "Arbeitskreis Sozialplanung des TMASGFF in Kooperation mit dem IKPE, mit 52 Teilnehmer*innen aus "
                  "den Thüringer Kommunen.",
        "body": paragraphs(
            "Beim Arbeitskreis wurden Zahlen, Daten und Fakten aus dem Zweiten Thüringer Sozialstrukturatlas mit der "
            "Fokussierung auf Armut und Armutsprävention präsentiert. Es wurde über aktuelle Entwicklungen zum "
            "Landesprogramm Solidarisches Zusammenleben der Generationen (LSZ), zur ESF-Förderperiode 2021-2027 und "
            "zu AGATHE informiert.",
            "Außerdem wurden die IKPE-Veranstaltungen für die Planer*innen für das Jahr 2020 zum Jahresthema "
            "Beteiligung und die Werkstattgespräche in Kooperation mit der LIGA der Freien Wohlfahrtspflege "
            "vorgestellt.")},
     [], None, ["arm", "lsz", "sozialstrukturatlas"], ["armutspraevention", "beteiligung"],
     ("rueckblick-ak-sozialplanung-maerz-2020", "AK Sozialplanung")),
    ("werkstattgespraech-liga-2019", "Werkstattgespräch „Austausch- und Beteiligungsformate im Planungskontext“", {
        "start": at(2019, 12, 13, 10), "end": at(2019, 12, 13, 14),  # time assumed; the venue is not in the seeds
        "city": "Erfurt", "organised_by_institute": True, "institute_role": "organiser",
        "organiser": "Kompetenzzentrum Strategische Sozialplanung der LIGA der Freien Wohlfahrtspflege in Thüringen",
        "teaser": "Sozialplaner*innen, Integrationsmanager*innen und Vertreter*innen der Freien Wohlfahrtspflege "
                  "tauschen sich über Beteiligung in Planungsprozessen aus.",
        "body": paragraphs(
            "Die Beteiligung von Bürger*innen an sozialpolitischen Entscheidungen hat lange schon in der Praxis "
            "Einzug gehalten und sich bewährt. Die Integration von weiteren Akteur*innen, u.a. Institutionen und "
            "Organisationen, im Kontext von komplexen Planungsprozessen eröffnet neue Qualitäten sowie "
            "Herausforderungen im Rahmen von Beteiligungsprozessen.",
            "Das Thema Beteiligung wird nicht nur theoretisch diskutiert: verschiedene Beteiligungsinstrumente werden "
            "im Verlauf des Werkstattgesprächs genutzt.")},
     [], None, ["arm", "lsz", "thilik"], ["beteiligung", "netzwerke"],
     ("rueckblick-werkstattgespraech-liga-2019", "Werkstattgespräch")),
    ("consozial-2019", "ConSozial 2019 in Nürnberg", {
        "start": at(2019, 11, 6), "end": at(2019, 11, 7), "all_day": True,
        "place_name": "Messezentrum Nürnberg, Halle 3A", "street": "Messezentrum 1", "postal_code": "90471",
        "city": "Nürnberg",
        "institute_role": "stand", "organiser": "Bayerisches Staatsministerium für Familie, Arbeit und Soziales",
        "teaser": "Das IKPE auf der Messe ConSozial: Gespräche über integrierte Sozialplanung, den Sozialstrukturatlas "
                  "und die Prozessbegleitung in der Armutsprävention und im LSZ.",
        "body": paragraphs(
            "Wo soll das alles enden? Wer weiß denn sowas? Wie überzeugt man eine Landrätin oder einen Landrat? Diese "
            "drei Fragen begegnen den Messebesucher*innen auf drei beleuchteten Säulen am IKPE-Stand in Halle 3A.")},
     [], None, ["sozialstrukturatlas", "arm", "lsz"], ["armutspraevention"],
     ("ikpe-unterwegs-november-2019", "ConSozial")),
    ("lange-nacht-der-wissenschaften-2019", "Lange Nacht der Wissenschaften an der Fachhochschule Erfurt", {
        "start": at(2019, 11, 8, 18), "end": at(2019, 11, 8, 23),  # evening; exact times assumed
        "place_name": "Fachhochschule Erfurt", "street": "Altonaer Straße 25", "postal_code": "99085", "city": "Erfurt",
        "institute_role": "talk", "organiser": "Fachhochschule Erfurt",
        "teaser": "Vortrag und ein interaktives Thüringenquiz auf Grundlage des 2. Thüringer Sozialstrukturatlas.",
        "body": paragraphs(
            "Bei der Langen Nacht sind Fragestellen und Mitmachen ausdrücklich erwünscht: das IKPE bietet ein "
            "interaktives Thüringenquiz an, basierend auf den Erkenntnissen aus dem 2. Thüringer "
            "Sozialstrukturatlas.")},
     [("Fischer", "Vortrag")], None, ["sozialstrukturatlas"], ["kommunale-bedarfsanalyse"],
     ("ikpe-unterwegs-november-2019", "Lange Nacht")),
    ("fachtag-thueringer-familienpolitik-2019", "Fachtag zur neuen Thüringer Familienpolitik", {
        "start": at(2019, 9, 30, 9, 30), "end": at(2019, 9, 30, 16),  # time assumed; the venue is not in the seeds
        "city": "Weimar", "institute_role": "talk",
        "teaser": "Keynote-Vortrag von Prof. Dr. Jörg Fischer und ein Workshop mit Dr. Theresa Hilse-Carstensen und "
                  "Birgit Kaufhold, Sozialplanerin des Unstrut-Hainich-Kreises.",
        "body": paragraphs(
            "Zum Abschluss des Monats September ist das IKPE auf dem Fachtag für die neue Thüringer Familienpolitik "
            "in Weimar vertreten.")},
     [("Fischer", "Keynote-Vortrag"), ("Hilse-Carstensen", "Workshop mit Birgit Kaufhold (Unstrut-Hainich-Kreis)")],
     None, ["lsz"], ["lokale-familienpolitik"], ("ikpe-unterwegs-september-2019", "im September")),
    ("dgs-regionalkonferenz-jena-2019", "2. Regionalkonferenz der Deutschen Gesellschaft für Soziologie", {
        "start": at(2019, 9, 23), "end": at(2019, 9, 27), "all_day": True,
        "place_name": "Friedrich-Schiller-Universität Jena", "city": "Jena", "institute_role": "panel",
        "organiser": "Deutsche Gesellschaft für Soziologie und Kolleg „Postwachstumsgesellschaften“ der FSU Jena",
        "teaser": "Am 26. September leitet Jens Kretzschmar eine Podiumsdiskussion zur Sozialplanung mit Thüringer "
                  "Sozialplaner*innen und Dr. Tine Haubner (FSU Jena).",
        "body": paragraphs(
            "Die 2. Regionalkonferenz der Deutschen Gesellschaft für Soziologie ist zugleich Abschlusskonferenz des "
            "Kollegs „Postwachstumsgesellschaften“ der Friedrich-Schiller-Universität Jena.",
            "Auf dem Podium am 26. September: Andreas Blume (Kyffhäuserkreis), Katja Lukas (Saale-Orla-Kreis), "
            "Christiane Maurer (Landkreis Sömmerda), Daniel Meier und Dr. Konstanze Tenner (beide Stadt Jena), "
            "Dr. Tine Haubner (FSU Jena) und Dr. Theresa Hilse-Carstensen (IKPE).")},
     [("Kretzschmar", "Podiumsdiskussion am 26. September"), ("Hilse-Carstensen", "Podium")], None, [],
     ["public-governance"], ("ikpe-unterwegs-september-2019", "im September")),
    ("fachtag-sozialstrukturatlas-2019", "Fachtag zum 2. Thüringer Sozialstrukturatlas", {
        "start": at(2019, 9, 9, 10), "end": at(2019, 9, 9, 15),  # time assumed; the venue is not in the seeds
        "institute_role": "talk",
        "teaser": "Projektleiter Prof. Dr. Marcel Helbig stellt die Ergebnisse des ersten Teils des "
                  "Sozialstrukturatlas vor und diskutiert sie mit Ministerin Heike Werner.",
        "body": paragraphs(
            "Auf dem Podium: Ministerin Heike Werner, Dr. Michael Frehse (Leiter der Abteilung Heimat im "
            "Bundesministerium des Innern) und Dr. Martina Doehler-Behzadi (Geschäftsführerin der IBA Thüringen).")},
     [("Helbig", "Vorstellung der Ergebnisse")], None, ["sozialstrukturatlas"],
     ["kommunale-bedarfsanalyse", "sozialraumorientierung"], ("ikpe-unterwegs-september-2019", "im September")),
    # The seed gives "am 11.03." in a post between February and March 2020: 2020 is inferred.
    ("bildungskonferenz-erfurt-2020", "Bildungskonferenz Erfurt „Arbeitswelten – Lebenswelten – Bildungswelten“",
     {"start": at(2020, 3, 11, 9), "end": at(2020, 3, 11, 15),  # time assumed
          "city": "Erfurt", "institute_role": "talk", "organiser": "Bildungsstadt Erfurt",
          "teaser": "Vortrag „Bildung, ein Faktor in der Armutsprävention – Zahlen und Fakten zu Thüringen“ mit "
                    "anschließendem Workshop.",
          "body": paragraphs(
              "Im Vortrag werden die Erkenntnisse zu Bildung und Armut aus dem Zweiten Thüringer Sozialstrukturatlas "
              "sowie Ziele und Maßnahmen aus den kommunalen Armutspräventionsstrategien vorgestellt.",
              "Im anschließenden Workshop diskutieren Teilnehmer*innen aus der kommunalen Verwaltung, von freien "
              "Trägern und der Arbeitsagentur, wie Beteiligung von benachteiligten Familien und Kindern gelingen "
              "kann und wie Bildungsübergänge gestaltet werden müssen.")},
     [], None, ["arm", "sozialstrukturatlas"], ["armutspraevention"],
     ("bildungskonferenz-erfurt-2020", "Bildungskonferenz")),
    ("espanet-warschau-2023", "21. ESPAnet-Tagung in Warschau", {
        # The day of the talk; the seed does not give the length of the conference.
        "start": at(2023, 9, 7), "end": at(2023, 9, 7), "all_day": True,
        "city": "Warschau", "country": "PL", "institute_role": "talk",
        "organiser": "ESPAnet – European Network for Social Policy Analysis",
        "teaser": "Prof. Dr. Jörg Fischer stellt die Untersuchung des IKPE zu den Lerneffekten von "
                  "Planungsfachkräften während und nach der Pandemie vor.",
        "body": paragraphs(
            "Vortrag „The Pandemic as an Opportunity for Further Development: German Social Planning in Times of "
            "Crisis“ im Panel zum Verhältnis von Sozialer Arbeit und Sozialpolitik, gemeinsam entwickelt mit "
            "Prof. Corey Shdaimah (University of Maryland) und Prof. Dassi Postan-Aizik (Max Stern Yezreel Valley "
            "College).")},
     [("Fischer", "Vortrag")], None, [], ["qualitaetsentwicklung"], ("espanet-tagung-warschau-2023", "ESPAnet")),
    ("praeventionsketten-arbeitsgespraech-2023", "Arbeitsgespräch „Thüringer Präventionsketten“ mit der "
     "Sozialministerin", {
        "start": at(2023, 9, 7, 10), "end": at(2023, 9, 7, 13),  # time assumed; the venue is not in the seeds
        "organised_by_institute": True, "institute_role": "organiser",
        "organiser": "Thüringer Ministerium für Arbeit, Soziales, Gesundheit, Frauen und Familie und Auridis Stiftung",
        "teaser": "Ein Jahr „Thüringer Präventionsketten“: die teilnehmenden Landkreise und Städte ziehen mit "
                  "Ministerin Heike Werner, der Auridis Stiftung und dem IKPE Bilanz.",
        "body": paragraphs(
            "Jena, der Saale-Orla-Kreis, Schmalkalden-Meiningen, Sömmerda und der Wartburgkreis berichten, welche "
            "Schwerpunkte sie beim Auf- und Ausbau ihrer Präventionsketten setzen und wie das Land Thüringen das "
            "Programm in Zukunft weiter unterstützen wird.")},
     [], "Schaarschmidt", ["praeventionsketten"], ["armutspraevention", "netzwerke"],
     ("thueringer-praeventionsketten-bilanz", "Präventionsketten")),
    # Future dates so that the list of upcoming events is not empty. Fixed dates keep the loader idempotent.
    ("arbeitskreis-sozialplanung-2027", "Arbeitskreis Sozialplanung 2027", {
        "start": at(2027, 3, 10, 10), "end": at(2027, 3, 10, 15), "city": "Erfurt",
        "organised_by_institute": True, "institute_role": "organiser",
        "registration_url": "https://www.ikpe-erfurt.de/anmeldung/",
        "teaser": "Demo-Termin (Beispieldaten): das nächste Treffen der Thüringer Sozialplaner*innen mit aktuellen "
                  "Entwicklungen aus Land und Kommunen.",
        "body": paragraphs("<p><strong>Beispieltermin:</strong> Dieser Termin ist ein Muster für die Demo-Inhalte und "
                        "findet so nicht statt.</p>")},
     [("Hilse-Carstensen", "Moderation")], "Hilse-Carstensen", ["arm", "sozialstrategie"], ["armutspraevention"],
     None),
    ("online-fachgespraech-praeventionsketten-2027", "Online-Fachgespräch Präventionsketten", {
        "start": at(2027, 5, 5, 14), "end": at(2027, 5, 5, 15, 30), "online": True,
        "organised_by_institute": True, "institute_role": "organiser",
        "teaser": "Demo-Termin (Beispieldaten): Austausch der Koordinator*innen im Programm „Thüringer "
                  "Präventionsketten“ per Videokonferenz.",
        "body": paragraphs("<p><strong>Beispieltermin:</strong> Dieser Termin ist ein Muster für die Demo-Inhalte und "
                        "findet so nicht statt.</p>")},
     [], "Schaarschmidt", ["praeventionsketten"], ["armutspraevention", "netzwerke"], None),
]


def load(ctx):
    home = ctx["home"]
    index, _ = get_or_create_page(home, EventIndexPage, "termine", title="Termine", show_in_menus=True,
                                  intro=INDEX_INTRO,
                                  teaser="Veranstaltungen des IKPE und Tagungen, auf denen wir vortragen.")
    ctx["events_index"] = index
    people = ctx.get("people") or {}
    projects = ctx.get("projects") or {}
    topics = ctx.get("topics") or {}
    news = ctx.get("news") or {}
    events = {}
    for slug, title, fields, speakers, contact, project_keys, topic_keys, report in EVENTS:
        event, _ = get_or_create_page(index, EventPage, slug, title=title, **fields)
        link(event, speakers=[(find_person(people, name), note) for name, note in speakers],
             contact=find_person(people, contact) if contact else None,
             projects=[projects[key] for key in project_keys if key in projects],
             topics=[topics[key] for key in topic_keys if key in topics],
             report=find_news(news, *report) if report and event.report_id is None else None)
        events[slug] = event
    ctx["events"] = events


def link(event, speakers, contact, projects, topics, report):
    """Attach what is still missing (people, projects, topics, report), so a second run changes nothing."""
    changed = False
    speakers = [(person, note) for person, note in speakers if person is not None]
    if speakers and not event.speakers.exists():
        event.speakers = [EventSpeaker(person=person, note=note) for person, note in speakers]
        changed = True
    if contact is not None and event.contact_person_id is None:
        event.contact_person = contact
        changed = True
    if projects and not event.projects.exists():
        event.projects = projects
        changed = True
    if topics and not event.topics.exists():
        event.topics = topics
        changed = True
    if report is not None:
        event.report = report
        changed = True
    if changed:
        event.save_revision().publish()


def find_person(people, surname):
    """The PersonPage whose name contains `surname`: from the people loader's dict, else from the database."""
    if not surname:
        return None
    for person in people.values():
        if surname in person.title:
            return person
    from people.models import PersonPage

    return PersonPage.objects.filter(title__icontains=surname).first()


def find_news(news, slug, title_part):
    """The news post reporting on an event: by slug (from the news loader or the database), else by title."""
    from news.models import NewsPage

    return (news.get(slug) or NewsPage.objects.filter(slug=slug).first()
            or NewsPage.objects.filter(title__icontains=title_part).order_by("pk").first())
