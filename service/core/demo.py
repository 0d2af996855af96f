"""The demo office: Dinas Sosial Kota Metro (18.72). Idempotent.

Each area module adds its demo records through its own service functions
(``seed`` calls them in order), so the demo exercises the real rules.
"""

from __future__ import annotations

from collections.abc import Callable

from service import import_service_modules
from service.accounts.users import create_user, find_by_username
from service.core import settings
from service.core.errors import N_, ValidationError
from service.reference.regions import get as get_region

DEMO_PASSWORD = "lindung-demo"

# username, role, area, full name, NIP
DEMO_USERS: list[tuple[str, str, str | None, str, str | None]] = [
    ("admin", "admin", None, "Admin Sistem", None),
    ("kadis", "pimpinan", None, "Drs. Hendra Saputra, M.Si.", "197003121995031002"),
    ("supervisor", "supervisor", None, "Rina Marlina, S.Sos.", "198105222006042011"),
    ("peksos", "peksos", "18.72.01", "Agus Setiawan, S.Tr.Sos.", None),
    ("peksos2", "peksos", "18.72.05", "Dewi Lestari, S.Sos.", None),
    ("operator", "operator", None, "Siti Aminah", None),
    ("tagana", "tagana", None, "Bayu Pratama", None),
    ("auditor", "auditor", None, "Inspektorat Kota Metro", None),
]

OFFICE = {
    "office.name": "Dinas Sosial Kota Metro",
    "office.parent_name": "Pemerintah Kota Metro",
    "office.region_code": "18.72",
    "office.address": "Jl. AH. Nasution No. 7, Yosodadi, Metro Timur, Kota Metro, Lampung 34111",
    "office.phone": "(0725) 41234",
    "office.email": "dinsos@metrokota.go.id",
    "office.head_name": "Drs. Hendra Saputra, M.Si.",
    "office.head_title": "Kepala Dinas Sosial Kota Metro",
    "office.head_nip": "197003121995031002",
}

# Area modules register (order, name, function) with ``register_seeder`` to add demo data;
# lower orders run first (registry 10, casework 20, services 30, disasters 40, reports 50).
EXTRA_SEEDERS: list[tuple[int, str, Callable[[], None]]] = []


def register_seeder(order: int, name: str, fn: Callable[[], None]) -> None:
    if not any(s[1] == name for s in EXTRA_SEEDERS):
        EXTRA_SEEDERS.append((order, name, fn))
        EXTRA_SEEDERS.sort(key=lambda s: (s[0], s[1]))


def seed() -> list[tuple[str, str, str | None]]:
    if get_region("18.72") is None:
        raise ValidationError({"_": N_("Data wilayah belum dimuat: jalankan 'flask --app wsgi reference load'.")})
    for key, value in OFFICE.items():
        if settings.get(key) in ("", None, settings.DEFAULTS[key]):
            settings.put(key, value)
    for username, role, area, name, nip in DEMO_USERS:
        if find_by_username(username) is None:
            create_user(username, DEMO_PASSWORD, role, area, full_name=name, nip=nip)
    import_service_modules()
    for _order, _name, fn in EXTRA_SEEDERS:
        fn()
    return [(u, r, a) for u, r, a, _n, _p in DEMO_USERS]
