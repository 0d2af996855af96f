"""The main menu and the home page's tiles: area blueprints register their entries at import.

The menu shows an entry when the role may use it (its action); a tile whose endpoint does
not exist is hidden.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from service.core.errors import N_

# What each role's home page offers: role -> [(endpoint, label, description)].
HOME_TILES: dict[str, list[tuple[str, str, str]]] = {}

# Main menu entries: (order, endpoint, label, action or None), kept sorted.
NAV_LINKS: list[tuple[int, str, str, str | None]] = []

# The menu's groups by order band: an entry's group is the last band starting at or below its
# order. Areas choose their band when they register (0 home, 10 people and cases, 30 services,
# 40 disasters, 50 reports, 60 field app, 80 administration).
NAV_GROUPS: list[tuple[int, str]] = [
    (0, N_("Beranda")),
    (10, N_("Orang & kasus")),
    (30, N_("Layanan")),
    (40, N_("Bencana")),
    (50, N_("Laporan")),
    (60, N_("Lapangan")),
    (80, N_("Admin")),
]


def register_nav(order: int, endpoint: str, label: str, action: str | None) -> None:
    if not any(link[1] == endpoint for link in NAV_LINKS):
        NAV_LINKS.append((order, endpoint, label, action))
        NAV_LINKS.sort()


def group_of(order: int) -> str:
    return [label for start, label in NAV_GROUPS if start <= order][-1]


def grouped_links(allowed: Callable[[str, str | None], bool]) -> list[dict[str, Any]]:
    """The menu for one user: [{"label", "links": [(endpoint, label)]}], only the entries
    ``allowed(endpoint, action)`` lets through, empty groups left out, in menu order."""
    groups: list[dict[str, Any]] = []
    for order, endpoint, label, action in NAV_LINKS:
        if not allowed(endpoint, action):
            continue
        name = group_of(order)
        if not groups or groups[-1]["label"] != name:
            groups.append({"label": name, "links": []})
        groups[-1]["links"].append((endpoint, label))
    return groups


def register_tile(roles: tuple[str, ...], endpoint: str, label: str, description: str) -> None:
    """Add a home-page tile for these roles (area blueprints call this at import)."""
    for role in roles:
        tiles = HOME_TILES.setdefault(role, [])
        if not any(t[0] == endpoint for t in tiles):
            tiles.append((endpoint, label, description))


# Panels of figures above the tiles: (order, roles, render) — ``render()`` returns the panel's HTML
# (rendered by its own area from its own template) or None when it has nothing to show.
HOME_PANELS: list[tuple[int, tuple[str, ...], Callable[[], Any]]] = []


def register_panel(order: int, roles: tuple[str, ...], render: Callable[[], Any]) -> None:
    """Show ``render()``'s HTML on the home page of these roles (area blueprints call this at import)."""
    if not any(p[2] is render for p in HOME_PANELS):
        HOME_PANELS.append((order, roles, render))
        HOME_PANELS.sort(key=lambda p: p[0])


def panels_for(role: str) -> list[Any]:
    return [html for _order, roles, render in HOME_PANELS if role in roles and (html := render()) is not None]


def tiles_for(role: str) -> list[tuple[str, str, str]]:
    from flask import current_app

    known = {rule.endpoint for rule in current_app.url_map.iter_rules()}
    return [t for t in HOME_TILES.get(role, []) if t[0] in known]
