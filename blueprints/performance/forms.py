"""Forms of the performance area: a payment (or correction), a pagu revision, the budget upload."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.validators import Optional

from service.core.errors import N_
from service.performance.models import FUNDING_SOURCES


class PaymentForm(FlaskForm):
    code = SelectField(N_("Sub kegiatan"), choices=[], validate_choice=False)
    paid_on = StringField(N_("Tanggal bayar"), description=N_("DD/MM/YYYY"), render_kw={"inputmode": "numeric"})
    amount = StringField(N_("Jumlah (Rp)"), description=N_("Bilangan bulat rupiah, mis. 1.250.000. Negatif untuk koreksi."),
                         render_kw={"inputmode": "numeric"})
    funding_source = SelectField(N_("Sumber dana"), choices=[(s, s) for s in FUNDING_SOURCES], default="APBD")
    document_no = StringField(N_("Nomor bukti"), description=N_("Mis. nomor SP2D."))
    description = StringField(N_("Uraian"), validators=[Optional()])
    reason = TextAreaField(N_("Alasan koreksi"), validators=[Optional()],
                           description=N_("Wajib untuk jumlah negatif (koreksi)."))


class RevisionForm(FlaskForm):
    code = SelectField(N_("Sub kegiatan"), choices=[], validate_choice=False)
    effective_on = StringField(N_("Berlaku mulai"), description=N_("DD/MM/YYYY"), render_kw={"inputmode": "numeric"})
    budget = StringField(N_("Pagu baru (Rp)"), render_kw={"inputmode": "numeric"})
    kind = SelectField(N_("Jenis"), choices=[("pergeseran", N_("Pergeseran anggaran")),
                                              ("perubahan", N_("Perubahan anggaran"))])
    document_no = StringField(N_("Nomor dokumen"), validators=[Optional()])
    reason = TextAreaField(N_("Alasan"))


class BudgetImportForm(FlaskForm):
    file = FileField(N_("Berkas realisasi anggaran (CSV atau XLSX)"), render_kw={"accept": ".csv,.xlsx"})


class IndicatorForm(FlaskForm):
    code = StringField(N_("Kode indikator"))
    name = StringField(N_("Nama indikator"))
    kind = SelectField(N_("Jenis"), choices=[("input", "Input"), ("output", "Output"), ("outcome", "Outcome"),
                                              ("benefit", "Benefit"), ("impact", "Impact")], default="outcome")
    unit = StringField(N_("Satuan"), default="%")
    polarity = SelectField(N_("Polaritas"), choices=[("positive", N_("Positif: makin tinggi makin baik")),
                                                      ("negative", N_("Negatif: makin rendah makin baik"))])
    formula = StringField(N_("Rumus"), validators=[Optional()])
    numerator = StringField(N_("Pembilang"), validators=[Optional()])
    denominator = StringField(N_("Penyebut"), validators=[Optional()])
    baseline = StringField(N_("Nilai dasar (baseline)"), validators=[Optional()])
    baseline_year = StringField(N_("Tahun dasar"), validators=[Optional()])
    is_iku = BooleanField(N_("Indikator Kinerja Utama (IKU)"))
    supports = StringField(N_("Sub kegiatan pendukung"), validators=[Optional()],
                           description=N_("Kode sub kegiatan (atau kegiatan/program: semua sub kegiatannya), "
                                          "dipisah koma. Pagu IKU = jumlah pagu sub kegiatan ini."))


class IndicatorYearForm(FlaskForm):
    """The year's targets and, for an indicator no record produces, its realisation."""

    renstra_target = StringField(N_("Target Renstra"), validators=[Optional()])
    pk_target = StringField(N_("Target Perjanjian Kinerja"), validators=[Optional()])
    value = StringField(N_("Realisasi"), validators=[Optional()])
    numerator = StringField(N_("Pembilang"), validators=[Optional()])
    denominator = StringField(N_("Penyebut"), validators=[Optional()])
    note = StringField(N_("Keterangan / sumber data"), validators=[Optional()])


class RenstraForm(FlaskForm):
    file = FileField(N_("Berkas Renstra (CSV atau XLSX)"), render_kw={"accept": ".csv,.xlsx"})
