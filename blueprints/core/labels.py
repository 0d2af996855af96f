"""Display labels for the codes of the registry and casework areas (Indonesian sources)."""

from __future__ import annotations

from typing import Any

from service.core.errors import N_

LABELS: dict[str, dict[str, str]] = {
    "sex": {"L": N_("Laki-laki"), "P": N_("Perempuan")},
    "no_nik_reason": {"belum_terdaftar": N_("Belum terdaftar di Dukcapil"), "dokumen_hilang": N_("Dokumen hilang"),
                      "identitas_tidak_diketahui": N_("Identitas tidak diketahui")},
    "status": {"new": N_("Baru"), "assessment": N_("Asesmen"), "plan": N_("Rencana"),
               "in_service": N_("Dalam layanan"), "closed": N_("Ditutup")},
    "close_reason": {"self_reliant": N_("Mandiri"), "reunified": N_("Kembali ke keluarga"),
                     "referred_out": N_("Dirujuk keluar"), "moved": N_("Pindah"), "deceased": N_("Meninggal"),
                     "lost_contact": N_("Hilang kontak")},
    "intake_source": {"outreach": N_("Penjangkauan"), "walk_in": N_("Datang langsung"),
                      "community_report": N_("Laporan masyarakat"), "police": N_("Rujukan polisi"),
                      "hospital_referral": N_("Rujukan rumah sakit"), "agency_referral": N_("Rujukan lembaga"),
                      "complaint": N_("Pengaduan WhatsApp/telepon"), "disaster": N_("Bencana"),
                      "import": N_("Impor BNBA")},
    "urgency": {"low": N_("Rendah"), "normal": N_("Biasa"), "high": N_("Tinggi"), "emergency": N_("Darurat")},
    "relationship": {"kepala_keluarga": N_("Kepala keluarga"), "suami": N_("Suami"), "istri": N_("Istri"),
                     "anak": N_("Anak"), "menantu": N_("Menantu"), "cucu": N_("Cucu"), "orang_tua": N_("Orang tua"),
                     "mertua": N_("Mertua"), "famili_lain": N_("Famili lain"), "lainnya": N_("Lainnya")},
    "dtks": {"terdaftar": N_("Terdaftar"), "tidak_terdaftar": N_("Tidak terdaftar"), "diusulkan": N_("Diusulkan")},
    "disability": {"fisik": N_("Fisik"), "intelektual": N_("Intelektual"), "mental": N_("Mental"),
                   "sensorik_netra": N_("Sensorik netra"), "sensorik_rungu": N_("Sensorik rungu"),
                   "sensorik_wicara": N_("Sensorik wicara"), "ganda": N_("Ganda")},
    "approval": {"assessment": N_("Persetujuan asesmen"), "plan": N_("Persetujuan rencana layanan"),
                 "closure": N_("Persetujuan penutupan kasus")},
    "decision": {"pending": N_("Menunggu"), "approved": N_("Disetujui"), "rejected": N_("Ditolak"),
                 "submitted": N_("Diajukan")},
    "plan_status": {"planned": N_("Direncanakan"), "done": N_("Selesai"), "cancelled": N_("Dibatalkan")},
    "nik_warning": {"nik_region_unknown": N_("Kode wilayah NIK tidak dikenal"),
                    "nik_birth_date_mismatch": N_("Tanggal lahir berbeda dengan NIK"),
                    "nik_sex_mismatch": N_("Jenis kelamin berbeda dengan NIK")},
}


def label(kind: str, code: Any) -> str:
    from blueprints.core.i18n import tr

    if code is None or code == "":
        return ""
    text = LABELS.get(kind, {}).get(str(code))
    return tr(text) if text else str(code)


def choices(kind: str, blank: str | None = None) -> list[tuple[str, str]]:
    from blueprints.core.i18n import tr

    out = [("", tr(blank))] if blank else []
    return out + [(code, tr(text)) for code, text in LABELS[kind].items()]


def ref_name(thing: Any) -> str:
    """Name of a reference row (category, service type, stock item) in the UI language; in English a row
    without an English name shows its Indonesian one."""
    from blueprints.core.i18n import lang

    if thing is None:
        return ""
    english = getattr(thing, "name_en", None) if lang() == "en" else None
    return english or getattr(thing, "name_id", None) or getattr(thing, "code", "")
