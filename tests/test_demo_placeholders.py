"""The demo's placeholder images write German labels as they are: "Rückblick", not "R□ckblick"."""

import pytest
from PIL import Image

from ikpe_site.core.demo_loader import placeholder_image


def _pixels(image):
    with image.file.open("rb") as handle:
        return Image.open(handle).convert("RGB").tobytes()


@pytest.mark.django_db
def test_placeholder_images_draw_umlauts():
    # Both titles have the same letters, so the same colour and pattern: only the drawn label differs. A font
    # without umlauts draws the same empty box for "ü" and "ö".
    u_umlaut = placeholder_image("Xü", text="ü", size=(240, 135))
    o_umlaut = placeholder_image("üX", text="ö", size=(240, 135))
    alike = _pixels(u_umlaut) == _pixels(o_umlaut)
    assert not alike, "'ü' and 'ö' come out as the same glyph"
