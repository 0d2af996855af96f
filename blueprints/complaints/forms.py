"""Forms of the complaints desk (staff pages and the public form)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import Length, Optional

from blueprints.core.forms import SEX_CHOICES, SegmentedField
from service.core.errors import N_

DATE_KW = {"inputmode": "numeric", "placeholder": "31/12/2026"}


class ComplaintForm(FlaskForm):
    """Staff: a complaint from any channel."""

    channel = SelectField(N_("Saluran"))
    category_code = SelectField(N_("Kategori"))
    received_on = StringField(N_("Tanggal diterima"), render_kw=DATE_KW)
    area_code = SelectField(N_("Wilayah yang diadukan"), validate_choice=False)
    location = StringField(N_("Lokasi / alamat kejadian"), validators=[Optional(), Length(max=300)])
    description = TextAreaField(N_("Uraian pengaduan atau permohonan"), validators=[Optional(), Length(max=5000)])
    complainant_name = StringField(N_("Nama pelapor"), validators=[Optional(), Length(max=200)])
    complainant_phone = StringField(N_("Telepon/WhatsApp pelapor"), validators=[Optional(), Length(max=40)],
                                    render_kw={"inputmode": "tel", "autocomplete": "tel"})
    complainant_address = StringField(N_("Alamat pelapor"), validators=[Optional(), Length(max=300)])
    complainant_relation = SelectField(N_("Hubungan pelapor dengan yang diadukan"), validators=[Optional()])


class PublicComplaintForm(FlaskForm):
    """The public web form: no login; a signed token, a sum to answer and an empty trap field."""

    category_code = SelectField(N_("Jenis pengaduan"))
    area_code = SelectField(N_("Kecamatan/kelurahan"), validate_choice=False)
    location = StringField(N_("Lokasi / alamat kejadian"), validators=[Optional(), Length(max=300)])
    description = TextAreaField(N_("Uraian pengaduan atau permohonan"), validators=[Optional(), Length(max=5000)])
    complainant_name = StringField(N_("Nama Anda"), validators=[Optional(), Length(max=200)],
                                   render_kw={"autocomplete": "name"})
    complainant_phone = StringField(N_("Nomor telepon/WhatsApp"), validators=[Optional(), Length(max=40)],
                                    render_kw={"inputmode": "tel", "autocomplete": "tel"})
    complainant_relation = SelectField(N_("Anda melapor untuk"), validators=[Optional()])
    answer = StringField(N_("Pertanyaan keamanan"), validators=[Optional(), Length(max=6)],
                         render_kw={"inputmode": "numeric", "autocomplete": "off"})
    token = HiddenField()
    # A trap for robots: hidden from people by CSS, must stay empty.
    website = StringField(N_("Situs web (kosongkan)"), validators=[Optional()],
                          render_kw={"autocomplete": "off", "tabindex": "-1"})


class LookupForm(FlaskForm):
    number = StringField(N_("Nomor pengaduan"), validators=[Optional(), Length(max=30)],
                         render_kw={"placeholder": "ADU-2026-00042", "autocomplete": "off", "autocapitalize": "characters"})
    code = StringField(N_("Kode akses"), validators=[Optional(), Length(max=20)],
                       render_kw={"placeholder": "ABCDE-FGHJK", "autocomplete": "off", "autocapitalize": "characters"})


class AssignForm(FlaskForm):
    assignee_id = SelectField(N_("Petugas"), validate_choice=False)


class StatusForm(FlaskForm):
    to_status = SelectField(N_("Status baru"), validate_choice=False)
    reason = StringField(N_("Alasan"), validators=[Optional(), Length(max=1000)],
                         description=N_("Wajib untuk menolak atau membuka kembali."))
    resolution = TextAreaField(N_("Yang sudah dilakukan"), validators=[Optional(), Length(max=5000)],
                               description=N_("Wajib untuk menyelesaikan pengaduan."))
    resolved_on = StringField(N_("Tanggal selesai"), render_kw=DATE_KW)


class NoteForm(FlaskForm):
    note = TextAreaField(N_("Catatan tindak lanjut"), validators=[Optional(), Length(max=5000)])


class IntakeForm(FlaskForm):
    """A report of a neglected person becomes a case: the person (found or new) and the case."""

    person_id = StringField()  # an existing person chosen among the likely duplicates (radio buttons)
    confirmed = HiddenField(default="")
    name = StringField(N_("Nama orang yang dilaporkan"), validators=[Optional(), Length(max=200)],
                       description=N_("Nama panggilan pun boleh bila nama lengkap belum diketahui."))
    sex = SegmentedField(N_("Jenis kelamin"), choices=SEX_CHOICES, validators=[Optional()])  # two large buttons
    age = StringField(N_("Perkiraan umur"), validators=[Optional(), Length(max=3)], render_kw={"inputmode": "numeric"})
    village_code = SelectField(N_("Desa/kelurahan tempat ditemukan"), validate_choice=False)
    ppks_category_code = SelectField(N_("Kategori PPKS"))
    urgency = SelectField(N_("Tingkat kedaruratan"))
    worker_id = SelectField(N_("Petugas yang menangani"), validate_choice=False, validators=[Optional()])

