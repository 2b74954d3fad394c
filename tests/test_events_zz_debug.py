from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.test_events_pages import add_events, at, index_fixture  # noqa: F401


def test_debug(client, index):
    future = timezone.now() + timedelta(days=30)
    add_events(index, "a", 5, future)
    add_events(index, "b", 5, at(2020, 5, 1, 10))
    client.get("/termine/")
    for round in range(3):
        with CaptureQueriesContext(connection) as few:
            client.get("/termine/")
        print("ROUND", round, len(few.captured_queries))
        for q in few.captured_queries:
            print(f"R{round}:", q["sql"][:150])
    with CaptureQueriesContext(connection) as few:
        client.get("/termine/archiv/2020/")
    print("ARCHIVE", len(few.captured_queries))
    with CaptureQueriesContext(connection) as few:
        client.get("/termine/archiv/2020/")
    print("ARCHIVE", len(few.captured_queries))
    assert 0
