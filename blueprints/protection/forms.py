"""Forms of the protection area."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.validators import Length, Optional

from blueprints.core.forms import MultiCheckboxField
from service.core.errors import N_

DATE_KW = {"inputmode": "numeric", "placeholder": "31/12/2026"}


class SubjectMixin:
    nik = StringField(N_("NIK orang"), validators=[Optional(), Length(max=20)], render_kw={"inputmode": "numeric"})
    kk = StringField(N_("atau nomor KK keluarga"), validators=[Optional(), Length(max=20)],
                     render_kw={"inputmode": "numeric"})


class ProposalForm(SubjectMixin, FlaskForm):
    kind = SelectField(N_("Jenis usulan"))
    removal_reason = SelectField(N_("Alasan penindaklayakan"), validators=[Optional()],
                                 description=N_("Hanya untuk penindaklayakan."))
    proposed_on = StringField(N_("Tanggal usulan"), validators=[Optional()], render_kw=DATE_KW)
    reason = TextAreaField(N_("Apa yang diusulkan dan alasannya"), validators=[Optional(), Length(max=2000)])


class EvidenceForm(FlaskForm):
    kind = SelectField(N_("Jenis bukti"))
    held_on = StringField(N_("Tanggal"), validators=[Optional()], render_kw=DATE_KW)
    reference = StringField(N_("Nomor berita acara"), validators=[Optional(), Length(max=120)])
    officer = StringField(N_("Petugas / pimpinan musyawarah"), validators=[Optional(), Length(max=200)])
    finding = TextAreaField(N_("Hasil verifikasi"), validators=[Optional(), Length(max=2000)])


class ReasonForm(FlaskForm):
    reason = StringField(N_("Alasan"), validators=[Optional(), Length(max=1000)])


class BatchForm(FlaskForm):
    period = StringField(N_("Periode (tahun-bulan)"), validators=[Optional(), Length(max=7)],
                         render_kw={"placeholder": "2026-12", "inputmode": "numeric"})
    notes = StringField(N_("Catatan"), validators=[Optional(), Length(max=500)])


class AddToBatchForm(FlaskForm):
    proposals = MultiCheckboxField(N_("Usulan terverifikasi"), validate_choice=False)


class AnswerForm(FlaskForm):
    answer = SelectField(N_("Jawaban kementerian"), validate_choice=False)
    answer_reason = StringField(N_("Alasan penolakan"), validators=[Optional(), Length(max=1000)])
    answered_on = StringField(N_("Tanggal jawaban"), validators=[Optional()], render_kw=DATE_KW)


class AnswersFileForm(FlaskForm):
    file = FileField(N_("Berkas jawaban kementerian (CSV: ID_USULAN, HASIL, ALASAN)"))


class EnrolForm(SubjectMixin, FlaskForm):
    programme_code = SelectField(N_("Program"))
    member_number = StringField(N_("Nomor peserta (KPM/KKS/BPJS)"), validators=[Optional(), Length(max=60)])
    stage = StringField(N_("Tahap penyaluran"), validators=[Optional(), Length(max=60)],
                        render_kw={"placeholder": "2026 tahap 1"})
    started_on = StringField(N_("Mulai menjadi peserta"), validators=[Optional()], render_kw=DATE_KW)


class MembershipStatusForm(FlaskForm):
    status = SelectField(N_("Status"))
    stage = StringField(N_("Tahap penyaluran"), validators=[Optional(), Length(max=60)])
    on = StringField(N_("Tanggal"), validators=[Optional()], render_kw=DATE_KW)
    reason = StringField(N_("Alasan"), validators=[Optional(), Length(max=1000)])


class ProgrammeForm(FlaskForm):
    code = StringField(N_("Kode"), validators=[Optional(), Length(max=30)])
    name = StringField(N_("Nama program"), validators=[Optional(), Length(max=200)])
    unit = SelectField(N_("Sasaran"))
    description = StringField(N_("Keterangan"), validators=[Optional(), Length(max=500)])
    active = BooleanField(N_("Aktif"), default=True)


class LetterForm(FlaskForm):
    nik = StringField(N_("NIK orang"), validators=[Optional(), Length(max=20)], render_kw={"inputmode": "numeric"})
    addressed_to = StringField(N_("Kepada (rumah sakit / kantor BPJS Kesehatan)"),
                               validators=[Optional(), Length(max=200)])
    reason = TextAreaField(N_("Alasan kebutuhan jaminan kesehatan"), validators=[Optional(), Length(max=2000)])
    letter_date = StringField(N_("Tanggal surat"), validators=[Optional()], render_kw=DATE_KW)


class LetterAnswerForm(FlaskForm):
    status = SelectField(N_("Jawaban"))
    responder = StringField(N_("Yang menjawab"), validators=[Optional(), Length(max=200)])
    answered_on = StringField(N_("Tanggal jawaban"), validators=[Optional()], render_kw=DATE_KW)
    note = StringField(N_("Keterangan / alasan"), validators=[Optional(), Length(max=1000)])


class DocumentForm(FlaskForm):
    nik = StringField(N_("NIK orang (bila sudah ada)"), validators=[Optional(), Length(max=20)],
                      render_kw={"inputmode": "numeric"})
    person_id = StringField(N_("atau ID orang"), validators=[Optional(), Length(max=40)])
    kind = SelectField(N_("Dokumen yang diperoleh"))
    number = StringField(N_("Nomor dokumen"), validators=[Optional(), Length(max=60)])
    obtained_on = StringField(N_("Tanggal terbit"), validators=[Optional()], render_kw=DATE_KW)


class GraveForm(FlaskForm):
    cemetery = StringField(N_("Taman makam"), validators=[Optional(), Length(max=200)])
    plot = StringField(N_("Blok/petak"), validators=[Optional(), Length(max=40)])
    hero_name = StringField(N_("Nama yang dimakamkan"), validators=[Optional(), Length(max=200)])
    rank = StringField(N_("Pangkat/golongan"), validators=[Optional(), Length(max=120)])
    buried_on = StringField(N_("Tanggal dimakamkan"), validators=[Optional()], render_kw=DATE_KW)
    area_code = SelectField(N_("Wilayah"), validate_choice=False)


class MaintenanceForm(FlaskForm):
    graves = MultiCheckboxField(N_("Makam yang dipelihara"), validate_choice=False)
    work = SelectField(N_("Jenis pemeliharaan"))
    done_on = StringField(N_("Tanggal"), validators=[Optional()], render_kw=DATE_KW)
    notes = StringField(N_("Catatan"), validators=[Optional(), Length(max=500)])


class CeremonyForm(FlaskForm):
    day = SelectField(N_("Hari nasional"))
    held_on = StringField(N_("Tanggal"), validators=[Optional()], render_kw=DATE_KW)
    place = StringField(N_("Tempat"), validators=[Optional(), Length(max=200)])
    participants = StringField(N_("Jumlah peserta"), validators=[Optional(), Length(max=8)],
                               render_kw={"inputmode": "numeric"})
    area_code = SelectField(N_("Wilayah"), validate_choice=False)
    notes = StringField(N_("Catatan"), validators=[Optional(), Length(max=500)])
