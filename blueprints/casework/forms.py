"""Forms of the casework area."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.validators import Length, Optional

from blueprints.core.forms import MultiCheckboxField
from service.core.errors import N_


class CaseForm(FlaskForm):
    category_code = SelectField(N_("Kategori PPKS"))
    intake_source = SelectField(N_("Sumber rujukan/penerimaan"))
    intake_date = StringField(N_("Tanggal intake"), render_kw={"inputmode": "numeric", "placeholder": "31/12/2026"})
    found_place = StringField(N_("Tempat ditemukan"), validators=[Optional(), Length(max=300)])
    urgency = SelectField(N_("Tingkat kedaruratan"))
    worker_id = SelectField(N_("Petugas yang menangani"), validators=[Optional()])
    consent_given = BooleanField(N_("Persetujuan (informed consent) sudah diberikan"))
    consent_by = StringField(N_("Persetujuan diberikan oleh"), validators=[Optional(), Length(max=200)],
                             description=N_("Yang bersangkutan, atau nama wali/keluarga."))
    notes = TextAreaField(N_("Catatan"), validators=[Optional(), Length(max=2000)])


class AssessmentForm(FlaskForm):
    assessed_on = StringField(N_("Tanggal asesmen"), render_kw={"inputmode": "numeric", "placeholder": "31/12/2026"})
    neglected = BooleanField(N_("Terlantar"), default=True)
    outside_institution = BooleanField(N_("Di luar panti"), default=True)
    needs = MultiCheckboxField(N_("Kebutuhan layanan"), validators=[Optional()])
    notes = TextAreaField(N_("Catatan asesmen"), validators=[Optional(), Length(max=4000)])


class PlanItemForm(FlaskForm):
    service_type_code = SelectField(N_("Layanan"), validate_choice=False)
    responsible_id = SelectField(N_("Penanggung jawab"), validate_choice=False)
    due_on = StringField(N_("Tenggat"), render_kw={"inputmode": "numeric", "placeholder": "31/12/2026"})
    notes = StringField(N_("Catatan"), validators=[Optional(), Length(max=300)])


class ClosureForm(FlaskForm):
    close_reason = SelectField(N_("Alasan penutupan"), validate_choice=False)
    note = StringField(N_("Keterangan"), validators=[Optional(), Length(max=300)])


class ReasonForm(FlaskForm):
    reason = StringField(N_("Alasan"), validators=[Optional(), Length(max=300)])


class DecisionForm(FlaskForm):
    comment = StringField(N_("Komentar"), validators=[Optional(), Length(max=1000)])
    decision = StringField()


class WorkerForm(FlaskForm):
    worker_id = SelectField(N_("Petugas yang menangani"), validators=[Optional()])


class PlanDoneForm(FlaskForm):
    delivery_id = SelectField(N_("Pemberian layanan yang memenuhi (opsional)"), validate_choice=False,
                              validators=[Optional()])


class PlanCancelForm(FlaskForm):
    reason = StringField(N_("Alasan pembatalan"), validators=[Optional(), Length(max=300)])
