"""The interchange vocabulary, in one place.

BNBA lists (docs/registry.md "BNBA import") and the offline app's sync operations
(docs/offline.md) name fields in Indonesian (``nama``, ``tanggal_layanan``); the domain uses
English names (``name``, ``delivered_on``). This module is the only translation between the two:
the BNBA import and the sync operation types call :func:`to_domain` on what arrives and
:func:`to_interchange` on errors and snapshots going back, and every service function accepts
only the domain's names.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

PERSON = {
    "nik": "nik", "nama": "name", "jenis_kelamin": "sex", "tanggal_lahir": "birth_date",
    "kode_wilayah": "village_code", "alamat": "address", "telepon": "phone",
    "alasan_tanpa_nik": "no_nik_reason",
}
ASSESSMENT = {"kategori_ppks": "category_code", "tanggal_asesmen": "assessed_on", "kebutuhan": "needs",
              "catatan": "notes"}
DELIVERY = {"layanan": "service_type_code", "tanggal_layanan": "delivered_on", "jumlah": "quantity",
            "catatan": "notes"}
DISASTER = {"kejadian_bencana": "event_code"}

# A person's fields in the domain's names (what ``service.registry.persons.validate_person`` accepts).
PERSON_FIELDS = ("name", "sex", "nik", "no_nik_reason", "birth_date", "age", "birth_place", "village_code",
                 "area_code", "address", "phone", "disability_types")

TO_DOMAIN: dict[str, str] = {**PERSON, **ASSESSMENT, **DELIVERY, **DISASTER}
# Domain names that are reported under an interchange field although they have no column of their own:
# a person's area is given through their village, a case's intake date through the assessment date.
_ALSO = {"area_code": "kode_wilayah", "intake_date": "tanggal_asesmen"}
TO_INTERCHANGE: dict[str, str] = {**{v: k for k, v in TO_DOMAIN.items()}, **_ALSO}


def to_domain(data: Mapping[str, Any], names: Mapping[str, str] = TO_DOMAIN,
              keep: Iterable[str] = ()) -> dict[str, Any]:
    """The fields of ``data`` named in ``names`` (interchange → domain), plus the keys in ``keep`` as they are."""
    out = {names[k]: v for k, v in data.items() if k in names}
    out.update({k: data[k] for k in keep if k in data})
    return out


def to_interchange(data: Mapping[str, Any], names: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Domain field names → interchange names (errors, snapshots); other keys unchanged."""
    names = TO_INTERCHANGE if names is None else names
    return {names.get(k, k): v for k, v in data.items()}


def person_fields(data: Mapping[str, Any]) -> dict[str, Any]:
    """A person's fields from a body that may name them either way (the API, complaint intake).

    The domain's names are taken as they are; a filled interchange name (``nama``, ``kode_wilayah`` …)
    wins over its domain twin, as the BNBA vocabulary is the documented one.
    """
    out = {k: data[k] for k in PERSON_FIELDS if k in data}
    out.update({PERSON[k]: v for k, v in data.items() if k in PERSON and v not in (None, "")})
    return out
