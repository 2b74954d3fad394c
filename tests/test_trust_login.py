import logging

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core.management import call_command

LOGIN = "/admin/login/"
PASSWORD = "richtig-geheim-2024"


@pytest.fixture
def editors(django_user_model):
    for name in ("redakteurin", "kollege"):
        django_user_model.objects.create_user(name, password=PASSWORD, is_superuser=True)


def attempt(client, username, password, address="203.0.113.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def logged_in(client):
    return "_auth_user_id" in client.session


def test_settings_lock_an_account_and_address_pair_for_15_minutes():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


def test_five_failures_lock_out_even_the_right_password(client, editors, caplog):
    for _ in range(4):
        response = attempt(client, "redakteurin", "falsch")
        assert response.status_code == 200  # the normal sign-in form with its error
    with caplog.at_level(logging.WARNING, logger="axes"):
        response = attempt(client, "redakteurin", "falsch")
    assert response.status_code == 429
    assert any("Locking out" in record.getMessage() for record in caplog.records)  # lockouts are logged

    response = attempt(client, "redakteurin", PASSWORD)
    assert response.status_code == 429
    html = response.content.decode()
    assert "Anmeldung vorübergehend gesperrt" in html
    assert "15 Minuten" in html and "5 fehlgeschlagene Anmeldeversuche" in html
    assert not logged_in(client)
    assert AccessAttempt.objects.get(username="redakteurin").failures_since_start >= 5


def test_lockout_is_per_account_and_address(client, editors):
    for _ in range(5):
        attempt(client, "redakteurin", "falsch")
    # Another account from the same address signs in …
    response = attempt(client, "kollege", PASSWORD)
    assert response.status_code == 302 and logged_in(client)
    client.logout()
    # … and so does the same account from another address.
    response = attempt(client, "redakteurin", PASSWORD, address="198.51.100.20")
    assert response.status_code == 302 and logged_in(client)


def test_an_administrator_can_lift_a_lockout(client, editors):
    for _ in range(5):
        attempt(client, "redakteurin", "falsch")
    assert attempt(client, "redakteurin", PASSWORD).status_code == 429
    call_command("axes_reset_username", "redakteurin")
    response = attempt(client, "redakteurin", PASSWORD)
    assert response.status_code == 302 and logged_in(client)


def test_lockouts_are_listed_in_the_django_admin(admin_client, client, editors):
    for _ in range(5):
        attempt(client, "redakteurin", "falsch")
    response = admin_client.get("/django-admin/axes/accessattempt/")
    assert response.status_code == 200
    assert "redakteurin" in response.content.decode()


def test_addresses_behind_a_proxy(rf, settings):
    from ikpe_site.core.security.limits import client_ip

    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.0.0.1, 203.0.113.9")
    settings.AXES_IPWARE_PROXY_COUNT = None
    assert client_ip(request) == "127.0.0.1"  # without a configured proxy the header is not trusted
    settings.AXES_IPWARE_PROXY_COUNT = 1
    assert client_ip(request) == "203.0.113.9"  # the address our own proxy saw, not what the client claims


def test_test_client_login_still_works(client, editors):
    """Authentication without a request (test client, shell) is not throttled: there is no address to count."""
    assert client.login(username="redakteurin", password=PASSWORD)
