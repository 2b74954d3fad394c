from datetime import timedelta
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from tests.test_events_pages import add_events, at, index_fixture  # noqa: F401


def test_debug(client, index):
    future = timezone.now() + timedelta(days=30)
    add_events(index, "a", 5, future)
    client.get("/termine/")
    with CaptureQueriesContext(connection) as few:
        client.get("/termine/")
    add_events(index, "c", 50, future + timedelta(days=1))
    with CaptureQueriesContext(connection) as many:
        client.get("/termine/?page=3")
    a = [q["sql"][:160] for q in few.captured_queries]
    b = [q["sql"][:160] for q in many.captured_queries]
    for q in a: print("FEW:", q)
    for q in b: print("MANY:", q)
    print(len(a), len(b))
    assert 0
