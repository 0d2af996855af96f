"""Home page per role, the region picker's data, health check."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify, render_template, request
from flask_login import login_required
from sqlalchemy import text

from blueprints.core import pickers
from blueprints.core.nav import panels_for, register_nav, tiles_for
from blueprints.core.security import requires, user
from service.core.db import session
from service.core.errors import N_
from service.reference import regions

bp = Blueprint("home", __name__)
register_nav(0, "home.home", N_("Beranda"), None)

@bp.route("/")
@login_required
def home() -> Any:
    u = user()
    return render_template("home/home.html", tiles=tiles_for(u.role), panels=panels_for(u.role),
                           area=regions.label(u.area_code) if u.area_code else None)


@bp.route("/wilayah/turunan")
@requires("reference.view")
def region_children() -> Any:
    """Data for the cascading province → regency → district → village picker."""
    parent = request.args.get("parent") or None
    return jsonify([{"code": r.code, "name": r.name} for r in regions.children(parent)])


@bp.route("/wilayah/cari")
@requires("reference.view")
def region_search() -> Any:
    """The region picker's search by name: districts and villages inside ``root`` and the user's scope."""
    q = (request.args.get("q") or "").strip()
    if len(q) < 2:
        return jsonify([])
    return jsonify(pickers.search(user(), q[:60], request.args.get("root") or None))


@bp.route("/healthz")
def health() -> Any:
    session.execute(text("SELECT 1"))
    return jsonify({"status": "ok"})
