"""Forms of the reports area."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import HiddenField, IntegerField, StringField
from wtforms.validators import DataRequired, Optional

from service.core.errors import N_


class MonthForm(FlaskForm):
    year = HiddenField()
    month = HiddenField()


class PlanUploadForm(FlaskForm):
    year = IntegerField(N_("Tahun rencana"), validators=[DataRequired()])
    file = FileField(N_("Berkas rencana (CSV atau XLSX)"),
                     description=N_("Kolom: code, level, name, indicator, unit, target, budget."))


class HandEntryForm(FlaskForm):
    year = HiddenField()
    code = HiddenField()
    quarter = IntegerField(N_("Triwulan"), validators=[DataRequired()])
    value = StringField(N_("Capaian triwulan ini"), validators=[Optional()],
                        description=N_("Kosongkan untuk menghapus isian."))
    note = StringField(N_("Keterangan / sumber data"), validators=[Optional()])
