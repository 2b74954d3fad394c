"""The Thuringian Landkreise and kreisfreie Städte as data: production needs them, not only the demo."""

import datetime

from django.db import migrations

# (name, slug, Kreisschlüssel = the first five digits of the official municipality key, AGS).
LANDKREISE = [
    ("Eichsfeld", "eichsfeld", "16061"),
    ("Nordhausen", "nordhausen", "16062"),
    ("Wartburgkreis", "wartburgkreis", "16063"),
    ("Unstrut-Hainich-Kreis", "unstrut-hainich-kreis", "16064"),
    ("Kyffhäuserkreis", "kyffhaeuserkreis", "16065"),
    ("Schmalkalden-Meiningen", "schmalkalden-meiningen", "16066"),
    ("Gotha", "gotha", "16067"),
    ("Sömmerda", "soemmerda", "16068"),
    ("Hildburghausen", "hildburghausen", "16069"),
    ("Ilm-Kreis", "ilm-kreis", "16070"),
    ("Weimarer Land", "weimarer-land", "16071"),
    ("Sonneberg", "sonneberg", "16072"),
    ("Saalfeld-Rudolstadt", "saalfeld-rudolstadt", "16073"),
    ("Saale-Holzland-Kreis", "saale-holzland-kreis", "16074"),
    ("Saale-Orla-Kreis", "saale-orla-kreis", "16075"),
    ("Greiz", "greiz", "16076"),
    ("Altenburger Land", "altenburger-land", "16077"),
]
KREISFREIE_STAEDTE = [
    ("Erfurt", "erfurt", "16051"),
    ("Gera", "gera", "16052"),
    ("Jena", "jena", "16053"),
    ("Suhl", "suhl", "16054"),
    ("Weimar", "weimar", "16055"),
]
# Eisenach was kreisfrei until 30 June 2021 and has belonged to the Wartburgkreis since 1 July 2021.
EISENACH = ("Eisenach", "eisenach", "16056")
EISENACH_UNTIL = datetime.date(2021, 6, 30)


def load_districts(apps, schema_editor):
    District = apps.get_model("projects", "District")
    for kind, rows in (("landkreis", LANDKREISE), ("kreisfreie_stadt", KREISFREIE_STAEDTE)):
        for name, slug, key in rows:
            District.objects.update_or_create(slug=slug, defaults={"name": name, "kind": kind, "official_key": key})
    name, slug, key = EISENACH
    District.objects.update_or_create(slug=slug, defaults={
        "name": name, "kind": "kreisfreie_stadt", "official_key": key, "active_until": EISENACH_UNTIL,
        "successor": District.objects.get(slug="wartburgkreis"),
    })


class Migration(migrations.Migration):
    dependencies = [("projects", "0002_project_models")]

    operations = [migrations.RunPython(load_districts, migrations.RunPython.noop)]
