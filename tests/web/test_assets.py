"""The vendored browser assets: each file installed from npm ships with its package's licence beside it, and the
page credits the map data and libraries."""

from __future__ import annotations

from drawdown.web.app import VENDOR_FILES, static_dir

# Which npm package each vendored file comes from (the Makefile's VENDOR_FILES and VENDOR_PACKAGES).
PACKAGE_OF = {
    "leaflet.js": "leaflet",
    "leaflet.css": "leaflet",
    "topojson-client.min.js": "topojson-client",
    "countries-50m.json": "world-atlas",
}


def test_every_vendored_file_has_its_licence_beside_it() -> None:
    vendor = static_dir() / "vendor"
    assert set(PACKAGE_OF) == set(VENDOR_FILES), "a vendored file was added: name its package here"
    for name in VENDOR_FILES:
        assert (vendor / name).is_file(), f"{name} missing: run `make web-assets`"
        licence = vendor / f"{PACKAGE_OF[name]}.LICENSE.txt"
        assert licence.is_file(), f"{name} ships without {licence.name}: run `make web-assets`"
        text = licence.read_text(encoding="utf-8")
        assert "Permission" in text or "Redistribution" in text, f"{licence.name} is not a licence text"


def test_the_page_credits_natural_earth_and_leaflet() -> None:
    page = (static_dir() / "index.html").read_text(encoding="utf-8")
    credits = page[page.index('<footer class="credits">') :]
    for name in ("Natural Earth", "Leaflet", "world-atlas", "topojson-client"):
        assert name in credits, name
