"""The region picker's scope: a user is offered only the regions they may choose (issue 11).

The picker (``templates/_region_picker.html``, ``static/js/app.js`` ``initRegionPicker``) shows one
select of names per level below its root; the code itself is a hidden input, never typed. The root
is the deepest of the office's region, the user's own area and (for a disaster) the event's area, so a
peksos limited to 18.72.01 is offered only that district's villages.
"""

from __future__ import annotations

from typing import Any

from service.core import settings
from service.core.errors import N_
from service.reference import regions

LEVELS = [("pk-prov", N_("Provinsi")), ("pk-kab", N_("Kabupaten/kota")), ("pk-kec", N_("Kecamatan")),
          ("pk-desa", N_("Desa/kelurahan"))]


def office_root() -> str:
    root = settings.get("office.region_code") or ""
    return root if regions.get(root) is not None else ""


def picker_root(user: Any = None, *within: str | None) -> str:
    """The deepest known region among the office's, the user's area and ``within`` that nest."""
    root = office_root()
    for code in (getattr(user, "area_code", None), *within):
        code = (code or "").strip()
        if code and regions.get(code) is not None and (not root or code == root or code.startswith(root + ".")):
            root = code
    return root


def picker_levels(root: str) -> list[tuple[str, str]]:
    """(select id, label) per level below ``root`` down to the village."""
    depth = len(root.split(".")) if root else 0
    return LEVELS[depth:]


def picker(root: str, input_id: str, legend: str = N_("Domisili")) -> dict[str, Any]:
    """What ``_region_picker.html`` needs: the root, its name, the levels below it."""
    region = regions.get(root) if root else None
    return {"root": root, "root_name": region.name if region is not None else "", "levels": picker_levels(root),
            "input_id": input_id, "legend": legend}


def villages_under(root: str) -> list[tuple[str, str]]:
    """(code, "Village (Kec. District)") of every village under ``root``, by name."""
    return [(r.code, f"{r.name} ({district})" if district else r.name) for r, district in regions.villages_within(root)]


def search(user: Any, q: str, root: str | None = None, limit: int = 20) -> list[dict[str, str]]:
    """Villages (and districts) whose name contains ``q``, inside the picker's root clamped to the
    user's scope (``picker_root``): what the picker's "Cari nama desa" offers."""
    within = picker_root(user, root)
    return [{"code": r.code, "name": r.name, "context": regions.label(r.parent_code), "level": str(r.level)}
            for r in regions.search(q, limit=limit, within=within or None, levels=(3, 4))]
