"""Old English UI paths (``/people``, ``/cases``, ``/reports``, …) answer with a permanent
redirect to their Indonesian successors (``/orang``, ``/kasus``, ``/laporan``, …), so
bookmarks and printed links keep working. The API (``/api/v1``) was always English and
is untouched. 308 keeps the method and body, so an old form still posts.
"""

from __future__ import annotations

import re
from typing import Any

from flask import Flask, redirect, request

_ID = r"([^/]+)"

# (old path regex, new path template), most specific first; anchored at the start of the path.
RENAMES: list[tuple[str, str]] = [
    (r"/people/duplicates/merge", "/orang/duplikat/gabung"),
    (r"/people/duplicates/distinct", "/orang/duplikat/berbeda"),
    (r"/people/duplicates", "/orang/duplikat"),
    (r"/people/new", "/orang/baru"),
    (rf"/people/{_ID}/edit", r"/orang/\1/ubah"),
    (rf"/people/{_ID}/resolve-warnings", r"/orang/\1/selesaikan-peringatan"),
    (rf"/people/{_ID}/photo", r"/orang/\1/foto"),
    (rf"/people/{_ID}/household", r"/orang/\1/keluarga"),
    (r"/people", "/orang"),
    (rf"/households/{_ID}/members/{_ID}/remove", r"/keluarga/\1/anggota/\2/hapus"),
    (r"/households", "/keluarga"),
    (r"/import/bnba", "/impor/bnba"),
    (r"/cases/approvals", "/kasus/persetujuan"),
    (r"/cases/new", "/kasus/baru"),
    (rf"/cases/{_ID}/assessment", r"/kasus/\1/asesmen"),
    (rf"/cases/{_ID}/plan/submit", r"/kasus/\1/rencana/ajukan"),
    (rf"/cases/{_ID}/plan/{_ID}/done", r"/kasus/\1/rencana/\2/selesai"),
    (rf"/cases/{_ID}/plan/{_ID}/cancel", r"/kasus/\1/rencana/\2/batal"),
    (rf"/cases/{_ID}/plan", r"/kasus/\1/rencana"),
    (rf"/cases/{_ID}/close", r"/kasus/\1/tutup"),
    (rf"/cases/{_ID}/reopen", r"/kasus/\1/buka-kembali"),
    (rf"/cases/{_ID}/worker", r"/kasus/\1/petugas"),
    (r"/cases", "/kasus"),
    (r"/reports/spm/persons", "/laporan/spm/orang"),
    (r"/reports/renja/hand", "/laporan/renja/manual"),
    (r"/reports/renja/persons", "/laporan/renja/orang"),
    (r"/reports/month/close", "/laporan/bulan/tutup"),
    (r"/reports/month/reopen", "/laporan/bulan/buka-kembali"),
    (r"/reports/month", "/laporan/bulan"),
    (r"/reports/dashboard", "/laporan/dasbor"),
    (r"/reports/export", "/laporan/ekspor"),
    (r"/reports/plan", "/laporan/rencana"),
    (r"/reports/mapping", "/laporan/pemetaan"),
    (r"/reports", "/laporan"),
    (r"/admin/users/new", "/admin/pengguna/baru"),
    (rf"/admin/users/{_ID}/password", r"/admin/pengguna/\1/kata-sandi"),
    (rf"/admin/users/{_ID}/active", r"/admin/pengguna/\1/aktif"),
    (r"/admin/users", "/admin/pengguna"),
    (r"/admin/reference/regions", "/admin/referensi/wilayah"),
    (r"/admin/reference", "/admin/referensi"),
    (r"/admin/settings", "/admin/pengaturan"),
    (r"/login", "/masuk"),
    (r"/logout", "/keluar"),
    (r"/lang", "/bahasa"),
    (r"/regions/children", "/wilayah/turunan"),
    (r"/app/manifest\.webmanifest", "/aplikasi/manifest.webmanifest"),
    (r"/app/session", "/aplikasi/sesi"),
    (r"/app/token", "/aplikasi/token"),
    (r"/app", "/aplikasi"),
    (r"/sync/conflicts", "/sinkron/konflik"),
]

_COMPILED = [(re.compile(old + r"(?=/|$)"), new) for old, new in RENAMES]
_FIRST = tuple(sorted({"/" + old.split("/")[1].split("\\")[0] for old, _ in RENAMES}))


def new_path(path: str) -> str | None:
    """The Indonesian successor of an old UI path, or None when it is not one."""
    if not path.startswith(_FIRST):
        return None
    for rx, repl in _COMPILED:
        m = rx.match(path)
        if m:
            return m.expand(repl) + path[m.end():]
    return None


def init_legacy_redirects(app: Flask) -> None:
    @app.before_request
    def _redirect_old_paths() -> Any:
        target = new_path(request.path)
        if target is None:
            return None
        query = request.query_string.decode("latin-1")
        return redirect(target + ("?" + query if query else ""), code=308)
