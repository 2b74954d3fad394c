"""Person, project, publication and event pages print without screen chrome: print.css is linked for print."""

import re

from events.models import EventPage
from people.models import PersonPage
from projects.models import ProjectPage
from publications.models import PublicationPage


def test_detail_pages_link_the_print_stylesheet(client, demo_site):
    for model in (PersonPage, ProjectPage, PublicationPage, EventPage):
        url = model.objects.live().first().url
        html = client.get(url).content.decode()
        links = re.findall(r'<link rel="stylesheet" href="/static/css/print\.css" media="([^"]+)">', html)
        assert links == ["print"], (model.__name__, url)
