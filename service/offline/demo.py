"""Demo data of the offline area (order 60): a day of tablet work synced, and one conflict. Idempotent."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from service.core import clock
from service.core.demo import register_seeder
from service.offline.engine import sync_batch

_DEMO_NS = uuid.UUID("6f1d1c2e-5b53-4c55-9a57-0a3f0e1d7a01")


def _demo_id(*parts: str) -> str:
    return str(uuid.uuid5(_DEMO_NS, "/".join(parts)))


def seed_demo(today: dt.date | None = None) -> None:
    """A day of offline work by ``peksos`` synced from a tablet, and one conflict with ``operator``.

    Deterministic ``op_id``s: a second run only gets ``duplicate`` answers.
    """
    from service.accounts.users import find_by_username

    peksos, operator = find_by_username("peksos"), find_by_username("operator")
    if peksos is None or operator is None:
        return
    today = today or clock.today()
    day = (today - dt.timedelta(days=3)).isoformat()
    people = [
        ("mbah-sarinah", "Sarinah", "P", "1941-03-12", "18.72.01.1002", "lanjut_usia_terlantar",
         ["permakanan", "sandang"], "permakanan"),
        ("pak-karto", "Kartosuwiryo", "L", "1946-08-01", "18.72.01.1003", "lanjut_usia_terlantar",
         ["permakanan", "alat_bantu"], "alat_bantu"),
        ("bu-painem", "Painem", "P", "1950-11-23", "18.72.01.1005", "lanjut_usia_terlantar",
         ["permakanan"], None),
    ]
    ops: list[dict[str, Any]] = []
    for key, name, sex, born, village, category, needs, delivered in people:
        pid = _demo_id("person", key)
        ops.append({"op_id": _demo_id("op", key, "person"), "type": "person.upsert", "entity_id": pid,
                    "data": {"nama": name, "jenis_kelamin": sex, "tanggal_lahir": born, "kode_wilayah": village,
                             "alasan_tanpa_nik": "belum_terdaftar"}})
        ops.append({"op_id": _demo_id("op", key, "assessment"), "type": "assessment.create",
                    "entity_id": _demo_id("assessment", key),
                    "data": {"person_id": pid, "kategori_ppks": category, "tanggal_asesmen": day,
                             "kebutuhan": needs, "persetujuan": True, "persetujuan_oleh": "yang bersangkutan"}})
        if delivered:
            ops.append({"op_id": _demo_id("op", key, "delivery"), "type": "delivery.create",
                        "entity_id": _demo_id("delivery", key),
                        "data": {"person_id": pid, "layanan": delivered, "tanggal_layanan": day, "jumlah": 1}})
    sync_batch(peksos, {"device_id": _demo_id("device", "peksos-tablet"), "operations": ops},
               label="Tablet Agus (demo)")
    first = _demo_id("person", "mbah-sarinah")
    # Both had version 1 on their tablets; the operator's change arrives first, the worker's is a conflict.
    sync_batch(operator, {"device_id": _demo_id("device", "operator-tablet"), "operations": [
        {"op_id": _demo_id("op", "operator-phone"), "type": "person.upsert", "entity_id": first, "base_version": 1,
         "data": {"telepon": "081234567890", "alamat": "Jl. Kenanga No. 4"}}]}, label="Tablet Siti (demo)")
    sync_batch(peksos, {"device_id": _demo_id("device", "peksos-tablet"), "operations": [
        {"op_id": _demo_id("op", "peksos-address"), "type": "person.upsert", "entity_id": first, "base_version": 1,
         "data": {"alamat": "Jl. Kenanga No. 14, RT 02 RW 05", "telepon": "081234567890"}}]},
               label="Tablet Agus (demo)")


register_seeder(60, "sync", seed_demo)
