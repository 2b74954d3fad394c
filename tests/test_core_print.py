"""Person, project, publication and event pages print without screen chrome: print.css is linked for print."""

import re

from tests.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    PeopleIndexPageFactory,
    PersonPageFactory,
    ProjectIndexPageFactory,
    ProjectPageFactory,
    PublicationIndexPageFactory,
    PublicationPageFactory,
)


def test_detail_pages_link_the_print_stylesheet(client, home):
    pages = [
        PersonPageFactory(parent=PeopleIndexPageFactory(parent=home)),
        ProjectPageFactory(parent=ProjectIndexPageFactory(parent=home)),
        PublicationPageFactory(parent=PublicationIndexPageFactory(parent=home)),
        EventPageFactory(parent=EventIndexPageFactory(parent=home)),
    ]
    for page in pages:
        html = client.get(page.url).content.decode()
        links = re.findall(r'<link rel="stylesheet" href="/static/css/print\.css" media="([^"]+)">', html)
        assert links == ["print"], (type(page).__name__, page.url)
