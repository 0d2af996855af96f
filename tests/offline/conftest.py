"""Helpers for the offline/sync tests: operations in the device's vocabulary."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from service.core import clock

DAY = (clock.today() - dt.timedelta(days=2)).isoformat()


def new_id() -> str:
    return str(uuid.uuid4())


def person_op(entity_id: str | None = None, base_version: int | None = None, **data: Any) -> dict[str, Any]:
    payload = {"nama": "Sarinah", "jenis_kelamin": "P", "tanggal_lahir": "1941-03-12",
               "kode_wilayah": "18.72.01.1002", "alasan_tanpa_nik": "belum_terdaftar", **data}
    op = {"op_id": new_id(), "type": "person.upsert", "entity_id": entity_id or new_id(), "data": payload}
    if base_version is not None:
        op["base_version"] = base_version
    return op


def assessment_op(person_id: str, **data: Any) -> dict[str, Any]:
    payload = {"person_id": person_id, "kategori_ppks": "lanjut_usia_terlantar", "tanggal_asesmen": DAY,
               "kebutuhan": ["permakanan", "sandang"], "persetujuan": True,
               "persetujuan_oleh": "yang bersangkutan", **data}
    return {"op_id": new_id(), "type": "assessment.create", "entity_id": new_id(), "data": payload}


def delivery_op(person_id: str, **data: Any) -> dict[str, Any]:
    payload = {"person_id": person_id, "layanan": "permakanan", "tanggal_layanan": DAY, "jumlah": 1, **data}
    return {"op_id": new_id(), "type": "delivery.create", "entity_id": new_id(), "data": payload}

