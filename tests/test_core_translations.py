"""The committed .mo catalogues are what their .po sources compile to: a forgotten `msgfmt` fails here."""

import gettext
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted(p for p in ROOT.glob("*/locale/*/LC_MESSAGES/*.po") if ".venv" not in p.parts)


def catalogue(mo_path):
    with open(mo_path, "rb") as handle:
        return gettext.GNUTranslations(handle)._catalog


def test_every_app_has_catalogues():
    assert len(SOURCES) >= 10


@pytest.mark.parametrize("po", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_mo_matches_po(po, tmp_path):
    compiled = tmp_path / "fresh.mo"
    subprocess.run(["msgfmt", "--check-format", "-o", compiled, po], check=True)
    committed = po.with_suffix(".mo")
    assert committed.exists(), f"{committed} fehlt: msgfmt -o {committed.name} {po.name}"
    stale = f"{committed} ist veraltet: msgfmt -o {committed.name} {po.name}"
    assert catalogue(committed) == catalogue(compiled), stale
