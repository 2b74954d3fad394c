from django.db import connection
from django.test.utils import CaptureQueriesContext

from ikpe_site.core.demo_tools import placeholder_image
from tests.test_search_page import add_page


def test_probe(client, home):
    image = placeholder_image("Suchbild", "Ein Testbild")
    for number in range(5):
        add_page(home, f"Zählseite {number}", "Ein Zählwort.", listing_image=image)
    client.get("/suche/?q=Zählwort")
    with CaptureQueriesContext(connection) as few:
        client.get("/suche/?q=Zählwort")
    for number in range(5, 50):
        add_page(home, f"Zählseite {number}", "Ein Zählwort.", listing_image=image)
    client.get("/suche/?q=Zählwort")
    with CaptureQueriesContext(connection) as many:
        client.get("/suche/?q=Zählwort")
    a = [q["sql"][:300] for q in few.captured_queries]
    b = [q["sql"][:300] for q in many.captured_queries]
    print("\nFEW", len(a), "MANY", len(b))
    for i, q in enumerate(a):
        print("F", i, q[:160])
    for i, q in enumerate(b):
        print("M", i, q[:160])
