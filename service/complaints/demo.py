"""Demo data of the complaints desk (order 60), through the real use cases. Idempotent.

Eleven complaints of 2026 from every channel: resolved ones (one answered the same day at the
desk), a rejected one, a report of a neglected elderly woman that became a case, a sensitive
report handled in Metro Selatan, one past its deadline and escalated, and two new ones.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select

from service.accounts.users import find_by_username
from service.complaints import desk, escalation, intake
from service.complaints.models import Complaint
from service.core import demo
from service.core.db import session

# channel, category, area, received, complainant (name, phone, relation), location, description,
# then what happened: (assign to, status, date, text) — status resolved / rejected / in_progress / intake
COMPLAINTS: list[tuple[Any, ...]] = [
    ("walk_in", "bansos_tidak_diterima", "18.72.01.1001", "2026-02-03", ("Suyatmi", "0812-7001-2233", "self"),
     "Kel. Metro, Metro Pusat", "Sudah tiga bulan bantuan sembako (BPNT) tidak masuk ke kartu KKS.",
     ("peksos", "resolved", "2026-02-10",
      "Dicek di SIKS-NG: masih terdaftar; pencairan tertunda karena rekening pasif. Didampingi ke bank, "
      "kartu aktif kembali.")),
    ("whatsapp", "terhapus_dtks", "18.72.05.1001", "2026-03-12", ("Paryono", "0813-6990-1122", "self"),
     "Kel. Rejomulyo, Metro Selatan", "Nama keluarga kami hilang dari DTKS setelah pemutakhiran data Januari.",
     ("peksos2", "resolved", "2026-03-30",
      "Diverifikasi dengan kunjungan rumah; diusulkan kembali melalui musyawarah kelurahan Maret 2026.")),
    ("phone", "laporan_orang_terlantar", "18.72.01.1003", "2026-04-02", ("Ketua RT 05 Imopuro", "0852-7900-3344",
                                                                        "village_official"),
     "Pos ronda RT 05, Kel. Imopuro", "Seorang nenek tinggal sendiri di pos ronda, tampak lemah dan tidak terurus.",
     ("peksos", "intake", "2026-04-02", "Ponirah")),
    ("letter", "permohonan_rekomendasi", "18.72.03.1002", "2026-05-06", ("Wartini", "0821-7711-5566", "family"),
     "Kel. Ganjar Agung, Metro Barat", "Mohon surat rekomendasi PBI-JK untuk ibu saya yang akan dioperasi.",
     ("operator", "resolved", "2026-05-07", "Surat rekomendasi PBI-JK diterbitkan dan diserahkan ke keluarga.")),
    ("web", "data_belum_diperbarui", "18.72.02.1001", "2026-06-15", ("Hartono", "0857-6600-7788", "self"),
     "Kel. Banjarsari, Metro Utara", "Alamat di KTP saya belum berubah padahal sudah pindah sejak tahun lalu.",
     ("operator", "rejected", "2026-06-16",
      "Perubahan alamat KTP adalah kewenangan Disdukcapil; pelapor diarahkan ke Disdukcapil Kota Metro.")),
    ("village", "laporan_odgj", "18.72.05.1002", "2026-08-20", ("Lurah Margorejo", "0725-41999", "village_official"),
     "Kel. Margorejo, Metro Selatan", "Warga melaporkan seorang laki-laki dengan gangguan jiwa dipasung keluarga.",
     ("peksos2", "in_progress", "2026-08-21", None)),
    ("whatsapp", "bansos_tidak_diterima", "18.72.01.1002", "2026-10-05", ("Mulyani", "0812-7333-4455", "self"),
     "Kel. Hadimulyo Timur, Metro Pusat", "PKH tahap 3 belum cair, padahal tetangga sudah menerima.",
     ("peksos", "resolved", "2026-10-20",
      "Dikonfirmasi ke pendamping PKH: komponen anak sekolah belum diverifikasi; sudah dilengkapi, cair tahap 4.")),
    ("phone", "permintaan_informasi", "18.72.04.1001", "2026-11-03", ("Rina", "0813-6000-9988", "self"),
     "Kel. Yosodadi, Metro Timur", "Bagaimana cara mendaftar sebagai penerima bantuan alat bantu kursi roda?",
     ("operator", "resolved", "2026-11-03", "Dijelaskan syarat dan alur pengajuan alat bantu; formulir dikirim via WA.")),
    ("walk_in", "keluhan_pelayanan", "18.72.01.1005", "2026-11-10", ("Slamet", "0852-6611-2200", "self"),
     "Kel. Yosomulyo, Metro Pusat", "Berkas permohonan saya di loket sudah dua minggu belum ada kabar.",
     ("peksos", "in_progress", "2026-11-11", None)),
    ("web", "bansos_tidak_diterima", "18.72.05.1003", "2026-11-28", ("Sri Wahyuni", "0821-7444-1212", "self"),
     "Kel. Sumbersari Bantul, Metro Selatan", "Bantuan BPNT bulan November belum masuk.", None),
    ("whatsapp", "permohonan_rekomendasi", "18.72.02.1003", "2026-12-01", ("Agus Salim", "0857-6100-3030", "family"),
     "Kel. Karangrejo, Metro Utara", "Mohon rekomendasi keringanan biaya sekolah untuk anak saya.", None),
]


def _existing(description: str) -> Complaint | None:
    return session.scalar(select(Complaint).where(Complaint.description == description))


def seed() -> None:
    today = dt.date.today()
    for channel, cat, area, day, (name, phone, relation), place, text, outcome in COMPLAINTS:
        if dt.date.fromisoformat(day) > today or _existing(text) is not None:
            continue
        complaint, _code = desk.register_complaint({
            "channel": channel, "category_code": cat, "area_code": area, "received_on": day, "location": place,
            "description": text, "complainant_name": name, "complainant_phone": phone,
            "complainant_relation": relation})
        if outcome is None:
            continue
        worker_name, status, on, detail = outcome
        worker = find_by_username(worker_name)
        if worker is not None and status != "rejected":
            desk.assign(complaint, worker)
        if status == "resolved":
            desk.change_status(complaint, "resolved", resolution=detail, resolved_on=on,
                               by_id=worker.id if worker else None)
        elif status == "rejected":
            desk.change_status(complaint, "rejected", reason=detail, by_id=worker.id if worker else None)
        elif status == "intake":
            case, _new = intake.intake(complaint, "lanjut_usia_terlantar", worker_id=worker.id if worker else None,
                                       urgency="high", by_id=worker.id if worker else None, person_data={
                                           "name": detail, "sex": "P", "age": 78,
                                           "village_code": area, "address": place})
            desk.change_status(complaint, "resolved", resolved_on="2026-04-04", by_id=worker.id if worker else None,
                               resolution=f"Dijangkau pada hari yang sama; dibuka sebagai kasus {case.number}, "
                                          "asesmen dan permakanan dijadwalkan.")
    escalation.escalate_overdue(today)


demo.register_seeder(60, "complaints", seed)
