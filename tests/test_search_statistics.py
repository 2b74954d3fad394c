"""Search statistics: every search is counted with its outcome, and the communications team can read them."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.contrib.search_promotions.models import Query
from wagtail.documents import get_document_model

from ikpe_site.core.models import StandardPage


@pytest.fixture
def searches(client, home):
    page = StandardPage(title="Armutsprävention")
    home.add_child(instance=page)
    page.save_revision().publish()
    for url in (
        "/suche/?q=Armutsprävention",
        "/suche/?q=armutsprävention%20%20",
        "/suche/?q=Armutspr%C3%A4vention",
        "/suche/?q=Armutsprävention&art=seiten",  # same search, no hit
        "/suche/?q=Zauberlehrling",
        "/suche/?q=Zauberlehrling",
        "/suche/?q=Sozialatlas",
    ):
        assert client.get(url).status_code == 200
    # A page number beyond the results is "not found" (core/listing.py) and no hit either.
    assert client.get("/suche/?q=Armutsprävention&page=2").status_code == 404


def log_in_as_member_of(client, group_name):
    """Sign in through the admin's login form, as a member of the group does."""
    user = get_user_model().objects.create_user(group_name.lower(), password="ein-langes-passwort")
    user.groups.add(Group.objects.get(name=group_name))
    response = client.post("/admin/login/", {"username": user.username, "password": "ein-langes-passwort"})
    assert response.status_code == 302


def test_searches_are_counted_with_their_outcome(client, searches):
    found = Query.objects.get(query_string="armutsprävention")
    assert found.hits == 3
    # One page of the bare site and the demo documents titled with the word: counted without asking the search.
    documents = get_document_model().objects.filter(title__icontains="Armutsprävention").count()
    assert (found.outcome.result_count, found.outcome.searches_without_results) == (1 + documents, 0)
    missed = Query.objects.get(query_string="zauberlehrling")
    assert missed.hits == 2
    assert (missed.outcome.result_count, missed.outcome.searches_without_results) == (0, 2)


def test_a_term_that_finds_something_later_is_no_longer_listed_as_missed(client, searches, home):
    page = StandardPage(title="Der Zauberlehrling")
    home.add_child(instance=page)
    page.save_revision().publish()
    client.get("/suche/?q=Zauberlehrling")
    outcome = Query.objects.get(query_string="zauberlehrling").outcome
    assert (outcome.result_count, outcome.searches_without_results) == (1, 2)


def test_communications_team_sees_frequent_and_missed_terms(client, searches):
    log_in_as_member_of(client, "Kommunikation")
    html = client.get("/admin/").content.decode()
    assert "/admin/suchstatistik/" in html  # in the reports menu
    response = client.get("/admin/suchstatistik/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Suchstatistik" in html and "Suchen ohne Ergebnis" in html
    assert html.index("armutsprävention") < html.index("zauberlehrling") < html.index("sozialatlas")
    html = client.get("/admin/suchstatistik/?outcome=ohne").content.decode()
    assert "zauberlehrling" in html and "sozialatlas" in html and "armutsprävention" not in html
    response = client.get("/admin/suchstatistik/?outcome=ohne&export=csv")
    lines = (
        b"".join(response.streaming_content).decode().splitlines()
        if response.streaming
        else response.content.decode().splitlines()
    )
    assert lines[0] == "Suchbegriff,Suchen,Ergebnisse (letzte Suche),Suchen ohne Ergebnis"
    assert "zauberlehrling,2,0,2" in lines


def test_editors_without_the_right_do_not_see_statistics(client, searches):
    log_in_as_member_of(client, "Redaktion")
    assert "/admin/suchstatistik/" not in client.get("/admin/").content.decode()
    response = client.get("/admin/suchstatistik/")
    assert response.status_code == 302
