import io

import pytest
from django.core.management import call_command
from wagtail.models import Page, Site

from ikpe_site.core.models import HomePage


@pytest.fixture
def home(db):
    """A bare site: the home page as root of the default site, nothing else."""
    root = Page.get_first_root_node()
    Page.objects.filter(depth=2).delete()
    root.refresh_from_db()
    home = HomePage(title="Startseite", slug="start")
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "testserver", "port": 80,
                                                                  "root_page": home, "site_name": "IKPE"})
    return home


@pytest.fixture
def demo_site(db, settings, tmp_path):
    """The full demo content, as `make run` loads it."""
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo_content", force=True, stdout=io.StringIO())
    site = Site.objects.get(is_default_site=True)
    site.hostname = "testserver"
    site.save()
    return site


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
