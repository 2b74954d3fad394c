from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext


def count_queries(client, url):
    """GET `url` and return (response, number of SQL queries it cost)."""
    reset_queries()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    return response, len(ctx.captured_queries)
