"""Admin-editable settings with defaults: SPM weights and bands, office details.

Values are JSON. Decimal figures are kept as strings so that they stay exact.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from service.core.db import session
from service.core.errors import N_, ValidationError
from service.reference.models import Setting

DEFAULTS: dict[str, Any] = {
    "spm.weights": {"recipients": "0.8", "quality": "0.2"},
    # The default band names are translated where shown (``tr(category)``); an office's own names
    # show as written.
    "spm.bands": [
        {"min": "100", "label": N_("Tuntas Paripurna")},
        {"min": "90", "label": N_("Tuntas Utama")},
        {"min": "80", "label": N_("Tuntas Madya")},
        {"min": "70", "label": N_("Tuntas Pratama")},
        {"min": "60", "label": N_("Tuntas Muda")},
        {"min": "0", "label": N_("Belum Tuntas")},
    ],
    "office.name": "Dinas Sosial",
    "office.parent_name": "Pemerintah Kota",
    "office.region_code": "",
    "office.address": "",
    "office.phone": "",
    "office.email": "",
    "office.head_name": "",
    "office.head_title": "Kepala Dinas Sosial",
    "office.head_nip": "",
    # "" = the zone of the office's province (service.core.clock); else WIB / WITA / WIT.
    "office.timezone": "",
    # The office's public web address (https://lindung.dinsos.example.go.id): every link and QR code
    # printed in a letter or receipt starts with it, never with the Host a request came with.
    # "" = the config value PUBLIC_BASE_URL (env LINDUNG_PUBLIC_URL).
    "office.base_url": "",
    # Services area (service.care.referrals, service.care.tracing, service.care.tasks).
    "referral.letter_number_format": "{seq}/{code}/DINSOS/{roman_month}/{year}",
    "referral.letter_code": "400.9.2",
    "referral.link_days": 30,
    "referral.answer_days": 7,
    "tracing.followup_months": [1, 3, 6],
    "tasks.inactive_days": 30,
    # PSKS register (service.psks.documents): remind this many days before an LKS document lapses.
    "psks.expiry_warning_days": 90,
    # Protection area (service.protection.letters): the PBI-JK recommendation letters' classification code
    # (the number follows the referral letters' scheme, with its own sequence).
    "protection.pbi_letter_code": "400.9.3",
    # Performance (service.performance.report): the five-band rating of capaian and serapan, highest
    # first (LAKIP Tabel 3.1 with its gaps closed); the last band (no lower bound) takes the rest.
    "performance.bands": [
        {"min": "91", "label": "Sangat Tinggi"},
        {"min": "76", "label": "Tinggi"},
        {"min": "66", "label": "Sedang"},
        {"min": "51", "label": "Rendah"},
        {"min": None, "label": "Sangat Rendah"},
    ],
}

OFFICE_KEYS = [k for k in DEFAULTS if k.startswith("office.")]


def get(key: str) -> Any:
    row = session.get(Setting, key)
    if row is None:
        if key not in DEFAULTS:
            raise KeyError(key)
        return DEFAULTS[key]
    return row.value


def get_many(*keys: str) -> dict[str, Any]:
    """Several settings in one query (their defaults when unset)."""
    from sqlalchemy import select

    unknown = [k for k in keys if k not in DEFAULTS]
    if unknown:
        raise KeyError(unknown[0])
    rows = session.execute(select(Setting.key, Setting.value).where(Setting.key.in_(keys)))  # columns: no entities
    found = {key: value for key, value in rows}
    return {k: found.get(k, DEFAULTS[k]) for k in keys}


def put(key: str, value: Any) -> None:
    if key not in DEFAULTS:
        raise KeyError(key)
    if key == "office.timezone" and value not in ("", "WIB", "WITA", "WIT"):
        raise ValidationError({"timezone": N_("Pilih zona waktu WIB, WITA atau WIT.")})
    if key == "office.base_url":
        value = normalise_base_url(value)
    row = session.get(Setting, key)
    if key in ("office.timezone", "office.region_code"):
        from service.core import clock

        clock.forget()
    if row is None:
        session.add(Setting(key=key, value=value))
    elif row.value != value:
        row.value = value
    session.flush()


def normalise_base_url(value: Any) -> str:
    """``https://host[:port][/path]`` without a trailing slash, or "" (not set)."""
    from urllib.parse import urlsplit

    text = str(value or "").strip().rstrip("/")
    if not text:
        return ""
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018  (raises on a bad port)
    except ValueError:
        parts = None
    if (parts is None or parts.scheme not in ("http", "https") or not parts.hostname or parts.query
            or parts.fragment or parts.username or parts.password or " " in text):
        raise ValidationError({"base_url": N_("Alamat web tidak valid. Contoh: https://lindung.dinsos.metrokota.go.id")})
    return text


def office() -> dict[str, str]:
    return {k.split(".", 1)[1]: get(k) for k in OFFICE_KEYS}


def _decimal(raw: Any, field: str) -> Decimal:
    try:
        value = Decimal(str(raw).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise ValidationError({field: N_("Bukan angka yang valid.")}) from None
    if not value.is_finite():
        raise ValidationError({field: N_("Bukan angka yang valid.")})
    return value


def spm_weights() -> tuple[Decimal, Decimal]:
    w = get("spm.weights")
    return Decimal(w["recipients"]), Decimal(w["quality"])


def set_spm_weights(recipients: Any, quality: Any) -> None:
    wr, wq = _decimal(recipients, "recipients"), _decimal(quality, "quality")
    errors = {}
    if not (0 <= wr <= 1):
        errors["recipients"] = N_("Bobot harus antara 0 dan 1.")
    if not (0 <= wq <= 1):
        errors["quality"] = N_("Bobot harus antara 0 dan 1.")
    if not errors and wr + wq != 1:
        errors["quality"] = N_("Jumlah kedua bobot harus 1.")
    if errors:
        raise ValidationError(errors)
    put("spm.weights", {"recipients": str(wr), "quality": str(wq)})


def spm_bands() -> list[tuple[Decimal, str]]:
    """Bands as (lower bound, label), highest first (read once inside ``batch.cached()``: the trend)."""
    from service.core import batch

    return batch.memo("settings.spm_bands", lambda: sorted(
        ((Decimal(b["min"]), b["label"]) for b in get("spm.bands")), key=lambda b: b[0], reverse=True))


def set_spm_bands(bands: list[tuple[Any, str]]) -> None:
    """Replace the category bands. Needs a band starting at 0 so every index has a category."""
    parsed: list[tuple[Decimal, str]] = []
    for i, (low, label) in enumerate(bands):
        value = _decimal(low, f"bands-{i}-min")
        if not (0 <= value <= 100):
            raise ValidationError({f"bands-{i}-min": N_("Batas harus antara 0 dan 100.")})
        if not (label or "").strip():
            raise ValidationError({f"bands-{i}-label": N_("Nama kategori wajib diisi.")})
        parsed.append((value, label.strip()))
    lows = [p[0] for p in parsed]
    if len(set(lows)) != len(lows):
        raise ValidationError({"bands": N_("Setiap batas bawah harus berbeda.")})
    if Decimal(0) not in lows:
        raise ValidationError({"bands": N_("Harus ada kategori dengan batas bawah 0.")})
    parsed.sort(key=lambda p: p[0], reverse=True)
    put("spm.bands", [{"min": str(low), "label": label} for low, label in parsed])


def category_for(index: Decimal | None) -> str | None:
    if index is None:
        return None
    for low, label in spm_bands():
        if index >= low:
            return label
    return None
