"""Demo content of the people app: the team, the contact directory and the association's founding members.

Names, phone numbers, email addresses and responsibilities are those of the seeds' contact section; the ESF+
team and the programme lead come from the press release of 13.09.2023 and the report of 08.09.2023.
"""

from ikpe_site.core.demo_tools import get_or_create_page, placeholder_image
from ikpe_site.core.models import SiteSettings, StandardPage

from .models import AssociationMember, ContactPage, PeopleIndexPage, PersonPage, Responsibility

ARM = "Unterstützung kommunaler Planungsstrukturen in der Armutsprävention (ARM)"
LSZ = "Prozessbegleitung im Landesprogramm Solidarisches Zusammenleben der Generationen (LSZ)"

# slug, academic title, first name, last name, position, phone, email, lead, responsibilities as (text, topic slug)
PEOPLE = [
    ("joerg-fischer", "Prof. Dr.", "Jörg", "Fischer", "Leiter des Instituts", "0361/6700-539",
     "joerg.fischer@ikpe-erfurt.de", True, [("Für Anfragen außerhalb Thüringens", None)]),
    ("katrin-bauer", "", "Katrin", "Bauer", "", "0361 / 30257 - 606", "katrin.bauer@ikpe-erfurt.de", False,
     [(ARM, "armutspraevention"), (LSZ, "lokale-familienpolitik")]),
    ("laurence-frank", "", "Laurence", "Frank", "", "0361 / 30257 - 604", "laurence.frank@ikpe-erfurt.de", False,
     [(ARM, "armutspraevention"), (LSZ, "lokale-familienpolitik")]),
    ("theresa-hilse-carstensen", "Dr.", "Theresa", "Hilse-Carstensen", "", "0361-30257-603",
     "theresa.hilse-carstensen@ikpe-erfurt.de", False,
     [(ARM, "armutspraevention"),
      ("Projektleitung und Prozessbegleitung im Landesprogramm Solidarisches Zusammenleben der Generationen (LSZ)",
       "lokale-familienpolitik")]),
    ("stefan-huber", "Dr.", "Stefan", "Huber", "Projektleiter", "0361 / 30257 - 602", "stefan.huber@ikpe-erfurt.de",
     False, [("Projektleitung und Prozessbegleitung Armutsprävention (ARM)", "armutspraevention"),
             ("Thüringer Initiative für lokales Integrationsmanagement in den Kommunen (ThiliK)",
              "integrations-management-thilik")]),
    ("jens-kretzschmar", "", "Jens", "Kretzschmar", "", "0361 / 30257 - 607", "jens.kretzschmar@ikpe-erfurt.de",
     False, [(ARM, "armutspraevention"), (LSZ, "lokale-familienpolitik")]),
    ("katja-nicke", "", "Katja", "Nicke", "", "0361 / 30257 - 601", "katja.nicke@ikpe-erfurt.de", False,
     [("Projektkoordination", None)]),
    ("kai-rompczyk", "", "Kai", "Rompczyk", "", "0361 / 30257 - 666", "kai.rompczyk@ikpe-erfurt.de", False,
     [("Sozialstrukturatlas", None)]),
    # The seeds give no phone, email or responsibilities for the following four: team page only, not in the
    # contact directory.
    ("josefine-struening", "", "Josefine", "Strüning", "Prozessbegleitung Sozialstrategierichtlinie (ESF+)", "", "",
     False, []),
    ("gernot-herzer", "Dr.", "Gernot", "Herzer", "Prozessbegleitung Sozialstrategierichtlinie (ESF+)", "", "",
     False, []),
    ("rainer-vock", "Dr.", "Rainer", "Vock", "Prozessbegleitung Sozialstrategierichtlinie (ESF+)", "", "",
     False, []),
    ("heike-schaarschmidt", "", "Heike", "Schaarschmidt", "Programmleiterin „Thüringer Präventionsketten“", "", "",
     False, []),
]

# name, function, organisation: the founding members as listed on "Der Verein" ("u.a.": the list is not complete).
FOUNDING_MEMBERS = [
    ("Prof. Dr. Michael Behr", "Abteilungsleiter",
     "Thür. Minist. f. Arbeit, Soziales, Gesundheit, Frauen und Familie"),
    ("Sabine Bräunicke", "Fachbereichsleiterin Soziales", "Landratsamt Kyffhäuserkreis"),
    ("Dr. Bernd Ebersold", "Abteilungsleiter", "Thür. Minist. f. Wirtschaft, Wissenschaft und Digitale Gesellschaft"),
    ("Prof. Dr. Jörg Fischer", "Professor für Erziehungs- und Bildungskonzepte", "Fachhochschule Erfurt"),
    ("Cornelia Herpe", "Jugendamtsleiterin", "Landratsamt Saalfeld-Rudolstadt"),
    ("Tatijana Hüfner", "Olympiasiegerin / mhrf Weltmeisterin im Rennrodeln, angehende Kindheitspädagogin", ""),
    ("Evelyn Kiewert", "Fachbereichsleiterin Soziales", "Stadtverwaltung Gera"),
    ("Guido Kläser", "Amtsleiter Soziales und Gesundheit", "Stadtverwaltung Erfurt"),
    ("Angela Lorenz", "Referatsleiterin", "Thüringer Ministerium für Bildung, Jugend und Sport"),
    ("Claudia Michelfeit", "Stellv. Stabsstellenleiterin",
     "TM Arbeit, Soziales, Gesundheit, Frauen und Familie"),
    ("Christian Möller", "Leiter Stabsstelle", "Thür. Minist. f. Arbeit, Soziales, Gesundheit, Frauen und Familie"),
    ("Prof. Dr. Friso Ross", "Dekan", "Fachhochschule Erfurt"),
    ("Frank Schenker", "Bürgermeister und Dezernent für Familie, Bildung und Soziales", "Stadtverwaltung Jena"),
    ("Thomas Schorcht", "Abteilungsleiter Jugend, Soziales und Gesundheit", "Landratsamt Sömmerda"),
    ("Hans-Otto Schwiefert", "Geschäftsführer", "Liga der freien Wohlfahrtspflege in Thüringen e. V."),
    ("Prof. Dr. Volker Zerbe", "Rektor", "Fachhochschule Erfurt"),
]


def load(ctx):
    home, topics = ctx["home"], ctx["topics"]
    team, _ = get_or_create_page(
        home, PeopleIndexPage, "team", title="Team", show_in_menus=True,
        teaser="Die Menschen im IKPE: Institutsleitung und Mitarbeiter*innen mit ihren Zuständigkeiten.",
        intro="<p>Wir begleiten Thüringer Kommunen in Analyse und Forschung, Qualifizierung und "
              "Strategieentwicklung.</p>",
    )
    ctx["people"] = {}
    for slug, academic_title, first, last, position, phone, email, lead, responsibilities in PEOPLE:
        name = " ".join(part for part in (academic_title, first, last) if part)
        photo = placeholder_image(f"Porträt {first} {last}", f"Porträt-Platzhalter für {name}",
                                  text=f"{first[0]}{last[0]}", size=(600, 600))
        about = "; ".join(text for text, _ in responsibilities) or position
        person, created = get_or_create_page(
            team, PersonPage, slug, title=name, academic_title=academic_title, first_name=first, last_name=last,
            position=position, phone=phone, email=email, is_lead=lead, is_staff=True, photo=photo,
            teaser=f"{about}.",
            responsibilities=[Responsibility(text=text, page=topics.get(topic_slug), sort_order=number)
                              for number, (text, topic_slug) in enumerate(responsibilities)],
        )
        ctx["people"][slug] = person

    contact, _ = get_or_create_page(
        home, ContactPage, "kontakt", title="Kontakt", show_in_menus=True,
        teaser="Viele Wege führen zu uns: Ihre Ansprechpartner*innen im IKPE mit Telefon, E-Mail und Zuständigkeit.",
        intro="<p>Viele Wege führen zu uns. Ihre Ansprechpartner*innen in den laufenden Projekten finden Sie "
              "unterstehend.</p>",
    )
    ctx["contact"] = contact
    if home.contact_page_id is None:
        home.contact_page = contact
        home.save_revision().publish()
    settings = SiteSettings.for_site(ctx["site"])
    if settings.contact_page_id is None:
        settings.contact_page = contact
        settings.save()

    for number, (name, function, organisation) in enumerate(FOUNDING_MEMBERS):
        AssociationMember.objects.get_or_create(
            name=name, group=AssociationMember.Group.FOUNDING,
            defaults={"function": function, "organisation": organisation, "sort_order": number},
        )
    # The seeds name no board members: the board list starts empty and says so.
    association = StandardPage.objects.get(pk=ctx["association"].pk)
    if not any(block.block_type == "member_list" for block in association.body):
        association.body.append(("member_list", {"title": "Vorstand", "group": "board"}))
        association.body.append(("member_list", {"title": "Gründungsmitglieder", "group": "founding"}))
        association.save_revision().publish()
        ctx["association"] = association
    return ctx
