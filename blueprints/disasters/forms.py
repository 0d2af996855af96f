"""Forms of the disaster module (labels in Indonesian, translated by the catalogue)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional

from blueprints.core.forms import SEX_CHOICES, DayField, MultiCheckboxField, SegmentedField
from service.core.errors import N_


class EventForm(FlaskForm):
    name = StringField(N_("Nama kejadian"), validators=[Optional(), Length(max=200)])
    event_type = SelectField(N_("Jenis bencana"))
    category = SelectField(N_("Kategori"), validators=[Optional()])
    area_code = StringField(N_("Wilayah kejadian (kode)"), validators=[Optional(), Length(max=13)],
                            description=N_("Kode kecamatan atau kota, mis. 18.72.05"))
    village_codes = StringField(N_("Desa/kelurahan terdampak (kode, pisahkan dengan ;)"), validators=[Optional()])
    started_on = DayField(N_("Tanggal kejadian"), validators=[Optional()])
    emergency_start = DayField(N_("Awal masa tanggap darurat"), validators=[Optional()])
    emergency_end = DayField(N_("Akhir masa tanggap darurat"), validators=[Optional()])
    status = SelectField(N_("Status"))
    summary = TextAreaField(N_("Ringkasan situasi"), validators=[Optional()])


class VictimForm(FlaskForm):
    use_person_id = HiddenField()
    name = StringField(N_("Nama lengkap"), validators=[Optional(), Length(max=200)])
    nik = StringField(N_("NIK"), validators=[Optional()], description=N_("Kosongkan bila tidak ada atau hilang."))
    no_nik_reason = SelectField(N_("Alasan tanpa NIK"), validators=[Optional()],
                                description=N_("Wajib dipilih bila NIK kosong."))
    sex = SegmentedField(N_("Jenis kelamin"), choices=SEX_CHOICES, validators=[Optional()])
    birth_date = DayField(N_("Tanggal lahir"), validators=[Optional()])
    age = IntegerField(N_("Perkiraan umur (tahun)"), validators=[Optional()],
                       description=N_("Bila tanggal lahir tidak diketahui."))
    village_code = StringField(N_("Desa/kelurahan domisili (kode)"), validators=[Optional()])
    address = StringField(N_("Alamat"), validators=[Optional(), Length(max=300)])
    relationship_code = SelectField(N_("Hubungan dengan kepala keluarga"), validators=[Optional()])
    status = SelectField(N_("Status korban"))
    shelter_id = SelectField(N_("Pos pengungsian"), validators=[Optional()],
                             description=N_("Wajib bila statusnya Di pos pengungsian: korban langsung tercatat masuk pos ini."))
    vulnerable_groups = MultiCheckboxField(N_("Kelompok rentan"), validators=[Optional()])
    damage_level = SelectField(N_("Kerusakan rumah"), validators=[Optional()])
    needs = MultiCheckboxField(N_("Kebutuhan (komponen SPM)"), validators=[Optional()])


class MemberForm(Form):
    """One family row of the registration page (a member of the head's household)."""

    name = StringField(N_("Nama lengkap"), validators=[Optional(), Length(max=200)])
    nik = StringField(N_("NIK"), validators=[Optional()])
    no_nik_reason = SelectField(N_("Alasan tanpa NIK"), validators=[Optional()])
    sex = SegmentedField(N_("Jenis kelamin"), choices=SEX_CHOICES, validators=[Optional()])
    birth_date = DayField(N_("Tanggal lahir"), validators=[Optional()])
    age = IntegerField(N_("Perkiraan umur (tahun)"), validators=[Optional()])
    relationship_code = SelectField(N_("Hubungan dengan kepala keluarga"), validators=[Optional()])
    vulnerable_groups = MultiCheckboxField(N_("Kelompok rentan"), validators=[Optional()])
    address = StringField(N_("Alamat"), validators=[Optional(), Length(max=300)])
    village_code = SelectField(N_("Desa/kelurahan domisili"), validators=[Optional()])

    def is_blank(self) -> bool:
        return not ((self.name.data or "").strip() or (self.nik.data or "").strip())


class HouseholdForm(VictimForm):
    """The head's form plus the family rows ("Tambah anggota keluarga") registered with it."""

    members = FieldList(FormField(MemberForm), min_entries=0, max_entries=30)


class CardForm(FlaskForm):
    reason = StringField(N_("Alasan penggantian kartu"), validators=[Optional(), Length(max=200)])


class DistributionForm(FlaskForm):
    token = StringField(N_("Kode kartu (hasil pindai)"), validators=[Optional()])
    household_id = HiddenField()
    item_id = SelectField(N_("Barang"), validators=[DataRequired()])
    warehouse_id = SelectField(N_("Dari gudang"), validators=[DataRequired()])
    quantity = IntegerField(N_("Jumlah"), default=1, validators=[Optional()])
    place = StringField(N_("Tempat"), validators=[Optional(), Length(max=200)])
    override_reason = TextAreaField(N_("Alasan tetap diberikan"), validators=[Optional()])


class ShelterForm(FlaskForm):
    name = StringField(N_("Nama pos pengungsian"), validators=[Optional(), Length(max=200)])
    place = StringField(N_("Lokasi"), validators=[Optional(), Length(max=300)])
    village_code = StringField(N_("Desa/kelurahan (kode)"), validators=[Optional()])
    capacity = IntegerField(N_("Kapasitas (orang)"), validators=[Optional()])


class CheckInForm(FlaskForm):
    shelter_id = SelectField(N_("Pos pengungsian"), validators=[DataRequired()])
    victim_id = SelectField(N_("Korban"), validators=[DataRequired()])


class KitchenForm(FlaskForm):
    shelter_id = SelectField(N_("Pos pengungsian"), validators=[DataRequired()])
    served_on = DayField(N_("Tanggal"), validators=[Optional()])
    meals_served = IntegerField(N_("Jumlah porsi disajikan"), validators=[Optional()])
    feed_all = BooleanField(N_("Semua penghuni pos saat ini diberi makan"), default=True)


class PsychosocialForm(FlaskForm):
    held_on = DayField(N_("Tanggal"), validators=[Optional()])
    facilitator = StringField(N_("Fasilitator"), validators=[Optional(), Length(max=200)])
    activity = StringField(N_("Kegiatan"), validators=[Optional(), Length(max=200)])
    victim_ids = MultiCheckboxField(N_("Peserta"), validators=[Optional()])


class SpecialHandlingForm(FlaskForm):
    victim_id = SelectField(N_("Korban"), validators=[DataRequired()])
    handled_on = DayField(N_("Tanggal"), validators=[Optional()])
    group = SelectField(N_("Kelompok rentan"), validators=[DataRequired()])
    action = StringField(N_("Tindakan"), validators=[Optional(), Length(max=300)])


class CompensationForm(FlaskForm):
    victim_id = SelectField(N_("Korban meninggal"), validators=[DataRequired()])
    amount = StringField(N_("Jumlah santunan (Rp)"), validators=[Optional()])
    recipient_name = StringField(N_("Nama ahli waris"), validators=[Optional(), Length(max=200)])
    recipient_relationship = StringField(N_("Hubungan ahli waris"), validators=[Optional(), Length(max=60)])
    recipient_nik = StringField(N_("NIK ahli waris"), validators=[Optional()])
    document_ref = StringField(N_("Nomor dokumen (SK/kuitansi)"), validators=[Optional(), Length(max=120)])
    paid_on = DayField(N_("Tanggal diserahkan"), validators=[Optional()])


class ReceiptForm(FlaskForm):
    warehouse_id = SelectField(N_("Gudang"), validators=[DataRequired()])
    item_id = SelectField(N_("Barang"), validators=[DataRequired()])
    quantity = IntegerField(N_("Jumlah"), validators=[Optional()])
    source = SelectField(N_("Sumber"), validators=[DataRequired()])
    document_ref = StringField(N_("Nomor dokumen (BAST/surat)"), validators=[Optional(), Length(max=120)])
    received_on = DayField(N_("Tanggal terima"), validators=[Optional()])
    expires_on = DayField(N_("Tanggal kedaluwarsa"), validators=[Optional()])


class IssueForm(FlaskForm):
    warehouse_id = SelectField(N_("Gudang"), validators=[DataRequired()])
    item_id = SelectField(N_("Barang"), validators=[DataRequired()])
    quantity = IntegerField(N_("Jumlah"), validators=[Optional()])
    event_id = SelectField(N_("Ke kejadian"), validators=[Optional()])
    target_id = SelectField(N_("Atau mutasi ke gudang"), validators=[Optional()])
    document_ref = StringField(N_("Nomor dokumen"), validators=[Optional(), Length(max=120)])


class WarehouseForm(FlaskForm):
    code = StringField(N_("Kode gudang"), validators=[Optional(), Length(max=20)])
    name = StringField(N_("Nama gudang"), validators=[Optional(), Length(max=200)])
    area_code = StringField(N_("Wilayah (kode)"), validators=[Optional(), Length(max=13)])
    address = StringField(N_("Alamat"), validators=[Optional(), Length(max=300)])


class StockItemForm(FlaskForm):
    name = StringField(N_("Nama barang (Bahasa Indonesia)"), validators=[Optional(), Length(max=200)])
    name_en = StringField(N_("Nama barang (Bahasa Inggris)"), validators=[Optional(), Length(max=200)],
                          description=N_("Ditampilkan bila bahasa tampilan Inggris; kosong: nama Indonesia."))
    unit = StringField(N_("Satuan"), validators=[Optional(), Length(max=20)])
    guard_period = SelectField(N_("Aturan pembagian ganda"))
    active = BooleanField(N_("Masih dipakai"))


class VolunteerForm(FlaskForm):
    member_number = StringField(N_("Nomor anggota"), validators=[Optional(), Length(max=40)])
    name = StringField(N_("Nama"), validators=[Optional(), Length(max=200)])
    nik = StringField(N_("NIK"), validators=[Optional()])
    phone = StringField(N_("Telepon"), validators=[Optional(), Length(max=32)])
    skills = StringField(N_("Keahlian (pisahkan dengan ;)"), validators=[Optional()])
    area_code = StringField(N_("Kecamatan (kode)"), validators=[Optional(), Length(max=13)])
    username = StringField(N_("Akun pengguna TAGANA (opsional)"), validators=[Optional(), Length(max=64)])
    training = StringField(N_("Pelatihan/sertifikat"), validators=[Optional(), Length(max=200)])


class DeployForm(FlaskForm):
    volunteer_id = SelectField(N_("Anggota"), validators=[DataRequired()])
    event_id = SelectField(N_("Kejadian"), validators=[DataRequired()])
    role = StringField(N_("Peran"), validators=[Optional(), Length(max=80)])
    started_on = DayField(N_("Mulai"), validators=[Optional()])


class CancelDistributionForm(FlaskForm):
    reason = TextAreaField(N_("Alasan pembatalan"), validators=[Optional(), Length(max=500)])


class EndDeploymentForm(FlaskForm):
    ended_on = DateField(N_("Tanggal selesai"), validators=[Optional()])  # posted by roster.html's own input

