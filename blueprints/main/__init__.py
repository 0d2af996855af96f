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
