"""Fill the demo site with many items for the benchmark: news, publications, people, events.

Run inside Django (bench/run.py does that). Pages are added with treebeard's add_child as live pages
without revisions, which is what matters for reading speed.
"""

import random
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from events.models import EventIndexPage, EventPage
from news.models import NewsIndexPage, NewsPage
from people.models import PeopleIndexPage, PersonPage
from publications.models import PublicationIndexPage, PublicationPage

WORDS = [
    "Sozialplanung",
    "Armutsprävention",
    "Landkreis",
    "Beteiligung",
    "Integration",
    "Familie",
    "Netzwerk",
    "Strategie",
    "Analyse",
    "Thüringen",
    "Kommune",
    "Bedarf",
    "Evaluation",
    "Prävention",
    "Teilhabe",
    "Qualität",
    "Steuerung",
    "Planung",
]


def _text(rng, words):
    return " ".join(rng.choice(WORDS) for _ in range(words))


def _fill(index, model, count, make, existing_prefix):
    have = index.get_children().filter(slug__startswith=existing_prefix).count()
    for start in range(have, count, 500):
        with transaction.atomic():  # one commit per 500 pages instead of several per page
            for number in range(start, min(start + 500, count)):
                index.add_child(
                    instance=model(
                        slug=f"{existing_prefix}{number}", live=True, first_published_at=timezone.now(), **make(number)
                    )
                )
    return count - have


def generate(news=10_000, publications=2_000, people=300, events=2_000, seed=7):
    rng = random.Random(seed)
    today = date.today()
    made = {}
    made["news"] = _fill(
        NewsIndexPage.objects.get(),
        NewsPage,
        news,
        lambda n: {
            "title": f"Meldung {n}: {_text(rng, 4)}",
            "teaser": _text(rng, 30),
            "date": today - timedelta(days=n % 3650),
        },
        "bench-news-",
    )
    made["publications"] = _fill(
        PublicationIndexPage.objects.get(),
        PublicationPage,
        publications,
        lambda n: {"title": f"Studie {n}: {_text(rng, 5)}", "teaser": _text(rng, 25), "year": 2000 + n % 26},
        "bench-pub-",
    )
    made["people"] = _fill(
        PeopleIndexPage.objects.get(),
        PersonPage,
        people,
        lambda n: {
            "title": f"Person {n}",
            "first_name": "Person",
            "last_name": f"Nummer {n}",
            "phone": f"0361 30257-{n:03d}",
            "email": f"person{n}@ikpe-erfurt.de",
        },
        "bench-person-",
    )

    def event(n):
        start = timezone.now() + timedelta(days=n - events // 2, hours=n % 8)
        return {
            "title": f"Veranstaltung {n}: {_text(rng, 3)}",
            "teaser": _text(rng, 20),
            "start": start,
            "end": start + timedelta(hours=3),
            "place_name": "Erfurt",
        }

    made["events"] = _fill(EventIndexPage.objects.get(), EventPage, events, event, "bench-event-")
    return made
