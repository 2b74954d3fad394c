"""The listing, the archive, a post and the feed cost the same number of SQL queries with 10 and with 2,000 posts."""

import datetime

from news.testing import add_posts, card_titles, lead_image, make_category, make_index, make_post
from tests.utils import count_queries

D = datetime.date
MANY = 2000


def test_query_counts_do_not_grow_with_the_number_of_posts(client, home):
    index = make_index(home)
    image = lead_image()
    categories = [make_category("Pressemitteilung", "pressemitteilung"), make_category("Rückblick", "rueckblick")]
    add_posts(index, "a", 9, D(2023, 9, 15), image=image, categories=categories)
    post = make_post(
        index,
        "einzeln",
        D(2023, 9, 16),
        title="Eine Meldung",
        listing_image=image,
        categories=categories,
        tags=["Sozialplanung"],
        body=[("paragraph", "<p>Text</p>"), ("image", {"image": image, "caption": "Bild"})],
    )
    urls = [
        "/aktuelles/",
        "/aktuelles/?page=1",
        "/aktuelles/2023/",
        "/aktuelles/?kategorie=pressemitteilung",
        post.url,
        "/aktuelles/feed/rss/",
        "/",
        "/aktuelles/?tag=sozialplanung",
    ]
    for url in urls:
        client.get(url)  # warm caches and renditions, as any running server has
    few = {url: count_queries(client, url)[1] for url in urls}

    add_posts(index, "b", MANY - 10, D(2023, 9, 14), image=image, categories=categories)
    for url in urls:
        client.get(url)
    many = {url: count_queries(client, url)[1] for url in urls}

    assert many == few
    response, _ = count_queries(client, "/aktuelles/?page=100")
    assert len(card_titles(response.content.decode())) == 12
    assert f"{MANY} Meldungen" in client.get("/aktuelles/").content.decode()
