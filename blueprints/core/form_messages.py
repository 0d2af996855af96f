"""WTForms' own validation messages in Bahasa Indonesia.

WTForms ships no Indonesian catalogue, so a blank required field said "This field is required."
inside an Indonesian page. :func:`install` makes every form (``FlaskForm``) take its built-in
messages from here when the interface speaks Indonesian; in English WTForms' own text stays.
"""

from __future__ import annotations

from typing import Any

MESSAGES: dict[str, str] = {
    "Invalid field name '%s'.": "Nama isian '%s' tidak sah.",
    "Field must be equal to %(other_name)s.": "Isian harus sama dengan %(other_name)s.",
    "Field must be between %(min)d and %(max)d characters long.": "Isian harus %(min)d sampai %(max)d karakter.",
    "Number must be at least %(min)s.": "Angka paling kecil %(min)s.",
    "Number must be at most %(max)s.": "Angka paling besar %(max)s.",
    "Number must be between %(min)s and %(max)s.": "Angka harus antara %(min)s dan %(max)s.",
    "Date must be at least %(min)s.": "Tanggal paling awal %(min)s.",
    "Date must be at most %(max)s.": "Tanggal paling akhir %(max)s.",
    "Date must be between %(min)s and %(max)s.": "Tanggal harus antara %(min)s dan %(max)s.",
    "This field is required.": "Wajib diisi.",
    "Invalid input.": "Isian tidak sah.",
    "Invalid email address.": "Alamat email tidak sah.",
    "Invalid IP address.": "Alamat IP tidak sah.",
    "Invalid Mac address.": "Alamat MAC tidak sah.",
    "Invalid URL.": "URL tidak sah.",
    "Invalid UUID.": "UUID tidak sah.",
    "Invalid value, must be one of: %(values)s.": "Nilai tidak sah; harus salah satu dari: %(values)s.",
    "Invalid value, can't be any of: %(values)s.": "Nilai tidak sah; tidak boleh salah satu dari: %(values)s.",
    "This field cannot be edited.": "Isian ini tidak dapat diubah.",
    "This field is disabled and cannot have a value.": "Isian ini nonaktif dan tidak boleh diisi.",
    "Invalid CSRF Token.": "Formulir kedaluwarsa atau tidak sah; muat ulang halaman lalu coba lagi.",
    "CSRF token missing.": "Formulir kedaluwarsa atau tidak sah; muat ulang halaman lalu coba lagi.",
    "CSRF failed.": "Formulir kedaluwarsa atau tidak sah; muat ulang halaman lalu coba lagi.",
    "CSRF token expired.": "Formulir kedaluwarsa; muat ulang halaman lalu coba lagi.",
    "Invalid Choice: could not coerce.": "Pilihan tidak sah.",
    "Choices cannot be None.": "Pilihan tidak boleh kosong.",
    "Not a valid choice.": "Pilihan tidak sah.",
    "Invalid choice(s): one or more data inputs could not be coerced.": "Satu atau lebih pilihan tidak sah.",
    "Not a valid datetime value.": "Bukan tanggal dan jam yang sah.",
    "Not a valid date value.": "Bukan tanggal yang sah (hh/bb/tttt).",
    "Not a valid time value.": "Bukan jam yang sah.",
    "Not a valid week value.": "Bukan minggu yang sah.",
    "Not a valid integer value.": "Harus bilangan bulat.",
    "Not a valid decimal value.": "Harus angka.",
    "Not a valid float value.": "Harus angka.",
}
PLURALS: dict[str, str] = {
    "Field must be at least %(min)d character long.": "Isian paling sedikit %(min)d karakter.",
    "Field cannot be longer than %(max)d character.": "Isian paling banyak %(max)d karakter.",
    "Field must be exactly %(max)d character long.": "Isian harus tepat %(max)d karakter.",
    "'%(value)s' is not a valid choice for this field.": "'%(value)s' bukan pilihan yang sah untuk isian ini.",
}


class IndonesianMessages:
    """The ``gettext``/``ngettext`` pair WTForms asks a form's ``Meta`` for."""

    def gettext(self, string: str) -> str:
        return MESSAGES.get(string, string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        if singular in PLURALS:
            return PLURALS[singular]
        return singular if n == 1 else plural


INDONESIAN = IndonesianMessages()


def install() -> None:
    """Make every ``FlaskForm`` use :data:`INDONESIAN` while the interface speaks Indonesian."""
    from flask_wtf import FlaskForm

    from blueprints.core.i18n import lang

    original = FlaskForm.Meta.get_translations
    if getattr(original, "_lindung", False):
        return

    def get_translations(self: Any, form: Any) -> Any:
        return INDONESIAN if lang() == "id" else original(self, form)

    get_translations._lindung = True  # type: ignore[attr-defined]
    FlaskForm.Meta.get_translations = get_translations  # type: ignore[method-assign]
