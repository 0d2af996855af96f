"""The main menu and the home page's tiles: area blueprints register their entries at import.

The menu shows an entry when the role may use it (its action); a tile whose endpoint does
not exist is hidden.
"""

from __future__ import annotations

# What each role's home page offers: role -> [(endpoint, label, description)].
HOME_TILES: dict[str, list[tuple[str, str, str]]] = {}

# Main menu entries: (order, endpoint, label, action or None), kept sorted.
NAV_LINKS: list[tuple[int, str, str, str | None]] = []


def register_nav(order: int, endpoint: str, label: str, action: str | None) -> None:
    if not any(link[1] == endpoint for link in NAV_LINKS):
        NAV_LINKS.append((order, endpoint, label, action))
        NAV_LINKS.sort()


def register_tile(roles: tuple[str, ...], endpoint: str, label: str, description: str) -> None:
    """Add a home-page tile for these roles (area blueprints call this at import)."""
    for role in roles:
        tiles = HOME_TILES.setdefault(role, [])
        if not any(t[0] == endpoint for t in tiles):
            tiles.append((endpoint, label, description))


def tiles_for(role: str) -> list[tuple[str, str, str]]:
    from flask import current_app

    known = {rule.endpoint for rule in current_app.url_map.iter_rules()}
    return [t for t in HOME_TILES.get(role, []) if t[0] in known]
