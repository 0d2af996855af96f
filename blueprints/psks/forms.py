"""Forms of the PSKS register."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.validators import Length, Optional

from service.core.errors import N_

DATE_KW = {"inputmode": "numeric", "placeholder": "31/12/2026"}


class WorkerForm(FlaskForm):
    kind = SelectField(N_("Jenis PSKS"))
    name = StringField(N_("Nama"), validators=[Optional(), Length(max=200)])
    nik = StringField(N_("NIK"), validators=[Optional(), Length(max=20)], render_kw={"inputmode": "numeric"})
    sex = SelectField(N_("Jenis kelamin"), validators=[Optional()])
    birth_date = StringField(N_("Tanggal lahir"), validators=[Optional()], render_kw=DATE_KW)
    phone = StringField(N_("Telepon/WhatsApp"), validators=[Optional(), Length(max=40)], render_kw={"inputmode": "tel"})
    address = StringField(N_("Alamat"), validators=[Optional(), Length(max=500)])
    area_code = SelectField(N_("Wilayah tugas"), validate_choice=False,
                            description=N_("TKSK: kecamatan; PSM: desa/kelurahan."))
    appointment_number = StringField(N_("Nomor SK penetapan"), validators=[Optional(), Length(max=120)])
    appointed_on = StringField(N_("Tanggal SK"), validators=[Optional()], render_kw=DATE_KW)
    certificate_number = StringField(N_("Nomor sertifikat kompetensi"), validators=[Optional(), Length(max=120)])
    ended_on = StringField(N_("Tanggal berhenti"), validators=[Optional()], render_kw=DATE_KW,
                           description=N_("Diisi bila tidak aktif lagi."))
    notes = TextAreaField(N_("Catatan"), validators=[Optional(), Length(max=2000)])


class OrganisationForm(FlaskForm):
    kind = SelectField(N_("Jenis lembaga"))
    institution_id = SelectField(N_("LKS yang sudah ada di daftar lembaga"), validate_choice=False,
                                 validators=[Optional()],
                                 description=N_("Hanya untuk LKS: pilih bila lembaga sudah terdaftar (rujukan, "
                                                "penempatan), agar tidak tercatat dua kali."))
    name = StringField(N_("Nama lembaga"), validators=[Optional(), Length(max=200)])
    region_code = SelectField(N_("Wilayah"), validate_choice=False)
    address = StringField(N_("Alamat"), validators=[Optional(), Length(max=500)])
    leader_name = StringField(N_("Ketua / pimpinan"), validators=[Optional(), Length(max=200)])
    phone = StringField(N_("Telepon"), validators=[Optional(), Length(max=40)], render_kw={"inputmode": "tel"})
    registration_number = StringField(N_("Nomor SK pengukuhan"), validators=[Optional(), Length(max=120)])
    founded_on = StringField(N_("Tanggal berdiri"), validators=[Optional()], render_kw=DATE_KW)
    members = StringField(N_("Jumlah anggota / pengurus"), validators=[Optional(), Length(max=6)],
                          render_kw={"inputmode": "numeric"})
    services = TextAreaField(N_("Layanan / kegiatan"), validators=[Optional(), Length(max=2000)])
    notes = TextAreaField(N_("Catatan"), validators=[Optional(), Length(max=2000)])
    active = BooleanField(N_("Aktif"), default=True)


class DocumentForm(FlaskForm):
    kind = SelectField(N_("Jenis dokumen"))
    number = StringField(N_("Nomor dokumen"), validators=[Optional(), Length(max=120)])
    issued_on = StringField(N_("Tanggal terbit"), render_kw=DATE_KW)
    expires_on = StringField(N_("Berlaku sampai"), validators=[Optional()], render_kw=DATE_KW)
    grade = SelectField(N_("Nilai akreditasi"), validators=[Optional()])
    issuer = StringField(N_("Diterbitkan oleh"), validators=[Optional(), Length(max=200)])


class TrainingForm(FlaskForm):
    title = StringField(N_("Nama pelatihan / bimtek"), validators=[Optional(), Length(max=300)])
    organiser = StringField(N_("Penyelenggara"), validators=[Optional(), Length(max=200)])
    starts_on = StringField(N_("Tanggal mulai"), render_kw=DATE_KW)
    ends_on = StringField(N_("Tanggal selesai"), render_kw=DATE_KW)
    location = StringField(N_("Tempat"), validators=[Optional(), Length(max=300)])
    area_code = SelectField(N_("Wilayah"), validate_choice=False)
    notes = TextAreaField(N_("Catatan"), validators=[Optional(), Length(max=2000)])


class ParticipantForm(FlaskForm):
    worker_id = SelectField(N_("PSKS perseorangan"), validate_choice=False, validators=[Optional()])
    organisation_id = SelectField(N_("Lembaga"), validate_choice=False, validators=[Optional()])
    representative = StringField(N_("Diwakili oleh"), validators=[Optional(), Length(max=200)])
    certificate_number = StringField(N_("Nomor sertifikat"), validators=[Optional(), Length(max=120)])
