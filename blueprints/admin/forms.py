"""Forms for the administration pages."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import DecimalField, FieldList, FormField, PasswordField, SelectField, StringField
from wtforms import Form as PlainForm
from wtforms.validators import DataRequired, Length, Optional

from service.accounts.models import ROLES
from service.core.errors import N_

# Least privilege first: the list a new account's role is chosen from (there is no default).
ROLES_BY_PRIVILEGE = ("tagana", "auditor", "operator", "peksos", "supervisor", "pimpinan", "admin")
assert set(ROLES_BY_PRIVILEGE) == set(ROLES)


def role_choices(placeholder: bool = False) -> list[tuple[str, str]]:
    """The roles, least privilege first; ``placeholder`` adds an empty first entry (a new account)."""
    from blueprints.core.i18n import role_label, tr

    roles = [(r, tr(role_label(r))) for r in ROLES_BY_PRIVILEGE]
    return ([("", tr("— Pilih peran —"))] + roles) if placeholder else roles


class UserCreateForm(FlaskForm):
    username = StringField(N_("Nama pengguna"), validators=[DataRequired(), Length(max=64)],
                           render_kw={"autocapitalize": "none", "autocomplete": "off"})
    full_name = StringField(N_("Nama lengkap"), validators=[Optional(), Length(max=200)])
    nip = StringField(N_("NIP"), validators=[Optional(), Length(max=32)])
    role = SelectField(N_("Peran"), validators=[DataRequired(N_("Pilih peran pengguna."))], default="",
                       description=N_("Tidak ada peran bawaan: pilih hak akses paling kecil yang cukup untuk tugasnya."))
    area_code = StringField(N_("Wilayah kerja (kode)"), validators=[Optional(), Length(max=13)],
                            description=N_("Kosongkan untuk seluruh wilayah kantor. Contoh: 18.72.02"))
    password = PasswordField(N_("Kata sandi awal"), validators=[DataRequired()],
                             render_kw={"autocomplete": "new-password"})


class UserEditForm(FlaskForm):
    full_name = StringField(N_("Nama lengkap"), validators=[Optional(), Length(max=200)])
    nip = StringField(N_("NIP"), validators=[Optional(), Length(max=32)])
    role = SelectField(N_("Peran"), validators=[DataRequired()])
    area_code = StringField(N_("Wilayah kerja (kode)"), validators=[Optional(), Length(max=13)],
                            description=N_("Kosongkan untuk seluruh wilayah kantor. Contoh: 18.72.02"))


class PasswordResetForm(FlaskForm):
    password = PasswordField(N_("Kata sandi baru"), validators=[DataRequired()],
                             render_kw={"autocomplete": "new-password"})



class WeightsForm(FlaskForm):
    recipients = DecimalField(N_("Bobot penerima layanan (w_r)"), places=None, validators=[DataRequired()])
    quality = DecimalField(N_("Bobot mutu layanan (w_q)"), places=None, validators=[Optional()])


class BandForm(PlainForm):
    min = StringField(N_("Batas bawah (%)"))
    label = StringField(N_("Kategori"))


class BandsForm(FlaskForm):
    bands = FieldList(FormField(BandForm), min_entries=6, max_entries=10)


class OfficeForm(FlaskForm):
    name = StringField(N_("Nama kantor"), validators=[DataRequired(), Length(max=200)])
    parent_name = StringField(N_("Pemerintah daerah (baris pertama kop)"), validators=[Optional(), Length(max=200)])
    region_code = StringField(N_("Kode wilayah kantor"), validators=[Optional(), Length(max=13)])
    address = StringField(N_("Alamat"), validators=[Optional(), Length(max=300)])
    phone = StringField(N_("Telepon"), validators=[Optional(), Length(max=60)])
    email = StringField(N_("Email"), validators=[Optional(), Length(max=120)])
    head_name = StringField(N_("Nama Kepala Dinas"), validators=[Optional(), Length(max=200)])
    head_title = StringField(N_("Jabatan penanda tangan"), validators=[Optional(), Length(max=200)])
    head_nip = StringField(N_("NIP Kepala Dinas"), validators=[Optional(), Length(max=32)])
    base_url = StringField(N_("Alamat web publik Lindung"), validators=[Optional(), Length(max=200)],
                           description=N_("Awal setiap tautan dan kode QR di surat dan tanda terima, "
                                          "misalnya https://lindung.dinsos.metrokota.go.id"))
    timezone = SelectField(N_("Zona waktu kantor"), validators=[Optional()],
                           description=N_("Dipakai untuk tanggal \"hari ini\", batas bulan, jam yang ditampilkan dan jadwal tugas otomatis."))


ZONE_LABELS = {"WIB": N_("WIB (UTC+7) — Sumatra, Jawa, Kalimantan Barat dan Tengah"),
               "WITA": N_("WITA (UTC+8) — Bali, Nusa Tenggara, Kalimantan Selatan, Timur dan Utara, Sulawesi"),
               "WIT": N_("WIT (UTC+9) — Maluku, Papua")}


def zone_choices() -> list[tuple[str, str]]:
    """The office's zone: derived from its province unless chosen (service.core.clock)."""
    from blueprints.core.i18n import tr
    from service.core import clock, settings

    derived = clock.zone_for_region(settings.get("office.region_code"))
    return [("", tr("Ikuti provinsi kantor (sekarang {zone})", zone=derived))] + \
        [(code, tr(label)) for code, label in ZONE_LABELS.items()]
