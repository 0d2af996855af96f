"""Forms of the registry area (person intake, DTKS, photo, household, merge)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import Length, Optional

from blueprints.core.forms import SEX_CHOICES, ActionForm, MultiCheckboxField, SegmentedField  # noqa: F401  (ActionForm: the views import it from here)
from service.core.errors import N_


class PersonForm(FlaskForm):
    name = StringField(N_("Nama lengkap"), validators=[Length(max=200)], render_kw={"autocomplete": "off"})
    nik = StringField(N_("NIK"), validators=[Optional(), Length(max=24)],
                      render_kw={"inputmode": "numeric", "autocomplete": "off"},
                      description=N_("16 digit. Kosongkan bila belum punya atau tidak diketahui."))
    no_nik_reason = SelectField(N_("Alasan tanpa NIK"), validators=[Optional()],
                                description=N_("Wajib dipilih bila NIK kosong."))
    sex = SegmentedField(N_("Jenis kelamin"), choices=SEX_CHOICES, validators=[Optional()])  # two large buttons
    birth_date = StringField(N_("Tanggal lahir"), validators=[Optional()], description=N_("DD/MM/YYYY"),
                             render_kw={"inputmode": "numeric", "placeholder": "31/12/1950"})
    age = StringField(N_("Perkiraan umur (tahun)"), validators=[Optional()], render_kw={"inputmode": "numeric"},
                      description=N_("Isi bila tanggal lahir tidak diketahui."))
    birth_place = StringField(N_("Tempat lahir"), validators=[Optional(), Length(max=120)])
    village_code = StringField(N_("Kode desa/kelurahan domisili"), validators=[Optional(), Length(max=13)],
                               description=N_("Pilih kecamatan lalu kelurahan, atau ketik kodenya."))
    address = TextAreaField(N_("Alamat"), validators=[Optional(), Length(max=500)])
    phone = StringField(N_("Telepon"), validators=[Optional(), Length(max=32)], render_kw={"inputmode": "tel"})
    disability_types = MultiCheckboxField(N_("Jenis disabilitas"), validators=[Optional()])
    confirmed = HiddenField()


class DtksForm(FlaskForm):
    dtks_status = SelectField(N_("Status DTKS/DTSEN"))
    checked_on = StringField(N_("Tanggal dicek"), render_kw={"inputmode": "numeric", "placeholder": "31/12/2026"})
    decile = StringField(N_("Desil"), validators=[Optional()], render_kw={"inputmode": "numeric"})
    note = StringField(N_("Catatan"), validators=[Optional(), Length(max=300)])


class PhotoForm(FlaskForm):
    photo = FileField(N_("Foto (JPEG/PNG/WEBP, maks. 3 MB)"), render_kw={"accept": "image/jpeg,image/png,image/webp"})


class HouseholdForm(FlaskForm):
    kk_number = StringField(N_("Nomor KK"), validators=[Optional()], render_kw={"inputmode": "numeric"},
                            description=N_("16 digit nomor Kartu Keluarga."))


class MemberForm(FlaskForm):
    person_id = HiddenField()
    relationship_code = SelectField(N_("Hubungan"))


class MergeForm(FlaskForm):
    survivor_id = HiddenField()
    merged_id = HiddenField()
    reason = StringField(N_("Alasan"), validators=[Optional(), Length(max=300)])


class ImportForm(FlaskForm):
    file = FileField(N_("Berkas BNBA (CSV atau XLSX)"), render_kw={"accept": ".csv,.xlsx"})
