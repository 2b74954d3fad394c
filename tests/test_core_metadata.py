import json
import re

from ikpe_site.core.metadata import json_ld_script
from people.models import PeopleIndexPage, PersonPage

SCRIPTS = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def test_text_cannot_end_the_script_element():
    html = json_ld_script(
        {"@type": "Thing", "name": "A </script><script>alert(1)</script> & <!-- B", "description": "", "sameAs": None}
    )
    (text,) = SCRIPTS.findall(html)  # exactly one element: the title did not close it
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"@type": "Thing", "name": "A </script><script>alert(1)</script> & <!-- B"}


def test_page_titles_reach_the_head_escaped(client, home):
    people = PeopleIndexPage(title="Team", slug="team")
    home.add_child(instance=people)
    person = people.add_child(
        instance=PersonPage(
            title="Erika </script><script>alert(1)</script>", slug="erika", first_name="Erika", last_name="</script>"
        )
    )
    person.save_revision().publish()
    html = client.get("/team/erika/").content.decode()
    assert "<script>alert(1)" not in html
    data = [json.loads(text) for text in SCRIPTS.findall(html)]
    assert {"Erika </script><script>alert(1)</script>"} <= {item.get("name") for item in data}
