import io
import os
from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from wagtail.models import Page, Site

from ikpe_site.core.models import HomePage

# Visibility, scheduling, restriction and embargo claims run with the page cache on (as in production, the
# suite's default) and again with it off.
CACHE_MATRIX_MODULES = {
    "test_news_visibility",
    "test_editorial_schedule",
    "test_editorial_embargo",
    "test_search_visibility",
    "test_core_visibility",
}


def pytest_generate_tests(metafunc):
    if metafunc.module.__name__.rsplit(".", 1)[-1] in CACHE_MATRIX_MODULES:
        metafunc.parametrize("_page_cache_mode", ["cache-on", "cache-off"], indirect=True)


# Query budgets measure what rendering a page costs; with the page cache on, a repeat visit costs one query.
QUERY_BUDGET_MODULES = {"test_core_queries", "test_news_queries", "test_search_metadata"}


@pytest.fixture(autouse=True)
def _page_cache_mode(request, settings):
    module = request.node.module.__name__.rsplit(".", 1)[-1]
    if (
        getattr(request, "param", "cache-on") == "cache-off"
        or module in QUERY_BUDGET_MODULES
        or "query_count" in request.node.name
    ):
        settings.PAGE_CACHE_SECONDS = 0


BERLIN = ZoneInfo("Europe/Berlin")


def travel_target(value):
    """`IKPE_TEST_TODAY` as a moment: a bare date means noon in Berlin, a time without zone means Berlin time."""
    try:
        moment = datetime.combine(datetime.strptime(value, "%Y-%m-%d").date(), time(12))
    except ValueError:
        moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=BERLIN)


def pytest_configure(config):
    """`IKPE_TEST_TODAY=2029-06-15` runs the whole session on that day, clock ticking, from before the demo
    content loads (in every xdist worker too): the suite must hold on any day, not only on the day it was
    written. Tests that need a fixed moment still freeze the clock themselves (`freeze_clock`)."""
    if os.environ.get("IKPE_TEST_TODAY"):
        config._ikpe_travel = time_machine.travel(travel_target(os.environ["IKPE_TEST_TODAY"]), tick=True)
        config._ikpe_travel.start()


def pytest_unconfigure(config):
    if getattr(config, "_ikpe_travel", None):
        config._ikpe_travel.stop()


def pytest_report_header(config):
    if os.environ.get("IKPE_TEST_TODAY"):
        return f"clock travelled to {travel_target(os.environ['IKPE_TEST_TODAY']).isoformat()} (IKPE_TEST_TODAY)"


@pytest.fixture
def freeze_clock(time_machine):
    """Stop the clock at a moment: `freeze_clock(datetime(2026, 6, 15, 14, tzinfo=BERLIN))`. Everything that
    asks for the time (timezone.now, date.today, time.time) sees it until the test ends; returns the moment."""

    def freeze(moment):
        time_machine.move_to(moment, tick=False)
        return moment

    return freeze


def pytest_collection_modifyitems(config, items):
    """PostgreSQL-only tests are deselected (not skipped) on SQLite; CI runs the suite on both databases."""
    from django.conf import settings

    if "postgresql" in settings.DATABASES["default"]["ENGINE"]:
        return
    selected = [item for item in items if item.get_closest_marker("postgres") is None]
    if len(selected) != len(items):
        config.hook.pytest_deselected(items=[item for item in items if item not in selected])
        items[:] = selected


def _load_demo():
    call_command("load_demo_content", force=True, stdout=io.StringIO())
    Site.objects.filter(is_default_site=True).update(hostname="testserver", port=80)


@pytest.fixture(scope="session")
def _demo_content(django_db_setup, django_db_blocker):
    """The demo content, loaded once per test process by the first test that asks for `demo_site` (a session
    fixture runs before the test's transaction opens, so it stays for the process's later tests)."""
    with django_db_blocker.unblock():
        _load_demo()


@pytest.fixture(autouse=True)
def _empty_caches():
    """Every test starts with empty caches: SQLite reuses the ids of rolled-back rows, and a cached
    rendition or menu of an earlier test's image or page would otherwise leak into the next one."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@pytest.fixture
def demo_site(_demo_content, db):
    """The full demo content, as `make run` loads it. Only for tests of the demo itself: behaviour tests
    build what they need with tests/factories.py on `home` (the demo costs a minute per test process)."""
    if not HomePage.objects.exists():  # a transactional test flushed the database
        _load_demo()
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def home(db):
    """A bare site: the home page as root of the default site, nothing else."""
    root = Page.get_first_root_node()
    Page.objects.filter(depth=2).delete()
    root.refresh_from_db()
    home = HomePage(title="Startseite", slug="start")
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "testserver", "port": 80, "root_page": home, "site_name": "IKPE"}
    )
    return home


@pytest.fixture
def small_site(home):
    """A few pages built with factories, for tests that need "some public pages" and no particular content:
    /verein/ and /impressum/ (standard pages with a paragraph), /themen/<topic>/, /aktuelles/<post>/."""
    from types import SimpleNamespace

    from ikpe_site.core.models import SiteSettings
    from tests import factories

    SiteSettings.for_site(home.get_site())  # created on first use: a public change that would empty the cache
    about = factories.StandardPageFactory(
        parent=home,
        title="Der Verein",
        slug="verein",
        show_in_menus=True,
        body=factories.paragraphs("Der Verein fördert die kommunale Sozialplanung in Thüringen."),
    )
    imprint = factories.StandardPageFactory(parent=home, title="Impressum", slug="impressum")
    topics = factories.TopicIndexPageFactory(parent=home, show_in_menus=True)
    topic = factories.TopicPageFactory(parent=topics, title="Armutsprävention", slug="armutspraevention")
    news = factories.NewsIndexPageFactory(parent=home)
    post = factories.NewsPageFactory(parent=news, title="Fachtag Sozialplanung", slug="fachtag")
    return SimpleNamespace(home=home, about=about, imprint=imprint, topics=topics, topic=topic, news=news, post=post)


@pytest.fixture
def news_section(home):
    """/aktuelles/ with one live post in the live category "IKPE unterwegs"; a second category "Publikation"."""
    from tests import factories

    index = factories.NewsIndexPageFactory(parent=home)
    on_the_road = factories.NewsCategoryFactory(name="IKPE unterwegs", slug="ikpe-unterwegs")
    factories.NewsCategoryFactory(name="Publikation", slug="publikation")
    post = factories.NewsPageFactory(parent=index, title="Fachtag in Gera", slug="fachtag-gera")
    post.categories.add(on_the_road)
    post.save_revision().publish()
    return index
