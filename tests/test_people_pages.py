"""Person pages, vCard, JSON-LD, association members and the contact-person block (people app)."""

import io
import json
import re

import pytest
import vobject
from django.core.management import call_command
from wagtail.models import Page, Revision
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from ikpe_site.core.models import HomePage, StandardPage
from ikpe_site.core.phones import tel_uri
from people.models import AssociationMember, ContactPage, PeopleIndexPage, PersonPage, sorted_people
from tests.factories import PeopleIndexPageFactory, PersonPageFactory


def test_page_tree_rules():
    assert PeopleIndexPage.allowed_parent_page_models() == [HomePage]
    assert PeopleIndexPage.allowed_subpage_models() == [PersonPage]
    assert PersonPage.allowed_parent_page_models() == [PeopleIndexPage]
    assert PersonPage.allowed_subpage_models() == []
    assert ContactPage.allowed_parent_page_models() == [HomePage]
    assert [model._meta.label for model in ContactPage.allowed_subpage_models()] == ["trust.FeedbackFormPage"]
    assert PeopleIndexPage.max_count == ContactPage.max_count == 1


@pytest.mark.parametrize(
    "number, uri",
    [
        ("0361 / 30257 - 602", "tel:+4936130257602"),
        ("0361/6700-539", "tel:+493616700539"),
        ("+49 361 30257-603", "tel:+4936130257603"),
        ("0049 361 1", "tel:+493611"),
        ("", ""),
        ("n. n.", ""),
    ],
)
def test_tel_uri(number, uri):
    assert tel_uri(number) == uri


def test_people_sort_lead_first_then_by_name_ignoring_umlauts():
    people = [
        PersonPage(first_name="Z", last_name="Zander"),
        PersonPage(first_name="A", last_name="Öhler"),
        PersonPage(first_name="B", last_name="Ohm", is_lead=True),
        PersonPage(first_name="C", last_name="Nagel"),
    ]
    assert [p.last_name for p in sorted_people(people)] == ["Ohm", "Nagel", "Öhler", "Zander"]


def test_demo_people_exist_once_and_loading_again_changes_nothing(demo_site):
    slugs = [
        "joerg-fischer",
        "katrin-bauer",
        "laurence-frank",
        "theresa-hilse-carstensen",
        "stefan-huber",
        "jens-kretzschmar",
        "katja-nicke",
        "kai-rompczyk",
        "josefine-struening",
        "gernot-herzer",
        "rainer-vock",
        "heike-schaarschmidt",
    ]
    assert sorted(PersonPage.objects.values_list("slug", flat=True)) == sorted(slugs)
    huber = PersonPage.objects.get(slug="stefan-huber")
    assert (huber.title, huber.academic_title, huber.first_name, huber.last_name) == (
        "Dr. Stefan Huber",
        "Dr.",
        "Stefan",
        "Huber",
    )
    assert huber.photo.description == "Platzhalterbild: Porträt Stefan Huber" and huber.photo.credit == ""
    assert (huber.photo.width, huber.photo.height) == (600, 600)
    herzer = PersonPage.objects.get(slug="gernot-herzer")
    assert herzer.is_team_member and not herzer.phone and not herzer.email
    counts = (Page.objects.count(), Revision.objects.count(), AssociationMember.objects.count())
    call_command("load_demo_content", force=True, stdout=io.StringIO())
    assert (Page.objects.count(), Revision.objects.count(), AssociationMember.objects.count()) == counts
    association = StandardPage.objects.get(slug="verein")
    assert [b.value["group"] for b in association.body if b.block_type == "member_list"] == ["board", "founding"]


def test_person_page_shows_contact_data_and_responsibilities(client, demo_site):
    html = client.get("/team/theresa-hilse-carstensen/").content.decode()
    assert "<h1>Dr. Theresa Hilse-Carstensen</h1>" in html
    assert '<a href="tel:+4936130257603">0361 30257-603</a>' in html  # DIN 5008
    assert "theresa.hilse-carstensen [ät] ikpe-erfurt.de" in html
    assert "Projektleitung und Prozessbegleitung im Landesprogramm Solidarisches Zusammenleben" in html
    assert 'alt="Platzhalterbild: Porträt Theresa Hilse-Carstensen"' in html
    assert "Grafik: IKPE" not in html  # a placeholder has no credit
    assert "Anger 10" in html  # office defaults to the institute's address
    assert 'href="/team/theresa-hilse-carstensen/vcard/"' in html


def test_person_page_json_ld(client, team):
    html = client.get("/team/joerg-mueller/").content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = next(item for item in map(json.loads, blocks) if item["@type"] == "Person")
    assert (data["name"], data["givenName"], data["familyName"]) == ("Prof. Dr. Jörg Müller", "Jörg", "Müller")
    assert data["honorificPrefix"] == "Prof. Dr." and data["jobTitle"] == "Leiter des Instituts"
    assert data["worksFor"]["name"] == "Institut für kommunale Planung und Entwicklung e.V."
    assert data["telephone"] == "+493616700599"
    assert "email" not in data and not any("@ikpe" in block for block in blocks)


@pytest.fixture
def team(home):
    index = PeopleIndexPageFactory(parent=home)
    PersonPageFactory(
        parent=index,
        slug="erika-muster",
        academic_title="Dr.",
        first_name="Erika",
        last_name="Muster",
        phone="0361 30257-699",
        email="erika.muster@ikpe-erfurt.de",
    )
    PersonPageFactory(
        parent=index,
        slug="joerg-mueller",
        academic_title="Prof. Dr.",
        first_name="Jörg",
        last_name="Müller",
        position="Leiter des Instituts",
        phone="0361/6700-599",
        email="joerg.mueller@ikpe-erfurt.de",
    )
    return index


@pytest.mark.parametrize("slug", ["erika-muster", "joerg-mueller"])
def test_vcard_round_trips(client, team, slug):
    person = PersonPage.objects.get(slug=slug)
    response = client.get(f"/team/{slug}/vcard/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    assert f'filename="{slug}.vcf"' in response["Content-Disposition"]
    raw = response.content
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    card = vobject.readOne(raw.decode("utf-8"))
    assert card.version.value == "4.0"
    assert card.fn.value == person.title
    assert (card.n.value.family, card.n.value.given, card.n.value.prefix) == (
        person.last_name,
        person.first_name,
        person.academic_title,
    )
    assert card.email.value == person.email
    assert re.sub(r"\D", "", card.tel.value).endswith(re.sub(r"\D", "", person.phone)[1:])
    assert card.org.value == ["Institut für kommunale Planung und Entwicklung e.V."]
    assert "Jörg Müller".encode() in raw or slug != "joerg-mueller"  # UTF-8, umlauts intact


def make_person(home, **fields):
    index = home.add_child(instance=PeopleIndexPage(title="Team", slug="team"))
    person = index.add_child(instance=PersonPage(slug="erika-muster", **fields))
    person.save_revision().publish()
    return person


def test_person_without_photo_phone_or_email_renders(client, home):
    make_person(home, title="Erika Muster", first_name="Erika", last_name="Muster")
    response = client.get("/team/erika-muster/")
    assert response.status_code == 200
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    assert '<span class="person-initials large" aria-hidden="true">EM</span>' in main
    for absent in ("Telefon", "E-Mail", "tel:", "<img", "Zuständigkeiten", "Zur Person", "<dd></dd>"):
        assert absent not in main, absent
    card = vobject.readOne(client.get("/team/erika-muster/vcard/").content.decode())
    assert card.fn.value == "Erika Muster" and not hasattr(card, "tel") and not hasattr(card, "email")
    team = client.get("/team/").content.decode()
    assert "Erika Muster" in team and "<dl" not in team[team.index("<main") : team.index("</main>")]


def test_vcard_escapes_and_folds_long_values(client, home):
    make_person(
        home,
        title="Erika Muster",
        first_name="Erika",
        last_name="Muster",
        phone="0361 1",
        position="Leitung; Planung, Steuerung und " + "Qualitätsentwicklung " * 6,
        office="Fachhochschule Erfurt\nAltonaer Straße 25\n99085 Erfurt",
    )
    raw = client.get("/team/erika-muster/vcard/").content
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    card = vobject.readOne(raw.decode())
    assert card.title.value.startswith("Leitung; Planung, Steuerung und Qualitätsentwicklung")
    assert card.adr.value.street == "Fachhochschule Erfurt, Altonaer Straße 25"
    assert (card.adr.value.code, card.adr.value.city) == ("99085", "Erfurt")


@pytest.mark.parametrize(
    "path", ["/team/erika-muster/vcard/x/", "/team/erika-muster/nichts/", "/team/erika-muster/vcard/?x=%00"]
)
def test_unknown_sub_urls_are_not_found(client, home, path):
    make_person(home, title="Erika Muster", first_name="Erika", last_name="Muster")
    assert client.get(path).status_code == (200 if "?" in path else 404)


def test_association_page_lists_founding_members_and_empty_board(client, demo_site):
    html = client.get("/verein/").content.decode()
    names = re.findall(r'<span class="member-name">([^<]+)</span>', html)
    assert len(names) == 16
    assert names[0] == "Prof. Dr. Michael Behr" and names[-1] == "Prof. Dr. Volker Zerbe"
    assert "Fachbereichsleiterin Soziales, Landratsamt Kyffhäuserkreis" in html
    assert "<h2>Vorstand</h2>" in html and "Hier sind noch keine Mitglieder eingetragen." in html
    AssociationMember.objects.create(name="Dr. Erika Muster", function="Vorsitzende", group="board")
    html = client.get("/verein/").content.decode()
    assert "Hier sind noch keine Mitglieder eingetragen." not in html and "Dr. Erika Muster" in html


def test_contact_person_block_shows_card_without_plain_email(client, home):
    huber = PersonPageFactory(
        parent=PeopleIndexPageFactory(parent=home),
        slug="stefan-huber",
        academic_title="Dr.",
        first_name="Stefan",
        last_name="Huber",
        grammatical_gender=PersonPage.Gender.MALE,
        phone="0361 30257-602",
        email="stefan.huber@ikpe-erfurt.de",
    )
    page = StandardPage(
        title="Pressemitteilung", slug="pressemitteilung", body=[("contact_person", {"heading": "", "person": huber})]
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    html = client.get("/pressemitteilung/").content.decode()
    assert ">Ihr Ansprechpartner</h2>" in html  # his form of address
    assert '<a href="/team/stefan-huber/">Dr. Stefan Huber</a>' in html
    assert 'href="tel:+4936130257602"' in html and "stefan.huber [ät] ikpe-erfurt.de" in html
    assert "@ikpe-erfurt.de" not in html
    huber.unpublish()  # an unpublished person disappears instead of leaving a broken card
    assert "Dr. Stefan Huber" not in client.get("/pressemitteilung/").content.decode()


def test_person_can_be_created_in_admin(admin_client, home):
    index = home.add_child(instance=PeopleIndexPage(title="Team", slug="team"))
    data = nested_form_data(
        {
            "title": "Dr. Erika Muster",
            "slug": "erika-muster",
            "academic_title": "Dr.",
            "first_name": "Erika",
            "last_name": "Muster",
            "position": "",
            "phone": "0361 30257-600",
            "email": "erika.muster@ikpe-erfurt.de",
            "office": "",
            "biography": rich_text("<p>Sozialplanerin.</p>"),
            "orcid": "0000-0002-1825-0097",
            "website": "",
            "is_team_member": "on",
            "teaser": "",
            "responsibilities": inline_formset([{"text": "Sozialstrukturatlas", "page": ""}]),
            "action-publish": "publish",
        }
    )
    response = admin_client.post(f"/admin/pages/add/people/personpage/{index.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    person = PersonPage.objects.get(slug="erika-muster")
    assert person.live and [r.text for r in person.responsibilities.all()] == ["Sozialstrukturatlas"]
    html = admin_client.get("/team/erika-muster/").content.decode()
    assert "Sozialplanerin." in html and 'href="https://orcid.org/0000-0002-1825-0097"' in html


def test_invalid_orcid_is_rejected_in_admin(admin_client, home):
    index = home.add_child(instance=PeopleIndexPage(title="Team", slug="team"))

    def post(orcid):
        data = nested_form_data(
            {
                "title": "Erika Muster",
                "slug": "erika-muster",
                "first_name": "Erika",
                "last_name": "Muster",
                "orcid": orcid,
                "biography": rich_text(""),
                "responsibilities": inline_formset([]),
            }
        )
        return admin_client.post(f"/admin/pages/add/people/personpage/{index.pk}/", data)

    response = post("1234")
    assert response.status_code == 200 and not PersonPage.objects.exists()
    assert response.context["form"].errors == {"orcid": ["Format: 0000-0002-1825-0097"]}
    # The same form with a well-formed iD saves the page: the ORCID iD was the only fault.
    assert post("0000-0002-1825-009X").status_code == 302
    assert PersonPage.objects.get().orcid == "0000-0002-1825-009X"


def test_association_members_are_editable_snippets(admin_client, db):
    AssociationMember.objects.create(name="Sabine Bräunicke", group="founding", sort_order=40)
    response = admin_client.get("/admin/snippets/people/associationmember/")
    assert response.status_code == 200 and "Sabine Bräunicke" in response.content.decode()
    response = admin_client.post(
        "/admin/snippets/people/associationmember/add/",
        {"name": "Dr. Erika Muster", "function": "Vorsitzende", "organisation": "IKPE", "group": "board"},
    )
    assert response.status_code == 302
    member = AssociationMember.objects.get(name="Dr. Erika Muster")
    assert member.group == "board" and member.sort_order == 41  # appended at the end of the manual order
