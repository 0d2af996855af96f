"""NIK parsing and checks — the one NIK validator.

A NIK is 16 digits ``PP KK CC DDMMYY SSSS``: province, regency and district
codes of first registration, birth date (day + 40 for women), and a serial.
There is no check digit. Rules (registry issue):

* errors (the NIK is refused): not 16 digits, birth-date part not a real date,
  serial ``0000``;
* warnings (shown to resolve, never silently accepted or rejected): province or
  regency code unknown (NIKs are not re-issued after region splits), a birth
  date or sex that contradicts the declared ones.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from service.core import clock
from service.core.errors import N_

_DIGITS = re.compile(r"^\d{16}$")

# Warning codes -> message (Indonesian source strings).
WARNINGS = {
    "nik_region_unknown": N_("Kode provinsi/kabupaten pada NIK ({code}) tidak ada di daftar wilayah saat ini."),
    "nik_birth_date_mismatch": N_("Tanggal lahir pada NIK ({nik_date}) berbeda dengan tanggal lahir yang diisi."),
    "nik_sex_mismatch": N_("Jenis kelamin pada NIK ({nik_sex}) berbeda dengan jenis kelamin yang diisi."),
}


@dataclass
class NikCheck:
    nik: str
    errors: list[str] = field(default_factory=list)
    warnings: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    sex: str | None = None
    birth_date: dt.date | None = None
    region_code: str | None = None  # PP.KK.DD of first registration

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def warning_codes(self) -> list[str]:
        return [code for code, _ in self.warnings]


def normalise(raw: str | None) -> str:
    """Strip spaces, dots and dashes people type into NIKs."""
    return re.sub(r"[\s.\-]", "", raw or "")


def _century(yy: int, today: dt.date) -> int:
    return 2000 + yy if 2000 + yy <= today.year else 1900 + yy


def check(
    raw: str,
    declared_sex: str | None = None,
    declared_birth_date: dt.date | None = None,
    region_exists: callable | None = None,  # type: ignore[valid-type]
    today: dt.date | None = None,
) -> NikCheck:
    """Check a NIK; ``region_exists(code)`` tells whether a region code is known."""
    today = today or clock.today()
    nik = normalise(raw)
    result = NikCheck(nik)
    if not _DIGITS.match(nik):
        result.errors.append(N_("NIK harus 16 digit angka."))
        return result
    day, month, yy = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    sex = "L"
    if day > 40:
        day -= 40
        sex = "P"
    try:
        birth = dt.date(_century(yy, today), month, day)
    except ValueError:
        result.errors.append(N_("Bagian tanggal lahir pada NIK (digit 7–12) bukan tanggal yang valid."))
        return result
    if nik[12:] == "0000":
        result.errors.append(N_("Nomor urut NIK tidak boleh 0000."))
        return result
    result.sex, result.birth_date = sex, birth
    result.region_code = f"{nik[0:2]}.{nik[2:4]}.{nik[4:6]}"
    if region_exists is not None:
        regency = f"{nik[0:2]}.{nik[2:4]}"
        if not (region_exists(nik[0:2]) and region_exists(regency)):
            result.warnings.append(("nik_region_unknown", {"code": regency}))
    if declared_birth_date is not None and declared_birth_date != birth:
        result.warnings.append(("nik_birth_date_mismatch", {"nik_date": birth.strftime("%d/%m/%Y")}))
    if declared_sex in ("L", "P") and declared_sex != sex:
        result.warnings.append(("nik_sex_mismatch", {"nik_sex": sex}))
    return result
