import traceback

from django.core.cache import cache

from ikpe_site.core import cache as page_cache
from tests.test_search_page import add_page


def test_probe(client, home, monkeypatch):
    add_page(home, "Zählseite", "Ein Zählwort.")
    cache.clear()
    original = page_cache.bump_version

    def noisy(**kwargs):
        print("\nBUMP", kwargs.get("sender"), "".join(traceback.format_stack(limit=14)[:-1]))
        return original(**kwargs)

    monkeypatch.setattr(page_cache, "bump_version", noisy)
    original_add = cache.add

    def noisy_add(key, *args, **kwargs):
        print("\nADD", key, "".join(traceback.format_stack(limit=12)[:-1]))
        return original_add(key, *args, **kwargs)

    monkeypatch.setattr(cache, "add", noisy_add)
    client.get("/suche/?q=Zählwort")
