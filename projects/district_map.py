"""The "Mein Landkreis" map: a schematic tile map of Thuringia, drawn by us as inline SVG.

The layout is our own schematic, not surveyed data: every Landkreis and kreisfreie Stadt is one tile on a
7 × 5 grid, placed by hand so that neighbours stay roughly neighbours (north at the top, Eichsfeld in the
north-west, Altenburger Land in the east, Sonneberg in the south). No map tiles, no outlines, no external
data. Tiles are keyed by the Kreisschlüssel, which does not change when an editor renames a district.
"""

from django.utils.translation import gettext

# Kreisschlüssel → (column, row); column 0 is the west, row 0 the north.
LAYOUT = {
    "16061": (0, 0),  # Eichsfeld
    "16062": (1, 0),  # Nordhausen
    "16065": (2, 0),  # Kyffhäuserkreis
    "16064": (1, 1),  # Unstrut-Hainich-Kreis
    "16068": (2, 1),  # Sömmerda
    "16071": (3, 1),  # Weimarer Land
    "16074": (4, 1),  # Saale-Holzland-Kreis
    "16063": (0, 2),  # Wartburgkreis (with Eisenach since July 2021)
    "16067": (1, 2),  # Gotha
    "16051": (2, 2),  # Erfurt
    "16055": (3, 2),  # Weimar
    "16053": (4, 2),  # Jena
    "16052": (5, 2),  # Gera
    "16077": (6, 2),  # Altenburger Land
    "16066": (0, 3),  # Schmalkalden-Meiningen
    "16054": (1, 3),  # Suhl
    "16070": (2, 3),  # Ilm-Kreis
    "16073": (3, 3),  # Saalfeld-Rudolstadt
    "16075": (4, 3),  # Saale-Orla-Kreis
    "16076": (5, 3),  # Greiz
    "16069": (1, 4),  # Hildburghausen
    "16072": (2, 4),  # Sonneberg
}
TILE_WIDTH, TILE_HEIGHT, GAP = 120, 100, 6
LINE_CHARS = 14  # a tile holds about 12 characters of 13-px text per line; longer lines are narrowed to fit
FIT_CHARS, TEXT_WIDTH = 12, 104
# Patterns a programme is drawn with, each with its own colour: told apart without colour vision too.
# Dark colours with white marks: each swatch has at least 3:1 against the light tile (WCAG 1.4.11).
PATTERNS = [
    ("stripes", "#0b5a8a"),
    ("dots", "#a33a1c"),
    ("grid", "#2d6a31"),
    ("waves", "#6a3d8f"),
    ("checks", "#7a5200"),
    ("bars", "#3a3f44"),
]
SWATCH, SWATCH_GAP = 18, 5


def label_lines(name):
    """ "Saale-Holzland-Kreis" → ["Saale-", "Holzland-Kreis"]: break after hyphens and at spaces."""
    words, word = [], ""
    for char in name:
        word += char
        if char in "- ":
            words.append(word)
            word = ""
    words.append(word)
    lines = [""]
    for part in words:
        if lines[-1] and len(lines[-1] + part.rstrip()) > LINE_CHARS:
            lines.append("")
        lines[-1] += part
    return [line.strip() for line in lines]


def _accessible_name(district, programmes):
    name = district.full_name
    if district.active_until:
        name = gettext("%(name)s (independent city until %(year)s)") % {
            "name": name,
            "year": district.active_until.year,
        }
    if programmes:
        return f"{name}: {', '.join(p.short_name or p.title for p in programmes)}"
    return name


def build_map(districts, by_district, base_url):
    """Tiles with their geometry, ready for the template; districts without a place on the grid are left out
    (the list below the map names every district). A former city sits as a marked city in its successor's tile."""
    tiles, by_pk = [], {}
    for district in districts:
        district.programmes = by_district.get(district.pk, [])
        place = LAYOUT.get(district.official_key)
        if place is None or district.active_until:
            continue
        column, row = place
        x, y = column * (TILE_WIDTH + GAP), row * (TILE_HEIGHT + GAP)
        tile = {
            "district": district,
            "url": f"{base_url}{district.slug}/",
            "x": x,
            "y": y,
            "is_city": district.is_city,
            "label": _accessible_name(district, district.programmes),
            "lines": [
                {"text": text, "y": y + 22 + 17 * n, "fit": TEXT_WIDTH if len(text) > FIT_CHARS else None}
                for n, text in enumerate(label_lines(district.name))
            ],
            "swatches": [
                {"programme": programme, "x": x + 8 + index * (SWATCH + SWATCH_GAP), "y": y + TILE_HEIGHT - SWATCH - 8}
                for index, programme in enumerate(district.programmes)
            ],
            "cities": [],
        }
        tiles.append(tile)
        by_pk[district.pk] = tile
    for district in districts:
        tile = by_pk.get(district.successor_id) if district.active_until else None
        if tile is not None:
            top = tile["lines"][-1]["y"] + 20
            tile["cities"].append(
                {
                    "district": district,
                    "url": f"{base_url}{district.slug}/",
                    "label": _accessible_name(district, district.programmes),
                    "x": tile["x"] + 8,
                    "y": top - 13,
                    "cx": tile["x"] + 15,
                    "cy": top - 5,
                    "text_x": tile["x"] + 26,
                    "text_y": top,
                }
            )
    columns = 1 + max((c for c, _r in LAYOUT.values()), default=0)
    rows = 1 + max((r for _c, r in LAYOUT.values()), default=0)
    return {
        "tiles": tiles,
        "width": columns * (TILE_WIDTH + GAP) - GAP,
        "height": rows * (TILE_HEIGHT + GAP) - GAP,
        "tile_width": TILE_WIDTH,
        "tile_height": TILE_HEIGHT,
        "swatch": SWATCH,
    }
