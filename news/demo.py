"""Demo content of the news app: every news item of the seeds (today's "Aktuelles" of ikpe-erfurt.de).

Runs after the people, projects and publications loaders; people and projects missing from the context are
skipped. Sets `ctx["news"] = {slug: NewsPage}` for the events loader. Idempotent: existing posts are kept.
"""

import datetime

from django.apps import apps

from ikpe_site.core.demo_tools import paragraphs, pdf_document, placeholder_image

from .models import NewsCategory, NewsIndexPage, NewsPage

CATEGORIES = [
    ("Pressemitteilung", "pressemitteilung"),
    ("IKPE unterwegs", "ikpe-unterwegs"),
    ("Ankündigung", "ankuendigung"),
    ("Publikation", "publikation"),
    ("Rückblick", "rueckblick"),
    ("Stellenausschreibung", "stellenausschreibung"),
]

FUNDING_ESF = "Gefördert durch den Freistaat Thüringen aus Mitteln des Europäischen Sozialfonds Plus."

# The two "Filmbeitrag" videos of today's home page. The YouTube ids are PLACEHOLDERS (the seed does not
# contain the real addresses): the editors must replace them with the institute's videos before launch.
VIDEO_DISTRICT = "https://www.youtube.com/watch?v=IKPEvideo01"
VIDEO_CITY = "https://www.youtube.com/watch?v=IKPEvideo02"


def d(year, month, day):
    return datetime.date(year, month, day)


def posts():
    """The seed items, newest first. Each: slug, fields and relations (names resolved in `load`)."""
    return [
        {
            "slug": "espanet-tagung-warschau-2023",
            "title": "Sozialplanung im internationalen Kontext – 21. ESPAnet-Tagung in Warschau",
            "date": d(2023, 9, 15),
            "categories": ["ikpe-unterwegs"],
            "topics": ["public-governance", "qualitaetsentwicklung"],
            "contacts": ["joerg-fischer"],
            "tags": ["ESPAnet", "Pandemie", "Sozialplanung"],
            "teaser": "Prof. Dr. Jörg Fischer stellte am 7. September 2023 auf der 21. ESPAnet-Tagung in Warschau "
                      "die Ergebnisse der IKPE-Untersuchung zu den Lerneffekten von Planungsfachkräften während "
                      "und nach der Pandemie vor.",
            "image": ("ESPAnet-Tagung Warschau", "Prof. Dr. Jörg Fischer bei der ESPAnet-Tagung", "Foto: @IKPE/Archiv"),
            "body": paragraphs(
                "Die Ergebnisse der vom IKPE durchgeführten Untersuchung zu den Lerneffekten von "
                "Planungsfachkräften während und nach der Pandemie stellte Prof. Dr. Jörg Fischer am 7. September "
                "2023 auf der 21. ESPAnet-Tagung in Warschau/Polen vor.",
                "In dem Panel zum Verhältnis von Sozialer Arbeit und Sozialpolitik diskutierten Teilnehmende aus "
                "vielen Ländern den Vortrag „The Pandemic as an Opportunity for Further Development: German Social "
                "Planning in Times of Crisis”. In einer gemeinsamen Idee mit Prof. Corey Shdaimah von der "
                "University of Maryland/USA und Prof. Dassi Postan-Aizik vom Max Stern Yezreel Valley "
                "College/Israel konnten die Auswirkungen der Pandemie auf Professionalisierungsansätze in der "
                "Sozialen Arbeit aufgezeigt werden. Am Beispiel der Sozialplanung in Deutschland wurde deutlich, "
                "welche beruflichen Chancen und Risiken mit der Entwicklung kommunaler Planung verbunden sind.",
            ),
        },
        {
            "slug": "kommunen-unterstuetzen-teilhabechancen",
            "title": "Kommunen unterstützen auf dem Weg zu mehr Teilhabechancen",
            "date": d(2023, 9, 13),
            "categories": ["pressemitteilung"],
            "projects": ["sozialstrategie"],
            "topics": ["armutspraevention", "beteiligung"],
            "contacts": ["stefan-huber", "theresa-hilse-carstensen"],
            "tags": ["Sozialstrategierichtlinie", "ESF Plus", "Prozessbegleitung"],
            "teaser": "Das IKPE nimmt die Arbeit an der Prozessbegleitung von Kommunen bei der Entwicklung und "
                      "Umsetzung von lokalen und regionalen sozialen Strategien auf.",
            "image": ("Team Prozessbegleitung Sozialstrategie", "Das Team der Prozessbegleitung im Rahmen der "
                      "Sozialstrategierichtlinie", "Foto: @IKPE/Archiv"),
            "image_caption": "Als Team für die Prozessbegleitung stehen neben dem Projektleiter Dr. Stefan Huber "
                             "(Bild Mitte) zur Verfügung: (v.l.n.r.) Josefine Strüning, Dr. Gernot Herzer, "
                             "Dr. Theresa Hilse-Carstensen, Dr. Rainer Vock.",
            "funding_note": FUNDING_ESF,
            "funders": ["Thüringer Ministerium für Arbeit, Soziales, Gesundheit, Frauen und Familie",
                        "Europäischer Sozialfonds Plus (ESF Plus)"],
            "body": paragraphs(
                "Das Institut für kommunale Planung und Entwicklung (IKPE) freut sich mitteilen zu können, den "
                "Zuschlag für die Begleitung der Thüringer Gebietskörperschaften im Rahmen der "
                "Sozialstrategierichtlinie, gefördert durch den Freistaat Thüringen aus Mitteln des Europäischen "
                "Sozialfonds Plus, erhalten zu haben. Aufbauend auf den langjährigen Erfahrungen in der Begleitung "
                "und Beratung bei der Erstellung von lokalen Armutspräventionsstrategien und Integrationskonzepten "
                "wird der Schwerpunkt der kommunalen Prozessbegleitung bis Ende 2025 auf der aktiven Inklusion und "
                "der Ermöglichung gesellschaftlicher Teilhabe liegen.",
                "Das IKPE unterstützt die kommunale Sozialplanung durch seine einzigartige Struktur aus "
                "wissenschaftlicher Einbindung, strategischem Landesbezug und dauerhafter Verankerung in den "
                "Kommunen. Eine Aufgabe ist es, innovative und lokalspezifische Antworten auf vielfältige "
                "Herausforderungen zu finden. Zentrale Stichworte sind die Veränderungen durch den demografischen "
                "Wandel oder der Fach- und Arbeitskräftemangel, deren Auswirkungen für Thüringer "
                "Gebietskörperschaften bereits heute deutlich spürbar sind.",
                "Um u.a. auf diese gesellschaftlichen Veränderungen und lokalen Bedarfe zu reagieren, werden im "
                "Rahmen der Sozialstrategierichtlinie integrierte, kommunale Strategien in einem dialogischen "
                "Prozess weiterentwickelt.",
                "Auf diese hohen kommunalen Anforderungen geht das Team des IKPE im Rahmen der wissenschaftlichen "
                "Prozessbegleitung ein. Beratungs-, Vernetzungs- und Qualifizierungsangebote werden individuell "
                "abgestimmt und initiiert. Das IKPE versteht sich in diesem Prozess als Dialogpartner*in und "
                "Impulsgeber*in insbesondere bei Themen der sozialen Inklusion, der Zielgruppenbeteiligung und der "
                "Wirkungsorientierung.",
                "Weitere Informationen finden Sie im Volltext der Pressemitteilung vom 13.09.2023.",
            ),
            "documents": [("Pressemitteilung IKPE 13.09.2023", "Volltext der Pressemitteilung", [
                "Pressemitteilung vom 13.09.2023",
                "Kommunen unterstützen auf dem Weg zu mehr Teilhabechancen.",
                "Das IKPE nimmt die Arbeit an der Prozessbegleitung von Kommunen bei der Entwicklung und",
                "Umsetzung von lokalen und regionalen sozialen Strategien auf.",
                "Gefördert durch den Freistaat Thüringen aus Mitteln des Europäischen Sozialfonds Plus.",
                "Ansprechpartner: Dr. Stefan Huber, Telefon 0361 30257-602",
            ])],
            "contact_block": ("Ihr Ansprechpartner", "stefan-huber"),
        },
        {
            "slug": "thueringer-praeventionsketten-bilanz",
            "title": "Programm „Thüringer Präventionsketten“ zieht positive Bilanz nach einem Jahr",
            "date": d(2023, 9, 8),
            "categories": ["pressemitteilung"],
            "projects": ["praeventionsketten"],
            "topics": ["armutspraevention", "netzwerke", "lokale-familienpolitik"],
            "contacts": ["heike-schaarschmidt"],
            "tags": ["Präventionsketten", "Kinderarmut", "Auridis Stiftung"],
            "teaser": "Ein Jahr nach dem Start ziehen die teilnehmenden Landkreise und Städte, die Thüringer "
                      "Sozialministerin, die Auridis Stiftung und das IKPE eine erste, positive Zwischenbilanz.",
            "body": paragraphs(
                "<p><em>Pressemitteilung des Thüringer Ministeriums für Arbeit, Soziales, Gesundheit, Frauen und "
                "Familie</em></p>",
                "Mit dem Programm „Thüringer Präventionsketten“ unterstützt das Institut für kommunale Planung und "
                "Entwicklung (IKPE), An-Institut Fachhochschule Erfurt, im Auftrag der Auridis Stiftung Landkreise "
                "und kreisfreie Städte dabei, ganzheitliche und passgenaue Präventionskonzepte für Kinder und ihre "
                "Familien zu entwickeln. Hierbei geht es insbesondere um das Kindeswohl im Alter von null bis zehn "
                "Jahren.",
                "Die Thüringer Sozialministerin Heike Werner ist Schirmherrin des Programms. Seit dem Start im "
                "September 2022 ist ein Jahr vergangen. Anlass, ein Resümee darüber zu ziehen, wie der aktuelle "
                "Stand in Thüringen aussieht, welche Schwerpunkte die teilnehmenden Thüringer Landkreise und Städte "
                "(Jena, Saale-Orla-Kreis, Schmalkalden-Meiningen, Sömmerda und der Wartburgkreis) beim Auf- und "
                "Ausbau ihrer Präventionsketten vor Ort setzen und wie das Land Thüringen das Programm in Zukunft "
                "weiter unterstützen wird. Dazu trafen sich die teilnehmenden Landkreise und Städte gestern mit der "
                "Thüringer Sozialministerin, der Auridis Stiftung und dem Institut für kommunale Planung und "
                "Entwicklung zum Arbeitsgespräch.",
            ) + [
                ("quote", {"quote": "Armut von Kindern lässt mich fassungslos zurück. Umso wichtiger ist es, "
                                    "verschiedene Möglichkeiten zu entwickeln und zu erproben, um Kindern die "
                                    "Unterstützung zu geben, die sie brauchen. Mit dem Programm ‚Thüringer "
                                    "Präventionsketten‘ werden Erkenntnisse bestehender Netzwerke gebündelt und "
                                    "vorhandene Kooperationsstrukturen gestärkt. Ausgangspunkt ist es, die Bedarfe "
                                    "der Kinder und ihrer Familien zu erkennen und daran die kommunalen Präventions- "
                                    "und Vorsorgeketten noch besser auszurichten. Damit wollen wir Antworten auf die "
                                    "Frage finden, wie Kinder und Familien in schwierigen Lebenslagen erreicht und "
                                    "mit passgenauen Angeboten unterstützt werden können.",
                           "attribution": "Ministerin Heike Werner"}),
                ("quote", {"quote": "Wir sind sehr froh, die Verfahren zur Unterstützung benachteiligter Kindern "
                                    "in Thüringen über dieses Programm gemeinsam mit den beteiligten Partnern "
                                    "weiterzuentwickeln. Denn dazu brauchen wir alle Ebenen – die Politik, die "
                                    "fachliche Begleitung und natürlich auch die Kommunen und Familien. Sonst würde "
                                    "das Programm keinen Sinn ergeben.",
                           "attribution": "Markus Büchel, Referent für kommunale Präventionsketten der Auridis "
                                          "Stiftung"}),
            ] + paragraphs(
                "Die erste Zwischenbilanz ist positiv. Alle teilnehmenden Landkreise und Kommunen sind in den "
                "Reflexionsprozess eingetaucht und haben sich der Frage gestellt, wie ein systematisches "
                "Zusammenwirken der unterschiedlichen Akteure und Institutionen nachhaltig auf- oder ausgebaut "
                "werden kann. Feste Strukturen zur Prozessberatung der Kommunen wurden geschaffen, "
                "Qualifizierungsmodule durchgeführt und Vernetzungsangebote in fachlichen Austauschformaten, wie "
                "das Durchführen eines Planspiels „Präventionskette“ oder der Austausch mit Landkreisen aus anderen "
                "Bundesländern, fanden statt. Weitere Fachgespräche und Fachtage sind geplant.",
                "„Künftige Aufgabe wird es sein, eine integrierte Gesamtstrategie sowohl konzeptionell als auch "
                "arbeitsorganisatorisch zu gestalten und zu einer kommunalen Präventionsstrategie für Thüringen "
                "zusammenzuführen“, so die Programmleiterin am Institut für kommunale Planung und Entwicklung, "
                "Heike Schaarschmidt. „Und diese gilt es dann auch mit Leben zu füllen. Die Kommunen können auf die "
                "Ergebnisse der Armutspräventionsstrategie bereits aufbauen und sie fortschreiben. Diese "
                "strukturelle Verknüpfung ist bislang einmalig. Um den Anspruch einer kommunal integrierten "
                "Präventionspolitik umzusetzen, braucht es weiter das Engagement auf allen Ebenen. Bestehende "
                "Förderprogramme, Planungen und Maßnahmen müssen miteinander verknüpft und im Resultat in "
                "passgenaue Angebote zur Prävention hinsichtlich der Folgen von Kinderarmut umgewandelt werden.“",
                "„Das braucht an der ein oder anderen Stelle Mut, Prozesse neu zu denken und Veränderungen "
                "anzugehen. Damit lernen und wachsen wir aber auch“, so Ministerin Werner abschließend.",
            ),
            "links": ("Weitere Informationen", [
                ("Weitere Informationen zum Programm: www.thueringer-praeventionsketten.de",
                 "https://www.thueringer-praeventionsketten.de/"),
            ]),
        },
        {
            # The seed gives no date; on today's site the teaser stands between the items of 08.09.2023 and the
            # socialnet review, so we chose 01.09.2023.
            "slug": "publikationen-kommunale-armutspraevention",
            "title": "Neu: Publikationen des IKPE zu Ansätzen kommunaler Armutsprävention",
            "date": d(2023, 9, 1),
            "categories": ["publikation"],
            "projects": ["arm"],
            "topics": ["armutspraevention"],
            "tags": ["Armutsprävention"],
            "teaser": "Neue Publikationen des IKPE zu Ansätzen kommunaler Armutsprävention sind erschienen.",
            "body": paragraphs(
                "Neue Publikationen des IKPE zu Ansätzen kommunaler Armutsprävention sind erschienen. Sie finden "
                "sie in unserem Bereich Publikationen.",
            ),
            "publications_link": True,
        },
        {
            # The seed gives no date; it follows the item above on today's site: 01.08.2023 chosen.
            "slug": "handbuch-socialnet-rezension",
            "title": "Handbuch zur kommunalen Planung auf „socialnet“ rezensiert",
            "date": d(2023, 8, 1),
            "categories": ["publikation"],
            "topics": ["public-governance"],
            "contacts": ["joerg-fischer", "theresa-hilse-carstensen", "stefan-huber"],
            "tags": ["Handbuch", "Rezension"],
            "teaser": "Prof. Dr. Christian Schröder empfiehlt das Handbuch zur kommunalen Planung und Steuerung "
                      "in seiner Rezension auf socialnet.de.",
            "image": ("Veröffentlichung des Handbuchs", "Prof. Dr. Jörg Fischer, Dr. Theresa Hilse-Carstensen und "
                      "Dr. Stefan Huber mit dem Handbuch", "Foto: @IKPE/Archiv"),
            "image_caption": "Zur Veröffentlichung des Handbuches im Herbst 2022 (v.l.n.r.): Prof. Dr. Jörg "
                             "Fischer, Dr. Theresa Hilse-Carstensen und Dr. Stefan Huber.",
            "body": paragraphs(
                "„Das Handbuch zur kommunalen Planung und Steuerung stellt ein empfehlenswertes Instrument dar, um "
                "ein umfassendes Verständnis für die Planung und Steuerung auf lokaler Ebene zu erlangen und die "
                "Entwicklung innovativer Ansätze zu fördern“, schreibt Prof. Dr. Christian Schröder, Fakultät für "
                "Sozialwissenschaften an der Hochschule für Technik und Wirtschaft des Saarlandes, im Fazit seiner "
                "Rezension auf socialnet.de. Zuvor bespricht er das Buch ausführlich hinsichtlich seiner Thematik, "
                "Aufbau und Inhalt. Intensiv beleuchtet Prof. Dr. Schröder die beiden Teile des Handbuchs "
                "“Steuerung und Planung verstehen – Begriffe, Konzepte, Zugänge” und “Planung und Gestaltung "
                "gemeinsam denken” und geht dabei sehr konkret auf einzelne Beiträge ein.",
                "Im Abschnitt “Diskussion” resümiert der Autor, dass das Handbuch “einen wertvollen Beitrag zur "
                "aktuellen Diskussion und Weiterentwicklung des Themas” biete und hebt hervor, dass die "
                "“inspirierenden Diskussionen und Reflexionen der Herausgeber*innen, (…) einen Blick in die Zukunft "
                "werfen und potenzielle Möglichkeiten für eine nachhaltige und effektive kommunale Daseinsvorsorge "
                "aufzeigen.”",
            ),
            # The seed names only the site; the exact address of the review is to be filled in by the editors.
            "links": ("", [("Zur Rezension auf socialnet.de", "https://www.socialnet.de/rezensionen/")]),
        },
        {
            # The two "Filmbeitrag" videos of today's home page, as one post. The seed gives no date: 01.07.2023
            # chosen (the videos stand below the 2023 items).
            "slug": "filmbeitraege-integrierte-sozialplanung",
            "title": "Filmbeiträge: Was kann integrierte strategische Sozialplanung leisten?",
            "date": d(2023, 7, 1),
            "categories": ["publikation"],
            "topics": ["sozialraumorientierung", "public-governance"],
            "tags": ["Film", "Sozialplanung"],
            "teaser": "Zwei Filmbeiträge zeigen, was integrierte strategische Sozialplanung in einem Thüringer "
                      "Landkreis und in einer kreisfreien Stadt leisten kann.",
            "body": paragraphs(
                "Zwei Filmbeiträge zeigen integrierte strategische Sozialplanung in der Praxis. Die Videos werden "
                "erst geladen, wenn Sie es ausdrücklich wünschen.",
            ) + [
                ("video", {"url": VIDEO_DISTRICT,
                           "title": "Was kann integrierte strategische Sozialplanung in Landkreisen leisten?",
                           "description": "Dieser Filmbeitrag beschreibt die Herausforderungen für die Planung der "
                                          "sozialen Infrastruktur im Rahmen der Fachkräftegewinnung in einem "
                                          "Thüringer Landkreis.",
                           "poster": None}),
                ("video", {"url": VIDEO_CITY,
                           "title": "Was kann integrierte strategische Sozialplanung in kreisfreien Städten "
                                    "leisten?",
                           "description": "Dieser Filmbeitrag beschreibt den integrierten Prozess der Planung und "
                                          "Entwicklung von passgenauen, bedarfsgerechten Angeboten für "
                                          "unterschiedliche Stadtteile in einer kreisfreien Stadt in Thüringen.",
                           "poster": None}),
            ],
            "video_posters": True,
        },
        {
            # The seed gives the date of the decision (12 February 2020); the post is dated on that day.
            "slug": "ikpe-ist-an-institut",
            "title": "IKPE ist An-Institut",
            "date": d(2020, 2, 12),
            "categories": ["ankuendigung"],
            "contacts": ["joerg-fischer"],
            "tags": ["Fachhochschule Erfurt"],
            "teaser": "Mit Beschluss der Hochschulleitung vom 12. Februar 2020 wurde das IKPE als An-Institut der "
                      "Fachhochschule Erfurt anerkannt.",
            "body": paragraphs(
                "Mit Beschluss der Hochschulleitung vom 12. Februar 2020 wurde das IKPE als An-Institut der "
                "Fachhochschule Erfurt anerkannt. Damit wird die seit 2015 bestehenden Kooperation auf neue "
                "rechtliche Füße gestellt. Wir freuen uns auf die weitere gute Zusammenarbeit im Rahmen von "
                "Forschung und Praxis, gemeinsamen Veranstaltungen, Lehre, Weiterbildung und von persönlichem "
                "Austausch.",
                "der Vorstand und die Mitarbeitenden des IKPE",
            ),
        },
        {
            # The seed says "am 11.03." without a year. Its neighbours on today's site are dated February and
            # 9 March 2020 and it speaks of "this year's" conference, so the year is 2020.
            "slug": "bildungskonferenz-erfurt-2020",
            "title": "IKPE unterwegs … bei der Bildungskonferenz in Erfurt",
            "date": d(2020, 3, 11),
            "categories": ["ikpe-unterwegs"],
            "projects": ["sozialstrukturatlas", "arm"],
            "topics": ["armutspraevention", "beteiligung"],
            "tags": ["Bildung", "Sozialstrukturatlas"],
            "teaser": "Auf der Bildungskonferenz der Bildungsstadt Erfurt beteiligte sich das IKPE mit dem Vortrag "
                      "„Bildung, ein Faktor in der Armutsprävention – Zahlen und Fakten zu Thüringen“.",
            "image": ("Bildungskonferenz Erfurt", "Bühne der Bildungskonferenz der Bildungsstadt Erfurt",
                      "Bildquelle: Stadtverwaltung Erfurt"),
            "body": paragraphs(
                "Auf der diesjährigen Bildungskonferenz der Bildungsstadt Erfurt „Arbeitswelten-Lebenswelten-"
                "Bildungswelten“ am 11.03. beteiligte sich das IKPE mit dem Vortrag „Bildung, ein Faktor in der "
                "Armutsprävention – Zahlen und Fakten zu Thüringen“.",
                "Im Vortrag wurden die Erkenntnisse zu Bildung und Armut aus dem Zweiten Thüringer "
                "Sozialstrukturatlas sowie Ziele und Maßnahmen zu diesen Themen aus den kommunalen "
                "Armutspräventionsstrategien vorgestellt.",
                "<p>Im anschließenden Workshop wurden von den Teilnehmer*innen aus der kommunal Verwaltung, von "
                "freien Träger und der Arbeitsagentur folgende Themen diskutiert:</p><ul><li>Wie kann Beteiligung "
                "von benachteiligten Familien und Kindern gelingen?</li><li>Wie müssen Bildungsübergänge von der "
                "Grundschule an weiterführende Schulen gestaltet werden?</li><li>Welchen Stellenwert haben Bildung "
                "und Schulabschlüsse wie der Hauptschulabschluss in der Gesellschaft?</li></ul>",
            ),
        },
        {
            # The seed gives no date ("Ende 2019" is when the article appeared). On today's site the post stands
            # between the items of 11.03.2020 and 09.03.2020, so we chose 10.03.2020.
            "slug": "beitrag-archiv-wissenschaft-praxis",
            "title": "Beitrag im Archiv für Wissenschaft und Praxis der sozialen Arbeit erschienen",
            "date": d(2020, 3, 10),
            "categories": ["publikation"],
            "projects": ["lsz"],
            "topics": ["lokale-familienpolitik"],
            "contacts": ["joerg-fischer", "theresa-hilse-carstensen"],
            "tags": ["Familienpolitik", "Ländliche Räume"],
            "teaser": "„Familienpolitische Ansätze zur Förderung lokaler Infrastruktur in ländlichen Räumen“ – ein "
                      "Beitrag von Jörg Fischer und Theresa Hilse-Carstensen im vierten Themenheft 2019.",
            "body": paragraphs(
                "„Familienpolitische Ansätze zur Förderung lokaler Infrastruktur in ländlichen Räumen“ – so lautet "
                "der Titel des Beitrags von Jörg Fischer und Theresa Hilse-Carstensen, der Ende 2019 im vierten "
                "Themenheft des Archivs für Wissenschaft und Praxis der sozialen Arbeit (herausgegeben im Auftrag "
                "des deutschen Vereins für öffentliche und private Fürsorge e.V.) erschienen ist.",
                "Bezugnehmend auf das Titelthema „Gesellschaftliche Teilhabe in ländlichen Räumen“ und das "
                "Thüringer Landesprogramm „Solidarisches Zusammenleben der Generationen“ legen Jörg Fischer und "
                "Theresa Hilse-Carstensen den Schwerpunkt ihres Beitrags auf familienpolitische Ansätze als "
                "möglichen Ausgangspunkt für die Förderung lokaler Infrastruktur.",
            ) + [
                ("quote", {"quote": "Die Ursachen für die derzeit hohe Dynamik und zunehmende Bedeutung "
                                    "familienpolitischer Ansätze liegen nicht nur im Ausbau und in der "
                                    "Fortentwicklung bestehender Angebote, sondern auch in einem neuen Verständnis "
                                    "von Familie und Familienpolitik begründet. In diesem neuen Verständnis werden "
                                    "räumlich-planerische Aspekte und die Bedarfe von Familien zusammen in den Blick "
                                    "genommen.",
                           "attribution": "Fischer/Hilse-Carstensen, S. 26"}),
            ],
        },
        {
            "slug": "rueckblick-ak-sozialplanung-maerz-2020",
            "title": "Rückblick AK Sozialplanung (9. März 2020)",
            "date": d(2020, 3, 9),
            "categories": ["rueckblick"],
            "projects": ["sozialstrukturatlas", "lsz"],
            "topics": ["armutspraevention", "netzwerke"],
            "tags": ["Arbeitskreis Sozialplanung", "Sozialstrukturatlas", "AGATHE"],
            "teaser": "Am 09.03.2020 fand der Arbeitskreis Sozialplanung des TMASGFF in Kooperation mit dem IKPE im "
                      "Bildungshaus St. Ursula in Erfurt mit 52 Teilnehmer*innen aus den Kommunen statt.",
            "body": paragraphs(
                "Am 09.03.2020 fand der Arbeitskreis Sozialplanung des TMASGFF in Kooperation mit dem IKPE im "
                "Bildungshaus St. Ursula in Erfurt mit 52 Teilnehmer*innen aus den Kommunen statt.",
                "Beim Arbeitskreis wurden Zahlen, Daten und Fakten aus dem Zweiten Thüringer Sozialstrukturatlas "
                "mit der Fokussierung auf Armut und Armutsprävention präsentiert. Es wurde über aktuelle "
                "Entwicklungen zum Landesprogramm Solidarisches Zusammenleben der Generationen (LSZ), zur "
                "ESF-Förderperiode 2021-2027 und zu AGATHE – ein niedrigschwelliges Angebot zur Aktivierung der "
                "Teilhabe am gesellschaftlichen Leben durch Vermittlung von Informationen und Unterstützung für "
                "ältere Menschen – informiert.",
                "Außerdem wurden die IKPE-Veranstaltungen für die Planer*innen für das Jahr 2020 zum Jahresthema "
                "Beteiligung und die Werkstattgespräche in Kooperation mit der LIGA der Freien Wohlfahrtspflege "
                "vorgestellt.",
            ),
            "documents": [
                ("Vortrag Sozialstrukturatlas AK Sozialplanung 2020", "Vortrag Sozialstrukturatlas", [
                    "Arbeitskreis Sozialplanung, 09.03.2020, Bildungshaus St. Ursula, Erfurt",
                    "Zahlen, Daten und Fakten aus dem Zweiten Thüringer Sozialstrukturatlas",
                    "Schwerpunkt: Armut und Armutsprävention",
                ]),
                ("Vortrag AGATHE AK Sozialplanung 2020", "Vortrag AGATHE", [
                    "Arbeitskreis Sozialplanung, 09.03.2020, Bildungshaus St. Ursula, Erfurt",
                    "AGATHE – Aktivierung der Teilhabe am gesellschaftlichen Leben durch Vermittlung",
                    "von Informationen und Unterstützung für ältere Menschen",
                ]),
            ],
        },
        {
            # The seed gives no date ("Heft 2/2020" is the issue). On today's site the post stands between the
            # items of 09.03.2020 and 17.02.2020, so we chose 01.03.2020.
            "slug": "ankuendigung-postwachstum-sozialplanung",
            "title": "Ankündigung: Postwachstum und Sozialplanung in den Blättern der Wohlfahrtspflege",
            "date": d(2020, 3, 1),
            "categories": ["ankuendigung", "publikation"],
            "topics": ["beteiligung", "public-governance"],
            "contacts": ["jens-kretzschmar", "theresa-hilse-carstensen"],
            "tags": ["Postwachstum"],
            "teaser": "Im Themenheft „Soziale und ökologische Transformation“ der Blätter der Wohlfahrtspflege "
                      "(Heft 2/2020) erscheint ein Artikel über Postwachstum und Sozialplanung.",
            "body": paragraphs(
                "Im Themenheft „Soziale und ökologische Transformation“ der Blätter der Wohlfahrtspflege (Heft "
                "2/2020) erscheint ein Artikel über Postwachstum und Sozialplanung von Jens Kretzschmar und Dr. "
                "Theresa Hilse-Carstensen. Der Beitrag geht zurück auf eine Podiumsdiskussion mit Thüringer "
                "Sozialplaner*innen sowie einer Wissenschaftlerin der Universität Jena beim 2. Regionalkongress der "
                "Deutschen Gesellschaft für Soziologie in Jena im September 2019.",
            ),
        },
        {
            # "Am Montag dem 17.02." without a year: 17 February 2020 was a Monday and the neighbours are from 2020.
            "slug": "thilik-treffen-interkulturelle-oeffnung",
            "title": "Kommunales Integrationsmanagement: Treffen mit dem Thüringer Zentrum für interkulturelle "
                     "Öffnung",
            "date": d(2020, 2, 17),
            "categories": ["rueckblick"],
            "projects": ["thilik"],
            "topics": ["integrations-management-thilik", "netzwerke"],
            "contacts": ["joerg-fischer", "stefan-huber", "kai-rompczyk"],
            "tags": ["ThILIK", "Integrationsmanagement"],
            "teaser": "Das Thüringer Zentrum für interkulturelle Öffnung und das IKPE loteten gemeinsame "
                      "Anknüpfungspunkte in der Prozessbegleitung von ThILIK aus.",
            "image": ("Treffen ThILIK Februar 2020", "Sechs Personen beim Treffen in den Räumen des IKPE",
                      "Foto: @IKPE/Archiv"),
            "image_caption": "Von links nach rechts: Prof. Dr. Jörg Fischer, Julia Brade, Prof. Dr. Jürgen Bolten, "
                             "Dr. Stefan Huber, Kai Rompczyk, Nadine Keitel",
            "body": paragraphs(
                "Am Montag dem 17.02. trafen sich Herr Prof. Dr. Bolten, Frau Brade und Frau Keitel vom Thüringer "
                "Zentrum für interkulturelle Öffnung in den Räumen des IKPE mit Herrn Prof. Dr. Fischer, Herrn Dr. "
                "Huber und Herrn Rompczyk, um gemeinsame Anknüpfungspunkte in ihrer Arbeit bzgl. der "
                "Prozessbegleitung der Thüringer Initiative für lokales Integrationsmanagement in den Kommunen "
                "(ThILIK) auszuloten. Wir danken für das informative Gespräch und freuen uns auf eine fruchtbare "
                "Zusammenarbeit.",
            ),
        },
        {
            "slug": "rueckblick-werkstattgespraech-liga-2019",
            "title": "Rückblick Werkstattgespräch (IKPE & LIGA)",
            "date": d(2019, 12, 13),
            "categories": ["rueckblick"],
            "topics": ["beteiligung", "netzwerke"],
            "tags": ["Werkstattgespräch", "LIGA Thüringen"],
            "teaser": "Zum Jahresausklang fand das Werkstattgespräch „Austausch- und Beteiligungsformate im "
                      "Planungskontext“ mit dem Kompetenzzentrum Strategische Sozialplanung der LIGA Thüringen "
                      "statt.",
            "image": ("Werkstattgespräch LIGA Dezember 2019", "Teilnehmende des Werkstattgesprächs bei der Arbeit "
                      "mit Beteiligungsinstrumenten", "Bildquelle: LIGA Thüringen"),
            "body": paragraphs(
                "Zum Jahresausklang fand am 13.12.2019 das Werkstattgespräch “Austausch- und Beteiligungsformate im "
                "Planungskontext” in Kooperation mit dem Kompetenzzentrum Strategische Sozialplanung der LIGA "
                "Thüringen statt.",
                "Die Beteiligung von Bürger*innen an sozialpolitischen Entscheidungen hat lange schon in der Praxis "
                "Einzug gehalten und sich bewährt. Die Integration von weiteren Akteur*innen, u.a. Institutionen und "
                "Organisationen, im Kontext von komplexen Planungsprozessen eröffnet neue Qualitäten sowie "
                "Herausforderungen im Rahmen von Beteiligungsprozessen. Im Rahmen dieser Veranstaltungen haben sich "
                "Sozialplaner*innen und Integrationsmanager*innen aus Verwaltungen und Vertreter*innen von Trägern "
                "der Freien Wohlfahrtspflege getroffen, um sich über den gemeinsamen Planungsprozesse und "
                "Möglichkeiten zur Beteiligung auszutauschen sowie ein gegenseitiges Verständnis füreinander zu "
                "stärken. Dabei wurde das Thema Beteiligung nicht nur theoretisch diskutiert, sondern es wurden "
                "verschiedene Beteiligungsinstrumente im Verlauf des Werkstattgesprächs genutzt.",
            ),
        },
        {
            # The seed gives no date. On today's site the posting stands between the items of 13.12.2019 and the
            # Integrationspreis (end of November 2019), so we chose 02.12.2019.
            "slug": "stellenausschreibung-armutspraevention",
            "title": "Stellenausschreibung: Verstärkung für unser Team in Erfurt",
            "date": d(2019, 12, 2),
            "categories": ["stellenausschreibung"],
            "projects": ["arm"],
            "topics": ["armutspraevention"],
            "tags": ["Stellenangebot"],
            "teaser": "Wir suchen Verstärkung für unser Team in Erfurt: Beratung, Forschung und Analyse bei der "
                      "Umsetzung der ESF-Armutspräventionsrichtlinie.",
            "body": paragraphs(
                "Wir suchen Verstärkung für unser Team in Erfurt. Die Stelle umfasst vor allem die Übernahme von "
                "Beratungs-, Forschungs- und Analysetätigkeiten bei der Umsetzung der ESF-"
                "Armutspräventionsrichtlinie im Freistaat Thüringen. Damit verbunden sind die Entwicklung und "
                "Umsetzung von Forschungsprojekten auf der kommunalen Ebene und der Transfer der Erkenntnisse in die "
                "kommunale Praxis.",
                "Die vollständige Ausschreibung finden Sie hier.",
            ),
            "documents": [("Stellenausschreibung IKPE Armutsprävention", "Vollständige Ausschreibung", [
                "Stellenausschreibung des IKPE, Erfurt",
                "Beratungs-, Forschungs- und Analysetätigkeiten bei der Umsetzung der",
                "ESF-Armutspräventionsrichtlinie im Freistaat Thüringen.",
                "Platzhalter der Demo-Inhalte: die Stelle ist besetzt.",
            ])],
        },
        {
            # The seed gives no date; it stands just above the Integrationspreis item (27.11.2019): 28.11.2019.
            "slug": "publikation-thilik-steuerungsstrukturen",
            "title": "Kommunales Integrationsmanagement: Innovative Steuerungsstrukturen und Erfolgsbeispiele",
            "date": d(2019, 11, 28),
            "categories": ["publikation"],
            "projects": ["thilik"],
            "topics": ["integrations-management-thilik", "public-governance"],
            "tags": ["ThILIK", "Integrationsmanagement"],
            "teaser": "Die zweite Publikation der Reihe „Kommunales Integrationsmanagement in Thüringen“ zeigt "
                      "Wirkungen und Erfolge des Programmes ThILIK vor Ort.",
            "body": paragraphs(
                "<p><strong>Innovative Steuerungsstrukturen und Erfolgsbeispiele der lokalen Integrationspolitik "
                "in Landkreisen und kreisfreien Städten Thüringens</strong></p>",
                "Diese Publikation des IKPE aus der Reihe “Kommunales Integrationsmanagement in Thüringen” "
                "fokussiert auf die Wirkungen und Erfolge des Programmes ThILIK vor Ort und ergänzt so die erste "
                "Publikation, die sich mit den Hintergründen und der Rolle und den Aufgabenfeldern der "
                "Integrationsmanager*innen beschäftigt.",
                "Die Publikation gliedert sich in drei Teile:",
                "<ol><li>Im ersten Teil wird der innovative Charakter von ThILIK vorgestellt und der Frage "
                "nachgegangen: Welche Steuerungsstrukturen wurden geschaffen und/oder weiterentwickelt, um "
                "Integration von (Neu-)Zugewanderten vor Ort effektiv und effizient gestalten zu können?</li><li>Im "
                "zweiten Teil wird eine breit gefächerte Sammlung an Erfolgsgeschichten der "
                "Integrationsmanager*innen vorgestellt.</li><li>Der abschließende Teil widmet sich der Frage, welche "
                "Herausforderungen und Aufgaben in der zukünftigen Förderphase 2020 von zentraler Bedeutung "
                "sind.</li></ol>",
                "Wir bedanken uns bei allen Beteiligten für ihre Mitwirkung an dieser Publikation und wünschen "
                "spannende, neue Erkenntnisse beim Lesen.",
            ),
            "publications_link": True,
        },
        {
            # The seed names the "Thüringen Journal" of 27.11.2019 as report on the prize: post dated that day.
            "slug": "thueringer-integrationspreis-2019",
            "title": "Arbeitskreis „Kommunales Integrationsmanagement in Thüringen“ erhält Thüringer "
                     "Integrationspreis 2019",
            "date": d(2019, 11, 27),
            "categories": ["rueckblick"],
            "projects": ["thilik"],
            "topics": ["integrations-management-thilik", "qualitaetsentwicklung"],
            "tags": ["ThILIK", "Integrationspreis"],
            "teaser": "Der Arbeitskreis „Kommunales Integrationsmanagement in Thüringen“ von IKPE und TMASGFF ist "
                      "ausgeZEICHNETER Preisträger des Thüringer Integrationspreises 2019.",
            "body": paragraphs(
                "Neben rund 150 Akteuren und Initiativen der Integrationsarbeit in Thüringen wurde auch das IKPE mit "
                "seinem Arbeitskreis “Kommunales Integrationsmanagement in Thüringen” mit dem Thüringen "
                "Integrationspreis 2019 “Ein Preis für Alle” ausgeZEICHNET.",
                "Der Arbeitskreis wurde Anfang 2019 als interkommunale und ebenenübergreifende Austauschplattform "
                "zur Qualitätsentwicklung des kommunalen Integrationsmanagements etabliert. Hier treffen sich "
                "quartalsweise die Integrationsmanager*innen aus den Thüringer Landkreisen und kreisfreien Städten "
                "und Vertreter*innen der Thüringer Ministerien für Soziales und Migration zu einem qualifizierten "
                "Fachaustausch. Gastgeber ist das Referat für strategische Planung im Thüringer Ministerium für "
                "Arbeit, Soziales, Gesundheit, Frauen und Familie. Die Organisation, Moderation, Durchführung und "
                "Nachbereitung obliegt dem Institut für kommunale Planung und Entwicklung e.V. (IKPE). Durch den "
                "ebenenübergreifenden Austausch von Kommunen und Land gelingt zudem ein engerer Austausch und eine "
                "Verzahnung in der strategischen Weiterentwicklung der Integrationspolitik des Landes Thüringen und "
                "seiner Kommunen.",
                "Weitere Informationen zum Thüringer Integrationspreis finden Sie auf thueringen.de sowie beim "
                "“Thüringen Journal” vom 27.11.2019.",
            ),
            "links": ("Weitere Informationen", [
                ("Thüringer Integrationspreis auf thueringen.de",
                 "https://www.thueringen.de/th10/ab/veranstaltungen/thip/index.aspx"),
            ]),
            "documents": [("Poster Thüringer Integrationspreis 2019", "Poster zum Integrationspreis", [
                "Thüringer Integrationspreis 2019 „Ein Preis für Alle“",
                "Arbeitskreis „Kommunales Integrationsmanagement in Thüringen“ von IKPE und TMASGFF",
            ])],
        },
        {
            # The seed says "11/2019" only: first of the month.
            "slug": "ikpe-unterwegs-november-2019",
            "title": "IKPE unterwegs: ConSozial und Lange Nacht der Wissenschaften",
            "date": d(2019, 11, 1),
            "categories": ["ikpe-unterwegs"],
            "projects": ["sozialstrukturatlas", "arm", "lsz"],
            "topics": ["kommunale-bedarfsanalyse", "sozialraumorientierung"],
            "contacts": ["joerg-fischer"],
            "tags": ["ConSozial", "Lange Nacht der Wissenschaften", "Sozialstrukturatlas"],
            "teaser": "Auch im November war das Team des IKPE unterwegs: auf der Messe „ConSozial“ in Nürnberg und "
                      "bei der Langen Nacht der Wissenschaften an der Fachhochschule Erfurt.",
            "image": ("IKPE-Stand ConSozial 2019", "Der IKPE-Stand mit bunten Würfeln auf der ConSozial",
                      "Foto: @IKPE/Archiv"),
            "body": paragraphs(
                "Auch im November war das Team des IKPE wieder unterwegs, namentlich auf der Messe „ConSozial“ in "
                "Nürnberg vom 6. bis zum 7. November und bei der Langen Nacht der Wissenschaften an der "
                "Fachhochschule Erfurt am 8. November.",
                "## ConSozial in Nürnberg",
                "Wo soll das alles enden? Wer weiß denn sowas? Wie überzeugt man eine Landrätin oder einen Landrat? "
                "Diese drei Fragen begegneten den Messebesucher*innen auf drei beleuchteten Säulen am IKPE-Stand. In "
                "Halle 3A in unmittelbarer Nachbarschaft zum DRK, einem Baristawagen und dem bayerischen "
                "Verfassungsschutz bauten wir unseren Stand mit all unseren bunten Würfeln in IKPE-Farben auf und "
                "befüllten diesen mit unseren Angebotsblättern, den Kompetenzträger*innen-Taschen, Stiften, "
                "Stickern, den neuen Postkarten sowie Magneten.",
                "Wir führten viele Gespräche über integrierte Sozialplanung, die Ergebnisse des Sozialstrukturatlas, "
                "unsere Prozessbegleitung im Rahmen der Armutsprävention und des LSZ. Wir tauschten uns mit den "
                "Standbesucher*innen über Überzeugungsstrategien für Landrät*innen aus und antworteten mehrmals auf "
                "die Frage „Machen Sie das nur in Thüringen?“. Der zweitägige Messeauftritt war eine wertvolle "
                "Erfahrung für uns, die wir gerne wiederholen.",
                "## Lange Nacht der Wissenschaften",
                "Trotz einer vermeintlich nachteiligen räumlichen Verortung an der FH hatten wir bei der Langen "
                "Nacht der Wissenschaften wesentlich mehr Besucher*innen als wir zu hoffen gewagt hätten. Da bei der "
                "Langen Nacht Fragestellen und Mitmachen ausdrücklich erwünscht sind hatten wir ein interaktives "
                "Thüringenquiz im Angebot, basierend auf unseren Erkenntnissen aus dem 2. Thüringer "
                "Sozialstrukturatlas und flankiert von einem Vortrag von Prof. Dr. Fischer zum Thema „Die Vermessung "
                "der Thüringer Bevölkerung – wer lebt eigentlich wie bei uns?“. Beim Quiz konnten die Teilnehmenden "
                "(ganz freiwillig, aber motiviert durch Schokolade) Schätzfragen beantworten und sich auf einer "
                "begehbaren Thüringenkarte positionieren (z.B. „Wo leben die meisten Männer zwischen 18 und 40 "
                "Jahren?“). Zwischen allen Fragen, Antworten und Quizrunden gab es natürlich auch regen Austausch, "
                "insbesondere der Sozialstrukturatlas stieß auf großes Interesse. Unterm Strich war es eine sehr "
                "erfolgreiche lange, aber doch kurzweilige Nacht.",
            ),
        },
        {
            # The seed gives no date; the article appears "Mitte November" and the post stands between "11/2019"
            # and the first ThILIK publication: 15.10.2019 chosen.
            "slug": "ankuendigung-familienpolitische-ansaetze",
            "title": "Ankündigung: Familienpolitische Ansätze zur Förderung lokaler Infrastruktur",
            "date": d(2019, 10, 15),
            "categories": ["ankuendigung"],
            "topics": ["lokale-familienpolitik"],
            "contacts": ["joerg-fischer", "theresa-hilse-carstensen"],
            "tags": ["Familienpolitik", "Ländliche Räume"],
            "teaser": "Mitte November erscheint im Archiv für Wissenschaft und Praxis der sozialen Arbeit (Heft "
                      "4/2019) ein Artikel von Prof. Dr. Jörg Fischer und Dr. Theresa Hilse-Carstensen.",
            "body": paragraphs(
                "Mitte November erscheint im Themenheft “Gesellschaftliche Teilhabe in ländlichen Räumen” des "
                "Archivs für Wissenschaft und Praxis der sozialen Arbeit (Heft 4/2019) ein Artikel über "
                "familienpolitische Ansätze zur Förderung lokaler Infrastruktur in ländlichen Räumen von Prof. Dr. "
                "Jörg Fischer und Dr. Theresa Hilse-Carstensen.",
            ),
        },
        {
            # The seed gives no date; it stands between the announcement above and "10/2019": 08.10.2019 chosen.
            "slug": "publikation-thilik-integration-vor-ort",
            "title": "Kommunales Integrationsmanagement in Thüringen: die erste Publikation der Reihe",
            "date": d(2019, 10, 8),
            "categories": ["publikation"],
            "projects": ["thilik"],
            "topics": ["integrations-management-thilik"],
            "tags": ["ThILIK", "Integrationsmanagement"],
            "teaser": "Die lokale Ebene ist der Ort, an dem die Chancen gelungener Integration unmittelbar spürbar "
                      "werden: die erste Publikation der Reihe „Kommunales Integrationsmanagement in Thüringen“.",
            "body": paragraphs(
                "In den Städten und Gemeinden finden die alltäglichen Begegnungen von alteingesessenen und "
                "zugewanderten Menschen statt. Die lokale Ebene ist demnach der Ort, an dem die Chancen und Erfolge "
                "gelungener Integration oder auch Barrieren und Folgen einer misslungenen Integration von "
                "Zugewanderten unmittelbar spürbar werden.",
                "Soll die Integration gelingen, muss sie aktiv gestaltet werden in allen Facetten des täglichen "
                "Lebens (Kindergarten, Schule, Betrieb, Freizeit etc.). Integrationsbemühungen sollten dabei nicht "
                "nur auf die Zugewanderten abzielen, sondern auch stets die Aufnahmegesellschaft einbeziehen, um "
                "Barrieren abbauen und gegenseitige Anerkennung stärken zu können.",
                "<p>Mit der vorliegenden Publikation vom Institut für kommunale Planung und Entwicklung e.V. (IKPE) "
                "werden folgende Fragen beantwortet:</p><ul><li>Wie hat sich das Handlungsfeld “Migration und "
                "Integration” in Thüringen in den vergangenen Jahren entwickelt?</li><li>Welche Maßnahmen hat die "
                "rot-rot-grüne Landesregierung ergriffen, um dem zunehmenden Wandel aktiv gestalten zu können und "
                "welche Rolle spielen dabei die Kommunen?</li><li>Was können die Thüringer Landkreise und kreisfreien "
                "Städte konkret dazu beitragen, damit die Integration vor Ort gelingt?</li></ul>",
                "Dafür wurde auf die Erfahrungen und Ergebnisse aus der langjährigen Beratung, Begleitung, Vernetzung "
                "und Qualifizierung von 15 Integrationsmanager*innen aus den Landkreisen und kreisfreien Städten "
                "Thüringens durch das IKPE zurückgegriffen, die über das Programm “Thüringer Initiative für lokales "
                "Integrationsmanagement in den Kommunen” (ThILIK) finanziert werden. Zudem kommen zentrale Akteure "
                "aus den Ministerien und Kommunalverwaltungen zu Wort, die auf dem Weg dorthin maßgeblich beteiligt "
                "waren oder sind.",
                "Diese erste Publikation bildet den Auftakt für eine geplante Reihe mit dem Titel “Kommunales "
                "Integrationsmanagement in Thüringen”.",
                "Wir bedanken uns bei allen Beteiligten für die Mitwirkung an dieser Publikation und wünschen "
                "spannende, neue Erkenntnisse beim Lesen.",
            ),
            "publications_link": True,
        },
        {
            # The seed says "10/2019" only: first of the month.
            "slug": "ikpe-unterwegs-september-2019",
            "title": "IKPE unterwegs: Fachtage und Konferenzen im September",
            "date": d(2019, 10, 1),
            "categories": ["ikpe-unterwegs"],
            "projects": ["sozialstrukturatlas", "lsz"],
            "topics": ["lokale-familienpolitik", "kommunale-bedarfsanalyse"],
            "contacts": ["joerg-fischer", "theresa-hilse-carstensen", "jens-kretzschmar"],
            "tags": ["Fachtag", "Sozialstrukturatlas", "Postwachstum"],
            "teaser": "Im September war ganz schön was los: Fachtag Familienpolitik in Weimar, Regionalkonferenz der "
                      "DGS in Jena und der Fachtag zum 2. Thüringer Sozialstrukturatlas.",
            "image": ("IKPE unterwegs September 2019", "Das IKPE-Team bei Veranstaltungen im September 2019",
                      "Foto: @IKPE/Archiv"),
            "body": paragraphs(
                "Im September war ganz schön was los! Das Team des IKPE war viel unterwegs auf Veranstaltungen, auf "
                "großen wie auf kleinen. Eine Auswahl möchten wir Ihnen hier präsentieren:",
                "Zum Abschluss des Monats waren wir am 30.09. auf dem Fachtag für die neue Thüringer "
                "Familienpolitik in Weimar vertreten, wo Prof. Dr. Jörg Fischer einen Keynote-Vortrag hielt und Dr. "
                "Theresa Hilse-Carstensen zusammen mit Birgit Kaufhold, Sozialplanerin des Unstrut-Hainich-Kreises, "
                "einen Workshop veranstaltete.",
                "Vom 23. bis zum 27. September fand in Jena die 2. Regionalkonferenz der Deutschen Gesellschaft für "
                "Soziologie statt, gleichzeitig Abschlusskonferenz des Kollegs “Postwachstumsgesellschaften” der "
                "Friedrich-Schiller-Universität Jena (FSU). Dort veranstaltete Jens Kretzschmar am 26.09. eine "
                "Podiumsdiskussion zum Thema Sozialplanung. Mit dabei waren Andreas Blume (Kyffhäuserkreis), Katja "
                "Lukas (Saale-Orla-Kreis), Christiane Maurer (Landkreis Sömmerda), Daniel Meier und Dr. Konstanze "
                "Tenner (beide Stadt Jena) sowie Dr. Tine Haubner vom Arbeitsbereich Politische Soziologie der FSU "
                "und Dr. Theresa Hilse-Carstensen vom IKPE.",
                "Und dann war da ja auch noch der Fachtag zum 2. Thüringer Sozialstrukturatlas (SSA) am 9. "
                "September, welchen das IKPE verfasst hat. Dort stellte Projektleiter Prof. Dr. Marcel Helbig die "
                "Ergebnisse des ersten Teils des SSA vor, um sie anschließend auf dem Podium mit Ministerin Heike "
                "Werner, Dr. Michael Frehse (Leiter der Abteilung Heimat im Bundesministerium des Innern) und Dr. "
                "Martina Doehler-Behzadi (Geschäftsführerin der IBA Thüringen) zu diskutieren.",
            ),
        },
        {
            # The seed says "06/2019" only: first of the month (both June items).
            "slug": "studie-sozialraeumliche-verteilung-zuwanderung",
            "title": "Studie: Wo findet „Integration“ statt?",
            "date": d(2019, 6, 1),
            "categories": ["publikation"],
            "projects": ["sozialstrukturatlas"],
            "topics": ["sozialraumorientierung", "integrations-management-thilik"],
            "tags": ["Zuwanderung", "Sozialstrukturatlas"],
            "teaser": "Prof. Marcel Helbig, unser Kooperationspartner im Sozialstrukturatlas, hat eine Studie zur "
                      "sozialräumlichen Verteilung der Zuwanderung in deutschen Städten veröffentlicht.",
            "body": paragraphs(
                "Professor Marcel Helbig, unser Kooperationspartner im Sozialstrukturatlas, hat eine neue Studie zur "
                "sozialräumlichen Verteilung der Zuwanderung in Deutschland veröffentlicht. Das WZB Discussion Paper "
                "“Wo findet ‘Integration’ statt? Die sozialräumliche Verteilung von Zuwanderern in den deutschen "
                "Städten zwischen 2014 und 2017” finden Sie beim WZB zum Download.",
                "Einen Bericht der Thüringer Landeszeitung zur Studie finden Sie dort ebenfalls verlinkt.",
            ),
            "links": ("", [("WZB Discussion Paper beim Wissenschaftszentrum Berlin",
                            "https://www.wzb.eu/de/publikationen")]),
        },
        {
            # The seed says "06/2019" only: first of the month.
            "slug": "gelingensbedingungen-kooperation-jugendhilfe-gesundheit",
            "title": "Gelingensbedingungen der Kooperation von Kinder- und Jugendhilfe und Gesundheitswesen",
            "date": d(2019, 6, 1),
            "categories": ["publikation"],
            "projects": ["praeventionsketten"],
            "topics": ["netzwerke", "lokale-familienpolitik"],
            "contacts": ["joerg-fischer"],
            "tags": ["Präventionsketten", "Gesundheit"],
            "teaser": "Neue Publikation von Prof. Dr. Jörg Fischer und Prof. Dr. Raimund Geene zu Handlungsansätzen "
                      "und Herausforderungen im Kontext kommunaler Präventionsketten.",
            "body": paragraphs(
                "Neue Publikation von Prof. Dr. Jörg Fischer (IKPE/FH Erfurt) und Prof. Dr. Raimund Geene (Berlin "
                "School of Public Health): “Gelingensbedingungen der Kooperation von Kinder- und Jugendhilfe und "
                "Gesundheitswesen. Handlungsansätze und Herausforderungen im Kontext kommunaler Präventionsketten”. "
                "Die ausführliche Studie sowie die Kurzfassung (“Impuls”) finden Sie unter Publikationen – "
                "Forschungsarbeiten und Berichte.",
            ),
            "publications_link": True,
        },
    ]


def load(ctx):
    home = ctx["home"]
    categories = {}
    for name, slug in CATEGORIES:
        categories[slug], _ = NewsCategory.objects.get_or_create(slug=slug, defaults={"name": name})

    index = home.get_children().type(NewsIndexPage).first()
    if index is None:
        index = NewsIndexPage(
            slug="aktuelles", title="Aktuelles", show_in_menus=True,
            teaser="Neuigkeiten, Pressemitteilungen und Ankündigungen aus dem Institut für kommunale Planung und "
                   "Entwicklung.",
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    index = index.specific
    ctx["news_index"] = index

    people = ctx.get("people") or _pages_by_slug("people", "PersonPage")
    projects = ctx.get("projects") or _pages_by_slug("projects", "ProjectPage")
    topics = ctx.get("topics") or {}
    publications_index = _publications_index(home)
    existing = {page.slug: page for page in NewsPage.objects.child_of(index)}
    ctx["news"] = {}
    for item in posts():
        slug = item["slug"]
        if slug in existing:
            ctx["news"][slug] = existing[slug]
            continue
        ctx["news"][slug] = _create_post(index, item, categories, people, projects, topics, publications_index)
    return ctx


def _create_post(index, item, categories, people, projects, topics, publications_index):
    body = list(item["body"])
    if item.get("video_posters"):
        for block_type, value in body:
            if block_type == "video":
                value["poster"] = placeholder_image(f"Filmbeitrag {value['title'][:60]}", "Standbild des "
                                                    "Filmbeitrags (Platzhalter)", text="Filmbeitrag")
    for document_title, link_text, lines in item.get("documents", []):
        body.append(("document", {"document": pdf_document(document_title, lines), "title": link_text}))
    if item.get("links"):
        title, links = item["links"]
        body.append(("links", {"title": title, "links": [
            {"label": label, "page": None, "external_url": url} for label, url in links
        ]}))
    if item.get("publications_link") and publications_index is not None:
        body.append(("links", {"title": "", "links": [
            {"label": "Zu den Publikationen des IKPE", "page": publications_index, "external_url": ""},
        ]}))
    if item.get("contact_block"):
        heading, person_slug = item["contact_block"]
        if person_slug in people:
            body.append(("contact_person", {"heading": heading, "person": people[person_slug]}))

    # Placeholder images: the seed's photos (with their credits) where it has one, a plain graphic otherwise.
    label = categories[item["categories"][0]].name
    if item.get("image"):
        title, alt, credit = item["image"]
        image = placeholder_image(title, f"Platzhalter für ein Foto: {alt}", credit=credit, text=label)
    else:
        image = placeholder_image(f"Aktuelles: {item['title'][:80]}", f"Grafik mit dem Schriftzug „{label}“",
                                  credit="Grafik: IKPE", text=label)

    post = NewsPage(
        slug=item["slug"], title=item["title"], date=item["date"], teaser=item["teaser"], body=body,
        listing_image=image, image_caption=item.get("image_caption", ""),
        funding_note=item.get("funding_note", ""),
        categories=[categories[slug] for slug in item.get("categories", [])],
        topics=[topics[slug] for slug in item.get("topics", []) if slug in topics],
        projects=[projects[slug] for slug in item.get("projects", []) if slug in projects],
        contacts=[people[slug] for slug in item.get("contacts", []) if slug in people],
        funders=_funders(item.get("funders", [])),
    )
    post.tags.add(*item.get("tags", []))
    index.add_child(instance=post)
    post.save_revision().publish()
    post.refresh_from_db()
    return post


def _pages_by_slug(app_label, model_name):
    """Fallback when an earlier loader did not put its pages into the context."""
    return {page.slug: page for page in apps.get_model(app_label, model_name).objects.all()}


def _funders(names):
    Funder = apps.get_model("projects", "Funder")
    return list(Funder.objects.filter(name__in=names))


def _publications_index(home):
    try:
        PublicationIndexPage = apps.get_model("publications", "PublicationIndexPage")
    except LookupError:
        return None
    return PublicationIndexPage.objects.child_of(home).first()
