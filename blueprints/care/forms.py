"""Forms of the care area (labels are Indonesian source strings, translated in templates)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from service.core.errors import N_


class DeliveryForm(FlaskForm):
    service_type_code = SelectField(N_("Jenis layanan"), validators=[DataRequired()])
    delivered_on = StringField(N_("Tanggal diberikan"), validators=[Optional()],
                               description=N_("DD/MM/YYYY. Kosongkan bila layanan baru direncanakan."),
                               render_kw={"inputmode": "numeric", "placeholder": "DD/MM/YYYY"})
    planned_on = StringField(N_("Tanggal rencana"), validators=[Optional()],
                             render_kw={"inputmode": "numeric", "placeholder": "DD/MM/YYYY"})
    quantity = StringField(N_("Jumlah"), default="1", render_kw={"inputmode": "numeric"})
    unit = StringField(N_("Satuan"), validators=[Optional(), Length(max=20)],
                       description=N_("Kosongkan untuk satuan baku jenis layanan."))
    item_detail = StringField(N_("Rincian barang"), validators=[Optional(), Length(max=500)],
                              description=N_("Misalnya merek/tipe kursi roda atau alat bantu dengar."))
    place = StringField(N_("Tempat"), validators=[Optional(), Length(max=200)])
    cost = StringField(N_("Biaya (Rp)"), validators=[Optional()], render_kw={"inputmode": "numeric"})
    notes = TextAreaField(N_("Catatan"), validators=[Optional()])
    receipt = FileField(N_("Foto serah terima atau tanda terima"),
                        description=N_("JPG, PNG atau PDF, maksimal 8 MB."),
                        render_kw={"accept": "image/jpeg,image/png,application/pdf", "capture": "environment"})
    # Shown (and required) only after the warning that the month is closed (service.core.periods).
    confirm_late = BooleanField(N_("Saya mengerti; simpan sebagai data terlambat"))


class VoidForm(FlaskForm):
    # Required-ness is checked by the use case (its message is the one shown).
    void_reason = StringField(N_("Alasan pembatalan"), validators=[Optional(), Length(max=500)])


class MarkDeliveredForm(FlaskForm):
    delivered_on = StringField(N_("Tanggal diberikan"), validators=[Optional()],
                               render_kw={"inputmode": "numeric", "placeholder": "DD/MM/YYYY"})


class PlacementForm(FlaskForm):
    setting = SelectField(N_("Tempat rehabilitasi"), validators=[DataRequired()])
    institution_id = SelectField(N_("Lembaga"), validators=[Optional()])
    date_in = StringField(N_("Tanggal mulai"), validators=[DataRequired()],
                          render_kw={"inputmode": "numeric", "placeholder": "DD/MM/YYYY"})
    reason = TextAreaField(N_("Alasan penempatan"), validators=[Optional()])


class InstitutionForm(FlaskForm):
    name = StringField(N_("Nama lembaga"), validators=[DataRequired(), Length(max=200)])
    kind = SelectField(N_("Jenis lembaga"), validators=[DataRequired()])
    region_code = StringField(N_("Kode wilayah"), validators=[Optional(), Length(max=13)],
                              description=N_("Contoh: 18.72 (Kota Metro) atau 18.71 (Bandar Lampung)."))
    address = TextAreaField(N_("Alamat"), validators=[Optional()])
    contact_person = StringField(N_("Narahubung"), validators=[Optional(), Length(max=200)])
    phone = StringField(N_("Telepon"), validators=[Optional(), Length(max=40)], render_kw={"inputmode": "tel"})
    email = StringField(N_("Email"), validators=[Optional(), Length(max=200)], render_kw={"inputmode": "email"})
    notes = TextAreaField(N_("Catatan"), validators=[Optional()])
    active = BooleanField(N_("Aktif"), default=True)


class ReferralForm(FlaskForm):
    institution_id = SelectField(N_("Lembaga tujuan"), validators=[DataRequired()])
    reason = TextAreaField(N_("Alasan rujukan"), validators=[DataRequired()])
    summary = TextAreaField(N_("Ringkasan untuk penerima"), validators=[DataRequired()],
                            description=N_("Hanya yang perlu diketahui penerima; tercetak di surat."))
    consent_checked = BooleanField(N_("Orang yang dirujuk (atau walinya) sudah menyetujui rujukan"))


class AnswerForm(FlaskForm):
    decision = SelectField(N_("Jawaban"), choices=[("accept", N_("Diterima")), ("decline", N_("Ditolak"))],
                           validators=[DataRequired()])
    responder = StringField(N_("Nama dan jabatan yang menjawab"), validators=[DataRequired(), Length(max=200)])
    decline_reason = TextAreaField(N_("Alasan penolakan"), validators=[Optional()])


class CompleteForm(FlaskForm):
    completed_on = StringField(N_("Tanggal diterima di lembaga"), validators=[DataRequired()],
                               render_kw={"inputmode": "numeric", "placeholder": "DD/MM/YYYY"})


class CancelForm(FlaskForm):
    cancel_reason = StringField(N_("Alasan pembatalan"), validators=[DataRequired(), Length(max=500)])


class TracingOpenForm(FlaskForm):
    which = HiddenField(default="open")
    opened_on = StringField(N_("Tanggal mulai penelusuran"), validators=[DataRequired()],
                            render_kw={"inputmode": "numeric", "placeholder": "DD/MM/YYYY"})


class ContactForm(FlaskForm):
    which = HiddenField(default="contact")
    name = StringField(N_("Nama anggota keluarga"), validators=[DataRequired(), Length(max=200)])
    relationship = StringField(N_("Hubungan keluarga"), validators=[DataRequired(), Length(max=60)])
    phone = StringField(N_("Telepon"), validators=[Optional(), Length(max=40)], render_kw={"inputmode": "tel"})
    address = TextAreaField(N_("Alamat"), validators=[Optional()])


class AttemptForm(FlaskForm):
    which = HiddenField(default="attempt")
    attempted_on = StringField(N_("Tanggal upaya"), validators=[DataRequired()],
                               render_kw={"inputmode": "numeric", "placeholder": "DD/MM/YYYY"})
    channel = SelectField(N_("Cara"), validators=[DataRequired()])
    result = TextAreaField(N_("Hasil"), validators=[DataRequired()])


class TracingStatusForm(FlaskForm):
    which = HiddenField(default="status")
    status = SelectField(N_("Status baru"), validators=[DataRequired()])


class ReunifyForm(FlaskForm):
    which = HiddenField(default="reunify")
    reunified_on = StringField(N_("Tanggal reunifikasi"), validators=[DataRequired()],
                               render_kw={"inputmode": "numeric", "placeholder": "DD/MM/YYYY"})
    relative_name = StringField(N_("Nama keluarga penerima"), validators=[DataRequired(), Length(max=200)])
    relationship = StringField(N_("Hubungan keluarga"), validators=[DataRequired(), Length(max=60)])
    place = StringField(N_("Tempat penyerahan"), validators=[DataRequired()])
    notes = TextAreaField(N_("Catatan"), validators=[Optional()])


class VisitForm(FlaskForm):
    visited_on = StringField(N_("Tanggal kunjungan"), validators=[DataRequired()],
                             render_kw={"inputmode": "numeric", "placeholder": "DD/MM/YYYY"})
    outcome = SelectField(N_("Hasil kunjungan"), validators=[DataRequired()])
    notes = TextAreaField(N_("Catatan"), validators=[Optional()])


class ReturnForm(FlaskForm):
    kind = SelectField(N_("Jenis pemulangan"), validators=[DataRequired()])
    origin_region_code = StringField(N_("Wilayah asal (kode)"), validators=[DataRequired(), Length(max=13)],
                                     description=N_("Tempat orang ditemukan/berangkat, mis. 18.72."))
    destination_region_code = StringField(N_("Wilayah tujuan (kode)"), validators=[DataRequired(), Length(max=13)],
                                          description=N_("Desa/kelurahan asal orang itu, mis. 33.74.01.1001."))
    destination_address = TextAreaField(N_("Alamat tujuan"), validators=[Optional()])
    transport = StringField(N_("Transportasi"), validators=[DataRequired(), Length(max=120)])
    cost = StringField(N_("Biaya (Rp)"), validators=[Optional()], render_kw={"inputmode": "numeric"})
    escort = StringField(N_("Pendamping"), validators=[Optional(), Length(max=200)])
    travel_on = StringField(N_("Tanggal berangkat"), validators=[DataRequired()],
                            render_kw={"inputmode": "numeric", "placeholder": "DD/MM/YYYY"})
    notes = TextAreaField(N_("Catatan"), validators=[Optional()])


class HandoverForm(FlaskForm):
    handed_over_on = StringField(N_("Tanggal serah terima"), validators=[DataRequired()],
                                 render_kw={"inputmode": "numeric", "placeholder": "DD/MM/YYYY"})
    receiver_name = StringField(N_("Nama penerima"), validators=[DataRequired(), Length(max=200)])
    receiver_role = SelectField(N_("Penerima"), validators=[DataRequired()])
    receiver_relationship = StringField(N_("Hubungan keluarga"), validators=[Optional(), Length(max=60)])


class ReturnCancelForm(FlaskForm):
    reason = StringField(N_("Alasan pembatalan"), validators=[DataRequired(), Length(max=500)])


class CareSettingsForm(FlaskForm):
    letter_number_format = StringField(N_("Format nomor surat rujukan"), validators=[DataRequired()],
                                       description=N_("Bagian: {seq} nomor urut, {code} kode klasifikasi, "
                                                      "{roman_month} bulan romawi, {month}, {year}."))
    letter_code = StringField(N_("Kode klasifikasi surat"), validators=[Optional(), Length(max=40)])
    followup_months = StringField(N_("Kunjungan lanjutan (bulan setelah reunifikasi)"), validators=[DataRequired()],
                                  description=N_("Dipisah koma, mis. 1, 3, 6."))
    answer_days = IntegerField(N_("Pengingat rujukan belum dijawab setelah (hari)"), validators=[DataRequired()])
    link_days = IntegerField(N_("Masa berlaku tautan jawaban (hari)"), validators=[DataRequired()])
    inactive_days = IntegerField(N_("Kasus tanpa kegiatan setelah (hari)"), validators=[DataRequired()])
