"""Home page per role, the region picker's data, health check."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify, render_template, request
from flask_login import login_required
from sqlalchemy import text

from blueprints.core.security import requires, user
from service import regions
from service.db import session
from service.errors import N_

bp = Blueprint("main", __name__)

# What each role's home page offers: (endpoint, label, description). Area
# modules extend this list; entries whose endpoint does not exist are hidden.
HOME_TILES: dict[str, list[tuple[str, str, str]]] = {
    "admin": [
        ("admin.users", N_("Pengguna"), N_("Buat akun, ubah peran dan wilayah, reset kata sandi.")),
        ("admin.reference", N_("Data referensi"), N_("Wilayah, kategori PPKS, layanan dasar SPM, jenis layanan.")),
        ("admin.settings_page", N_("Pengaturan"), N_("Bobot dan kategori SPM, identitas kantor dan kop surat.")),
        ("admin.audit_page", N_("Jejak audit"), N_("Siapa mengubah atau melihat apa, kapan.")),
    ],
    "auditor": [
        ("admin.audit_page", N_("Jejak audit"), N_("Siapa mengubah atau melihat apa, kapan.")),
        ("admin.reference", N_("Data referensi"), N_("Wilayah, kategori PPKS, layanan dasar SPM, jenis layanan.")),
    ],
}


# Main menu entries: (order, endpoint, label, action or None). Area blueprints add theirs
# with ``register_nav``; the menu shows an entry when the role may use it.
NAV_LINKS: list[tuple[int, str, str, str | None]] = [
    (0, "main.home", N_("Beranda"), None),
    (80, "admin.users", N_("Pengguna"), "user.manage"),
    (82, "admin.reference", N_("Referensi"), "reference.edit"),
    (84, "admin.settings_page", N_("Pengaturan"), "settings.edit"),
    (86, "admin.audit_page", N_("Audit"), "audit.view"),
]


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


@bp.route("/")
@login_required
def home() -> Any:
    u = user()
    return render_template("main/home.html", tiles=tiles_for(u.role),
                           area=regions.label(u.area_code) if u.area_code else None)


@bp.route("/regions/children")
@requires("reference.view")
def region_children() -> Any:
    """Data for the cascading province → regency → district → village picker."""
    parent = request.args.get("parent") or None
    return jsonify([{"code": r.code, "name": r.name} for r in regions.children(parent)])


@bp.route("/healthz")
def health() -> Any:
    session.execute(text("SELECT 1"))
    return jsonify({"status": "ok"})
